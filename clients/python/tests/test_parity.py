"""Parity: for every plugin, a bundle trained on the embedded data gives, in Python, the bits the
CLI gives on every row of the bar file (the test split included), and reproduces its golden outputs.

scripts/test-python trains the bundles into $FERRY_PARITY_DIR and writes, beside each, what
`ferry predict --data` printed for it (NAME.tar.gz and NAME.json); the table in docs/python.md
comes from this test's report ($FERRY_PARITY_REPORT).
"""

import json
import os
import pathlib
import warnings

import numpy as np
import pandas as pd
import pytest

import ferry
from conftest import golden, read_bars, read_series

PLUGINS = [
    "lasso", "elasticnet", "ridge", "logistic", "baseline-zero", "baseline-last", "baseline-mean", "baseline-majority",
    "ensemble",
    "lstm-lightweight", "lstm-baseline", "lstm-enhanced", "attention-lstm",
]


def bits(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64).view(np.uint64)


@pytest.mark.parametrize("name", PLUGINS)
def test_python_predicts_the_cli_bits_on_every_row(name, parity_dir):
    bundle, printed = parity_dir / f"{name}.tar.gz", parity_dir / f"{name}.json"
    model = ferry.load(bundle)
    rows = json.loads(printed.read_text())["rows"]
    bars = read_bars("SPX.csv")
    reference = read_series("WTI.csv")
    features = model.features_from_bars(bars, reference=reference)
    with warnings.catch_warnings():
        # Features outside the training range are expected in later years; they are not under test here.
        warnings.simplefilter("ignore", ferry.FerryWarning)
        predictions = model.predict(features)
    expected = np.array([np.nan if row["prediction"] is None else row["prediction"] for row in rows], dtype=np.float64)
    assert [row["date"] for row in rows] == [d.strftime("%Y-%m-%d") for d in features.index]
    differing = int(np.count_nonzero(bits(predictions) != bits(expected)))
    finite = np.isfinite(expected)
    max_difference = float(np.max(np.abs(predictions[finite] - expected[finite]))) if finite.any() else 0.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ferry.FerryWarning)
        last = model.predict_last(features.iloc[-64:])
    if model.plugin in ("lstm", "attention-lstm"):
        # One window alone (matrix-vector products) against the same window in a batch (matrix products).
        assert abs(last - predictions[-1]) <= 1e-5 * max(1.0, abs(predictions[-1])), (last, predictions[-1])
    else:
        assert bits([last]).tolist() == bits(predictions[-1:]).tolist()
    g = golden(bundle)
    golden_inputs = pd.DataFrame(g["inputs"], columns=g["features"])
    golden_bits_equal = bool(np.array_equal(bits(model.predict(golden_inputs)), bits(g["outputs"])))
    _report(name, model, len(rows), differing, max_difference, golden_bits_equal)
    assert differing == 0, f"{name}: {differing} of {len(rows)} rows differ (max {max_difference})"
    assert golden_bits_equal, f"{name}: the golden outputs are not reproduced bit for bit"


def _report(name, model, rows, differing, max_difference, golden_equal):
    path = os.environ.get("FERRY_PARITY_REPORT")
    if not path:
        return
    with pathlib.Path(path).open("a") as report:
        report.write(json.dumps({
            "bundle": name, "plugin": model.plugin, "rows": rows, "differing_rows": differing,
            "max_abs_difference": max_difference, "golden_bit_identical": golden_equal,
        }) + "\n")
