#!/usr/bin/env python3
"""Ferry's Lasso vs scikit-learn's on the same 1,000,000 x 50 seeded synthetic rows, alpha 0.01, in one run.

    make bench-lasso       (or: bench/.venv/bin/python bench/lasso_vs_sklearn.py [ROWS])

Both fit sklearn's Lasso (tol 1e-4, max_iter 1000, cyclic, no scaling). Reports the best of 3 fits
each, the ratio, peak memory, and the largest difference between the two coefficient vectors.
"""
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np
from sklearn.linear_model import Lasso

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FEATURES = 50
ALPHA = 0.01
RUNS = 3


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
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        model = Lasso(alpha=ALPHA).fit(X, y)
        best = min(best, time.perf_counter() - start)
    sklearn_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    subprocess.run(["swift", "build", "-c", "release", "--product", "LassoBenchmark"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, ".build", "release", "LassoBenchmark")
    ferry = json.loads(subprocess.run([binary, path, str(rows), str(FEATURES), str(ALPHA), str(RUNS)], check=True,
                                      capture_output=True, text=True).stdout)
    difference = float(np.max(np.abs(np.array(ferry["coef"]) - model.coef_)))
    result = {
        "rows": rows, "features": FEATURES, "alpha": ALPHA,
        "sklearn_seconds": best, "sklearn_n_iter": int(model.n_iter_), "sklearn_process_peak_rss_mib": sklearn_peak / 2**20,
        "ferry_seconds": ferry["seconds"], "ferry_peak_rss_mib": ferry["peak_rss_bytes"] / 2**20,
        "ratio_ferry_over_sklearn": ferry["seconds"] / best,
        "max_abs_coef_difference": difference,
    }
    print(json.dumps(result, indent=2))
    print(f"Ferry {ferry['seconds']:.3f} s, scikit-learn {best:.3f} s: ratio {result['ratio_ferry_over_sklearn']:.2f}; "
          f"coefficients agree to {difference:.1e}")


if __name__ == "__main__":
    main()
