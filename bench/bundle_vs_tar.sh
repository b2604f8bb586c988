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
seconds() { python3 -c "import sys; print(f'{float(sys.argv[1]):.3f}')" "$1"; }
start=$(date +%s.%N); gzip -6 -c "$work/payload.safetensors" > /dev/null; gzip_s=$(echo "$(date +%s.%N) - $start" | bc)
/usr/bin/time -f "%e %M" -o "$work/verify.time" "$bin/ferry" verify "$work/blob-1.0.0.tar.gz" > "$work/verify.out" || true
/usr/bin/time -f "%e %M" -o "$work/tar.time" sh -c "mkdir '$work/x' && tar -xzf '$work/blob-1.0.0.tar.gz' -C '$work/x' && cd '$work/x/blob-1.0.0' && sha256sum -c --quiet checksums.sha256"
read -r verify_s verify_kb < <(tail -n 1 "$work/verify.time")
read -r tar_s tar_kb < <(tail -n 1 "$work/tar.time")
export_s=$(python3 -c "import json,sys; print(json.loads(sys.argv[1])['export_seconds'])" "$export")
python3 - "$megabytes" "$export_s" "$gzip_s" "$verify_s" "$verify_kb" "$tar_s" "$tar_kb" <<'PY'
import json, sys
mb, export_s, gzip_s, verify_s, verify_kb, tar_s, tar_kb = sys.argv[1:]
result = {
    "weights_mib": int(mb),
    "export_seconds": float(export_s), "gzip6_seconds": float(gzip_s), "ratio_export_over_gzip6": float(export_s) / float(gzip_s),
    "verify_seconds": float(verify_s), "verify_peak_rss_mib": int(verify_kb) / 1024,
    "tar_sha256sum_seconds": float(tar_s), "tar_sha256sum_peak_rss_mib": int(tar_kb) / 1024,
    "speedup_verify_vs_tar_sha256sum": float(tar_s) / float(verify_s),
}
print(json.dumps(result, indent=2))
PY
grep -E "integrity|authenticity" "$work/verify.out"
rm -rf "$work/x"
