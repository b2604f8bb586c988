#!/usr/bin/env python3
"""Loads a Ferry LSTM bundle's weights into PyTorch and reproduces the bundle's golden outputs.

    bench/.venv/bin/python bench/torch_loads_ferry_bundle.py BUNDLE.tar.gz [BUNDLE.tar.gz ...]

Reads manifest.json (plugin, hyperparameters), golden.json (input rows, outputs, tolerance) and
weights.safetensors straight from the archive (nothing is extracted), builds torch.nn.LSTM
(batch_first=True), nn.MultiheadAttention for attention-lstm, and nn.Linear(hidden, 1), and loads
the lstm.*, attention.* and fc.* tensors with load_state_dict(strict=True): no renaming, no
reshaping. The rows are standardised with scaler.mean / scaler.scale; golden row r is predicted
from rows 0..r (the golden rows are one run, so row r's window holds the rows before it, up to
lookback); the head's output goes through a sigmoid, or for a linear head is unscaled with
target.mean / target.scale. Exits 1 if any output differs from the bundle's by more than its tolerance.
"""
import json
import sys
import tarfile

import torch
from safetensors.torch import load as load_safetensors

from torch_lstm_network import Network

VARIANTS = {"baseline": (64, 2), "enhanced": (128, 3), "lightweight": (32, 1)}


def read_bundle(path):
    files = {}
    with tarfile.open(path, "r:gz") as archive:
        for member in archive.getmembers():
            if member.isfile():
                files[member.name.split("/", 1)[1]] = archive.extractfile(member).read()
    return files


def check(path):
    files = read_bundle(path)
    manifest, golden = json.loads(files["manifest.json"]), json.loads(files["golden.json"])
    plugin, settings = manifest["plugin"]["id"], manifest["hyperparameters"]
    if plugin not in ("lstm", "attention-lstm"):
        raise SystemExit(f"{path}: plugin {plugin} is not an LSTM")
    tensors = load_safetensors(files["weights.safetensors"])
    hidden, layers = VARIANTS[settings["variant"]]
    heads = settings.get("heads", 0) if plugin == "attention-lstm" else 0
    model = Network(len(golden["features"]), hidden, layers, heads)
    model.load_state_dict({name: tensor for name, tensor in tensors.items() if name.split(".")[0] in ("lstm", "attention", "fc")}, strict=True)
    model.eval()

    rows = (torch.tensor(golden["inputs"], dtype=torch.float64) - tensors["scaler.mean"]) / tensors["scaler.scale"]
    rows = rows.float()
    lookback = settings["lookback"]
    outputs = []
    with torch.inference_mode():
        for r in range(rows.shape[0]):
            window = rows[max(0, r - lookback + 1):r + 1].unsqueeze(0)
            head = model(window).double()[0]
            if "target.mean" in tensors:
                outputs.append(float(head * tensors["target.scale"][0] + tensors["target.mean"][0]))
            else:
                outputs.append(float(torch.sigmoid(head)))
    worst = max(abs(ours - theirs) for ours, theirs in zip(outputs, golden["outputs"]))
    verdict = "reproduced" if worst <= golden["tolerance"] else "DIFFERS"
    print(f"{path}: {plugin} {settings['variant']} ({hidden}x{layers}{f', {heads} heads' if heads else ''}), "
          f"{len(outputs)} golden outputs {verdict}: largest difference {worst:.2e} (tolerance {golden['tolerance']:g}; torch {torch.__version__})")
    return worst <= golden["tolerance"]


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    results = [check(path) for path in sys.argv[1:]]
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
