#!/usr/bin/env bash
# ferry push / ferry pull vs skopeo copy, on the ~1 GiB bundle of make bench-bundle, through a
# Debian docker-registry (distribution 2.8) on loopback, in one run: five interleaved rounds of
#   ferry push BUNDLE → registry            vs  skopeo copy oci:LAYOUT → registry (same bytes)
#   ferry pull registry → folder (verified) vs  skopeo copy registry → oci:LAYOUT
# each round against a fresh registry (so every blob is uploaded), with wall time and peak memory.
# The bundle names a plugin this build lacks: push checks integrity and authenticity and leaves
# the rest to the loader; pull downloads, checks the digest and integrity, then stops at
# compatibility (exit 12). Usage: make bench-oci   (or bench/oci_vs_skopeo.sh [ROUNDS])
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
swift build -c release --product ferry > /dev/null
ferry=.build/release/ferry
bundle=bench/.data/bundle/blob-1.0.0.tar.gz
[ -f "$bundle" ] || bench/bundle_vs_tar.sh > /dev/null
work=bench/.data/oci
rm -rf "$work" && mkdir -p "$work"
registry=""
trap 'kill $registry 2> /dev/null || true; rm -rf "$work"' EXIT
# A registry of its own for each round (fresh storage, new port): skopeo remembers where it saw
# a blob and would mount it instead of uploading it again.
start_registry() {
    if [ -n "$registry" ]; then kill "$registry" 2> /dev/null || true; wait "$registry" 2> /dev/null || true; fi
    rm -rf "$work/registry"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
        "$PWD/$work/registry" "$port" > "$work/config.yml"
    docker-registry serve "$work/config.yml" > "$work/registry.log" 2>&1 &
    registry=$!
    until curl -s -o /dev/null "http://127.0.0.1:$port/v2/"; do sleep 0.1; done
    host="127.0.0.1:$port"
}
# The layout skopeo pushes from: the same manifest and blobs ferry pushes.
start_registry
"$ferry" push "$bundle" "$host/seed/blob:1" > /dev/null
skopeo copy -q --src-tls-verify=false "docker://$host/seed/blob:1" "oci:$work/layout:1"
timed() { # timed NAME COMMAND...: appends "NAME seconds peak_kib exit" to $work/times
    local name=$1
    shift
    local status=0
    /usr/bin/time -f "%e %M" -o "$work/one.time" "$@" > /dev/null 2>&1 || status=$?
    echo "$name $(tail -n 1 "$work/one.time") $status" >> "$work/times"
}
for round in $(seq 1 "$rounds"); do
    start_registry
    timed ferry_push "$ferry" push "$bundle" "$host/ferry/blob:1"
    timed skopeo_push skopeo copy -q --dest-tls-verify=false "oci:$work/layout:1" "docker://$host/skopeo/blob:1"
    rm -rf "$work/pulled" "$work/copy"
    timed ferry_pull "$ferry" pull "$host/ferry/blob:1" --out "$work/pulled"
    timed skopeo_pull skopeo copy -q --src-tls-verify=false "docker://$host/skopeo/blob:1" "oci:$work/copy:1"
done
python3 - "$work/times" "$(stat -c %s "$bundle")" <<'PY'
import json, statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def summary(name):
    seconds = [float(r[1]) for r in rows if r[0] == name]
    memory = [int(r[2]) / 1024 for r in rows if r[0] == name]
    exits = sorted({int(r[3]) for r in rows if r[0] == name})
    return {"median_s": statistics.median(seconds), "min_s": min(seconds), "max_s": max(seconds),
            "peak_rss_mib": round(max(memory), 1), "exit_codes": exits}
result = {"bundle_bytes": int(sys.argv[2]), "rounds": len([r for r in rows if r[0] == "ferry_push"])}
for name in ("ferry_push", "skopeo_push", "ferry_pull", "skopeo_pull"):
    result[name] = summary(name)
result["push_ratio_ferry_over_skopeo"] = round(result["ferry_push"]["median_s"] / result["skopeo_push"]["median_s"], 2)
result["pull_ratio_ferry_over_skopeo"] = round(result["ferry_pull"]["median_s"] / result["skopeo_pull"]["median_s"], 2)
print(json.dumps(result, indent=2))
PY
