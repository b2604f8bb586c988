"""A verified model bundle, opened through libferry: facts, features from bars, predictions."""

from __future__ import annotations

import ctypes
import json
import os
import warnings
from typing import Any, Iterable, Mapping, Sequence, Union

import numpy as np

from . import _library
from ._errors import FerryWarning, InvalidArgumentError, InvalidDataError, error_for

_native: ctypes.CDLL | None = None
_load_error: _library.LibraryNotFoundError | None = None
try:
    _native = _library.load()
except _library.LibraryNotFoundError as error:  # raised again on first use, so `help(ferry)` still works
    _load_error = error

#: The bar columns ``Model.features_from_bars`` reads, in libferry's order, with the other names
#: each is accepted under (case and spaces do not matter).
BAR_COLUMNS = {
    "open": ("open",),
    "high": ("high",),
    "low": ("low",),
    "close": ("close",),
    "adj_close": ("adj close", "adj_close", "adjclose", "adjusted_close", "adjusted close"),
    "volume": ("volume",),
}

Rows = Union["np.ndarray", Sequence[Sequence[float]], Sequence[Mapping[str, float]], Any]


def _library_or_raise() -> ctypes.CDLL:
    if _native is None:
        assert _load_error is not None
        raise _load_error
    return _native


def _call(function, *arguments) -> None:
    """Calls a libferry function whose last argument is `char **error`; raises its exception."""
    library = _library_or_raise()
    message = ctypes.c_void_p()
    status = function(*arguments, ctypes.byref(message))
    if status != 0:
        raise error_for(status, _library.take_string(library, message.value))


def load(source: Union[str, os.PathLike, bytes, bytearray, memoryview], trusted_keys: Union[str, os.PathLike, None] = None,
         require_signature: bool = False) -> "Model":
    """Opens a Ferry model bundle and verifies it in every class before returning it.

    Args:
        source: The bundle's path, or its bytes (at most 512 MiB).
        trusted_keys: A folder of ``*.pub`` Ed25519 keys; a signed bundle must be signed by one.
        require_signature: Refuse a bundle that carries no signature.

    Returns:
        The verified model.

    Raises:
        NotFoundError: No file at the path.
        IntegrityError: The archive or its checksums are wrong.
        AuthenticityError: The signature is missing (when required), untrusted or wrong.
        CompatibilityError: A format version or plugin this libferry does not have.
        BehaviourError: The model does not reproduce its golden outputs.
    """
    library = _library_or_raise()
    keys = os.fsencode(trusted_keys) if trusted_keys is not None else None
    handle = ctypes.c_void_p()
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        _call(library.ferry_open_bytes, data, len(data), keys, int(require_signature), ctypes.byref(handle))
    else:
        _call(library.ferry_open_path, os.fsencode(source), keys, int(require_signature), ctypes.byref(handle))
    return Model(handle)


