#!/usr/bin/env bash
# Ferry's predict endpoint alone, another revision against this checkout, interleaved: ROUNDS
# (default 5) rounds of a fresh server on each one's own store, 3 s warm-up, then 15 s of
# wrk -t2 -c16 (the load of make bench-serve). Says whether a change made predictions slower.
#
#   bench/serve_ab.sh REV        (REV is built in release in a worktree under /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: bench/serve_ab.sh REV}
rounds=${ROUNDS:-5}
command -v wrk >/dev/null || { echo "installing wrk"; ${SUDO:-$( [ "$(id -u)" = 0 ] || echo sudo )} apt-get install -y wrk >/dev/null; }
other="/tmp/ferry-ab-$(git rev-parse --short "$rev")"
[ -d "$other" ] || git worktree add -q --detach "$other" "$rev"
(cd "$other" && swift build -c release --product ferry >/dev/null)
swift build -c release --product ferry >/dev/null
setup() { # TREE WORK -> writes store, bundle, token, body, lua under WORK
  local tree=$1 work=$2 ferry=$1/.build/release/ferry
  mkdir -p "$work"; export FERRY_STORE="$work/store/ferry.sqlite"
  "$ferry" train --plugin lasso --param alpha=0.0001 --runs-dir "$work/runs" --log-level warning >/dev/null
  "$ferry" export --runs-dir "$work/runs" --out "$work/b.tar.gz" --log-level warning >/dev/null
  "$ferry" registry add "$work/b.tar.gz" >/dev/null
  local token; token="$("$ferry" tokens create --role predict 2>/dev/null)"
  tar -xzf "$work/b.tar.gz" -O SPX-lasso-1.0.0/golden.json > "$work/golden.json"
  python3 -c "import json,sys; g=json.load(open(sys.argv[1])); print(json.dumps({'rows':[dict(zip(g['features'],g['inputs'][0]))],'instrument':'SPX'}))" "$work/golden.json" > "$work/body.json"
  printf 'wrk.method = "POST"\nwrk.body = io.open("%s"):read("*a")\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer %s"\n' "$work/body.json" "$token" > "$work/post.lua"
}
run() { # TREE WORK -> req/s
  local ferry=$1/.build/release/ferry work=$2
  FERRY_STORE="$work/store/ferry.sqlite" "$ferry" serve --store "$work/store/ferry.sqlite" --port 18090 --log-level warning &
  local server=$!
  for _ in $(seq 100); do curl -fs http://127.0.0.1:18090/health >/dev/null 2>&1 && break; sleep 0.1; done
  wrk -t2 -c16 -d3s -s "$work/post.lua" http://127.0.0.1:18090/v1/models/SPX-lasso/predict >/dev/null
  wrk -t2 -c16 -d15s --latency -s "$work/post.lua" http://127.0.0.1:18090/v1/models/SPX-lasso/predict | awk '/Requests\/sec/ {r=$2} /^ +99%/ {p=$2} END {printf "%s req/s p99 %s", r, p}'
  kill "$server"; wait "$server" 2>/dev/null || true; sleep 1
}
base=$(mktemp -d); trap 'pkill -f "serve --store $base" || true; rm -rf "$base"' EXIT
setup "$other" "$base/before"; setup "$PWD" "$base/after"
for round in $(seq "$rounds"); do
  echo "round $round  $rev: $(run "$other" "$base/before")   this checkout: $(run "$PWD" "$base/after")"
done
