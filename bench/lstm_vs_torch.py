#!/usr/bin/env python3
"""Ferry's LSTM family vs PyTorch on CPU, same data, same threads, in one run.

    make bench-lstm        (or: bench/.venv/bin/python bench/lstm_vs_torch.py [THREADS...])

For each variant (lightweight 32x1, baseline 64x2, enhanced 128x3, attention = baseline + 8-head
self-attention) and each thread count (default 1 and 2; OPENBLAS_NUM_THREADS for Ferry,
torch.set_num_threads for PyTorch):
- one training epoch over 5,000 windows x 30 steps x 35 features (5,029 seeded rows; every window
  of 30 consecutive rows), batch 64, shuffled, dropout 0.2 between layers, BCE-with-logits loss,
  clip_grad_norm_(1), Adam(lr 1e-3): best of 3 epochs (PyTorch after one warm-up epoch);
- the median latency of one window's prediction (1 x 30 x 35) over 2,000 calls, PyTorch in eval
  mode under torch.inference_mode();
- Ferry's peak RSS (VmHWM of the benchmark process) and PyTorch's process peak RSS.

Ferry's products run on OpenBLAS, whose kernels follow OPENBLAS_CORETYPE when it is set (this
machine's environment sets Haswell, the AVX2 kernels) and its own CPU detection otherwise
(AVX-512 kernels here). When the variable is set, Ferry is timed both ways: `ferry` as the
environment has it, `ferry_openblas_own_kernels` with the variable removed. PyTorch's LSTM runs
on oneDNN, which the variable does not touch.
"""
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np
import torch

from torch_lstm_network import Network

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEQUENCES, STEPS, FEATURES, BATCH = 5000, 30, 35, 64
ROWS = SEQUENCES + STEPS - 1
VARIANTS = {"lightweight": (32, 1, 0), "baseline": (64, 2, 0), "enhanced": (128, 3, 0), "attention": (64, 2, 8)}
EPOCH_RUNS, LATENCY_CALLS = 3, 2000


def torch_epoch(model, windows, targets, generator):
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    order = torch.randperm(SEQUENCES, generator=generator)
    start = time.perf_counter()
    for first in range(0, SEQUENCES, BATCH):
        batch = order[first:first + BATCH]
        optimizer.zero_grad()
        loss = loss_fn(model(windows[batch]), targets[batch])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
    return time.perf_counter() - start


def torch_latency(model, window):
    model.eval()
    times = []
    with torch.inference_mode():
        for _ in range(100):
            model(window)
        for _ in range(LATENCY_CALLS):
            start = time.perf_counter()
            model(window)
            times.append(time.perf_counter() - start)
    return float(np.median(times))


def main():
    threads = [int(t) for t in sys.argv[1:]] or [1, 2]
    rng = np.random.default_rng(20261121)
    rows = rng.normal(size=(ROWS, FEATURES))
    target = (rng.random(ROWS) < 0.5).astype(np.float64)
    os.makedirs(os.path.join(ROOT, "bench", ".data"), exist_ok=True)
    path = os.path.join(ROOT, "bench", ".data", f"lstm_{ROWS}x{FEATURES}.bin")
    np.concatenate([rows.ravel(order="F"), target]).astype(np.float64).tofile(path)
    # The same standardised windows Ferry builds: window i is rows i .. i+29, its target the last row's.
    standardised = ((rows - rows.mean(axis=0)) / rows.std(axis=0)).astype(np.float32)
    windows = torch.from_numpy(np.lib.stride_tricks.sliding_window_view(standardised, STEPS, axis=0).transpose(0, 2, 1).copy())
    targets = torch.from_numpy(target[STEPS - 1:].astype(np.float32))

    subprocess.run(["swift", "build", "-c", "release", "--product", "LSTMBenchmark"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "LSTMBenchmark")
    results = []
    for count in threads:
        torch.set_num_threads(count)
        for variant, (hidden, layers, heads) in VARIANTS.items():
            torch.manual_seed(0)
            model = Network(FEATURES, hidden, layers, heads)
            generator = torch.Generator().manual_seed(0)
            torch_epoch(model, windows, targets, generator)
            torch_seconds = min(torch_epoch(model, windows, targets, generator) for _ in range(EPOCH_RUNS))
            torch_single = torch_latency(model, windows[:1])
            configurations = {"ferry": dict(os.environ, OPENBLAS_NUM_THREADS=str(count))}
            if "OPENBLAS_CORETYPE" in os.environ:
                own = dict(configurations["ferry"])
                del own["OPENBLAS_CORETYPE"]
                configurations["ferry_openblas_own_kernels"] = own
            # Ferry's own kernels held to AVX2 + FMA: what a CPU without AVX-512 gets (the same bits).
            configurations["ferry_avx2_kernels"] = dict(configurations["ferry"], FERRY_KERNELS="avx2")
            for name, environment in configurations.items():
                ferry = json.loads(subprocess.run(
                    [binary, path, str(ROWS), str(FEATURES), "baseline" if heads else variant, str(heads), str(EPOCH_RUNS), str(LATENCY_CALLS)],
                    check=True, capture_output=True, text=True, env=environment).stdout)
                result = {
                    "variant": variant, "threads": count, "ferry": name,
                    "openblas_coretype": environment.get("OPENBLAS_CORETYPE", "(OpenBLAS's own choice)"),
                    "ferry_kernel": ferry["ferry_kernel"],
                    "torch_epoch_seconds": torch_seconds, "ferry_epoch_seconds": ferry["epoch_seconds"],
                    "epoch_ratio_ferry_over_torch": ferry["epoch_seconds"] / torch_seconds,
                    "torch_latency_us": torch_single * 1e6, "ferry_latency_us": ferry["latency_median_seconds"] * 1e6,
                    "latency_ratio_ferry_over_torch": ferry["latency_median_seconds"] / torch_single,
                    "ferry_peak_rss_mib": ferry["peak_rss_bytes"] / 2**20,
                }
                results.append(result)
                print(f"{variant:12} threads {count} {name:27} ({ferry['ferry_kernel']}): epoch Ferry {result['ferry_epoch_seconds']:.3f} s vs PyTorch "
                      f"{torch_seconds:.3f} s (ratio {result['epoch_ratio_ferry_over_torch']:.2f}); latency {result['ferry_latency_us']:.0f} us "
                      f"vs {result['torch_latency_us']:.0f} us (ratio {result['latency_ratio_ferry_over_torch']:.2f}); "
                      f"Ferry peak {result['ferry_peak_rss_mib']:.0f} MiB", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"torch": torch.__version__, "torch_process_peak_rss_mib": peak, "results": results}, indent=2))


if __name__ == "__main__":
    main()
