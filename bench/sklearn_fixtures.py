#!/usr/bin/env python3
"""Writes scikit-learn linear-model reference fits for Ferry's parity tests.

    make bench-fixtures     (or: bench/.venv/bin/python bench/sklearn_fixtures.py)

Two small designs, written with their data to Plugins/Linear/Tests/Fixtures/sklearn_linear.json:
  - spx: 400 rows of the embedded S&P 500; features are the last five daily returns, the
    high-low range over the close and the log volume change; the target is the next return;
  - synthetic: 150 seeded rows of 12 correlated features with a sparse true coefficient vector.
Each is fitted with sklearn.linear_model.Lasso (defaults: tol 1e-4, max_iter 1000, cyclic) at
several alphas; the fixture keeps coef_, intercept_ and n_iter_. The synthetic design is also
fitted with ElasticNet, Ridge, and LogisticRegression (C=1, on y > median, tol 1e-10 so the
reference sits at the optimum): "others" in the fixture.
"""
import csv
import json
import os

import numpy as np
import sklearn
from sklearn.linear_model import ElasticNet, Lasso, LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Plugins", "Linear", "Tests", "Fixtures", "sklearn_linear.json")


def spx_design():
    with open(os.path.join(ROOT, "data", "SPX.csv")) as handle:
        rows = list(csv.DictReader(handle))
    close = np.array([float(r["Close"]) for r in rows])
    high = np.array([float(r["High"]) for r in rows])
    low = np.array([float(r["Low"]) for r in rows])
    volume = np.array([float(r["Volume"]) for r in rows])
    returns = np.concatenate([[np.nan], close[1:] / close[:-1] - 1])
    t = np.arange(60, 460)
    X = np.column_stack([returns[t - lag] for lag in range(5)]
                        + [(high[t] - low[t]) / close[t], np.log(volume[t] / volume[t - 1])])
    y = close[t + 1] / close[t] - 1
    return X, y, [1e-6, 1e-5, 5e-5]


def synthetic_design():
    rng = np.random.default_rng(7)
    n, p = 150, 12
    mixing = rng.normal(size=(p, p)) * 0.3 + np.eye(p)
    X = rng.normal(size=(n, p)) @ mixing
    truth = np.zeros(p)
    truth[[0, 3, 7]] = [1.5, -2.0, 0.75]
    y = X @ truth + 0.5 + rng.normal(scale=0.5, size=n)
    return X, y, [0.01, 0.1, 0.5]


def main():
    datasets = []
    for name, (X, y, alphas) in [("spx", spx_design()), ("synthetic", synthetic_design())]:
        fits = []
        for alpha in alphas:
            model = Lasso(alpha=alpha).fit(X, y)
            fits.append({"alpha": alpha, "coef": model.coef_.tolist(), "intercept": float(model.intercept_),
                         "n_iter": int(model.n_iter_), "dual_gap": float(model.dual_gap_)})
        entry = {"name": name, "X": X.tolist(), "y": y.tolist(), "fits": fits}
        if name == "synthetic":
            direction = (y > np.median(y)).astype(float)
            others = []
            for label, model, params, target in [
                ("elasticnet", ElasticNet(alpha=0.1, l1_ratio=0.5), {"alpha": 0.1, "l1_ratio": 0.5}, y),
                ("ridge", Ridge(alpha=1.0), {"alpha": 1.0}, y),
                ("ridge", Ridge(alpha=25.0), {"alpha": 25.0}, y),
                ("logistic", LogisticRegression(C=1.0, tol=1e-10, max_iter=10000), {"C": 1.0}, direction),
            ]:
                model.fit(X, target)
                others.append({"plugin": label, "params": params, "coef": np.ravel(model.coef_).tolist(),
                               "intercept": float(np.ravel(model.intercept_)[0]), "target": target.tolist()})
            # StandardScaler then the estimator, expressed in the features' own units.
            for label, estimator, params, target in [
                ("lasso-standardized", Lasso(alpha=0.1), {"alpha": 0.1}, y),
                ("logistic-standardized", LogisticRegression(C=1.0, tol=1e-10, max_iter=10000), {"C": 1.0}, direction),
            ]:
                pipeline = make_pipeline(StandardScaler(), estimator).fit(X, target)
                scaler = pipeline[0]
                coef = np.ravel(estimator.coef_) / scaler.scale_
                intercept = float(np.ravel(estimator.intercept_)[0] - np.dot(coef, scaler.mean_))
                others.append({"plugin": label, "params": params, "coef": coef.tolist(), "intercept": intercept,
                               "target": target.tolist()})
            entry["others"] = others
        datasets.append(entry)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as handle:
        json.dump({"source": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}", "datasets": datasets}, handle)
        handle.write("\n")
    print(f"wrote {OUT}")
    for d in datasets:
        for f in d["fits"]:
            print(d["name"], f["alpha"], "nonzero", sum(1 for c in f["coef"] if c != 0), "n_iter", f["n_iter"])


if __name__ == "__main__":
    main()
