"""The batch job for a Spark cluster: raw bars -> the bundle's features -> predictions -> Parquet
partitioned by day, with a run manifest.

    spark-submit clients/python/ferry/spark_batch.py --model SPX-lasso-1.0.0.tar.gz \\
        --bars bars/ --with WTI.csv --as-of 2018-12-31 --out predictions/

Rerunning a day replaces that day's partition and nothing else (Spark's dynamic partition
overwrite); a run that fails leaves the output as it was (Spark moves the new partitions in only
when every task has committed). See docs/spark.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import pathlib
import sys
import tempfile
from typing import Any, Sequence

from ferry import FerryError, InvalidArgumentError
from ferry import spark as ferry_spark

#: The output's columns, in order (``day`` is also the partition folder, ``day=YYYY-MM-DD``).
OUTPUT_COLUMNS = ("instrument", "date", "prediction", "model", "version", "bundle_digest", "day")


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="spark_batch.py",
        description="Score raw bars with a Ferry bundle on Spark: features by the bundle's own pipeline, "
        "predictions as Parquet partitioned by day, and a run manifest in OUT/_ferry_runs/.",
    )
    parser.add_argument("--model", required=True, help="The bundle: a path, or an oci:// reference (needs the ferry CLI).")
    parser.add_argument(
        "--bars", required=True, action="append",
        help="Bars: a CSV file or folder of them (one instrument per file, named by the file, unless they have an "
        "instrument column), or Parquet with an instrument column or instrument=NAME folders. Repeatable.",
    )
    parser.add_argument("--with", dest="reference", help="The second series the bundle's features read (Date,Value or bars).")
    parser.add_argument(
        "--as-of", action="append", help="Score this day (YYYY-MM-DD; repeatable); default: every day after the warm-up."
    )
    parser.add_argument("--out", required=True, help="The Parquet folder to write, partitioned by day.")
    parser.add_argument("--trusted-keys", help="A folder of *.pub keys; a signed bundle must be signed by one.")
    parser.add_argument("--require-signature", action="store_true", help="Refuse an unsigned bundle.")
    parser.add_argument("--master", help="The Spark master when not run by spark-submit (e.g. local[2]).")
    arguments = parser.parse_args(argv)
    for day in arguments.as_of or []:
        try:
            datetime.date.fromisoformat(day)
        except ValueError:
            parser.error(f"--as-of {day!r} is not a day (YYYY-MM-DD)")
    return arguments


def session(master: str | None = None) -> Any:
    """A SparkSession for the job: UTC timestamps, Arrow batches, dynamic partition overwrite."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("ferry-batch")
    if master:
        builder = builder.master(master)
    return (
        builder.config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )


def read_bars(spark: Any, paths: Sequence[str]) -> Any:
    """The bars of every path as one DataFrame with an ``instrument`` and a ``date`` column."""
    from pyspark.sql import functions as F

    frames = []
    for path in paths:
        if _is_parquet(path):
            frame = spark.read.parquet(path)
        else:
            frame = spark.read.csv(path, header=True, inferSchema=True)
            if "instrument" not in frame.columns:
                # One instrument per file, named by the file: SPX.csv is SPX.
                frame = frame.withColumn("instrument", F.regexp_extract(F.input_file_name(), r"([^/]+)\.[cC][sS][vV]$", 1))
        if "instrument" not in frame.columns:
            raise InvalidArgumentError(f"{path}: Parquet bars need an instrument column (or instrument=NAME folders)")
        date = next((c for c in frame.columns if c.lower() == "date"), None)
        if date is None:
            raise InvalidArgumentError(f"{path}: the bars have no Date column (columns: {', '.join(frame.columns)})")
        frames.append(frame.withColumnRenamed(date, "date").withColumn("date", F.col("date").cast("timestamp")))
    bars = frames[0]
    for frame in frames[1:]:
        bars = bars.unionByName(frame, allowMissingColumns=True)
    return bars


