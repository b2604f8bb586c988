#!/usr/bin/env bash
# The Open Inference Protocol and batches under load, side by side in one run: five interleaved
# rounds, each with wrk (2 threads, 16 connections, SECONDS_EACH seconds, default 10) against
#   Ferry GET /health                 (no work: the ceiling for any route on this machine)
#   Ferry /v1 predict, 1 row          Ferry /v2 infer, 1 row (one FP64 tensor [1, 39], JSON)
#   Ferry /v1 predict, 100 rows       Ferry /v2 infer, 100 rows
#   FastAPI + scikit-learn, 100 rows  (bench/fastapi_lasso_server.py, 2 uvicorn workers)
# on the example Lasso bundle (its golden inputs as the rows), both servers up, one loaded at a
# time. Each round also measures the ceilings under the batch figure on one thread with nothing
# else loaded (bench/ServeCeilingBenchmark: the body parser's and the prediction log's rows/s).
# Prints medians and ranges, and the ratios the issue names.   make bench-serve-v2
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-5}"
seconds="${SECONDS_EACH:-10}"
command -v wrk > /dev/null || { echo "installing wrk"; ${SUDO:-$( [ "$(id -u)" = 0 ] || echo sudo )} apt-get install -y wrk > /dev/null; }
work="$(mktemp -d)"
cleanup() { pkill -f "ferry serve --store $work" 2> /dev/null || true; pkill -f "uvicorn fastapi_lasso_server" 2> /dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
swift build -c release --product ferry > /dev/null
swift build -c release --product ServeCeilingBenchmark > /dev/null
ferry="$PWD/.build/release/ferry"
export FERRY_STORE="$work/store/ferry.sqlite"
bundle=bundles/example/SPX-lasso-1.0.0.tar.gz
"$ferry" registry add "$bundle" > /dev/null
token="$("$ferry" tokens create --role predict 2> /dev/null)"
token_sha="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
tar -xzf "$bundle" -O SPX-lasso-1.0.0/golden.json > "$work/golden.json"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
golden = json.load(open(f"{work}/golden.json"))
features, inputs = golden["features"], golden["inputs"]
for count in (1, 100):
    rows = [inputs[i % len(inputs)] for i in range(count)]
    json.dump({"rows": [dict(zip(features, row)) for row in rows], "instrument": "SPX"}, open(f"{work}/v1-{count}.json", "w"))
    json.dump({"inputs": [{"name": "input", "shape": [count, len(features)], "datatype": "FP64", "data": rows}],
               "parameters": {"instrument": "SPX"}}, open(f"{work}/v2-{count}.json", "w"))
PY
for name in v1-1 v2-1 v1-100 v2-100; do
    printf 'wrk.method = "POST"\nwrk.body = io.open("%s"):read("*a")\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer %s"\n' \
        "$work/$name.json" "$token" > "$work/$name.lua"
done
wait_for() { for _ in $(seq 100); do curl -fs "$1" > /dev/null 2>&1 && return 0; sleep 0.1; done; echo "no server at $1" >&2; exit 1; }
"$ferry" serve --store "$FERRY_STORE" --port 18090 --log-level warning &
wait_for http://127.0.0.1:18090/health
python3 -c "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute('PRAGMA journal_mode=WAL'); db.execute('CREATE TABLE IF NOT EXISTS prediction (id INTEGER PRIMARY KEY, model TEXT, version TEXT, caller TEXT, instrument TEXT, as_of TEXT, value REAL, source TEXT, created_at TEXT)'); db.commit()" "$work/peer.sqlite"
FERRY_BENCH_BUNDLE="$bundle" FERRY_BENCH_TOKEN_SHA256="$token_sha" FERRY_BENCH_DB="$work/peer.sqlite" \
    bench/.venv/bin/uvicorn fastapi_lasso_server:app --app-dir bench --workers 2 --port 18091 --log-level warning &
sleep 3
wait_for_peer() { curl -fs -o /dev/null -H "Authorization: Bearer $token" -H "Content-Type: application/json" --data @"$work/v1-100.json" http://127.0.0.1:18091/v1/models/SPX-lasso/predict; }
wait_for_peer || { sleep 3; wait_for_peer; } || { echo "the FastAPI peer did not answer" >&2; exit 1; }
rps() { wrk -t2 -c16 -d"$seconds"s "$@" | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "NON2XX " $NF > "/dev/stderr"}'; }
for round in $(seq 1 "$rounds"); do
    echo "health $(rps http://127.0.0.1:18090/health)" >> "$work/results"
    echo "v1_1 $(rps -s "$work/v1-1.lua" http://127.0.0.1:18090/v1/models/SPX-lasso/predict)" >> "$work/results"
    echo "v2_1 $(rps -s "$work/v2-1.lua" http://127.0.0.1:18090/v2/models/SPX-lasso/infer)" >> "$work/results"
    echo "v1_100 $(rps -s "$work/v1-100.lua" http://127.0.0.1:18090/v1/models/SPX-lasso/predict)" >> "$work/results"
    echo "v2_100 $(rps -s "$work/v2-100.lua" http://127.0.0.1:18090/v2/models/SPX-lasso/infer)" >> "$work/results"
    echo "peer_100 $(rps -s "$work/v1-100.lua" http://127.0.0.1:18091/v1/models/SPX-lasso/predict)" >> "$work/results"
    .build/release/ServeCeilingBenchmark "$work/v1-100.json" 100 | python3 -c '
import json, sys
ceilings = json.load(sys.stdin)
print("ceiling_parse", ceilings["parse_rows_per_s"] / 100)
for group, rate in ceilings["log_rows_per_s_by_group"].items(): print(f"ceiling_log_{group}", rate / 100)' >> "$work/results"
    echo "round $round of $rounds done" >&2
done
python3 - "$work/results" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
values = {name: [float(r[1]) for r in rows if r[0] == name] for name in dict.fromkeys(r[0] for r in rows)}
median = {name: statistics.median(v) for name, v in values.items()}
for name, v in values.items():
    print(f"{name:9} {median[name]:10.0f} req/s  (range {min(v):.0f}-{max(v):.0f}, {len(v)} rounds)")
print(f"/v2 / /v1, one row:                      {median['v2_1'] / median['v1_1']:.2f}  (target >= 0.90)")
print(f"/v1 one row / GET /health:               {median['v1_1'] / median['health']:.2f}  (target >= 0.50)")
print(f"predictions/s, 100-row batches, /v1 / FastAPI: {median['v1_100'] / median['peer_100']:.1f}x  (target >= 5x)")
print(f"predictions/s, 100-row batches, /v2 / FastAPI: {median['v2_100'] / median['peer_100']:.1f}x")
print(f"predictions/s: Ferry /v1 {median['v1_100'] * 100:.0f}, /v2 {median['v2_100'] * 100:.0f}, FastAPI {median['peer_100'] * 100:.0f}")
print(f"ceilings, rows/s on one thread: parse {median['ceiling_parse'] * 100:.0f}, log in groups of 100 {median['ceiling_log_100'] * 100:.0f}, of 1,600 {median['ceiling_log_1600'] * 100:.0f}")
PY
