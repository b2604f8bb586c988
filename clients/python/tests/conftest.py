"""Shared fixtures: the repository's example bundle and embedded data, and the bundles
scripts/test-python trains for the parity tests ($FERRY_PARITY_DIR)."""

import hashlib
import io
import json
import os
import pathlib
import tarfile

import pandas as pd
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "bundles" / "example" / "SPX-lasso-1.0.0.tar.gz"


def read_bars(name: str) -> pd.DataFrame:
    """A bar file of the embedded data, as pandas reads it."""
    return pd.read_csv(ROOT / "data" / name, parse_dates=["Date"])


def read_series(name: str) -> pd.Series:
    """A macro series of the embedded data (FRED's '.' is a missing day)."""
    return pd.read_csv(ROOT / "data" / name, parse_dates=["Date"], na_values=".").set_index("Date").iloc[:, 0]


def golden(bundle: pathlib.Path) -> dict:
    """The bundle's golden.json, read with tarfile."""
    with tarfile.open(bundle) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/golden.json"))
        return json.load(io.TextIOWrapper(archive.extractfile(member), encoding="utf-8"))


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def example() -> pathlib.Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def spx() -> pd.DataFrame:
    return read_bars("SPX.csv")


@pytest.fixture(scope="session")
def wti() -> pd.Series:
    return read_series("WTI.csv")


@pytest.fixture(scope="session")
def parity_dir() -> pathlib.Path:
    folder = os.environ.get("FERRY_PARITY_DIR")
    if not folder:
        pytest.fail("FERRY_PARITY_DIR is not set: run the Python tests through scripts/test-python")
    return pathlib.Path(folder)