def score(spark: Any, bars: Any, bundle: str, reference: str | None = None, days: Sequence[str] | None = None,
          trusted_keys: str | None = None, require_signature: bool = False) -> tuple[Any, ferry_spark.BarScorer]:
    """The predictions of ``bars`` (from :func:`read_bars`) as the output's columns, and the
    scorer (its ``warnings`` accumulator and bundle facts), for ``days`` (YYYY-MM-DD) or every
    day after the warm-up. Features and predictions in one pass per instrument
    (:class:`ferry.spark.BarScorer`). Verifies the bundle on the driver first."""
    from pyspark.sql import functions as F

    scorer = ferry_spark.bar_scorer(spark, bundle, trusted_keys=trusted_keys, require_signature=require_signature)
    table = scorer(bars, reference=reference).withColumn("day", F.date_format("date", "yyyy-MM-dd"))
    if days:
        table = table.where(F.col("day").isin(list(days)))
    facts = scorer.bundle
    table = table.withColumns({"model": F.lit(facts.name), "version": F.lit(facts.version), "bundle_digest": F.lit(facts.digest)})
    return table.select(*OUTPUT_COLUMNS), scorer


def write(scored: Any, out: str) -> None:
    """Writes ``scored`` into ``out`` by day, replacing the days it holds and no others. Each day
    is written by one task (one file per day, not one per day and task)."""
    scored.repartition("day").write.mode("overwrite").partitionBy("day").parquet(out)


def write_manifest(out: str, run: dict[str, Any]) -> pathlib.Path:
    """Writes the run manifest into OUT/_ferry_runs/ (through a temporary file and a rename) and
    returns its path. Spark skips folders starting with ``_`` when it reads the output back."""
    folder = pathlib.Path(out) / "_ferry_runs"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{stamp}.json"
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".manifest-")
    with os.fdopen(descriptor, "w") as file:
        json.dump(run, file, indent=2, sort_keys=True)
        file.write("\n")
    os.replace(temporary, path)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    spark = session(arguments.master)
    try:
        bars = read_bars(spark, arguments.bars)
        scored, scorer = score(
            spark, bars, arguments.model, reference=arguments.reference, days=arguments.as_of,
            trusted_keys=arguments.trusted_keys, require_signature=arguments.require_signature,
        )
        scored = scored.cache()
        counts = {row["day"]: row["count"] for row in scored.groupBy("day").count().collect()}
        write(scored, arguments.out)
        facts = scorer.bundle
        run = {
            "model": facts.name, "version": facts.version, "bundle_digest": facts.digest, "as_of": arguments.as_of,
            "inputs": _inputs(arguments.bars + ([arguments.reference] if arguments.reference else [])),
            "rows_by_day": dict(sorted(counts.items())), "rows": sum(counts.values()),
            "warnings": scorer.warnings.value,
            "output_files": sorted(
                str(path.relative_to(arguments.out))
                for day in counts for path in pathlib.Path(arguments.out, f"day={day}").glob("*.parquet")
            ),
        }
        manifest = write_manifest(arguments.out, run)
        print(f"wrote {run['rows']} prediction(s) over {len(counts)} day(s) into {arguments.out}; manifest {manifest}")
        return 0
    except FerryError as error:
        print(f"spark_batch: {error}", file=sys.stderr)
        return 1
    finally:
        spark.stop()


def _inputs(paths: Sequence[str]) -> list[dict[str, Any]]:
    """Every input file with its size in bytes (folders listed file by file)."""
    found = []
    for path in map(pathlib.Path, paths):
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith((".", "_"))) if path.is_dir() else [path]
        found.extend({"path": str(file), "bytes": file.stat().st_size} for file in files)
    return found


def _is_parquet(path: str) -> bool:
    candidate = pathlib.Path(path)
    if candidate.is_dir():
        return any(candidate.rglob("*.parquet"))
    return candidate.suffix.lower() == ".parquet"


if __name__ == "__main__":
    sys.exit(main())
