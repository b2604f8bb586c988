#!/usr/bin/env python3
"""Trains every LSTM variant on the embedded S&P 500 data to predict the next day's direction, and
prints their test-split directional accuracy and backtest beside the naive baselines, logistic
regression and Lasso, as a Markdown table (docs/plugins.md keeps the latest).

    make lstm-results      (or: python3 bench/lstm_results.py [SEED ...]; default seeds 42 7 2026)

Everything comes from `ferry train --json` with default settings and the default 70/15/15 split:
directional accuracy on the test rows (side of 0.5 for probabilities, of 0 for returns) and the
financial metrics of the test-split backtest (the model's signal held one day, no costs; long when
the probability is above 0.5, or when the predicted return is above 0). Needs only python3.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LSTMS = [("lstm", "lightweight"), ("lstm", "baseline"), ("lstm", "enhanced"), ("attention-lstm", "baseline")]


def train(ferry, runs, plugin, target, seed, params=()):
    arguments = [ferry, "train", "--plugin", plugin, "--target", target, "--seed", str(seed), "--runs-dir", runs, "--json",
                 "--log-level", "warning"]
    for param in params:
        arguments += ["--param", param]
    record = json.loads(subprocess.run(arguments, check=True, capture_output=True, text=True, cwd=ROOT).stdout)
    evaluation = record["evaluation"]
    test = evaluation["test"]
    financial = evaluation.get("financial") or {}
    return test, financial


def row(name, accuracies, financial):
    accuracy = " / ".join(f"{100 * a:.1f}" for a in accuracies)
    mean = f"{100 * statistics.mean(accuracies):.1f}"
    if not financial:
        return f"| {name} | {accuracy} | {mean} | | | |"
    total = statistics.mean(f["total_return"] for f in financial)
    sharpe = statistics.mean(f["sharpe"] for f in financial)
    drawdown = statistics.mean(f["max_drawdown"] for f in financial)
    return f"| {name} | {accuracy} | {mean} | {100 * total:.1f}% | {sharpe:.2f} | {100 * drawdown:.1f}% |"


def main():
    seeds = [int(s) for s in sys.argv[1:]] or [42, 7, 2026]
    subprocess.run(["swift", "build", "-c", "release", "--product", "ferry"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    ferry = os.path.join(ROOT, ".build", "release", "ferry")
    lines = ["| model | test directional accuracy % (seeds " + ", ".join(map(str, seeds)) + ") | mean | backtest total return | Sharpe | max drawdown |",
             "|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as runs:
        baselines, buy_and_hold = {}, []
        for plugin, variant in LSTMS:
            accuracies, financial = [], []
            for seed in seeds:
                test, money = train(ferry, runs, plugin, "next_direction", seed, [f"variant={variant}"])
                accuracies.append(test["model"]["directional_accuracy"])
                financial.append(money["model"])
                buy_and_hold = [money["buy_and_hold"]]
                for name, values in test.items():
                    if name.startswith("baseline-"):
                        baselines[name] = values["directional_accuracy"]
            lines.append(row(f"{plugin} {variant}", accuracies, financial))
            print(lines[-1], file=sys.stderr, flush=True)
        test, money = train(ferry, runs, "logistic", "next_direction", seeds[0])
        lines.append(row("logistic (next_direction)", [test["model"]["directional_accuracy"]], [money["model"]]))
        test, money = train(ferry, runs, "lasso", "next_return", seeds[0], ["alpha=0.0001"])
        lines.append(row("lasso alpha 1e-4 (next_return)", [test["model"]["directional_accuracy"]], [money["model"]]))
        for name in sorted(baselines):
            lines.append(row(f"{name} (naive)", [baselines[name]], None))
        lines.append(row("buy and hold", [baselines.get("baseline-mean", float("nan"))], buy_and_hold))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
