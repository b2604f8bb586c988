#!/usr/bin/env bash
# The prediction log on PostgreSQL against the SQLite log (issue 21), same run, release build:
# ROUNDS (default 5) interleaved rounds of
#   sqlite    one `ferry serve` on a SQLite store (write-ahead log, synchronous=NORMAL: a crash keeps
#             every commit, a power cut may lose the last ones)
#   postgres  one `ferry serve` on PostgreSQL 15 with synchronous_commit=off (the same promise: the
#             server's crash keeps every commit, the machine's may lose the last ~0.6 s; fsync stays on)
#   2 replicas two `ferry serve` on that PostgreSQL database, wrk on each (half the connections)
# each with a fresh server, 3 s of warm-up, then 15 s of wrk -t2 -c16 on POST /v1/models/SPX-lasso/predict
# (one row, logged). A first round is run and not counted: on a new cluster PostgreSQL's first
# 150,000 rows ran at 0.6 of its later rate (autovacuum analysing a young table, cold buffers).
# Prints req/s and p99 per round, then medians, spreads and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-5}
swift build -c release --product ferry > /dev/null
ferry=$PWD/.build/release/ferry
work=$(mktemp -d)
chmod 755 "$work"
servers=()
cleanup() {
    for pid in "${servers[@]}"; do kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null || true; done
    scripts/postgres-cluster stop "$work/pg"
    rm -rf "$work"
}
trap cleanup EXIT
pgport=$(scripts/postgres-cluster start "$work/pg" synchronous_commit=off)
sqlite_store="$work/sqlite/ferry.sqlite"
postgres_store="postgres://ferry@127.0.0.1:$pgport/postgres"
export FERRY_AUDIT_ANCHOR="$work/audit-anchor"
body="$work/body.json"
tar -xzf bundles/example/SPX-lasso-1.0.0.tar.gz -O SPX-lasso-1.0.0/golden.json |
    python3 -c "import json, sys; g = json.load(sys.stdin); print(json.dumps({'rows': [dict(zip(g['features'], g['inputs'][0]))], 'instrument': 'SPX'}))" > "$body"
for kind in sqlite postgres; do # a bundle, a token and a wrk script (work/KIND.lua) per store
    store=${kind}_store
    FERRY_STORE=${!store} "$ferry" registry add bundles/example/SPX-lasso-1.0.0.tar.gz > /dev/null
    token=$(FERRY_STORE=${!store} "$ferry" tokens create --role predict --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
    printf 'wrk.method = "POST"\nwrk.body = io.open("%s"):read("*a")\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer %s"\n' \
        "$body" "$token" > "$work/$kind.lua"
done
serve() { # STORE -> sets port; the server's pid joins servers
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "$ferry" serve --store "$1" --port "$port" --log-level warning > "$work/serve.log" 2>&1 &
    servers+=($!)
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && return; sleep 0.1; done
    echo "ferry serve did not answer on $1" >&2
    exit 1
}
stop_all() {
    for pid in "${servers[@]}"; do kill "$pid" 2> /dev/null && wait "$pid" 2> /dev/null || true; done
    servers=()
    sleep 1
}
load() { # LUA CONNECTIONS PORT... -> "req/s p99" (req/s summed over the ports, p99 of the first)
    local lua=$1 connections=$2 outputs=()
    shift 2
    for port in "$@"; do wrk -t1 -c"$connections" -d3s -s "$lua" "http://127.0.0.1:$port/v1/models/SPX-lasso/predict" > /dev/null & done
    wait
    for port in "$@"; do
        wrk -t"$((connections > 8 ? 2 : 1))" -c"$connections" -d15s --latency -s "$lua" "http://127.0.0.1:$port/v1/models/SPX-lasso/predict" > "$work/wrk-$port.txt" &
    done
    wait
    for port in "$@"; do outputs+=("$work/wrk-$port.txt"); done
    awk '/Requests\/sec/ {r += $2} /^ +99%/ && !p {p = $2} END {printf "%.0f %s", r, p}' "${outputs[@]}"
}
: > "$work/results.txt"
for round in $(seq 0 "$rounds"); do
    serve "$sqlite_store"
    read -r sqlite sqlite_p99 <<< "$(load "$work/sqlite.lua" 16 "$port")"
    stop_all
    serve "$postgres_store"
    read -r postgres postgres_p99 <<< "$(load "$work/postgres.lua" 16 "$port")"
    stop_all
    serve "$postgres_store"
    first=$port
    serve "$postgres_store"
    second=$port
    read -r replicas replicas_p99 <<< "$(load "$work/postgres.lua" 8 "$first" "$second")"
    stop_all
    line="sqlite $sqlite req/s (p99 $sqlite_p99)  postgres $postgres req/s (p99 $postgres_p99)  2 replicas on postgres $replicas req/s (p99 $replicas_p99)"
    if [ "$round" = 0 ]; then echo "warm-up round (not counted): $line"; continue; fi
    echo "round $round: $line"
    echo "$sqlite $postgres $replicas" >> "$work/results.txt"
done
python3 - "$work/results.txt" << 'PYTHON'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
columns = list(zip(*rows))
for name, values in zip(["sqlite", "postgres", "2 replicas (postgres)"], columns):
    print(f"{name}: median {statistics.median(values):,.0f} req/s (min {min(values):,.0f}, max {max(values):,.0f})")
ratios = [p / s for s, p, _ in rows]
print(f"postgres / sqlite per round: median {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f})")
PYTHON
