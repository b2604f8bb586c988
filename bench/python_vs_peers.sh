#!/usr/bin/env bash
# make bench-python: the Python package against scikit-learn and PyTorch, in one run
# (bench/python_vs_peers.py; results in docs/benchmarks.md). Builds the release libferry and ferry,
# trains one bundle per LSTM variant (one epoch, default lookback 30: the timing does not depend on
# the fit), installs the package into bench/.venv and runs the benchmark on one thread
# (OPENBLAS_NUM_THREADS, also PyTorch's; set it to compare on more).
set -euo pipefail
cd "$(dirname "$0")/.."
library=$(scripts/build-libferry release)
swift build -c release --product ferry >&2
ferry=$(swift build -c release --show-bin-path)/ferry
work=$(mktemp -d)
trap 'rm -rf "$work" clients/python/build clients/python/ferry.egg-info' EXIT
export FERRY_STORE="$work/store.sqlite"
train() {
    local name=$1
    shift
    "$ferry" train "$@" --target next_direction --param epochs=1 --runs-dir "$work/$name.runs" > /dev/null 2>&1
    "$ferry" export --runs-dir "$work/$name.runs" --out "$work/$name.tar.gz" > /dev/null
}
for variant in lightweight baseline enhanced; do train "lstm-$variant" --plugin lstm --param variant="$variant"; done
train attention-lstm --plugin attention-lstm
FERRY_LIBRARY="$library" bench/.venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --force-reinstall ./clients/python
OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1} FERRY_LIBRARY="$library" PYTHONDONTWRITEBYTECODE=1 \
    bench/.venv/bin/python bench/python_vs_peers.py "$work"/lstm-*.tar.gz "$work/attention-lstm.tar.gz"
