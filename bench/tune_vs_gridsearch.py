#!/usr/bin/env python3
"""ferry tune vs scikit-learn's GridSearchCV(Lasso, cv=TimeSeriesSplit(5)) on the same feature table,
side by side in one run.

    make bench-tune      (or: bench/.venv/bin/python bench/tune_vs_gridsearch.py [ROWS])

The table is the embedded S&P 500's feature table (`ferry features compute`, 39 features, target
next_return) repeated to ROWS rows (default 100,000) under consecutive dates. Both sides tune
alpha over 1e-5, 1e-4, 1e-3 on five expanding walk-forward folds, scored by MAE, and refit the
best; both read the CSV themselves (the time includes it). Ferry: the release `ferry tune --table`,
`standardize=false` (scikit-learn's plain Lasso), no gap, 98/1/1 split (its folds cover the first 99%
of the rows; it also scores the baselines on the folds, trades nothing on a plain table, and keeps the
run). scikit-learn 1.9.1: pandas read_csv, GridSearchCV(Lasso(), cv=TimeSeriesSplit(5),
scoring="neg_mean_absolute_error") on all rows, n_jobs=None (one process) and n_jobs=2. Five
interleaved rounds; medians and ranges; the chosen alphas compared.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
from sklearn.linear_model import Lasso
from sklearn.model_selection import GridSearchCV, TimeSeriesSplit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = 5
GRID = ["0.00001", "0.0001", "0.001"]


def table(ferry, rows, folder):
    """The S&P 500 feature table repeated to `rows` rows under consecutive dates."""
    features = os.path.join(folder, "spx.csv")
    subprocess.run([ferry, "features", "compute", "--data", os.path.join(ROOT, "data", "SPX.csv"), "--out", features],
                   check=True, capture_output=True)
    frame = pd.read_csv(features).drop(columns=["next_direction", "forward_return_5"]).dropna()
    repeated = pd.concat([frame] * (rows // len(frame) + 1), ignore_index=True).iloc[:rows]
    repeated["Date"] = pd.date_range("1900-01-01", periods=rows, freq="D").strftime("%Y-%m-%d")
    path = os.path.join(folder, f"table_{rows}.csv")
    repeated.to_csv(path, index=False, float_format="%.17g")
    return path


def ferry_round(ferry, path, folder):
    start = time.perf_counter()
    answer = subprocess.run(
        [ferry, "tune", "--plugin", "lasso", "--table", path, "--target", "next_return", "--grid", "alpha=" + ",".join(GRID),
         "--folds", "5", "--gap", "0", "--param", "standardize=false", "--train-fraction", "0.98", "--validation-fraction", "0.01",
         "--runs-dir", os.path.join(folder, "runs"), "--json"],
        check=True, capture_output=True, text=True, env={**os.environ, "FERRY_STORE": os.path.join(folder, "store.sqlite")})
    seconds = time.perf_counter() - start
    return seconds, json.loads(answer.stdout)["chosen"]["alpha"]


def sklearn_round(path, jobs):
    start = time.perf_counter()
    frame = pd.read_csv(path)
    y = frame.pop("next_return").to_numpy()
    x = frame.drop(columns=["Date"]).to_numpy()
    search = GridSearchCV(Lasso(), {"alpha": [float(a) for a in GRID]}, cv=TimeSeriesSplit(5),
                          scoring="neg_mean_absolute_error", n_jobs=jobs).fit(x, y)
    return time.perf_counter() - start, search.best_params_["alpha"]


def spread(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    subprocess.run(["swift", "build", "-c", "release", "--product", "ferry"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    ferry = os.path.join(ROOT, ".build", "release", "ferry")
    with tempfile.TemporaryDirectory() as folder:
        path = table(ferry, rows, folder)
        times = {"ferry": [], "sklearn": [], "sklearn_2_jobs": []}
        chosen = {}
        for round_ in range(ROUNDS):
            seconds, chosen["ferry"] = ferry_round(ferry, path, folder)
            times["ferry"].append(seconds)
            seconds, chosen["sklearn"] = sklearn_round(path, None)
            times["sklearn"].append(seconds)
            seconds, _ = sklearn_round(path, 2)
            times["sklearn_2_jobs"].append(seconds)
            print(f"round {round_ + 1} of {ROUNDS}", file=sys.stderr)
    result = {"rows": rows, "grid": GRID, "seconds": {k: spread(v) for k, v in times.items()}, "chosen_alpha": chosen,
              "ratio_ferry_over_sklearn": statistics.median(times["ferry"]) / statistics.median(times["sklearn"]),
              "ratio_ferry_over_sklearn_2_jobs": statistics.median(times["ferry"]) / statistics.median(times["sklearn_2_jobs"])}
    print(json.dumps(result, indent=2))
    print(f"ferry tune {result['seconds']['ferry']['median']:.2f} s, GridSearchCV {result['seconds']['sklearn']['median']:.2f} s "
          f"(n_jobs=2: {result['seconds']['sklearn_2_jobs']['median']:.2f} s): ratio {result['ratio_ferry_over_sklearn']:.3f} "
          f"(target <= 0.5), {result['ratio_ferry_over_sklearn_2_jobs']:.3f} vs two jobs; chosen alpha {chosen}")


if __name__ == "__main__":
    main()
