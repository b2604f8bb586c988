#!/usr/bin/env bash
# Ferry on Spark vs mlflow.pyfunc.spark_udf and pandas + TA-Lib, in one Spark session (local[2]):
# makes bench/.spark-venv (bench/spark-requirements.txt: PySpark, MLflow, scikit-learn, TA-Lib),
# builds the release libferry, installs the ferry package into the venv and runs
# bench/spark_vs_mlflow.py.   make bench-spark
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1
venv=bench/.spark-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r bench/spark-requirements.txt
library=$(scripts/build-libferry release)
FERRY_LIBRARY="" "$venv/bin/pip" install -q --disable-pip-version-check --no-deps --force-reinstall ./clients/python
rm -rf clients/python/build clients/python/ferry.egg-info
export FERRY_LIBRARY="$library" PYSPARK_PYTHON="$PWD/$venv/bin/python" PYSPARK_DRIVER_PYTHON="$PWD/$venv/bin/python"
# MLflow's spark_udf with env_manager="local" scores in the workers' own Python: no environment to restore.
export MLFLOW_TRACKING_URI="file://$(mktemp -d)"
"$venv/bin/python" bench/spark_vs_mlflow.py 2> >(grep -v -e WARN -e FutureWarning -e "^\s*$" -e "require_minimum" >&2)
