#!/usr/bin/env bash
# PDF benchmark: 100 SP-12 forms in one batch, the handbook book, and peak memory of each.
# Usage: bench/pdf/run.sh   (from anywhere; needs GNU time at /usr/bin/time)
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo test --release --test pdf_bench --no-run 2>/dev/null
binary=$(cargo test --release --test pdf_bench --no-run --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*pdf_bench[^"]*\)".*/\1/p' | tail -n 1)
[ -x "$binary" ] || { echo "pdf_bench test binary not found" >&2; exit 1; }

echo "cores: $(nproc)"
for workload in bench_100_sp12_forms bench_handbook; do
  log=$(mktemp)
  /usr/bin/time -v "$binary" --ignored --exact "$workload" --nocapture --test-threads 1 >"$log.out" 2>"$log"
  figures=$(grep -o 'BENCH.*' "$log.out" || true)
  wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$log")
  peak=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  echo "$workload: $figures  process wall=$wall  peak_rss=$((peak / 1024)) MiB"
  rm -f "$log" "$log.out"
done
