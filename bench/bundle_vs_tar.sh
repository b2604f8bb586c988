#!/usr/bin/env bash
# ferry verify vs tar -xzf + sha256sum -c, and ferry export vs gzip -6, on a bundle holding about
# 1 GiB of float32 weights, in one run:  make bench-bundle   (or bench/bundle_vs_tar.sh [MEGABYTES])
# The bundle names a plugin this build does not have, so verify ends at compatibility (exit 12)
# after the streaming integrity and authenticity checks, the part that compares with tar + sha256sum.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes=${1:-1024}
swift build -c release --product BundleBenchmark > /dev/null
swift build -c release --product ferry > /dev/null
bin=.build/release
work=bench/.data/bundle
rm -rf "$work" && mkdir -p "$work"
export=$("$bin/BundleBenchmark" "$work" "$megabytes")
start=$(date +%s.%N); gzip -6 -c "$work/payload.safetensors" > /dev/null; gzip_s=$(echo "$(date +%s.%N) - $start" | bc)
# Five interleaved rounds of each check (page cache warm for both after the first).
rounds=${ROUNDS:-5}
for _ in $(seq 1 "$rounds"); do
    /usr/bin/time -a -f "%e %M" -o "$work/verify.time" "$bin/ferry" verify "$work/blob-1.0.0.tar.gz" > "$work/verify.out" || true
    rm -rf "$work/x"
    /usr/bin/time -a -f "%e %M" -o "$work/tar.time" sh -c "mkdir '$work/x' && tar -xzf '$work/blob-1.0.0.tar.gz' -C '$work/x' && cd '$work/x/blob-1.0.0' && sha256sum -c --quiet checksums.sha256"
done
export_s=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['export_seconds'])" "$export")
python3 - "$megabytes" "$export_s" "$gzip_s" "$work/verify.time" "$work/tar.time" <<'PY'
import json, statistics, sys
mb, export_s, gzip_s, verify_file, tar_file = sys.argv[1:]
def runs(path):
    rows = [line.split() for line in open(path) if line.strip() and line[0].isdigit()]
    return [float(r[0]) for r in rows], [int(r[1]) / 1024 for r in rows]
verify, verify_mib = runs(verify_file)
tar, tar_mib = runs(tar_file)
result = {
    "weights_mib": int(mb), "rounds": len(verify),
    "export_seconds": float(export_s), "gzip6_seconds": float(gzip_s), "ratio_export_over_gzip6": float(export_s) / float(gzip_s),
    "verify_seconds_median": statistics.median(verify), "verify_seconds_min_max": [min(verify), max(verify)],
    "verify_peak_rss_mib": max(verify_mib),
    "tar_sha256sum_seconds_median": statistics.median(tar), "tar_sha256sum_seconds_min_max": [min(tar), max(tar)],
    "tar_sha256sum_peak_rss_mib": max(tar_mib),
    "speedup_verify_vs_tar_sha256sum": statistics.median(tar) / statistics.median(verify),
}
print(json.dumps(result, indent=2))
PY
grep -E "integrity|authenticity" "$work/verify.out"
rm -rf "$work/x"
