#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (default 120 s each) and prints, per target, the
# executions, the time and the crashes found. Not part of CI.
#
#   cargo install cargo-fuzz      # once
#   fuzz/run.sh [SECONDS]
#
# cargo-fuzz needs nightly-only compiler flags; on a stable toolchain RUSTC_BOOTSTRAP=1 lets
# it use them. Sanitizers are off (`-s none`): the code is safe Rust, so the fuzzer looks for
# panics, aborts, hangs and Typst that fails to compile.
# Seeds: every page of content/ and every Markdown and YAML fixture under tests/.
set -euo pipefail
SECONDS_EACH="${1:-120}"
cd "$(dirname "$0")"
export RUSTC_BOOTSTRAP=1
mkdir -p corpus/markdown_html corpus/markdown_typst corpus/data_files corpus/project
find ../content ../tests -name '*.md' -not -path '*/node_modules/*' | while read -r f; do
  name=$(sha1sum "$f" | cut -c1-16)
  cp "$f" "corpus/markdown_html/$name"
  cp "$f" "corpus/markdown_typst/$name"
  cp "$f" "corpus/project/$name"
done
find ../data ../tests -name '*.yaml' | while read -r f; do
  cp "$f" "corpus/data_files/$(sha1sum "$f" | cut -c1-16)"
done
for target in markdown_html markdown_typst data_files project; do
  log="$(mktemp)"
  start=$(date +%s)
  if cargo fuzz run -s none "$target" "corpus/$target" -- -max_total_time="$SECONDS_EACH" -max_len=8192 -timeout=20 -print_final_stats=1 >"$log" 2>&1; then
    status="no crash"
  else
    if ls "artifacts/$target"/* >/dev/null 2>&1; then
      status="CRASH (see fuzz/artifacts/$target/)"
    else
      # No input to blame: the target did not build or run. Keep what it printed.
      cp "$log" "$target.error.log"
      status="FAILED to build or run (see fuzz/$target.error.log)"
    fi
  fi
  end=$(date +%s)
  execs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  printf '%-16s %8s execs in %4s s: %s\n' "$target" "$execs" "$((end - start))" "$status"
  rm -f "$log"
done
