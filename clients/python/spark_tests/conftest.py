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
import sys

import numpy as np
import pandas as pd
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))
from spark_universe import make_universe  # noqa: E402
EXAMPLE = ROOT / "bundles" / "example" / "SPX-lasso-1.0.0.tar.gz"
WTI = ROOT / "data" / "WTI.csv"
INSTRUMENTS = 500


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
    """500 seeded instruments made from the embedded files (bench/spark_universe.py, which the
    Spark benchmark scores too): bar files the CLI reads, and the same bars as one table."""
    paths, table = make_universe(work / "bars", INSTRUMENTS)
    return {"folder": work / "bars", "paths": paths, "table": table}


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
    the zero baseline, trained and exported by the CLI, also as an OCI image layout."""
    suffix = os.urandom(4).hex()
    folder = work / f"fresh-{suffix}"
    ferry_cli("train", "--plugin", "baseline-zero", "--runs-dir", str(folder / "runs"))
    # A name of its own: bundles are byte-reproducible, so two exports of one run would share a digest.
    ferry_cli("export", "--runs-dir", str(folder / "runs"), "--name", f"zero-{suffix}", "--out", str(folder / "zero.tar.gz"),
              "--oci-layout", str(folder / "layout"))
    return folder / "zero.tar.gz"
