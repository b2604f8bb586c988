#!/usr/bin/env bash
# Trains each LSTM variant on the embedded S&P 500 data (next-day direction), exports the bundle,
# and has PyTorch load its weights and reproduce its golden outputs (bench/torch_loads_ferry_bundle.py).
#
#   make bench-lstm-bundle      (EPOCHS=3 by default: the check is about the weights, not the fit)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${EPOCHS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift build -c release --product ferry >/dev/null
ferry=.build/release/ferry
bundles=()
for spec in lstm:lightweight lstm:baseline lstm:enhanced attention-lstm:baseline; do
    plugin="${spec%%:*}" variant="${spec##*:}"
    "$ferry" train --plugin "$plugin" --param "variant=$variant" --param "epochs=$epochs" --target next_direction \
        --runs-dir "$work/runs-$plugin-$variant" --log-level warning >/dev/null
    "$ferry" export --runs-dir "$work/runs-$plugin-$variant" --out "$work/$plugin-$variant.tar.gz" --log-level warning >/dev/null
    "$ferry" verify "$work/$plugin-$variant.tar.gz" >/dev/null
    bundles+=("$work/$plugin-$variant.tar.gz")
done
bench/.venv/bin/python bench/torch_loads_ferry_bundle.py "${bundles[@]}"
