#!/usr/bin/env python3
"""Writes scipy reference values for Ferry's monitoring statistics:
Tests/MonitoringTests/Fixtures/scipy_stats.json.

    bench/.venv/bin/python bench/scipy_fixtures.py

- chi2: scipy.stats.chi2.sf(x, k) on a grid (both of the incomplete-gamma branches);
- ljung_box: for seeded residual series (white noise, and an AR(1) with strong autocorrelation),
  Q = n(n+2) sum rho_k^2/(n-k) over 10 lags (numpy) and its p-value chi2.sf(Q, 10).
"""
import json
import os

import numpy as np
import scipy
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "MonitoringTests", "Fixtures", "scipy_stats.json")


def ljung_box(x, lags=10):
    x = np.asarray(x, dtype=float)
    n = len(x)
    c = x - x.mean()
    denominator = np.sum(c * c)
    q = sum((np.sum(c[k:] * c[:-k]) / denominator) ** 2 / (n - k) for k in range(1, lags + 1))
    q *= n * (n + 2)
    return q, stats.chi2.sf(q, lags)


def main():
    chi2 = [{"x": x, "k": k, "sf": float(stats.chi2.sf(x, k))}
            for k in (1, 2, 5, 10, 20) for x in (0.01, 0.5, 1.0, 3.0, 7.5, 10.0, 18.3, 25.0, 40.0, 80.0)]
    rng = np.random.default_rng(11)
    noise = rng.normal(size=300)
    ar = np.zeros(300)
    for t in range(1, 300):
        ar[t] = 0.6 * ar[t - 1] + rng.normal()
    series = []
    for name, values in (("white_noise", noise), ("ar1", ar)):
        q, p = ljung_box(values)
        series.append({"name": name, "values": values.tolist(), "q": float(q), "p": float(p)})
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as handle:
        json.dump({"source": f"scipy {scipy.__version__}", "chi2": chi2, "ljung_box": series}, handle)
        handle.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
