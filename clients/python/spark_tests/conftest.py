"""Shared fixtures of the Spark tests (run by scripts/test-spark): a local Spark session, and a
universe of 500 instruments made from the embedded files with seeded perturbations, written as
bar files the ferry CLI reads, with what the CLI computes for them."""

from __future__ import annotations

import concurrent.futures
import json
import os
import pathlib
import shutil
import subprocess

import numpy as np
import pandas as pd
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "bundles" / "example" / "SPX-lasso-1.0.0.tar.gz"
WTI = ROOT / "data" / "WTI.csv"
INSTRUMENTS = 500
PRICES = ["Open", "High", "Low", "Close", "Adj Close"]


def ferry_cli(*arguments: str) -> str:
    """Runs the ferry CLI ($FERRY_BIN); its standard output, or a failure with its error."""
    done = subprocess.run([os.environ["FERRY_BIN"], *arguments], capture_output=True, text=True)
    assert done.returncode == 0, f"ferry {' '.join(arguments)} failed: {done.stderr}"
    return done.stdout


def bits(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64).view(np.uint64)


@pytest.fixture(scope="session")
def work(tmp_path_factory) -> pathlib.Path:
    return tmp_path_factory.mktemp("spark")


@pytest.fixture(scope="session")
def spark():
    from pyspark.sql import SparkSession

    # local[2, 2]: two threads, and a failed task is tried once more (local mode's default is never).
    session = (
        SparkSession.builder.master("local[2, 2]")
        .appName("ferry-spark-tests")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="session")
def universe(work) -> dict:
    """500 instruments: each a window of 300-600 days of SPX or GOOG, its prices scaled by a seeded
    factor and moved by a seeded noise per day (every price of a day by the same factor, so High
    stays above Low), volume scaled. Written as NAME.csv with Python's shortest spellings, so the
    CLI reads the very Doubles the DataFrame holds."""
    generator = np.random.default_rng(20261203)
    bases = [pd.read_csv(ROOT / "data" / name, parse_dates=["Date"], float_precision="round_trip") for name in ("SPX.csv", "GOOG.csv")]
    folder = work / "bars"
    folder.mkdir()
    frames, paths = [], []
    for index in range(INSTRUMENTS):
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
    table = pd.concat(frames, ignore_index=True).rename(columns={"Date": "date"})
    return {"folder": folder, "paths": paths, "table": table}


@pytest.fixture(scope="session")
def cli_features(universe, work) -> dict[str, pd.DataFrame]:
    """What `ferry features compute` writes for each instrument's file (read back exactly)."""
    out = work / "cli-features"
    out.mkdir()

    def compute(path: pathlib.Path) -> tuple[str, pd.DataFrame]:
        target = out / path.name
        ferry_cli("features", "compute", "--data", str(path), "--with", str(WTI), "--out", str(target))
        return path.stem, pd.read_csv(target, parse_dates=["Date"], float_precision="round_trip").set_index("Date")

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(compute, universe["paths"]))


@pytest.fixture(scope="session")
def store(work) -> pathlib.Path:
    """A store with the example bundle registered (for `ferry batch`)."""
    path = work / "store" / "ferry.sqlite"
    ferry_cli("registry", "add", str(EXAMPLE), "--store", str(path))
    return path


def cli_batch(store: pathlib.Path, paths: list[pathlib.Path], day: str) -> dict[str, float]:
    """`ferry batch` for one day over every bar file: each instrument's prediction."""
    arguments = ["batch", "--store", str(store), "--model", "SPX-lasso@1.0.0", "--with", str(WTI), "--as-of", day, "--json"]
    for path in paths:
        arguments += ["--data", str(path)]
    answer = json.loads(ferry_cli(*arguments))
    return {name: value for name, value in answer["predictions"].items() if value is not None}


@pytest.fixture()
def bundle_copy(work) -> pathlib.Path:
    """A copy of the example bundle the test may change."""
    folder = work / f"copy-{os.urandom(4).hex()}"
    folder.mkdir()
    return pathlib.Path(shutil.copy(EXAMPLE, folder / EXAMPLE.name))


@pytest.fixture()
def fresh_bundle(work) -> pathlib.Path:
    """A bundle no other test has shipped (Spark keeps a shipped file per name for the session):
    the zero baseline, trained and exported by the CLI."""
    folder = work / f"fresh-{os.urandom(4).hex()}"
    ferry_cli("train", "--plugin", "baseline-zero", "--runs-dir", str(folder / "runs"))
    ferry_cli("export", "--runs-dir", str(folder / "runs"), "--out", str(folder / "zero.tar.gz"))
    return folder / "zero.tar.gz"