class Model:
    """A verified model: its facts, ``predict`` and ``features_from_bars``.

    One model may predict from many threads at once (libferry releases nothing it shares, and
    ctypes lets go of the GIL during each call). ``close()`` (or a ``with`` block) frees it early.
    """

    def __init__(self, handle: ctypes.c_void_p) -> None:
        """Made by :func:`ferry.load`; not meant to be called directly."""
        self._handle = handle
        library = _library_or_raise()
        self._info = json.loads(_library.take_string(library, library.ferry_model_info_json(handle)) or "{}")
        self._feature_names = [name.encode("utf-8") for name in self._info["features"]]
        self._names_array = (ctypes.c_char_p * len(self._feature_names))(*self._feature_names)

    # Facts -------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The model's name, e.g. ``SPX-lasso``."""
        return self._info["name"]

    @property
    def version(self) -> str:
        """The model's version, e.g. ``1.0.0``."""
        return self._info["version"]

    @property
    def plugin(self) -> str:
        """The plugin that trained it, e.g. ``lasso``."""
        return self._info["plugin"]

    @property
    def digest(self) -> str:
        """The SHA-256 of the bundle's bytes, hex (what ``sha256sum`` prints)."""
        return self._info["digest"]

    @property
    def signer(self) -> str | None:
        """The id of the key that signed the bundle, or None when it is unsigned."""
        return self._info.get("signer")

    @property
    def features(self) -> list[str]:
        """The features the model reads, in schema order (a numpy array's column order)."""
        return list(self._info["features"])

    @property
    def schema(self) -> dict[str, Any]:
        """The model's inputs and output: ``features`` (in order), ``target`` and ``target_kind``."""
        return {"features": self.features, "target": self._info.get("target"), "target_kind": self._info["target_kind"]}

    @property
    def verification(self) -> dict[str, dict[str, Any]]:
        """Each verification class (integrity, authenticity, compatibility, behaviour) with
        ``passed`` and ``detail``."""
        return {check["check"]: {"passed": check["passed"], "detail": check["detail"]} for check in self._info["verification"]}

    @property
    def info(self) -> dict[str, Any]:
        """Every fact libferry reports, as ``ferry_model_info_json`` gives them."""
        return json.loads(json.dumps(self._info))

    def __repr__(self) -> str:
        return f"<ferry.Model {self.name} {self.version} ({self.plugin}) sha256:{self.digest[:12]}>"

    # Predictions -------------------------------------------------------------------------

    def predict(self, X: Rows, *, strict: bool = False) -> np.ndarray:
        """Predicts one value per row.

        Args:
            X: A pandas DataFrame (columns matched by name, in any order), a 2-D numpy array or
                list of lists (columns in :attr:`features` order), or a list of dicts (keys by name).
            strict: Refuse rows that lack a feature or carry a column the model does not read,
                instead of filling the missing with 0 and dropping the extra (each reported as a
                :class:`ferry.FerryWarning`).

        Returns:
            A float64 array with one prediction per row.

        Raises:
            InvalidDataError: A NaN cell, or (strict) a missing or extra column, named.
            InvalidArgumentError: An array whose column count is not the model's.
        """
        columns, values = self._matrix(X)
        predictions = np.empty(values.shape[0], dtype=np.float64)
        if values.shape[0] > 0:
            self._predict_into(_library_or_raise().ferry_predict, columns, values, strict, predictions)
        return predictions

    def predict_last(self, X: Rows, *, strict: bool = False, warn: bool = True) -> float:
        """Predicts the last row alone, the rows before it being its window: the serving case of a
        model that reads a window of rows (the LSTM family; pass the last ``lookback`` rows or
        more), which then computes one window instead of one per row. For a model that reads one
        row at a time it equals ``predict(X)[-1]`` to the bit.

        Args:
            X: As for :meth:`predict`, with at least one row.
            strict: As for :meth:`predict`.
            warn: Report values outside the training range (and filled or dropped columns) as
                :class:`ferry.FerryWarning`; False skips their wording, a saving of about 20 us
                on a window whose features mostly lie outside the range (values that are not
                finite are refused either way). They are not worded either while a warnings
                filter ignores every FerryWarning (``warnings.simplefilter("ignore",
                ferry.FerryWarning)``).

        Returns:
            The prediction for the last row.
        """
        columns, values = self._matrix(X)
        if values.shape[0] == 0:
            raise InvalidArgumentError("predict_last needs at least one row")
        prediction = np.empty(1, dtype=np.float64)
        wanted = warn and not _ferry_warnings_silenced()
        self._predict_into(_library_or_raise().ferry_predict_last, columns, values, strict, prediction, wanted)
        return float(prediction[0])

    def _predict_into(
        self, function, columns: list[bytes] | None, values: np.ndarray, strict: bool, out: np.ndarray, warn: bool = True
    ) -> None:
        """Calls ferry_predict or ferry_predict_last on the matrix; its warnings become FerryWarnings
        (not asked for when ``warn`` is False)."""
        library = _library_or_raise()
        names = self._names_array if columns is None else (ctypes.c_char_p * len(columns))(*columns)
        found = ctypes.c_void_p()
        _call(
            function,
            self._open_handle(),
            names,
            values.shape[1],
            values.ctypes.data,
            values.shape[0],
            int(strict),
            out.ctypes.data,
            ctypes.byref(found) if warn else None,
        )
        for warning in json.loads(_library.take_string(library, found.value) or "[]"):
            warnings.warn(warning, FerryWarning, stacklevel=3)

    def _matrix(self, X: Rows) -> tuple[list[bytes] | None, np.ndarray]:
        """The column names (None: schema order) and a C-ordered float64 matrix of ``X``."""
        if hasattr(X, "columns") and hasattr(X, "to_numpy"):
            names = [str(column).encode("utf-8") for column in X.columns]
            return names, np.ascontiguousarray(X.to_numpy(dtype=np.float64))
        if isinstance(X, Sequence) and X and all(isinstance(row, Mapping) for row in X):
            return self._from_dicts(X)
        values = np.ascontiguousarray(np.asarray(X, dtype=np.float64))
        if values.ndim != 2:
            raise InvalidArgumentError(f"rows must be 2-D (rows x features); got an array of shape {values.shape}")
        if values.shape[1] != len(self._feature_names):
            raise InvalidArgumentError(
                f"an array's columns are the model's {len(self._feature_names)} features in order; got {values.shape[1]} columns"
                " (pass a DataFrame or dicts to match columns by name)"
            )
        return None, values

    @staticmethod
    def _from_dicts(rows: Sequence[Mapping[str, float]]) -> tuple[list[bytes], np.ndarray]:
        names = list(dict.fromkeys(key for row in rows for key in row))
        values = np.empty((len(rows), len(names)), dtype=np.float64)
        for index, row in enumerate(rows):
            missing = [name for name in names if name not in row]
            if missing:
                raise InvalidDataError(f"rows[{index}] has no {', '.join(repr(name) for name in missing)} (other rows do)")
            values[index] = [row[name] for name in names]
        return [name.encode("utf-8") for name in names], values

    # Features from bars ------------------------------------------------------------------

    def features_from_bars(self, bars: Any, reference: Any = None) -> Any:
        """Computes the model's features from raw OHLCV bars with the pipeline in its bundle, so
        the rows are exactly what training saw (the same code as ``ferry predict --data``).

        Args:
            bars: A pandas DataFrame of one instrument's bars, dated by a DatetimeIndex or a
                ``Date`` column, with columns Open, High, Low, Close, Adj Close and Volume (any
                case; ``adj_close`` also accepted).
            reference: The second series the features read, when the model has a correlation
                feature: a pandas Series (or one-column DataFrame) on its own dates, NaN where
                missing. It is laid onto the bars' dates with past observations only.

        Returns:
            A DataFrame indexed by date (the bars after the warm-up), one column per feature in
            schema order, ready for :meth:`predict`.

        Raises:
            InvalidDataError: A bar that breaks a rule (negative price, High below Low, dates out
                of order), named by its row.
            InvalidArgumentError: A missing column, or a reference the model needs and lacks.
            RefusedError: A model trained on a plain table (it carries no feature pipeline).
        """
        import pandas as pd

        library = _library_or_raise()
        frame = bars.set_index("Date") if "Date" in bars.columns else bars
        dates = _seconds(frame.index)
        values = np.ascontiguousarray(frame[bar_columns(frame.columns)].to_numpy(dtype=np.float64))
        reference_dates, reference_values = _reference(reference)
        out = ctypes.POINTER(ctypes.c_double)()
        rows, first = ctypes.c_size_t(), ctypes.c_size_t()
        _call(
            library.ferry_features_from_bars,
            self._open_handle(),
            dates.ctypes.data_as(ctypes.POINTER(ctypes.c_int64)),
            values.ctypes.data_as(ctypes.POINTER(ctypes.c_double)),
            len(dates),
            None if reference_dates is None else reference_dates.ctypes.data_as(ctypes.POINTER(ctypes.c_int64)),
            None if reference_values is None else reference_values.ctypes.data_as(ctypes.POINTER(ctypes.c_double)),
            0 if reference_dates is None else len(reference_dates),
            ctypes.byref(out),
            ctypes.byref(rows),
            ctypes.byref(first),
        )
        try:
            count = rows.value * len(self._feature_names)
            matrix = np.ctypeslib.as_array(out, shape=(count,)).copy().reshape(rows.value, len(self._feature_names))
        finally:
            library.ferry_values_free(out)
        index = pd.DatetimeIndex(frame.index[first.value:], name="Date")
        return pd.DataFrame(matrix, index=index, columns=self.features)

    # Lifetime ----------------------------------------------------------------------------

    def _open_handle(self) -> ctypes.c_void_p:
        if not self._handle:
            raise InvalidArgumentError("this model is closed")
        return self._handle

    def close(self) -> None:
        """Frees the model now (otherwise when it is garbage collected); later calls raise."""
        handle, self._handle = self._handle, ctypes.c_void_p()
        if handle and _native is not None:
            _native.ferry_model_close(handle)

    def __enter__(self) -> "Model":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()


