#!/usr/bin/env bash
# The predict endpoint under load: `ferry serve` vs FastAPI + scikit-learn (bench/fastapi_lasso_server.py,
# 2 uvicorn workers) on the same Lasso bundle and the same one-row request, one server at a time,
# loopback, wrk with 2 threads and 16 connections; then Ferry's latency at the peer's rate (each
# connection paced with wrk's delay()); then a 60-second run against Ferry alone: errors, and
# whether every prediction was logged; then Ferry killed with SIGKILL under load: whether every
# answered prediction was already logged. Also Ferry's GET /health under the same load: a route that
# does no work, i.e. the most requests per second Hummingbird, Ferry's middleware and wrk leave
# room for on this machine; no route can go faster. Peak memory (VmHWM) of each server under load.
#
#   make bench-serve      (SECONDS=15 by default for the side-by-side runs)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${SECONDS_EACH:-15}"
command -v wrk >/dev/null || { echo "installing wrk"; ${SUDO:-$( [ "$(id -u)" = 0 ] || echo sudo )} apt-get install -y wrk >/dev/null; }
work="$(mktemp -d)"
cleanup() { pkill -f "ferry serve --store $work" 2>/dev/null || true; pkill -f "uvicorn fastapi_lasso_server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
swift build -c release --product ferry >/dev/null
ferry="$PWD/.build/release/ferry"
export FERRY_STORE="$work/store/ferry.sqlite"
"$ferry" train --plugin lasso --param alpha=0.0001 --runs-dir "$work/runs" --log-level warning >/dev/null
"$ferry" export --runs-dir "$work/runs" --out "$work/SPX-lasso-1.0.0.tar.gz" --log-level warning >/dev/null
"$ferry" registry add "$work/SPX-lasso-1.0.0.tar.gz" >/dev/null
token="$("$ferry" tokens create --role predict 2>/dev/null)"
token_sha="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
# One row: the bundle's first golden input, as {feature: value}.
tar -xzf "$work/SPX-lasso-1.0.0.tar.gz" -O SPX-lasso-1.0.0/golden.json > "$work/golden.json"
python3 - "$work/golden.json" > "$work/body.json" <<'PY'
import json, sys
golden = json.load(open(sys.argv[1]))
print(json.dumps({"rows": [dict(zip(golden["features"], golden["inputs"][0]))], "instrument": "SPX"}))
PY
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = io.open("$work/body.json"):read("*a")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
LUA

load() { # URL SECONDS -> wrk's report
    wrk -t2 -c16 -d"$2"s --latency -s "$work/post.lua" "$1"
}
summary() { # wrk report -> "rps p50 p99 errors"
    awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF} /Socket errors/ {sock=$0} END {printf "%s req/s, p50 %s, p99 %s, non-2xx %s, %s\n", rps, p50, p99, bad+0, (sock==""?"no socket errors":sock)}'
}
logged() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from prediction').fetchone()[0])" "$FERRY_STORE"; }
peak_memory() { # PID -> peak resident memory (VmHWM) of it and its children, in MiB
    local total=0
    for pid in "$1" $(pgrep -P "$1" || true); do
        total=$((total + $(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
    done
    echo "$((total / 1024)) MiB"
}
wait_for() { for _ in $(seq 100); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "server at $1 did not start" >&2; exit 1; }

"$ferry" serve --store "$FERRY_STORE" --port 18080 --log-level warning &
server=$!
wait_for http://127.0.0.1:18080/health
load http://127.0.0.1:18080/v1/models/SPX-lasso/predict 3 >/dev/null
ferry_report="$(load http://127.0.0.1:18080/v1/models/SPX-lasso/predict "$seconds")"
ferry_memory="$(peak_memory "$server")"
health_report="$(wrk -t2 -c16 -d"$seconds"s --latency http://127.0.0.1:18080/health)"
pkill -f "ferry serve --store $work"; sleep 1

# The peer's log, made before its two workers start (they would race to create it).
python3 -c "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute('PRAGMA journal_mode=WAL'); db.execute('CREATE TABLE IF NOT EXISTS prediction (id INTEGER PRIMARY KEY, model TEXT, version TEXT, caller TEXT, instrument TEXT, as_of TEXT, value REAL, source TEXT, created_at TEXT)'); db.commit()" "$work/peer.sqlite"
FERRY_BENCH_BUNDLE="$work/SPX-lasso-1.0.0.tar.gz" FERRY_BENCH_TOKEN_SHA256="$token_sha" FERRY_BENCH_DB="$work/peer.sqlite" \
    bench/.venv/bin/uvicorn fastapi_lasso_server:app --app-dir bench --workers 2 --port 18081 --log-level warning &
peer=$!
sleep 3
curl -fs -o /dev/null -H "Authorization: Bearer $token" -H "Content-Type: application/json" --data @"$work/body.json" \
    http://127.0.0.1:18081/v1/models/SPX-lasso/predict || { echo "the FastAPI peer did not answer" >&2; exit 1; }
load http://127.0.0.1:18081/v1/models/SPX-lasso/predict 3 >/dev/null
peer_report="$(load http://127.0.0.1:18081/v1/models/SPX-lasso/predict "$seconds")"
peer_memory="$(peak_memory "$peer")"
pkill -f "uvicorn fastapi_lasso_server"; sleep 1

echo "Ferry:        $(echo "$ferry_report" | summary); peak memory $ferry_memory"
echo "FastAPI peer: $(echo "$peer_report" | summary); peak memory $peer_memory (the server and its 2 workers)"
echo "Ferry GET /health (no work: the ceiling): $(echo "$health_report" | summary)"
ferry_rps="$(echo "$ferry_report" | awk '/Requests\/sec/ {print $2}')"
peer_rps="$(echo "$peer_report" | awk '/Requests\/sec/ {print $2}')"
health_rps="$(echo "$health_report" | awk '/Requests\/sec/ {print $2}')"
python3 -c "print(f'throughput ratio Ferry / FastAPI: {$ferry_rps / $peer_rps:.1f}x (the ceiling, /health / FastAPI: {$health_rps / $peer_rps:.1f}x)')"

# Ferry at the rate the peer managed: each of the 16 connections waits 16 / rate seconds between requests.
python3 -c "print(f'function delay() return {16000 / $peer_rps:.1f} end')" >> "$work/post.lua"
"$ferry" serve --store "$FERRY_STORE" --port 18080 --log-level warning &
wait_for http://127.0.0.1:18080/health
paced_report="$(load http://127.0.0.1:18080/v1/models/SPX-lasso/predict "$seconds")"
pkill -f "ferry serve --store $work"; sleep 1
sed -i '$d' "$work/post.lua"
echo "Ferry at the peer's rate: $(echo "$paced_report" | summary)"

# 60 seconds against Ferry: every 2xx answer must be a logged prediction.
before="$(logged)"
"$ferry" serve --store "$FERRY_STORE" --port 18080 --log-level warning &
wait_for http://127.0.0.1:18080/health
long_report="$(load http://127.0.0.1:18080/v1/models/SPX-lasso/predict "${LONG_SECONDS:-60}")"
pkill -f "ferry serve --store $work"; sleep 1
after="$(logged)"
requests="$(echo "$long_report" | awk '/requests in/ {print $1}')"
bad="$(echo "$long_report" | awk '/Non-2xx/ {print $NF}')"
echo "Ferry ${LONG_SECONDS:-60} s: $(echo "$long_report" | summary)"
echo "  requests answered $requests, non-2xx ${bad:-0}; predictions logged $((after - before))"

# Killed under load (SIGKILL after 5 s: no shutdown, no flush): every prediction answered before
# the kill must already be in the log, since a request is answered only after its rows commit.
before="$(logged)"
"$ferry" serve --store "$FERRY_STORE" --port 18080 --log-level warning &
server=$!
wait_for http://127.0.0.1:18080/health
(sleep 5; kill -9 "$server") &
crash_report="$(load http://127.0.0.1:18080/v1/models/SPX-lasso/predict 8)"
wait "$server" 2>/dev/null || true
after="$(logged)"
answered="$(echo "$crash_report" | awk '/requests in/ {print $1}')"
bad="$(echo "$crash_report" | awk '/Non-2xx/ {print $NF}')"
echo "Ferry killed with SIGKILL under load: answered $((answered - ${bad:-0})) predictions, logged $((after - before)) ($( [ $((after - before)) -ge $((answered - ${bad:-0})) ] && echo "none lost" || echo "SOME LOST"))"
