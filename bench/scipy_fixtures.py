#!/usr/bin/env python3
"""Writes scipy reference values for Ferry's monitoring statistics:
Tests/MonitoringTests/Fixtures/scipy_stats.json.

    bench/.venv/bin/python bench/scipy_fixtures.py

- chi2: scipy.stats.chi2.sf(x, k) on a grid (both of the incomplete-gamma branches);
- ks_2samp_exact: seeded samples (rounded, so some values tie) of equal and unequal sizes,
  with scipy.stats.ks_2samp(a, b, method="exact") statistic and p-value;
- kstwo: scipy.stats.kstwo.sf(x, n) on a grid of n and x covering each of kolmogn's branches;
- ks_2samp_asymptotic: (n1, n2, D) with ks_2samp's asymptotic p-value, kstwo.sf(D, round(n1 n2/(n1+n2)));
- shift: seeded samples with PSI under Evidently's binning (get_binned_data, in NumPy) and the
  Wasserstein distance normed by the reference std (scipy.stats.wasserstein_distance);
- welch: seeded samples (absolute errors, 0/1 hits, shifted and not) with
  scipy.stats.ttest_ind(b, a, equal_var=False): statistic, p-value, df and the 95% confidence
  interval of mean(b) - mean(a); t_quantile: scipy.stats.t.ppf(p, df) on a grid;
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


def evidently_psi(reference, current):
    """Evidently's psi() with its get_binned_data() conventions, in NumPy (Evidently is not installed here)."""
    if len(np.unique(reference)) > 20:
        bins = np.histogram_bin_edges(np.concatenate([reference, current]), bins="sturges")
        ref = np.histogram(reference, bins)[0] / len(reference)
        cur = np.histogram(current, bins)[0] / len(current)
    else:
        keys = sorted(set(reference) | set(current))
        ref = np.array([np.sum(reference == key) / len(reference) for key in keys])
        cur = np.array([np.sum(current == key) / len(current) for key in keys])
    for shares in (ref, cur):
        smallest = min(shares[shares != 0])
        np.place(shares, shares == 0, smallest / 10**6 if smallest <= 0.0001 else 0.0001)
    return float(np.sum((ref - cur) * np.log(ref / cur)))


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
    ks = []
    rng = np.random.default_rng(5)
    for n1, n2, shift, decimals in [(20, 20, 0.0, 3), (50, 50, 0.5, 3), (100, 80, 0.2, 3), (37, 113, 0.0, 2),
                                    (200, 150, 0.3, 1), (500, 400, 0.1, 3), (1000, 1000, 0.05, 3), (999, 1001, 0.15, 3),
                                    (3000, 2000, 0.0, 2), (5, 7, 1.0, 3)]:
        a = np.round(rng.normal(size=n1), decimals)
        b = np.round(rng.normal(loc=shift, size=n2), decimals)
        result = stats.ks_2samp(a, b, method="exact")
        ks.append({"a": a.tolist(), "b": b.tolist(), "statistic": float(result.statistic), "pvalue": float(result.pvalue)})
    kstwo = []
    for n in (5, 50, 140, 141, 1000, 5000, 50000, 100000, 100001, 500000, 2000000):
        for x in sorted({c / np.sqrt(n) for c in (0.3, 0.5, 0.7, 0.87, 1.0, 1.2, 1.5, 1.6, 2.0, 3.0, 5.0, 12.0)} | {0.6, 0.9 / n, 0.7 / n}):
            if 0 < x < 1:
                kstwo.append({"n": n, "x": float(x), "sf": float(stats.kstwo.sf(x, n))})
    asymptotic = []
    for n1, n2, d in ((20000, 15000, 0.01), (20000, 15000, 0.02), (1000000, 1000000, 0.0012), (1000000, 1000000, 0.003),
                      (12000, 50, 0.15), (50000, 30000, 0.005)):
        m, n = sorted([float(n1), float(n2)], reverse=True)
        asymptotic.append({"n1": n1, "n2": n2, "d": d, "pvalue": float(stats.kstwo.sf(d, np.round(m * n / (m + n))))})
    shift = []
    rng = np.random.default_rng(17)
    for n1, n2, loc, scale, decimals in [(300, 200, 0.0, 1.0, 3), (500, 500, 0.4, 1.3, 2), (200, 400, 0.1, 0.8, 1),
                                          (100, 100, 0.0, 1.0, 0)]:
        a = np.round(rng.normal(size=n1), decimals)
        b = np.round(rng.normal(loc=loc, scale=scale, size=n2), decimals)
        shift.append({"a": a.tolist(), "b": b.tolist(), "psi": evidently_psi(a, b),
                      "wasserstein_norm": float(stats.wasserstein_distance(a, b) / max(np.std(a), 0.001))})
    welch = []
    rng = np.random.default_rng(23)
    for n1, n2, offset, kind in [(10, 12, 0.0, "abs"), (100, 100, 0.1, "abs"), (300, 500, 0.0, "abs"), (1000, 800, 0.05, "abs"),
                                (50, 70, 0.0, "hits"), (400, 400, 0.08, "hits"), (3, 2, 0.5, "abs")]:
        if kind == "abs":
            a, b = np.abs(rng.normal(size=n1)), np.abs(rng.normal(size=n2)) + offset
        else:
            a, b = (rng.random(n1) < 0.55).astype(float), (rng.random(n2) < 0.55 + offset).astype(float)
        result = stats.ttest_ind(b, a, equal_var=False)
        low, high = result.confidence_interval(0.95)
        welch.append({"a": a.tolist(), "b": b.tolist(), "statistic": float(result.statistic), "pvalue": float(result.pvalue),
                      "df": float(result.df), "low": float(low), "high": float(high)})
    t_quantile = [{"p": p, "df": df, "t": float(stats.t.ppf(p, df))}
                  for df in (1.0, 2.5, 7.3, 30.0, 198.6, 5000.0) for p in (0.001, 0.025, 0.3, 0.9, 0.975, 0.9995)]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as handle:
        json.dump({"source": f"scipy {scipy.__version__}", "chi2": chi2, "ljung_box": series, "ks_2samp_exact": ks,
                   "shift": shift, "kstwo": kstwo, "ks_2samp_asymptotic": asymptotic, "welch": welch, "t_quantile": t_quantile}, handle)
        handle.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
