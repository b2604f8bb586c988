#!/usr/bin/env python3
"""Ferry on Spark vs the usual peer, side by side in one Spark session (local[2]), five interleaved
rounds each, median and range.

    make bench-spark     (bench/spark_vs_mlflow.sh: the venv, the release libferry, then this)

1. Scoring alone: 1,000,000 feature rows (the example bundle's features on the embedded S&P 500,
   tiled with a seeded 0.1% noise) through Ferry's predict_udf and through
   mlflow.pyfunc.spark_udf (env_manager="local", its fastest) on the equivalent scikit-learn
   Lasso (the bundle's coefficients), each written to Spark's no-op sink. Where the time goes: a
   pass-through pandas UDF over the same columns (Arrow transfer + Python, no model), and each
   model's predict on the same rows in this process.
2. The whole job from raw bars, 500 instruments (bench/spark_universe.py): Ferry's bar scorer
   (features and predictions in one pass, what the batch job runs; and features + predict_udf
   as two steps) vs the peer's pandas + TA-Lib features in applyInPandas
   (bench/spark_peer_features.py) + mlflow's spark_udf. The peer's features are first checked
   against Ferry's (1e-9), so both do the same work.
3. Ferry's UDF against the same 1,000,000 rows scored in one process (ferry.Model.predict).
"""

from __future__ import annotations

import json
import os
import pathlib
import statistics
import sys
import tempfile
import time
import warnings
from typing import Iterator

import numpy as np
import pandas as pd

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import spark_peer_features  # noqa: E402
from spark_universe import make_universe  # noqa: E402

import ferry  # noqa: E402
from ferry import spark as ferry_spark  # noqa: E402

EXAMPLE = ROOT / "bundles" / "example" / "SPX-lasso-1.0.0.tar.gz"
WTI = ROOT / "data" / "WTI.csv"
ROUNDS = int(os.environ.get("ROUNDS", "5"))
ROWS = 1_000_000


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def session():
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master("local[2]")
        .appName("ferry-bench-spark")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "3g")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )


