#!/usr/bin/env python3
"""Features bar by bar: Ferry's FeatureStream (all 39 features) vs talipp (the Python incremental
library) and TA-Lib's talib.stream functions on the indicators they share, per bar, in one run.

    make bench-stream       (or: bench/.venv/bin/python bench/stream_vs_talipp.py [ROWS])

Ferry pushes ROWS seeded synthetic bars (features_vs_talib.bars_file, default 1,000,000)
through bench/FeatureBenchmark's stream mode; the peers take the first PEER_ROWS (20,000) of the
same bars one at a time (they are far slower per bar). Each side is timed in five interleaved
rounds; the per-bar median and range are printed, and the ratios. talib.stream recomputes each
value from the array up to the bar (EMA-based ones reseed on the last `period` values, which is
why its RSI and MACD differ from talib's batch functions); the count of bars where its EMA(12)
differs from the batch EMA is printed too.
"""
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import talib
from talib import stream as talib_stream
from talipp import indicators as tp
from talipp.ohlcv import OHLCV

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from features_vs_talib import bars_file  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = 5
PEER_ROWS = 20_000


def talipp_round(bars) -> float:
    """Seconds per bar for talipp's incremental indicators, the TA-Lib 21 series' equivalents."""
    _, high, low, close, volume, _ = bars
    closes = [tp.SMA(5), tp.SMA(20), tp.EMA(12), tp.EMA(26), tp.RSI(14), tp.MACD(12, 26, 9), tp.BB(20, 2.0), tp.ROC(10)]
    candles = [tp.ATR(14), tp.OBV(), tp.Stoch(14, 3), tp.Williams(14), tp.CCI(14), tp.ADX(14, 14)]
    volumes = tp.SMA(10)
    start = time.perf_counter()
    for i in range(PEER_ROWS):
        c = float(close[i])
        for indicator in closes:
            indicator.add(c)
        candle = OHLCV(None, float(high[i]), float(low[i]), c, float(volume[i]))
        for indicator in candles:
            indicator.add(candle)
        volumes.add(float(volume[i]))
    return (time.perf_counter() - start) / PEER_ROWS


def talib_stream_round(bars) -> float:
    """Seconds per bar for talib.stream's 21 series, each bar's value from the array up to it."""
    _, high, low, close, volume, _ = bars
    start = time.perf_counter()
    for i in range(60, PEER_ROWS + 60):
        h, l, c, v = high[: i + 1], low[: i + 1], close[: i + 1], volume[: i + 1]
        talib_stream.SMA(c, 5), talib_stream.SMA(c, 20), talib_stream.SMA(v, 10)
        talib_stream.EMA(c, 12), talib_stream.EMA(c, 26), talib_stream.RSI(c, 14)
        talib_stream.MACD(c, 12, 26, 9), talib_stream.BBANDS(c, 20, 2, 2, 0), talib_stream.ATR(h, l, c, 14)
        talib_stream.OBV(c, v), talib_stream.STOCH(h, l, c, 14, 3, 0, 3, 0), talib_stream.WILLR(h, l, c, 14)
        talib_stream.CCI(h, l, c, 14), talib_stream.ADX(h, l, c, 14), talib_stream.ROC(c, 10), talib_stream.MOM(c, 10)
    return (time.perf_counter() - start) / PEER_ROWS


def stream_skew(bars) -> int:
    """Bars (of the first 2,000) where talib.stream's EMA(12) differs from talib.EMA's."""
    close = bars[3][:2000]
    batch = talib.EMA(close, 12)
    return sum(1 for i in range(11, 2000) if talib_stream.EMA(close[: i + 1], 12) != batch[i])


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    path, bars = bars_file(rows)
    subprocess.run(["swift", "build", "-c", "release", "--product", "FeatureBenchmark"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "FeatureBenchmark")
    ferry, talipp_times, stream_times = [], [], []
    for round_ in range(ROUNDS):
        answer = json.loads(subprocess.run([binary, path, "1", "stream"], check=True, capture_output=True, text=True).stdout)
        ferry.append(answer["best_seconds"] / rows)
        talipp_times.append(talipp_round(bars))
        stream_times.append(talib_stream_round(bars))
        print(f"round {round_ + 1} of {ROUNDS}", file=sys.stderr)
    result = {
        "rows": rows, "peer_rows": PEER_ROWS, "features": answer["columns"],
        "ferry_us_per_bar": {k: v * 1e6 for k, v in summary(ferry).items()},
        "talipp_us_per_bar": {k: v * 1e6 for k, v in summary(talipp_times).items()},
        "talib_stream_us_per_bar": {k: v * 1e6 for k, v in summary(stream_times).items()},
        "talib_stream_ema_differs_from_batch_on": stream_skew(bars),
    }
    print(json.dumps(result, indent=2))
    f, p, s = (result[k]["median"] for k in ("ferry_us_per_bar", "talipp_us_per_bar", "talib_stream_us_per_bar"))
    print(f"per bar: Ferry {f:.3f} us (all {answer['columns']} features; target <= 2 us), talipp {p:.1f} us, "
          f"talib.stream {s:.1f} us (the 21 series); Ferry/talipp {f / p:.4f}, Ferry/talib.stream {f / s:.4f}")


if __name__ == "__main__":
    main()
