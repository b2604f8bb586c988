#!/usr/bin/env bash
# The stream consumer end to end, side by side with a Python peer in one run: five interleaved
# rounds on a redis-server started here (loopback, temporary folder), each with
#   Ferry throughput   40 instruments x the EUR/USD hourly file (200,000 bars) published into one
#                      stream, then `ferry stream --drain` with the log: bars in / active seconds
#   peer throughput    10 of those instruments (50,000 bars) through bench/stream_peer_consumer.py
#                      (redis-py, talipp, numpy, sqlite3: the same read-commit-publish-ack loop)
#   Ferry latency      `ferry stream` running, bench/StreamLatencyBenchmark adding 1,000 bars/s for
#                      8 s: XADD to the prediction on the output stream, p50 and p99
# on a Lasso bundle trained here (alpha 1e-6) on the EUR/USD file. Prints medians and ranges, and
# the ratios.   make bench-stream-consumer
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-5}"
work="$(mktemp -d)"
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
redis-server --port "$port" --bind 127.0.0.1 --dir "$work" --save "" --appendonly no --daemonize yes \
    --pidfile "$work/redis.pid" --logfile "$work/redis.log"
cleanup() { kill "$(cat "$work/redis.pid" 2> /dev/null)" 2> /dev/null || true; pkill -f "ferry stream --bundle $work" 2> /dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
url="redis://127.0.0.1:$port"
for _ in $(seq 50); do redis-cli -p "$port" ping > /dev/null 2>&1 && break; sleep 0.1; done
swift build -c release --product ferry > /dev/null
swift build -c release --product StreamLatencyBenchmark > /dev/null
ferry="$PWD/.build/release/ferry"
export FERRY_STORE="$work/train.sqlite"
"$ferry" train --plugin lasso --data data/EURUSD-1h.csv --param alpha=0.000001 --runs-dir "$work/runs" > /dev/null
"$ferry" export --runs-dir "$work/runs" --out "$work/eurusd.tar.gz" > /dev/null
bundle="$work/eurusd.tar.gz"
mkdir "$work/bars"
for i in $(seq -w 0 39); do cp data/EURUSD-1h.csv "$work/bars/FX$i.csv"; done
all=$(for f in "$work"/bars/FX*.csv; do echo "--data $f"; done)
ten=$(for f in "$work"/bars/FX0*.csv; do echo "--data $f"; done)
results="$work/results.jsonl"
for round in $(seq "$rounds"); do
    redis-cli -p "$port" FLUSHALL > /dev/null
    # shellcheck disable=SC2086
    "$ferry" stream publish --redis "$url" --in bars $all > /dev/null
    FERRY_STORE="$work/ferry-$round.sqlite" "$ferry" stream --bundle "$bundle" --redis "$url" --in bars --drain --json --log-level warning |
        python3 -c "import json,sys; c=json.load(sys.stdin); print(json.dumps({'ferry_bars_per_second': c['bars_in']/c['active_seconds']}))" >> "$results"
    redis-cli -p "$port" FLUSHALL > /dev/null
    # shellcheck disable=SC2086
    "$ferry" stream publish --redis "$url" --in peer $ten > /dev/null
    bench/.venv/bin/python bench/stream_peer_consumer.py "$url" peer peer.out "$work/peer-$round.sqlite" |
        python3 -c "import json,sys; c=json.load(sys.stdin); print(json.dumps({'peer_bars_per_second': c['bars_in']/c['active_seconds']}))" >> "$results"
    redis-cli -p "$port" FLUSHALL > /dev/null
    FERRY_STORE="$work/latency-$round.sqlite" "$ferry" stream --bundle "$bundle" --redis "$url" --in lat --log-level warning > /dev/null &
    consumer=$!
    sleep 2
    .build/release/StreamLatencyBenchmark --redis "$url" --in lat --out lat.predictions --data data/EURUSD-1h.csv --rate 1000 --seconds 8 >> "$results"
    kill -TERM "$consumer"
    wait "$consumer"
    echo "round $round of $rounds" >&2
done
python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
def series(key): return [row[key] for row in rows if key in row]
def show(key, unit, digits=0):
    values = series(key)
    return f"{statistics.median(values):,.{digits}f} {unit} (range {min(values):,.{digits}f}-{max(values):,.{digits}f})"
print("ferry stream throughput:", show("ferry_bars_per_second", "bars/s"), "(target >= 50,000)")
print("peer (redis-py + talipp) throughput:", show("peer_bars_per_second", "bars/s"))
print("ratio ferry/peer (time per bar, median):",
      f"{statistics.median(series('peer_bars_per_second')) / statistics.median(series('ferry_bars_per_second')):.3f}")
print("latency at 1,000 bars/s: p50", show("p50_ms", "ms", 3), "; p99", show("p99_ms", "ms", 3), "(target p99 < 2 ms)",
      "; received", series("count"), "of", series("expected"))
PY
