#!/usr/bin/env python3
"""Ferry's Lasso vs scikit-learn's on the same 1,000,000 x 50 seeded synthetic rows, alpha 0.01, in one run.

    make bench-lasso       (or: bench/.venv/bin/python bench/lasso_vs_sklearn.py [ROWS])

All fit sklearn's Lasso (tol 1e-4, max_iter 1000, cyclic, no scaling): Ferry's (the Gram-matrix path it
takes when rows are many times the features), scikit-learn's default and its precompute=True (coordinate
descent on XᵀX). Five interleaved rounds, one fit each per round; medians and ranges, the ratios, peak
memory, and the largest difference between the coefficient vectors.
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy as np
from sklearn.linear_model import Lasso

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEATURES = 50
ALPHA = 0.01
ROUNDS = 5


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = np.random.default_rng(20261121)
    X = rng.normal(size=(rows, FEATURES)) @ (np.eye(FEATURES) + 0.2 * rng.normal(size=(FEATURES, FEATURES)))
    truth = np.zeros(FEATURES)
    truth[rng.choice(FEATURES, 10, replace=False)] = rng.normal(scale=2.0, size=10)
    y = X @ truth + rng.normal(scale=1.0, size=rows)
    os.makedirs(os.path.join(ROOT, "bench", ".data"), exist_ok=True)
    path = os.path.join(ROOT, "bench", ".data", f"lasso_{rows}x{FEATURES}.bin")
    np.concatenate([np.asfortranarray(X).ravel(order="F"), y]).astype(np.float64).tofile(path)

    X = np.asfortranarray(X)
    subprocess.run(["swift", "build", "-c", "release", "--product", "LassoBenchmark"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "LassoBenchmark")
    times = {"ferry": [], "sklearn": [], "sklearn_precompute": []}
    for round_ in range(ROUNDS):
        ferry = json.loads(subprocess.run([binary, path, str(rows), str(FEATURES), str(ALPHA), "1"], check=True,
                                          capture_output=True, text=True).stdout)
        times["ferry"].append(ferry["seconds"])
        for key, precompute in (("sklearn", False), ("sklearn_precompute", True)):
            start = time.perf_counter()
            model = Lasso(alpha=ALPHA, precompute=precompute).fit(X, y)
            times[key].append(time.perf_counter() - start)
            if not precompute:
                default = model
        print(f"round {round_ + 1} of {ROUNDS}", file=sys.stderr)
    sklearn_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    median = {k: statistics.median(v) for k, v in times.items()}
    result = {
        "rows": rows, "features": FEATURES, "alpha": ALPHA, "rounds": ROUNDS,
        "seconds": {k: {"median": median[k], "min": min(v), "max": max(v)} for k, v in times.items()},
        "sklearn_n_iter": int(default.n_iter_), "sklearn_process_peak_rss_mib": sklearn_peak / 2**20,
        "ferry_peak_rss_mib": ferry["peak_rss_bytes"] / 2**20,
        "ratio_ferry_over_sklearn": median["ferry"] / median["sklearn"],
        "ratio_ferry_over_sklearn_precompute": median["ferry"] / median["sklearn_precompute"],
        "max_abs_coef_difference": float(np.max(np.abs(np.array(ferry["coef"]) - default.coef_))),
        "max_abs_coef_difference_precompute": float(np.max(np.abs(np.array(ferry["coef"]) - model.coef_))),
    }
    print(json.dumps(result, indent=2))
    print(f"Ferry {median['ferry']:.3f} s, scikit-learn {median['sklearn']:.3f} s (precompute=True {median['sklearn_precompute']:.3f} s): "
          f"ratios {result['ratio_ferry_over_sklearn']:.3f} (target <= 0.5) and {result['ratio_ferry_over_sklearn_precompute']:.3f} "
          f"(target <= 1.0); coefficients agree to {result['max_abs_coef_difference']:.1e}")


if __name__ == "__main__":
    main()
