"""Ferry on Apache Spark: a bundle's features and predictions for thousands of instruments, the
same bits one machine gives.

    >>> from ferry import spark as ferry_spark
    >>> predictions = ferry_spark.bar_scorer(session, "SPX-lasso-1.0.0.tar.gz")(bars, reference="WTI.csv")
    >>> features = ferry_spark.features(bars, "SPX-lasso-1.0.0.tar.gz", reference="WTI.csv")
    >>> scored = features.withColumn("prediction", ferry_spark.predict_udf(session, "SPX-lasso-1.0.0.tar.gz")())

The driver verifies the bundle once (all four classes; a failure raises before any task runs)
and ships it with ``SparkContext.addFile``. Each executor's Python worker checks that the file it
received has the digest the driver verified, opens it through libferry once and keeps it for
every later batch. Features are computed per instrument by the bundle's own pipeline
(``groupBy(...).applyInPandas``), scoring runs as an iterator pandas UDF over Arrow batches, or
in the same pass as the features (``bar_scorer``).
Needs ``pyspark`` and ``pyarrow`` (``pip install "ferry[spark]"``); see docs/spark.md.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import shutil
import subprocess
import tempfile
import threading
import warnings
from typing import Any, Iterator, Union

import pandas as pd

from ._errors import FerryWarning, IntegrityError, InvalidArgumentError
from ._model import BAR_COLUMNS, Model, bar_columns, load

PathLike = Union[str, os.PathLike]

_models: dict[tuple[str, str], Model] = {}
_models_lock = threading.Lock()
#: The driver's digest-named copy of each bundle it shipped (see _shipping_name).
_shipped: dict[str, pathlib.Path] = {}


class ShippedBundle:
    """A bundle the driver verified and shipped to the executors: what a task needs to open its
    own copy (the file's name among Spark's files, the digest to check it against, the trusted
    keys' contents) and the facts the output columns carry."""

    def __init__(self, spark: Any, bundle: PathLike, trusted_keys: PathLike | None, require_signature: bool) -> None:
        path = resolve(bundle, trusted_keys, require_signature)
        with load(path, trusted_keys=trusted_keys, require_signature=require_signature) as model:
            self.name, self.version, self.digest = model.name, model.version, model.digest
            self.features = model.features
        self.require_signature = require_signature
        self.keys = _read_keys(trusted_keys)
        shipped = _shipping_name(path, self.digest)
        self.file_name = shipped.name
        spark.sparkContext.addFile(str(shipped))

    def open(self) -> Model:
        """The model in this Python worker: opened (and verified) the first time, then reused.
        The shipped file must be the very bytes the driver verified."""
        key = (self.file_name, self.digest)
        with _models_lock:
            model = _models.get(key)
            if model is None:
                model = _models[key] = self._open_shipped()
            return model

    def _open_shipped(self) -> Model:
        from pyspark import SparkFiles

        path = pathlib.Path(SparkFiles.get(self.file_name))
        found = _sha256(path)
        if found != self.digest:
            raise IntegrityError(
                f"{path}: the bundle shipped to this executor has sha256 {found}, not {self.digest} "
                "which the driver verified; it was changed after the job started"
            )
        keys = _write_keys(self.keys)
        try:
            return load(path, trusted_keys=keys, require_signature=self.require_signature)
        finally:
            if keys is not None:
                shutil.rmtree(keys, ignore_errors=True)


def resolve(bundle: PathLike, trusted_keys: PathLike | None = None, require_signature: bool = False) -> pathlib.Path:
    """A bundle's local path: a path as it is, or an ``oci://host/repository:tag`` (``@sha256:...``)
    reference or an ``oci:DIR[:TAG]`` image layout pulled once with the ``ferry`` CLI (which checks
    every digest and referrer signature on the way) into a temporary folder."""
    text = os.fspath(bundle)
    if not text.startswith("oci:"):
        path = pathlib.Path(text)
        if not path.is_file():
            raise InvalidArgumentError(f"{path}: no bundle file there")
        return path
    cli = shutil.which("ferry")
    if cli is None:
        raise InvalidArgumentError(f"{text}: pulling an OCI reference needs the ferry CLI on PATH; or pull it first")
    folder = pathlib.Path(tempfile.mkdtemp(prefix="ferry-spark-"))
    command = [cli, "pull", text, "--out", str(folder)]
    command += ["--trusted-keys", os.fspath(trusted_keys)] if trusted_keys is not None else []
    command += ["--require-signature"] if require_signature else []
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise InvalidArgumentError(f"{text}: ferry pull failed: {done.stderr.strip()}")
    pulled = sorted(folder.glob("*.tar.gz"))
    if len(pulled) != 1:
        raise InvalidArgumentError(f"{text}: ferry pull wrote {len(pulled)} bundles into {folder}, not one")
    return pulled[0]


class PredictUDF:
    """Scores feature columns with a shipped bundle: call it with the feature columns (names or
    Columns; none: every feature the bundle reads, by name) to get a double Column. Columns are
    matched by name with the bundle's policy: a missing feature filled, an extra one dropped,
    each counted as a warning, as are values outside the training range. The count is in
    :attr:`warnings` (a Spark accumulator) once an action has run."""

    def __init__(self, spark: Any, shipped: ShippedBundle, result_type: str, strict: bool) -> None:
        from pyspark.sql.functions import pandas_udf

        self.bundle = shipped
        self.warnings = spark.sparkContext.accumulator(0)
        counter = self.warnings

        def score(batches: Iterator[pd.DataFrame]) -> Iterator[pd.Series]:
            model = shipped.open()
            for frame in batches:
                yield pd.Series(_predict_counting_warnings(model, frame, strict, counter))

        self._udf = pandas_udf(score, returnType=result_type)

    def __call__(self, *columns: Any) -> Any:
        from pyspark.sql import functions as F

        chosen = columns or tuple(self.bundle.features)
        return self._udf(F.struct(*[F.col(c) if isinstance(c, str) else c for c in chosen]))


def predict_udf(spark: Any, bundle: PathLike, trusted_keys: PathLike | None = None, require_signature: bool = False,
                result_type: str = "double", strict: bool = False) -> PredictUDF:
    """A scoring function for DataFrames of feature rows.

    The bundle is verified here, on the driver, in all four classes (a failure raises its
    :class:`ferry.VerificationError` before any task runs), then shipped to the executors.

    Args:
        spark: The SparkSession.
        bundle: The bundle's path, or an ``oci://`` reference or ``oci:DIR`` layout (pulled with the ferry CLI).
        trusted_keys: A folder of ``*.pub`` keys; a signed bundle must be signed by one of them.
        require_signature: Refuse an unsigned bundle.
        result_type: The Spark type of the predictions.
        strict: Refuse rows that lack a feature or carry a column the model does not read.

    Returns:
        A :class:`PredictUDF`: ``df.withColumn("prediction", udf())``.
    """
    return PredictUDF(spark, ShippedBundle(spark, bundle, trusted_keys, require_signature), result_type, strict)


def features(df: Any, bundle: PathLike, instrument_col: str = "instrument", date_col: str = "date",
             reference: Any = None, trusted_keys: PathLike | None = None, require_signature: bool = False) -> Any:
    """The bundle's features per instrument, computed by its own pipeline from raw bars: the
    values ``ferry features compute`` writes for each instrument's bar file.

    Args:
        df: Raw bars: the instrument and date columns, and Open, High, Low, Close, Adj Close,
            Volume (any case), one row per instrument and bar, in any order.
        bundle: The bundle's path, or an ``oci://`` reference.
        instrument_col: The column naming the instrument.
        date_col: The bar's date (a date or timestamp column; UTC).
        reference: The second series the bundle's features read, when it has a correlation
            feature: a pandas Series, or a CSV file (``Date,Value``, FRED's ``.`` missing, or
            bars, whose Adj Close is taken); the same for every instrument.
        trusted_keys: As for :func:`predict_udf`.
        require_signature: As for :func:`predict_udf`.

    Returns:
        A DataFrame: the instrument, the date, then one double column per feature in schema order,
        for every bar after the warm-up.
    """
    from pyspark.sql.types import DoubleType, StructField

    shipped = ShippedBundle(df.sparkSession, bundle, trusted_keys, require_signature)
    columns = [StructField(name, DoubleType(), False) for name in shipped.features]
    return _per_instrument(df, shipped, instrument_col, date_col, reference, columns, lambda model, table: table)


class BarScorer:
    """Predictions straight from raw bars, per instrument, in one pass: the bundle's features and
    its predictions computed together in the Python worker, so the feature table never goes back
    to the JVM and out again (what :func:`features` followed by :func:`predict_udf` costs). The
    same bits as the two steps. :attr:`warnings` counts the bundle's warnings once an action has
    run; :attr:`bundle` holds its name, version and digest."""

    def __init__(self, spark: Any, bundle: PathLike, trusted_keys: PathLike | None, require_signature: bool, strict: bool) -> None:
        self.bundle = ShippedBundle(spark, bundle, trusted_keys, require_signature)
        self.warnings = spark.sparkContext.accumulator(0)
        self._strict = strict

    def __call__(self, df: Any, instrument_col: str = "instrument", date_col: str = "date", reference: Any = None) -> Any:
        """The instrument, the date and the prediction for every bar of ``df`` after the warm-up
        (arguments as for :func:`features`)."""
        from pyspark.sql.types import DoubleType, StructField

        counter, strict = self.warnings, self._strict

        def predict(model: Model, table: pd.DataFrame) -> pd.DataFrame:
            return pd.DataFrame({"prediction": _predict_counting_warnings(model, table, strict, counter)}, index=table.index)

        column = [StructField("prediction", DoubleType(), False)]
        return _per_instrument(df, self.bundle, instrument_col, date_col, reference, column, predict)


def bar_scorer(spark: Any, bundle: PathLike, trusted_keys: PathLike | None = None, require_signature: bool = False,
               strict: bool = False) -> BarScorer:
    """A :class:`BarScorer`: ``bar_scorer(spark, bundle)(bars, reference="WTI.csv")`` gives each
    bar's prediction. The bundle is verified on the driver first, as for :func:`predict_udf`."""
    return BarScorer(spark, bundle, trusted_keys, require_signature, strict)


def _predict_counting_warnings(model: Model, rows: pd.DataFrame, strict: bool, counter: Any) -> Any:
    """``model.predict(rows)``, its warnings added to the Spark accumulator ``counter``
    (a worker's warnings would otherwise be lost in its log)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FerryWarning)
        values = model.predict(rows, strict=strict)
    found = sum(1 for warning in caught if issubclass(warning.category, FerryWarning))
    if found:
        counter.add(found)
    return values


def _per_instrument(df: Any, shipped: ShippedBundle, instrument_col: str, date_col: str, reference: Any, columns: list,
                    produce: Any) -> Any:
    """Runs the bundle's features over each instrument's bars (sorted by date) in the Python
    workers, then ``produce(model, features)`` (a DataFrame on the same dates whose columns are
    ``columns``); gives the instrument, the date and those columns."""
    from pyspark.sql.types import DateType, StructType

    series = read_reference(reference)
    fields = {field.name: field for field in df.schema.fields}
    for column in (instrument_col, date_col):
        if column not in fields:
            raise InvalidArgumentError(f"the bars have no column {column!r} (columns: {', '.join(fields)})")
    schema = StructType([fields[instrument_col], fields[date_col]] + columns)
    names = [field.name for field in columns]
    columns_read = [instrument_col, date_col] + bar_columns(fields)
    dates_are_days = isinstance(fields[date_col].dataType, DateType)

    def compute(frame: pd.DataFrame) -> pd.DataFrame:
        model = shipped.open()
        bars = frame.sort_values(date_col, kind="stable").set_index(date_col)
        table = produce(model, model.features_from_bars(bars.drop(columns=[instrument_col]), reference=series))
        dates = table.index.date if dates_are_days else table.index
        out = pd.DataFrame({instrument_col: frame[instrument_col].iloc[0], date_col: dates})
        for name in names:
            out[name] = table[name].to_numpy()
        return out

    return df.select(*columns_read).groupBy(instrument_col).applyInPandas(compute, schema)


def read_reference(reference: Any) -> Any:
    """A reference series as a pandas Series (None stays None): a Series as it is, or a CSV file
    of ``Date,Value`` (FRED's ``.`` is a missing day) or of bars (their Adj Close)."""
    if reference is None or not isinstance(reference, (str, os.PathLike)):
        return reference
    table = pd.read_csv(reference, parse_dates=["Date"], na_values=".").set_index("Date")
    by_name = {str(column).strip().lower(): column for column in table.columns}
    if len(table.columns) == 1:
        return table.iloc[:, 0].astype("float64")
    for name in BAR_COLUMNS["adj_close"]:
        if name in by_name:
            return table[by_name[name]].astype("float64")
    raise InvalidArgumentError(f"{reference}: a reference is Date,Value or bars with Adj Close; found {', '.join(map(str, table.columns))}")


def _shipping_name(path: pathlib.Path, digest: str) -> pathlib.Path:
    """The bundle under a name made of its digest, for ``addFile``: Spark unpacks files whose
    names end in .tar.gz (a bundle must reach the executor as the bytes that were verified,
    unread), and refuses a second file of the same name with other contents. A hard link where
    the file system allows it (a symbolic link would not do: Spark ships its target's name), a
    copy otherwise; made once per digest in this driver."""
    named = _shipped.get(digest)
    if named is not None and named.exists():
        return named
    named = pathlib.Path(tempfile.mkdtemp(prefix="ferry-spark-")) / f"{digest}.ferry-bundle"
    try:
        os.link(path, named)
    except OSError:
        shutil.copyfile(path, named)
    _shipped[digest] = named
    return named


def _sha256(path: pathlib.Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_keys(folder: PathLike | None) -> dict[str, bytes] | None:
    """The trusted public keys' contents (``*.pub``), shipped inside the task closure."""
    if folder is None:
        return None
    keys = {path.name: path.read_bytes() for path in sorted(pathlib.Path(folder).glob("*.pub"))}
    if not keys:
        raise InvalidArgumentError(f"{folder}: no *.pub keys in the trusted keys folder")
    return keys


def _write_keys(keys: dict[str, bytes] | None) -> str | None:
    if keys is None:
        return None
    folder = tempfile.mkdtemp(prefix="ferry-keys-")
    for name, content in keys.items():
        pathlib.Path(folder, name).write_bytes(content)
    return folder
