#!/usr/bin/env python3
"""Ferry's whole feature set vs TA-Lib's 21 series, on the same 1,000,000 synthetic bars, in one run.

    make bench-features        (or: bench/.venv/bin/python bench/features_vs_talib.py [ROWS])

Writes seeded synthetic OHLCV (a geometric random walk) to bench/.data/, times TA-Lib on it in
this process, and runs the release build of bench/FeatureBenchmark on the same file: the whole
feature set, and exactly TA-Lib's 21 series. Five interleaved rounds; in each, every side reports
its best of 3 runs (warm) and Ferry its first (cold: what a one-shot command pays, page faults
included); medians and ranges over the rounds. Memory: Ferry's peak resident memory during the runs
above what the loaded input holds, beside the table's own size (cells x 8 bytes, index included).
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy as np
import talib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = 5
WARM = 3


def synthetic_bars(rows, seed=20261121):
    rng = np.random.default_rng(seed)
    close = 100.0 * np.exp(np.cumsum(rng.normal(0.0002, 0.01, rows)))
    previous = np.concatenate([[100.0], close[:-1]])
    open_ = previous * (1 + rng.normal(0, 0.002, rows))
    high = np.maximum(open_, close) * (1 + np.abs(rng.normal(0, 0.005, rows)))
    low = np.minimum(open_, close) * (1 - np.abs(rng.normal(0, 0.005, rows)))
    volume = np.round(rng.lognormal(15, 1, rows))
    reference = 50.0 * np.exp(np.cumsum(rng.normal(0, 0.015, rows)))
    return [np.ascontiguousarray(a, dtype=np.float64) for a in (open_, high, low, close, volume, reference)]


def bars_file(rows):
    """Writes `rows` synthetic bars to bench/.data/ohlcv_ROWS.bin (the columns one after another,
    as bench/FeatureBenchmark reads them); returns the path and the columns."""
    os.makedirs(os.path.join(ROOT, "bench", ".data"), exist_ok=True)
    path = os.path.join(ROOT, "bench", ".data", f"ohlcv_{rows}.bin")
    bars = synthetic_bars(rows)
    np.concatenate(bars).tofile(path)
    return path, bars


def talib_21(high, low, close, volume):
    """The 21 series the issue names: SMA 5/20 and 10 on volume, EMA 12/26, RSI, MACD x3,
    BBANDS x3, ATR, OBV, STOCH x2, WILLR, CCI, ADX, ROC, MOM. All are returned, so they are
    all alive at the end, as Ferry's table is: a loop that drops each output would let numpy
    reuse one buffer, which no user computing features does."""
    return [
        talib.SMA(close, 5), talib.SMA(close, 20), talib.SMA(volume, 10),
        talib.EMA(close, 12), talib.EMA(close, 26),
        talib.RSI(close, 14),
        *talib.MACD(close, 12, 26, 9),
        *talib.BBANDS(close, 20, 2, 2, 0),
        talib.ATR(high, low, close, 14),
        talib.OBV(close, volume),
        *talib.STOCH(high, low, close, 14, 3, 0, 3, 0),
        talib.WILLR(high, low, close, 14),
        talib.CCI(high, low, close, 14),
        talib.ADX(high, low, close, 14),
        talib.ROC(close, 10),
        talib.MOM(close, 10),
    ]


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    path, bars = bars_file(rows)
    _, high, low, close, volume, _ = bars
    subprocess.run(["swift", "build", "-c", "release", "--product", "FeatureBenchmark"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "FeatureBenchmark")

    # Interleaved rounds: TA-Lib in this process, then each Ferry mode in its own process; every
    # side reports its best of WARM runs in the round (warm), Ferry also its first (cold).
    talib_times, ferry = [], {"whole": [], "talib21": []}
    for round_ in range(ROUNDS):
        best = float("inf")
        for _ in range(WARM):
            start = time.perf_counter()
            outputs = talib_21(high, low, close, volume)
            best = min(best, time.perf_counter() - start)
            assert len(outputs) == 21
            del outputs
        talib_times.append(best)
        for mode in ferry:
            ferry[mode].append(json.loads(subprocess.run([binary, path, str(WARM), mode], check=True, capture_output=True,
                                                         text=True).stdout))
        print(f"round {round_ + 1} of {ROUNDS}", file=sys.stderr)
    talib_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def spread(values):
        return {"median": statistics.median(values), "min": min(values), "max": max(values)}

    def side(mode):
        runs = ferry[mode]
        last = runs[-1]
        added = [run["peak_rss_bytes"] - run["resident_before_bytes"] for run in runs]
        return {"columns": last["columns"], "best_seconds": spread([run["best_seconds"] for run in runs]),
                "first_seconds": spread([run["first_seconds"] for run in runs]),
                "output_mib": last["output_bytes"] / 2**20, "input_resident_mib": last["resident_before_bytes"] / 2**20,
                "peak_added_mib": spread([a / 2**20 for a in added]),
                "peak_added_over_output": statistics.median(added) / last["output_bytes"]}

    result = {
        "rows": rows, "rounds": ROUNDS, "warm_runs_each": WARM,
        "cores": os.cpu_count(),
        "talib_version": talib.__ta_version__.decode() if isinstance(talib.__ta_version__, bytes) else talib.__ta_version__,
        "talib_21_series": {"best_seconds": spread(talib_times), "process_peak_rss_mib": talib_peak / 2**20},
        "ferry_whole_set": side("whole"),
        "ferry_same_21_series": side("talib21"),
    }
    peer = result["talib_21_series"]["best_seconds"]["median"]
    result["ratio_whole_set_warm"] = result["ferry_whole_set"]["best_seconds"]["median"] / peer
    result["ratio_same_21_warm"] = result["ferry_same_21_series"]["best_seconds"]["median"] / peer
    print(json.dumps(result, indent=2))
    print(f"ratios Ferry/TA-Lib, medians of warm times (below 1: Ferry faster): whole set "
          f"{result['ratio_whole_set_warm']:.2f} (target <= 1), same 21 series {result['ratio_same_21_warm']:.2f}; "
          f"whole set's peak memory over its input: {result['ferry_whole_set']['peak_added_over_output']:.2f}x its output "
          f"(target <= 1.2)")


if __name__ == "__main__":
    main()