def _ferry_warnings_silenced() -> bool:
    """Whether the warnings filter that decides for FerryWarning ignores every one of them. Read
    conservatively: a filter that looks at the message, the module or the line counts as showing."""
    for action, message, category, module, lineno in warnings.filters:
        if issubclass(FerryWarning, category):
            return action == "ignore" and message is None and module is None and lineno == 0
    return False


def _seconds(index: Iterable[Any]) -> np.ndarray:
    """Dates as seconds since 1970-01-01 UTC (a time zone converted to UTC)."""
    import pandas as pd

    dates = pd.DatetimeIndex(index)
    if dates.tz is not None:
        dates = dates.tz_convert("UTC").tz_localize(None)
    return np.ascontiguousarray(dates.values.astype("datetime64[s]").astype(np.int64))


def bar_columns(columns: Iterable[Any]) -> list[Any]:
    """Of ``columns`` (a frame's labels), those for open, high, low, close, adj_close, volume, in
    that order; raises InvalidArgumentError naming the ones missing."""
    columns = list(columns)
    by_name = {str(column).strip().lower(): column for column in columns}
    chosen, missing = [], []
    for column, names in BAR_COLUMNS.items():
        match = next((by_name[name] for name in names if name in by_name), None)
        (missing.append(column) if match is None else chosen.append(match))
    if missing:
        raise InvalidArgumentError(
            f"the bars lack {', '.join(missing)} (columns needed: Open, High, Low, Close, Adj Close, Volume; "
            f"found: {', '.join(map(str, columns))})"
        )
    return chosen


def _reference(reference: Any) -> tuple[np.ndarray | None, np.ndarray | None]:
    """A reference series' dates and values (NaN for missing), or (None, None)."""
    if reference is None:
        return None, None
    if hasattr(reference, "columns"):
        if len(reference.columns) != 1:
            raise InvalidArgumentError(f"a reference DataFrame needs one column; it has {len(reference.columns)}")
        reference = reference.iloc[:, 0]
    return _seconds(reference.index), np.ascontiguousarray(reference.to_numpy(dtype=np.float64))


def library_version() -> str:
    """The version of the libferry this package loaded."""
    return _library_or_raise().ferry_version().decode("utf-8")
