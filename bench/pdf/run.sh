#!/usr/bin/env bash
# PDF benchmark: 100 SP-12 forms in one batch, the handbook book, and peak memory of each.
# Usage: bench/pdf/run.sh   (from anywhere; needs cargo and python3)
set -euo pipefail
cd "$(dirname "$0")/../.."

# The workloads are tests of the one integration-test binary, built as the test suite builds it
# (`test-release`: no whole-program link, so a little slower than the shipped `khumue`).
cargo test --profile test-release --test it --no-run 2>/dev/null
binary=$(cargo test --profile test-release --test it --no-run --message-format=json 2>/dev/null |
  sed -n 's/.*"executable":"\([^"]*\/it-[^"]*\)".*/\1/p' | tail -n 1)
[ -x "$binary" ] || { echo "integration test binary not found" >&2; exit 1; }

echo "cores: $(nproc)"
for workload in bench_100_sp12_forms bench_handbook; do
  # The process's wall time and peak RSS as wait4(2) reports them (what GNU time prints).
  python3 - "$workload" "$binary" --ignored --exact "pdf_bench::$workload" --nocapture --test-threads 1 <<'PY'
import os, re, subprocess, sys, time
workload, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
out = child.stdout.read().decode("utf-8", "replace")
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit("%s failed:\n%s" % (workload, out[-2000:]))
figures = " ".join(re.findall(r"BENCH.*", out))
print("%s: %s  process wall=%.2f s  peak_rss=%d MiB" % (workload, figures, wall, usage.ru_maxrss // 1024))
PY
done
