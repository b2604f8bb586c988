#!/usr/bin/env python3
"""Writes reference values for Ferry's risk statistics: Tests/RiskTests/Fixtures/empyrical_stats.json.

    bench/.venv/bin/python bench/empyrical_fixtures.py

Each statistic is empyrical's definition written in NumPy (empyrical itself is unmaintained and
does not install on current NumPy); parametric VaR and ES use scipy.stats.norm.

- embedded: simple returns of the Adj Close column of each embedded bar file (the first row has
  no return), with the periods per year Ferry is told (252 for daily files, 6240 for hourly FX);
- synthetic: short series for the edges (all losses, zeros, a single observation, no drawdown).
"""
import csv
import json
import os

import numpy as np
from scipy import stats

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "RiskTests", "Fixtures", "empyrical_stats.json")
CUTOFF = 0.05


def nan_to_none(value):
    value = float(value)
    if np.isnan(value):
        return "nan"
    if np.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def statistics(returns, periods=252):
    r = np.asarray(returns, dtype=float)
    n = len(r)
    with np.errstate(divide="ignore", invalid="ignore"):
        std = np.std(r, ddof=1) if n > 1 else np.nan
        sharpe = np.mean(r) / std * np.sqrt(periods) if n > 1 else np.nan
        downside = np.sqrt(np.mean(np.square(np.clip(r, -np.inf, 0)))) * np.sqrt(periods)
        sortino = np.mean(r) * periods / downside if n > 1 else np.nan
        ending = np.prod(1 + r)
        annual_return = ending ** (1 / (n / periods)) - 1
        cumulative = np.empty(n + 1)
        cumulative[0] = 100
        cumulative[1:] = 100 * np.cumprod(1 + r)
        peak = np.fmax.accumulate(cumulative)
        max_drawdown = np.nanmin((cumulative - peak) / peak)
        calmar = annual_return / abs(max_drawdown) if max_drawdown < 0 else np.nan
        if np.isinf(calmar):
            calmar = np.nan
        var = np.percentile(r, 100 * CUTOFF)
        cutoff_index = int((n - 1) * CUTOFF)
        cvar = np.mean(np.partition(r, cutoff_index)[: cutoff_index + 1])
        z = stats.norm.ppf(CUTOFF)
        parametric_var = np.mean(r) + std * z
        parametric_es = np.mean(r) - std * stats.norm.pdf(z) / CUTOFF
        non_zero = r[r != 0]
        hit_rate = np.mean(non_zero > 0) if len(non_zero) else np.nan
    values = {
        "sharpe": sharpe, "sortino": sortino, "annual_return": annual_return,
        "annual_volatility": std * np.sqrt(periods), "max_drawdown": max_drawdown, "calmar": calmar,
        "var_95": var, "cvar_95": cvar, "parametric_var_95": parametric_var, "parametric_es_95": parametric_es,
        "total_return": ending - 1, "hit_rate": hit_rate,
    }
    return {key: nan_to_none(value) for key, value in values.items()}


def adjusted_close_returns(name):
    with open(os.path.join(ROOT, "data", name)) as handle:
        prices = np.array([float(row["Adj Close"]) for row in csv.DictReader(handle)])
    return prices[1:] / prices[:-1] - 1


def main():
    embedded = []
    for name, periods in [("SPX.csv", 252), ("GOOG.csv", 252), ("EURUSD-1h.csv", 6240)]:
        returns = adjusted_close_returns(name)
        embedded.append({"file": f"data/{name}", "periods_per_year": periods, "observations": len(returns),
                         "statistics": statistics(returns, periods)})
    rng = np.random.default_rng(7)
    synthetic = {
        "all_losses": [-0.01, -0.02, -0.005, -0.03, -0.001],
        "with_zeros": [0.01, 0.0, -0.02, 0.0, 0.015, 0.003, 0.0, -0.007],
        "single_observation": [0.012],
        "no_drawdown": [0.01, 0.02, 0.0, 0.005],
        "seeded_normal_300": [round(float(x), 6) for x in rng.normal(0.0004, 0.011, 300)],
    }
    cases = [{"name": name, "returns": returns, "statistics": statistics(returns)} for name, returns in synthetic.items()]
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as handle:
        json.dump({"numpy": np.__version__, "cutoff": CUTOFF, "embedded": embedded, "synthetic": cases}, handle, indent=1)
        handle.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
