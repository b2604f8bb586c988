"""Model.features_from_bars: the bundle's own pipeline over raw bars, as `ferry predict --data`."""

import json
import os
import subprocess

import numpy as np
import pandas as pd
import pytest

import ferry
from conftest import ROOT


@pytest.fixture(scope="module")
def model(example):
    return ferry.load(example)


def test_features_from_bars_predict_what_the_cli_predicts_on_the_bar_file(model, example, spx, wti):
    features = model.features_from_bars(spx, reference=wti)
    assert list(features.columns) == model.features and features.index.name == "Date"
    assert len(features) < len(spx) and features.index[-1] == spx["Date"].iloc[-1]
    with pytest.warns(ferry.FerryWarning):
        predictions = model.predict(features)
    cli = subprocess.run(
        [os.environ["FERRY_CLI"], "predict", "--bundle", str(example), "--data", str(ROOT / "data" / "SPX.csv"),
         "--with", str(ROOT / "data" / "WTI.csv"), "--json"],
        capture_output=True, text=True, check=True)
    rows = json.loads(cli.stdout)["rows"]
    assert [row["date"] for row in rows] == [d.strftime("%Y-%m-%d") for d in features.index]
    expected = np.array([row["prediction"] for row in rows], dtype=np.float64)
    assert predictions.view(np.uint64).tolist() == expected.view(np.uint64).tolist()


def test_a_date_index_and_other_column_spellings_are_accepted(model, spx, wti):
    renamed = spx.set_index("Date").rename(columns={"Adj Close": "adj_close", "Open": "open"})
    assert model.features_from_bars(renamed, reference=wti.to_frame()).equals(model.features_from_bars(spx, reference=wti))


def test_a_broken_bar_is_refused_by_its_row(model, spx, wti):
    broken = spx.copy()
    broken.loc[3, "High"] = broken.loc[3, "Low"] - 1
    with pytest.raises(ferry.InvalidDataError, match=r"row 3 \(1999-01-0"):
        model.features_from_bars(broken, reference=wti)


def test_a_missing_column_or_reference_is_explained(model, spx, wti):
    with pytest.raises(ferry.InvalidArgumentError, match="lack volume"):
        model.features_from_bars(spx.drop(columns=["Volume"]), reference=wti)
    with pytest.raises(ferry.InvalidArgumentError, match="reference series"):
        model.features_from_bars(spx)
