"""ferry.spark on Spark local mode: features and predictions for 500 instruments equal the CLI's to
the bit; verification fails on the driver before any task runs, and on an executor handed a
changed file; a failed task is retried and each row is written once; a day rewritten replaces
only itself."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import ferry
from conftest import EXAMPLE, ROOT, WTI, bits, cli_batch
from ferry import spark as ferry_spark
from ferry import spark_batch


@pytest.fixture(scope="session")
def bars(spark, universe):
    return spark.createDataFrame(universe["table"]).cache()


@pytest.fixture(scope="session")
def spark_features(bars) -> pd.DataFrame:
    return ferry_spark.features(bars, str(EXAMPLE), reference=str(WTI)).toPandas()


def test_scoring_features_and_scoring_bars_in_one_pass_give_the_same_bits(spark, bars, spark_features):
    predict = ferry_spark.predict_udf(spark, EXAMPLE)
    features = spark.createDataFrame(spark_features)
    two_steps = features.select("instrument", "date", predict().alias("prediction")).toPandas()
    one_pass = ferry_spark.bar_scorer(spark, EXAMPLE)(bars, reference=str(WTI)).toPandas()
    keys = ["instrument", "date"]
    merged = two_steps.merge(one_pass, on=keys, suffixes=("_udf", "_bars"), validate="one_to_one")
    assert len(merged) == len(two_steps) == len(one_pass)
    assert bits(merged["prediction_udf"]).tolist() == bits(merged["prediction_bars"]).tolist()


def test_features_equal_ferry_features_compute_for_every_instrument(spark_features, cli_features):
    model = ferry.load(EXAMPLE)
    by_instrument = dict(tuple(spark_features.groupby("instrument")))
    assert sorted(by_instrument) == sorted(cli_features), "every instrument has features"
    rows = 0
    for name, expected in cli_features.items():
        got = by_instrument[name].sort_values("date").set_index("date")
        assert list(got.index) == list(expected.index), f"{name}: the same days after the warm-up"
        for feature in model.features:
            differing = np.flatnonzero(bits(got[feature]) != bits(expected[feature]))
            assert differing.size == 0, f"{name} {feature}: {differing.size} rows differ, first on {got.index[differing[0]]}"
        rows += len(got)
    assert rows > 100_000, rows


def busiest_days(universe, count: int) -> list[str]:
    """The days most instruments have (the universe's windows differ)."""
    days = universe["table"]["date"].dt.strftime("%Y-%m-%d").value_counts()
    return sorted(days.index[:count])


def test_the_batch_job_predicts_what_ferry_batch_predicts_per_instrument_and_day(spark, bars, universe, store, work):
    days = busiest_days(universe, 3)
    scored, scorer = spark_batch.score(spark, bars, str(EXAMPLE), reference=str(WTI), days=days)
    out = work / "predictions"
    spark_batch.write(scored, str(out))
    written = pd.read_parquet(out)
    assert {"instrument", "date", "prediction", "model", "version", "bundle_digest", "day"} <= set(written.columns)
    assert set(written["bundle_digest"]) == {ferry.load(EXAMPLE).digest}
    assert not written.duplicated(["instrument", "date"]).any()
    table = universe["table"]
    compared = 0
    for day in days:
        holders = set(table.loc[table["date"].dt.strftime("%Y-%m-%d") == day, "instrument"])
        expected = cli_batch(store, [path for path in universe["paths"] if path.stem in holders], day)
        got = written[written["day"].astype(str) == day].set_index("instrument")["prediction"]
        assert sorted(got.index) == sorted(expected), f"{day}: the same instruments scored"
        names = sorted(expected)
        assert bits(got[names]).tolist() == bits([expected[name] for name in names]).tolist(), day
        compared += len(names)
    assert compared > 60, compared
    assert scorer.warnings.value > 0, "values outside the training range are counted, not lost"


def test_a_bundle_that_fails_verification_stops_the_job_on_the_driver(spark, bundle_copy):
    data = bytearray(bundle_copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    bundle_copy.write_bytes(bytes(data))
    jobs_before = spark.sparkContext.statusTracker().getJobIdsForGroup()
    with pytest.raises(ferry.IntegrityError):
        ferry_spark.predict_udf(spark, bundle_copy)
    with pytest.raises(ferry.AuthenticityError, match="signature"):
        ferry_spark.predict_udf(spark, EXAMPLE, require_signature=True)
    assert spark.sparkContext.statusTracker().getJobIdsForGroup() == jobs_before, "no task ran"


def test_an_oci_layout_is_pulled_on_the_driver_and_scored(spark, fresh_bundle):
    layout = f"oci:{fresh_bundle.parent / 'layout'}"
    predict = ferry_spark.predict_udf(spark, layout)
    assert predict.bundle.digest == ferry.load(fresh_bundle).digest, "the layer is the bundle's bytes"
    frame = spark.createDataFrame(pd.DataFrame([[1.0] * len(predict.bundle.features)], columns=predict.bundle.features))
    assert frame.select(predict().alias("p")).collect()[0]["p"] == 0.0, "the zero baseline"
    with pytest.raises(ferry.InvalidArgumentError, match="ferry pull failed"):
        ferry_spark.predict_udf(spark, f"oci:{fresh_bundle.parent / 'no-layout'}")


def test_a_changed_file_shipped_to_executors_is_refused_there(spark, fresh_bundle):
    from pyspark import SparkFiles

    predict = ferry_spark.predict_udf(spark, fresh_bundle)
    # The bytes an executor reads change after the driver verified them. In local mode the
    # driver's copy of a shipped file is also the executors', and Spark refuses a copy that
    # differs from its source by itself: both change alike, as on a cluster where the copy was
    # changed on the way or on the executor's disk.
    changed = fresh_bundle.read_bytes() + b"appended"
    fresh_bundle.write_bytes(changed)
    executor_copy = pathlib.Path(SparkFiles.getRootDirectory()) / predict.bundle.file_name
    assert executor_copy.exists(), "local mode keeps shipped files in the driver's SparkFiles folder"
    executor_copy.write_bytes(changed)
    frame = spark.createDataFrame(pd.DataFrame([[1.0] * len(predict.bundle.features)], columns=predict.bundle.features))
    with pytest.raises(Exception, match="the bundle shipped to this executor has sha256"):
        frame.select(predict()).collect()


def test_a_failed_task_is_retried_and_each_row_written_once(spark, bars, universe, work):
    from pyspark import TaskContext
    from pyspark.sql import functions as F

    marker = work / "failed-once"

    @F.udf("double")
    def fails_once_in_partition_one(value):
        context = TaskContext.get()
        if context.partitionId() == 1 and context.attemptNumber() == 0 and not marker.exists():
            marker.write_text("the first attempt of partition 1 failed here")
            raise RuntimeError("an injected failure: the task dies midway")
        return value

    subset = bars.where(F.col("instrument") < "I100")
    days = busiest_days(universe, 6)
    scored, _ = spark_batch.score(spark, subset, str(EXAMPLE), reference=str(WTI), days=days)
    flaky = scored.repartition(4).withColumn("prediction", fails_once_in_partition_one("prediction"))
    out = work / "retried"
    spark_batch.write(flaky, str(out))
    assert marker.exists(), "the injected failure happened"
    written = pd.read_parquet(out)
    expected = scored.count()
    assert len(written) == expected and not written.duplicated(["instrument", "date"]).any()

    day = str(written["day"].astype(str).value_counts().index[0])
    before = written[written["day"].astype(str) != day].sort_values(["instrument", "date"]).reset_index(drop=True)
    again, _ = spark_batch.score(spark, subset, str(EXAMPLE), reference=str(WTI), days=[day])
    spark_batch.write(again, str(out))
    after = pd.read_parquet(out)
    assert len(after) == expected, "rerunning a day does not duplicate it"
    others = after[after["day"].astype(str) != day].sort_values(["instrument", "date"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(others, before)


def test_the_batch_job_runs_with_spark_submit_and_writes_a_manifest(universe, work):
    out = work / "job"
    day = "2010-06-01"
    paths = [str(path) for path in universe["paths"][:20]]
    job = ROOT / "clients" / "python" / "ferry" / "spark_batch.py"
    arguments = ["spark-submit", "--master", "local[2]", str(job), "--model", str(EXAMPLE), "--with", str(WTI),
                 "--as-of", day, "--out", str(out)]
    for path in paths:
        arguments += ["--bars", path]
    done = subprocess.run(arguments, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    manifests = list((out / "_ferry_runs").glob("*.json"))
    assert len(manifests) == 1
    run = json.loads(manifests[0].read_text())
    written = pd.read_parquet(out)
    assert run["rows"] == len(written) == run["rows_by_day"].get(day, 0)
    assert run["bundle_digest"] == ferry.load(EXAMPLE).digest
    assert len(run["inputs"]) == 21 and all(entry["bytes"] > 0 for entry in run["inputs"])
    assert run["output_files"] and all(name.startswith(f"day={day}/") for name in run["output_files"])

    bad = subprocess.run([sys.executable, "-m", "ferry.spark_batch", "--model", str(EXAMPLE), "--bars", paths[0],
                          "--as-of", "yesterday", "--out", str(out)], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "--as-of 'yesterday' is not a day" in bad.stderr


def test_parquet_bars_in_instrument_folders_score_as_their_csv_files_do(spark, universe, work):
    table = universe["table"]
    names = sorted(table["instrument"].unique())[:12]
    chosen = table[table["instrument"].isin(names)]
    folder = work / "parquet-bars"
    # Spark reads Parquet timestamps in micro- or milliseconds, not the nanoseconds pandas writes by default.
    chosen.to_parquet(folder, partition_cols=["instrument"], index=False, coerce_timestamps="us")
    day = busiest_days(universe, 1)[0]
    from_parquet, _ = spark_batch.score(spark, spark_batch.read_bars(spark, [str(folder)]), str(EXAMPLE), reference=str(WTI), days=[day])
    csv_paths = [str(path) for path in universe["paths"] if path.stem in names]
    from_csv, _ = spark_batch.score(spark, spark_batch.read_bars(spark, csv_paths), str(EXAMPLE), reference=str(WTI), days=[day])
    a = from_parquet.toPandas().sort_values("instrument").reset_index(drop=True)
    b = from_csv.toPandas().sort_values("instrument").reset_index(drop=True)
    assert len(a) > 0 and list(a["instrument"]) == list(b["instrument"])
    assert bits(a["prediction"]).tolist() == bits(b["prediction"]).tolist()


def test_a_failed_run_leaves_the_output_as_it_was(spark, bars, universe, work):
    from pyspark.sql import functions as F

    @F.udf("double")
    def always_fails(value):
        raise RuntimeError("an injected failure in every attempt")

    day = busiest_days(universe, 1)[0]
    out = work / "kept"
    scored, _ = spark_batch.score(spark, bars.where(F.col("instrument") < "I050"), str(EXAMPLE), reference=str(WTI), days=[day])
    spark_batch.write(scored, str(out))
    before = pd.read_parquet(out).sort_values("instrument").reset_index(drop=True)
    with pytest.raises(Exception, match="an injected failure"):
        spark_batch.write(scored.withColumn("prediction", always_fails("prediction")), str(out))
    after = pd.read_parquet(out).sort_values("instrument").reset_index(drop=True)
    pd.testing.assert_frame_equal(after, before)
