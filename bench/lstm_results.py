#!/usr/bin/env python3
"""Every model plugin on the embedded S&P 500, judged fold by fold: the README's results table.

    make lstm-results      (or: python3 bench/lstm_results.py [SEED]; default seed 42)

Each model uses the scale-free feature set (`--pipeline standard-stationary`) and is judged on the
five walk-forward folds cut from the dates before the test split (`--folds 5`, one-period lag,
1 bps per unit traded), beside the naive baselines and buy-and-hold on the same folds. The linear
models' hyperparameters are chosen by `ferry tune` on those folds (never the test split); the LSTM
family, whose training is the slow part, keeps its defaults (`ferry train --folds 5`). Direction
models predict `next_direction` (0/1), return models `next_return`. Columns: on the folds, the mean
± standard deviation and the worst fold of directional accuracy and of the Sharpe ratio of the
signal traded after costs; the mean max drawdown; then the test split's directional accuracy and
Sharpe (no costs), once. Prints a Markdown table; needs only python3 and a release build.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMON = ["--pipeline", "standard-stationary", "--folds", "5", "--log-level", "warning", "--json"]
# (label, command, plugin, target, extra arguments)
MODELS = [
    ("lstm lightweight", "train", "lstm", "next_direction", ["--param", "variant=lightweight"]),
    ("lstm baseline", "train", "lstm", "next_direction", ["--param", "variant=baseline"]),
    ("lstm enhanced", "train", "lstm", "next_direction", ["--param", "variant=enhanced"]),
    ("attention-lstm baseline", "train", "attention-lstm", "next_direction", ["--param", "variant=baseline"]),
    ("logistic, C tuned", "tune", "logistic", "next_direction", ["--grid", "C=0.001,0.01,0.1,1", "--metric", "dir_acc"]),
    ("lasso, alpha tuned", "tune", "lasso", "next_return", ["--grid", "alpha=0.00001,0.0001,0.001,0.01"]),
    ("elasticnet, alpha tuned", "tune", "elasticnet", "next_return", ["--grid", "alpha=0.00001,0.0001,0.001,0.01"]),
    ("ridge, alpha tuned", "tune", "ridge", "next_return", ["--grid", "alpha=1,10,100,1000"]),
]


def run(ferry, runs, command, plugin, target, seed, extra):
    arguments = [ferry, command, "--plugin", plugin, "--target", target, "--seed", str(seed), "--runs-dir", runs] + COMMON + extra
    answer = json.loads(subprocess.run(arguments, check=True, capture_output=True, text=True, cwd=ROOT).stdout)
    return answer["run"] if command == "tune" else answer, answer.get("chosen")


def number(value):
    """A metric as Ferry's JSON writes it: a number, or "nan", "inf", "-inf"."""
    return float(value)


def spread(folds, metric, scale=1.0, lower_is_better=False):
    values = [number(fold[metric]) * scale for fold in folds if metric in fold and number(fold[metric]) == number(fold[metric])]
    if len(values) < len(folds) or not values:
        return ""
    worst = max(values) if lower_is_better else min(values)
    deviation = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.{1 if scale == 100 else 2}f} ± {deviation:.{1 if scale == 100 else 2}f} ({worst:.{1 if scale == 100 else 2}f})"


def row(name, folds, test=None):
    drawdown = [number(fold["max_drawdown"]) for fold in folds if "max_drawdown" in fold]
    cells = [name, spread(folds, "directional_accuracy", 100), spread(folds, "sharpe"),
             f"{100 * statistics.mean(drawdown):.1f}%" if len(drawdown) == len(folds) else ""]
    if test:
        sharpe = test.get("sharpe")
        cells += [f"{100 * number(test['model']['directional_accuracy']):.1f}", f"{number(sharpe):.2f}" if sharpe is not None else ""]
    else:
        cells += ["", ""]
    return "| " + " | ".join(cells) + " |"


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 42
    subprocess.run(["swift", "build", "-c", "release", "--product", "ferry"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    ferry = os.path.join(ROOT, ".build", "release", "ferry")
    lines = ["| model (seed %d) | folds: directional accuracy %% mean ± sd (worst) | folds: Sharpe after 1 bps mean ± sd (worst) "
             "| folds: mean max drawdown | test: dir. acc. %% | test: Sharpe |" % seed, "|---|---|---|---|---|---|"]
    baselines = {}
    with tempfile.TemporaryDirectory() as runs:
        for label, command, plugin, target, extra in MODELS:
            record, chosen = run(ferry, runs, command, plugin, target, seed, extra)
            walk = record["walk_forward"]
            financial = record["evaluation"].get("financial") or {}
            test = {"model": record["evaluation"]["test"]["model"], "sharpe": (financial.get("model") or {}).get("sharpe")}
            name = label + (f" ({', '.join(f'{k}={v}' for k, v in sorted(chosen.items()))})" if chosen else "") + f", {target}"
            lines.append(row(name, walk["model"], test))
            print(lines[-1], file=sys.stderr, flush=True)
            for baseline, folds in walk["baselines"].items():
                baselines.setdefault(f"{baseline} (naive), {target}", folds)
            baselines.setdefault("buy and hold", walk["buy_and_hold"])
    for name in sorted(baselines):
        lines.append(row(name, baselines[name]))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
