#!/usr/bin/env python3
"""Ferry's whole feature set vs TA-Lib's 21 series, on the same 1,000,000 synthetic bars, in one run.

    make bench-features        (or: bench/.venv/bin/python bench/features_vs_talib.py [ROWS])

Writes seeded synthetic OHLCV (a geometric random walk) to bench/.data/, times TA-Lib on it in
this process, and runs the release build of bench/FeatureBenchmark on the same file twice: the
whole feature set, and exactly TA-Lib's 21 series. Each side reports its first run (cold: what a
one-shot command pays, page faults included) and its best of 5 (warm), and its peak memory.
"""
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np
import talib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = 5


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

    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        outputs = talib_21(high, low, close, volume)
        timings.append(time.perf_counter() - start)
        assert len(outputs) == 21
        del outputs
    talib_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    subprocess.run(["swift", "build", "-c", "release", "--product", "FeatureBenchmark"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "FeatureBenchmark")
    ferry = {mode: json.loads(subprocess.run([binary, path, str(RUNS), mode], check=True, capture_output=True,
                                             text=True).stdout) for mode in ("whole", "talib21")}

    peer = {"first": timings[0], "best": min(timings)}
    result = {
        "rows": rows,
        "cores": os.cpu_count(),
        "talib_version": talib.__ta_version__.decode() if isinstance(talib.__ta_version__, bytes) else talib.__ta_version__,
        "talib_21_series": {"first_seconds": peer["first"], "best_seconds": peer["best"],
                            "process_peak_rss_mib": talib_peak / 2**20},
        "ferry_whole_set": ferry["whole"] | {"peak_rss_mib": ferry["whole"]["peak_rss_bytes"] / 2**20},
        "ferry_same_21_series": ferry["talib21"] | {"peak_rss_mib": ferry["talib21"]["peak_rss_bytes"] / 2**20},
        "ratio_whole_set_warm": ferry["whole"]["best_seconds"] / peer["best"],
        "ratio_whole_set_cold": ferry["whole"]["first_seconds"] / peer["first"],
        "ratio_same_21_warm": ferry["talib21"]["best_seconds"] / peer["best"],
        "ratio_same_21_cold": ferry["talib21"]["first_seconds"] / peer["first"],
    }
    print(json.dumps(result, indent=2))
    print(f"ratios Ferry/TA-Lib (below 1: Ferry faster): whole set {result['ratio_whole_set_warm']:.2f} warm, "
          f"{result['ratio_whole_set_cold']:.2f} cold; same 21 series {result['ratio_same_21_warm']:.2f} warm, "
          f"{result['ratio_same_21_cold']:.2f} cold")


if __name__ == "__main__":
    main()
