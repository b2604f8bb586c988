#!/usr/bin/env python3
"""Ferry's two-sample KS vs scipy.stats.ks_2samp over 50 features x 1,000,000 vs 1,000,000 rows, in one run.

    make bench-ks          (or: bench/.venv/bin/python bench/ks_vs_scipy.py [ROWS] [FEATURES])

Seeded normal columns; every other current column is shifted by 0.003 so both the no-drift and
the drift branches of the asymptotic p-value run. scipy runs the columns one after another (as
a loop over columns does); Ferry runs them on every core. Reports both times, the ratio, and the
largest differences in statistics and p-values.
"""
import json
import os
import subprocess
import sys
import time

import numpy as np
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    features = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    rng = np.random.default_rng(42)
    reference = rng.normal(size=(features, rows))
    current = rng.normal(size=(features, rows)) + np.array([0.003 if i % 2 else 0.0 for i in range(features)])[:, None]
    os.makedirs(os.path.join(ROOT, "bench", ".data"), exist_ok=True)
    path = os.path.join(ROOT, "bench", ".data", f"ks_{features}x{rows}.bin")
    np.concatenate([reference.ravel(), current.ravel()]).tofile(path)

    start = time.perf_counter()
    scipy_results = [stats.ks_2samp(reference[i], current[i]) for i in range(features)]
    scipy_seconds = time.perf_counter() - start

    subprocess.run(["swift", "build", "-c", "release", "--product", "KSBenchmark"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    ferry = json.loads(subprocess.run([os.path.join(ROOT, ".build", "release", "KSBenchmark"), path, str(rows), str(features)],
                                      check=True, capture_output=True, text=True).stdout)
    result = {
        "rows": rows, "features": features, "cores": os.cpu_count(),
        "scipy_seconds": scipy_seconds, "ferry_seconds": ferry["seconds"],
        "ratio_ferry_over_scipy": ferry["seconds"] / scipy_seconds,
        "max_statistic_difference": float(max(abs(a - r.statistic) for a, r in zip(ferry["statistics"], scipy_results))),
        "max_pvalue_difference": float(max(abs(a - r.pvalue) for a, r in zip(ferry["pvalues"], scipy_results))),
        "drifted_at_5pct_scipy": int(sum(r.pvalue < 0.05 for r in scipy_results)),
        "drifted_at_5pct_ferry": int(sum(p < 0.05 for p in ferry["pvalues"])),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
