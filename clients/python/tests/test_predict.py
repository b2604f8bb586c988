"""Model.predict: DataFrames by name, arrays in schema order, dicts; warnings and refusals."""

import concurrent.futures
import warnings

import numpy as np
import pandas as pd
import pytest

import ferry
from conftest import golden


@pytest.fixture(scope="module")
def model(example):
    return ferry.load(example)


@pytest.fixture(scope="module")
def golden_set(example):
    return golden(example)


def bits(values) -> list:
    return np.asarray(values, dtype=np.float64).view(np.uint64).tolist()


def test_reproduces_the_golden_outputs_bit_for_bit(model, golden_set):
    frame = pd.DataFrame(golden_set["inputs"], columns=golden_set["features"])
    assert bits(model.predict(frame)) == bits(golden_set["outputs"])
    assert bits(model.predict(np.array(golden_set["inputs"]))) == bits(golden_set["outputs"])
    assert bits(model.predict(golden_set["inputs"])) == bits(golden_set["outputs"])


def test_dataframe_columns_are_matched_by_name_in_any_order(model, golden_set):
    frame = pd.DataFrame(golden_set["inputs"], columns=golden_set["features"])
    shuffled = frame[list(reversed(frame.columns))]
    assert bits(model.predict(shuffled)) == bits(model.predict(frame))


def test_dicts_are_matched_by_key(model, golden_set):
    rows = [dict(zip(golden_set["features"], row)) for row in golden_set["inputs"]]
    assert bits(model.predict(rows)) == bits(golden_set["outputs"])
    rows[1].pop("sma_5")
    with pytest.raises(ferry.InvalidDataError, match=r"rows\[1\] has no 'sma_5'"):
        model.predict(rows)


def test_missing_and_extra_columns_are_warned_about_or_refused_when_strict(model):
    frame = pd.DataFrame({"sma_5": [2500.0], "extra": [1.0]})
    with pytest.warns(ferry.FerryWarning) as caught:
        predictions = model.predict(frame)
    assert predictions.shape == (1,) and np.isfinite(predictions[0])
    messages = [str(w.message) for w in caught]
    assert any(m.startswith("38 of 39 features missing from the rows, filled with 0") for m in messages)
    assert "1 field(s) not among the model's features, dropped: extra" in messages
    with pytest.raises(ferry.InvalidDataError, match="rsi_14"):
        model.predict(frame, strict=True)


def test_predict_last_is_the_last_prediction_and_warns_only_when_asked(model, golden_set):
    frame = pd.DataFrame(golden_set["inputs"], columns=golden_set["features"])
    with pytest.warns(ferry.FerryWarning):
        last = model.predict_last(frame)
    assert bits([last]) == bits(golden_set["outputs"][-1:])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert bits([model.predict_last(frame, warn=False)]) == bits([last])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore", ferry.FerryWarning)
        assert bits([model.predict_last(frame)]) == bits([last])
    assert caught == []
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="obv", category=ferry.FerryWarning)  # only some: still worded
        with pytest.warns(ferry.FerryWarning, match="sma_5"):
            model.predict_last(frame)
    with pytest.raises(ferry.InvalidArgumentError, match="at least one row"):
        model.predict_last(np.zeros((0, 39)))


def test_bad_input_is_an_exception_never_a_crash(model):
    with pytest.raises(ferry.InvalidDataError):
        model.predict(pd.DataFrame({"sma_5": [np.nan]}))
    with pytest.raises(ferry.InvalidArgumentError, match="39 features in order; got 3 columns"):
        model.predict(np.zeros((2, 3)))
    with pytest.raises(ferry.InvalidArgumentError, match="2-D"):
        model.predict(np.zeros(39))
    assert model.predict(np.zeros((0, 39))).shape == (0,)


def test_one_model_from_many_threads_gives_the_same_bits(model, golden_set):
    frame = pd.DataFrame(np.tile(golden_set["inputs"], (200, 1)), columns=golden_set["features"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ferry.FerryWarning)
        alone = bits(model.predict(frame))
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(lambda _: bits(model.predict(frame)), range(64)))
    assert all(result == alone for result in results)


def test_warnings_are_left_unworded_only_when_every_ferry_warning_is_ignored():
    from ferry._model import _ferry_warnings_silenced

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ferry.FerryWarning)
        assert _ferry_warnings_silenced()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert _ferry_warnings_silenced()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="obv", category=ferry.FerryWarning)
        assert not _ferry_warnings_silenced()
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert not _ferry_warnings_silenced()
