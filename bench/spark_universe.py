"""The seeded universe of instruments the Spark tests and bench/spark_vs_mlflow.py score: each
instrument a window of 300-600 days of the embedded SPX or GOOG file, its prices scaled by a
seeded factor and moved by a seeded noise per day (every price of a day by the same factor, so
High stays above Low), its volume scaled. Written as NAME.csv with Python's shortest spellings,
so the ferry CLI reads the very Doubles the returned table holds."""

from __future__ import annotations

import pathlib

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[1]
PRICES = ["Open", "High", "Low", "Close", "Adj Close"]


def make_universe(folder: pathlib.Path, count: int = 500, seed: int = 20261203) -> tuple[list[pathlib.Path], pd.DataFrame]:
    """Writes ``count`` instruments' bar files into ``folder``; returns their paths and all their
    bars as one table (columns ``instrument``, ``date``, the prices and ``Volume``)."""
    generator = np.random.default_rng(seed)
    bases = [pd.read_csv(ROOT / "data" / name, parse_dates=["Date"], float_precision="round_trip") for name in ("SPX.csv", "GOOG.csv")]
    folder.mkdir(parents=True, exist_ok=True)
    frames, paths = [], []
    for index in range(count):
        base = bases[index % 2]
        length = int(generator.integers(300, 600))
        start = int(generator.integers(0, len(base) - length))
        bars = base.iloc[start:start + length].reset_index(drop=True).copy()
        moves = float(np.exp(generator.normal(0, 0.5))) * (1 + generator.normal(0, 0.002, size=length))
        for column in PRICES:
            bars[column] = bars[column].to_numpy() * moves
        bars["Volume"] = np.round(bars["Volume"].to_numpy() * generator.uniform(0.5, 2.0)).astype(np.int64)
        name = f"I{index:03d}"
        path = folder / f"{name}.csv"
        columns = [bars[column].to_numpy() for column in PRICES]
        with open(path, "w") as file:
            file.write("Date," + ",".join(PRICES) + ",Volume\n")
            for row, (day, volume) in enumerate(zip(bars["Date"], bars["Volume"])):
                file.write(f"{day:%Y-%m-%d}," + ",".join(repr(float(column[row])) for column in columns) + f",{volume}\n")
        bars.insert(0, "instrument", name)
        frames.append(bars)
        paths.append(path)
    return paths, pd.concat(frames, ignore_index=True).rename(columns={"Date": "date"})
