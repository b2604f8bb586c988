#!/usr/bin/env python3
"""Writes TA-Lib reference values for Ferry's indicator parity tests.

Run from the repository root after `make bench-env`:
    bench/.venv/bin/python bench/ta_lib_fixtures.py

For each embedded daily file (S&P 500, GOOG) it computes the TA-Lib series Ferry's feature set
names and writes Tests/FeaturesTests/Fixtures/talib_<INSTRUMENT>.json with:
  - "warmup": each series' count of leading NaN rows over the whole file;
  - "rows":   the row positions sampled (the first 80, every 37th, the last 40);
  - "series": each series' values at those rows (null for NaN), printed with 17 digits.
The tests recompute the features on the same file and compare at those rows.
"""
import csv
import json
import math
import os
import sys

import numpy as np
import talib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "FeaturesTests", "Fixtures")


def load(name):
    with open(os.path.join(ROOT, "data", name)) as handle:
        rows = list(csv.DictReader(handle))
    column = lambda key: np.array([float(row[key]) for row in rows], dtype=np.float64)
    return column("Open"), column("High"), column("Low"), column("Close"), column("Volume")


def series_for(high, low, close, volume):
    macd, signal, hist = talib.MACD(close, fastperiod=12, slowperiod=26, signalperiod=9)
    upper, middle, lower = talib.BBANDS(close, timeperiod=20, nbdevup=2, nbdevdn=2, matype=0)
    stoch_k, stoch_d = talib.STOCH(high, low, close, fastk_period=14, slowk_period=3, slowk_matype=0,
                                   slowd_period=3, slowd_matype=0)
    return {
        "sma_5": talib.SMA(close, 5), "sma_10": talib.SMA(close, 10),
        "sma_20": talib.SMA(close, 20), "sma_50": talib.SMA(close, 50),
        "ema_12": talib.EMA(close, 12), "ema_26": talib.EMA(close, 26),
        "rsi_14": talib.RSI(close, 14),
        "macd": macd, "macd_signal": signal, "macd_hist": hist,
        "bb_upper_20": upper, "bb_middle_20": middle, "bb_lower_20": lower,
        "atr_14": talib.ATR(high, low, close, 14), "obv": talib.OBV(close, volume),
        "stoch_k": stoch_k, "stoch_d": stoch_d,
        "willr_14": talib.WILLR(high, low, close, 14), "cci_14": talib.CCI(high, low, close, 14),
        "adx_14": talib.ADX(high, low, close, 14), "roc_10": talib.ROC(close, 10),
        "mom_10": talib.MOM(close, 10), "volume_sma_10": talib.SMA(volume, 10),
    }


def leading_nans(values):
    count = 0
    for value in values:
        if not math.isnan(value):
            break
        count += 1
    return count


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in ["SPX.csv", "GOOG.csv"]:
        _, high, low, close, volume = load(name)
        series = series_for(high, low, close, volume)
        n = len(close)
        rows = sorted(set(range(min(80, n))) | set(range(0, n, 37)) | set(range(max(0, n - 40), n)))
        fixture = {
            "source": f"TA-Lib {talib.__ta_version__.decode() if isinstance(talib.__ta_version__, bytes) else talib.__ta_version__}"
                      f" (python ta-lib {talib.__version__}) on data/{name}",
            "count": n,
            "warmup": {key: leading_nans(values) for key, values in series.items()},
            "rows": rows,
            "series": {key: [None if math.isnan(values[i]) else float(values[i]) for i in rows]
                       for key, values in series.items()},
        }
        path = os.path.join(OUT, "talib_" + name.replace(".csv", ".json"))
        with open(path, "w") as handle:
            json.dump(fixture, handle, indent=0, sort_keys=True)
            handle.write("\n")
        print(f"wrote {path}: {len(rows)} rows x {len(series)} series")


if __name__ == "__main__":
    sys.exit(main())
