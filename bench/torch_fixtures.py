#!/usr/bin/env python3
"""Writes PyTorch reference outputs for Ferry's LSTM networks:
Plugins/LSTM/Tests/Fixtures/torch_lstm.json.

    bench/.venv/bin/python bench/torch_fixtures.py

The weights are not stored: every tensor is filled from a formula both sides compute,
    value[i] = sin(0.37 i + 0.11 s) / sqrt(hidden),  s = the sum of the tensor name's character codes,
in float64 and rounded to float32, under PyTorch's own names and layout (lstm.weight_ih_l0, ...,
attention.in_proj_weight, ..., fc.weight, fc.bias; gates i, f, g, o). The input is
value[i] = 1.5 cos(0.11 i) over (batch 3, steps 12, features 6). For each variant,
nn.LSTM(batch_first=True) in eval mode (no dropout), for the attention variant
nn.MultiheadAttention(hidden, 8, batch_first=True) over its outputs read at the last step, and
nn.Linear(hidden, 1) give the head's output on the last step, before the sigmoid, and the top
layer's last hidden state; then the gradients of one step's loss, the mean squared
error against TARGETS, kept per tensor as the sum, the sum of absolute values and every 97th
entry (so the fixture stays small); then two steps of torch.optim.Adam (lr 0.01) on that same
gradient after clip_grad_norm_(max_norm=1), kept as every 389th entry of each updated tensor.
"""
import json
import math
import os

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Plugins", "LSTM", "Tests", "Fixtures", "torch_lstm.json")
# name: (hidden, layers, attention heads)
VARIANTS = {"lightweight": (32, 1, 0), "baseline": (64, 2, 0), "enhanced": (128, 3, 0), "attention": (64, 2, 8)}
BATCH, STEPS, FEATURES = 3, 12, 6
TARGETS = [0.1, -0.2, 0.3]


def formula(name, shape, hidden):
    count = int(np.prod(shape))
    offset = sum(ord(c) for c in name)
    values = np.sin(0.37 * np.arange(count, dtype=np.float64) + 0.11 * offset) / math.sqrt(hidden)
    return torch.from_numpy(values.astype(np.float32).reshape(shape))


def main():
    torch.set_num_threads(1)
    inputs = (1.5 * np.cos(0.11 * np.arange(BATCH * STEPS * FEATURES, dtype=np.float64))).astype(np.float32)
    x = torch.from_numpy(inputs.reshape(BATCH, STEPS, FEATURES))
    cases = []
    for variant, (hidden, layers, heads) in VARIANTS.items():
        lstm = torch.nn.LSTM(FEATURES, hidden, num_layers=layers, batch_first=True, dropout=0.2 if layers > 1 else 0.0)
        attention = torch.nn.MultiheadAttention(hidden, heads, batch_first=True) if heads else None
        fc = torch.nn.Linear(hidden, 1)
        modules = [("lstm", lstm)] + ([("attention", attention)] if heads else []) + [("fc", fc)]
        with torch.no_grad():
            for prefix, module in modules:
                for name, parameter in module.named_parameters():
                    parameter.copy_(formula(f"{prefix}.{name}", tuple(parameter.shape), hidden))
        for _, module in modules:
            module.eval()
        outputs, _ = lstm(x)
        last = outputs[:, -1, :]
        head_input = attention(outputs, outputs, outputs, need_weights=False)[0][:, -1, :] if heads else last
        head = fc(head_input).squeeze(1)
        torch.nn.functional.mse_loss(head, torch.tensor(TARGETS)).backward()
        gradients = {}
        for prefix, module in modules:
            for name, parameter in module.named_parameters():
                flat = parameter.grad.detach().reshape(-1).double()
                gradients[f"{prefix}.{name}"] = {
                    "sum": float(flat.sum()), "abs_sum": float(flat.abs().sum()),
                    "samples": [[i, float(flat[i])] for i in range(0, flat.numel(), 97)],
                }
        head, last = head.detach(), last.detach()
        parameters = [parameter for _, module in modules for parameter in module.parameters()]
        norm = float(torch.nn.utils.clip_grad_norm_(parameters, max_norm=1.0))
        optimizer = torch.optim.Adam(parameters, lr=0.01)
        optimizer.step()
        optimizer.step()
        updated = {}
        for prefix, module in modules:
            for name, parameter in module.named_parameters():
                flat = parameter.detach().reshape(-1).double()
                updated[f"{prefix}.{name}"] = [[i, float(flat[i])] for i in range(0, flat.numel(), 389)]
        cases.append({
            "variant": variant, "hidden": hidden, "layers": layers, "heads": heads,
            "tensors": [f"{prefix}.{name}" for prefix, module in modules for name, _ in module.named_parameters()],
            "head": [float(v) for v in head], "last_hidden": [float(v) for v in last.reshape(-1)], "gradients": gradients,
            "gradient_norm": norm, "after_two_adam_steps": updated,
        })
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as handle:
        json.dump({"torch": torch.__version__, "targets": TARGETS, "batch": BATCH, "steps": STEPS, "features": FEATURES, "cases": cases}, handle)
        handle.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