def feature_rows(model: ferry.Model) -> pd.DataFrame:
    """1,000,000 rows of the example's features: the S&P 500's, tiled, each value moved by a seeded 0.1%."""
    bars = pd.read_csv(ROOT / "data" / "SPX.csv", parse_dates=["Date"])
    wti = pd.read_csv(WTI, parse_dates=["Date"], na_values=".").set_index("Date")["Value"]
    base = model.features_from_bars(bars, reference=wti).to_numpy()
    tiled = np.tile(base, (ROWS // len(base) + 1, 1))[:ROWS]
    noise = 1 + np.random.default_rng(20261203).normal(0, 1e-3, size=tiled.shape)
    return pd.DataFrame(tiled * noise, columns=model.features)


def sklearn_lasso(model: ferry.Model):
    """scikit-learn's Lasso with the bundle's coefficients (they are in the features' own units)."""
    sys.path.insert(0, str(ROOT / "clients" / "python"))
    import ferry_bundle
    from sklearn.linear_model import Lasso

    bundle = ferry_bundle.load(str(EXAMPLE))
    lasso = Lasso()
    lasso.coef_ = np.array(bundle.tensors["coef"].values)
    lasso.intercept_ = bundle.tensors["intercept"].values[0]
    lasso.n_features_in_ = len(model.features)
    lasso.feature_names_in_ = np.array(model.features, dtype=object)
    return lasso


def mlflow_udf(spark, lasso, sample: pd.DataFrame, folder: pathlib.Path):
    import mlflow.pyfunc
    import mlflow.sklearn
    from mlflow.models import infer_signature

    path = folder / "mlflow-lasso"
    mlflow.sklearn.save_model(lasso, str(path), signature=infer_signature(sample, lasso.predict(sample)))
    return mlflow.pyfunc.spark_udf(spark, model_uri=str(path), env_manager="local", result_type="double"), str(path)


def scoring_alone(spark, model, folder) -> dict:
    from pyspark.sql import functions as F
    from pyspark.sql.functions import pandas_udf

    rows = feature_rows(model)
    lasso = sklearn_lasso(model)
    frame = spark.createDataFrame(rows).repartition(2).cache()
    frame.count()
    columns = F.struct(*model.features)
    peer, mlflow_path = mlflow_udf(spark, lasso, rows.iloc[:100], folder)
    ours = ferry_spark.predict_udf(spark, EXAMPLE)

    @pandas_udf("double")
    def passthrough(batches: Iterator[pd.DataFrame]) -> Iterator[pd.Series]:
        for batch in batches:
            yield pd.Series(np.zeros(len(batch)))

    both = frame.select(ours().alias("ferry"), peer(columns).alias("mlflow")).limit(2000).toPandas()
    agree = float(np.max(np.abs(both["ferry"] - both["mlflow"])))
    assert agree < 1e-12, f"Ferry and the scikit-learn peer disagree by {agree}"

    def run(udf) -> float:
        return timed(lambda: frame.select(udf.alias("p")).write.format("noop").mode("overwrite").save())

    import mlflow.pyfunc

    loaded = mlflow.pyfunc.load_model(mlflow_path)
    times = {"ferry_udf": [], "mlflow_udf": [], "passthrough_udf": [], "ferry_predict": [], "sklearn_predict": [], "mlflow_predict": []}
    for round_ in range(ROUNDS):
        times["ferry_udf"].append(run(ours()))
        times["mlflow_udf"].append(run(peer(columns)))
        times["passthrough_udf"].append(run(passthrough(columns)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ferry.FerryWarning)
            times["ferry_predict"].append(min(timed(lambda: model.predict(rows)) for _ in range(3)))
        times["sklearn_predict"].append(min(timed(lambda: lasso.predict(rows)) for _ in range(3)))
        times["mlflow_predict"].append(min(timed(lambda: loaded.predict(rows)) for _ in range(3)))
        print(f"scoring alone: round {round_ + 1} of {ROUNDS}", file=sys.stderr)
    return {name: summary(values) for name, values in times.items()} | {"max_difference": agree}


def peer_job(bars, peer):
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType, TimestampType

    reference = pd.read_csv(WTI, parse_dates=["Date"], na_values=".").set_index("Date")["Value"]
    schema = StructType(
        [StructField("instrument", StringType()), StructField("date", TimestampType())]
        + [StructField(name, DoubleType()) for name in spark_peer_features.FEATURES]
    )
    table = bars.groupBy("instrument").applyInPandas(lambda frame: spark_peer_features.features(frame, reference), schema)
    return table


def whole_job(spark, model, folder, peer) -> dict:
    from pyspark.sql import functions as F

    spark.sparkContext.addPyFile(str(HERE / "spark_peer_features.py"))  # the peer's code, for its workers
    _, universe = make_universe(folder / "bars", 500)
    bars = spark.createDataFrame(universe).cache()
    bars.count()
    ours_udf = ferry_spark.predict_udf(spark, EXAMPLE)
    scorer = ferry_spark.bar_scorer(spark, EXAMPLE)

    ours = ferry_spark.features(bars, EXAMPLE, reference=str(WTI)).toPandas().sort_values(["instrument", "date"])
    theirs = peer_job(bars, peer).toPandas().sort_values(["instrument", "date"])
    assert len(ours) == len(theirs), (len(ours), len(theirs))
    a, b = ours[model.features].to_numpy(), theirs[model.features].to_numpy()
    relative = np.abs(a - b) / np.maximum(1.0, np.abs(a))
    worst = {name: float(relative[:, i].max()) for i, name in enumerate(model.features)}
    assert max(worst.values()) <= 1e-9, {k: v for k, v in worst.items() if v > 1e-9}

    def ferry_job():
        scorer(bars, reference=str(WTI)).write.format("noop").mode("overwrite").save()

    def ferry_two_steps():
        table = ferry_spark.features(bars, EXAMPLE, reference=str(WTI))
        table.select("instrument", "date", ours_udf().alias("p")).write.format("noop").mode("overwrite").save()

    def mlflow_job():
        table = peer_job(bars, peer)
        table.select("instrument", "date", peer(F.struct(*model.features)).alias("p")).write.format("noop").mode("overwrite").save()

    times = {"ferry_job": [], "ferry_two_steps": [], "peer_job": []}
    for round_ in range(ROUNDS):
        times["ferry_job"].append(timed(ferry_job))
        times["ferry_two_steps"].append(timed(ferry_two_steps))
        times["peer_job"].append(timed(mlflow_job))
        print(f"whole job: round {round_ + 1} of {ROUNDS}", file=sys.stderr)
    return {name: summary(values) for name, values in times.items()} | {
        "rows": len(ours), "bars": len(universe), "worst_relative_difference": max(worst.values()),
    }


def main() -> None:
    spark = session()
    model = ferry.load(EXAMPLE)
    folder = pathlib.Path(tempfile.mkdtemp(prefix="ferry-bench-spark-"))
    scoring = scoring_alone(spark, model, folder)
    peer, _ = mlflow_udf(spark, sklearn_lasso(model), feature_rows(model).iloc[:100], folder / "job")
    job = whole_job(spark, model, folder, peer)
    spark.stop()
    result = {"scoring": scoring, "job": job, "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE")}
    print(json.dumps(result, indent=1))
    m = {name: value["median"] for name, value in (scoring | job).items() if isinstance(value, dict)}
    print(f"scoring 1M rows: Ferry UDF {m['ferry_udf']:.2f} s, mlflow spark_udf {m['mlflow_udf']:.2f} s -> "
          f"{m['ferry_udf'] / m['mlflow_udf']:.2f}x (target <= 1.0)")
    print(f"  pass-through UDF (Arrow + Python, no model) {m['passthrough_udf']:.2f} s; in one process: "
          f"ferry predict {m['ferry_predict']:.3f} s, sklearn {m['sklearn_predict']:.3f} s, mlflow pyfunc {m['mlflow_predict']:.3f} s")
    print(f"whole job, 500 instruments ({job['bars']} bars): Ferry {m['ferry_job']:.2f} s (features + predict_udf as two "
          f"steps {m['ferry_two_steps']:.2f} s), pandas + TA-Lib + mlflow "
          f"{m['peer_job']:.2f} s -> {m['ferry_job'] / m['peer_job']:.2f}x (target <= 0.5); peer features within "
          f"{job['worst_relative_difference']:.1e}")
    print(f"Ferry's UDF vs one process: {m['ferry_udf']:.2f} s vs {m['ferry_predict']:.3f} s "
          f"({m['ferry_predict'] / m['ferry_udf']:.2f} of the single-process rate)")


if __name__ == "__main__":
    main()
