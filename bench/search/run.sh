#!/usr/bin/env bash
# Search benchmark (not a test).
#
# 1. The default handbook (this repository), issue 16: search latency in headless Chromium over
#    file://, through the header's search box, from the input event to the results shown:
#    cold (each query in a new browser context: open the home page, focus the box, type) and
#    warm (the same queries again), median and largest of the first 20 handbook queries
#    (tests/fixtures/search/handbook-queries.json), and the index files and bytes.
# 2. The generated 2,000-page corpus (issue 3; needs ../shared): build time, total index bytes,
#    index bytes a fresh page loads for a one-word and a two-word query, and query latency
#    (median over the 20 dev queries; "warm" = after the index files for the query are loaded).
#
#   bench/search/run.sh [pages, default 2000]
#
# Environment: KHUMUE=PATH uses this khumue binary instead of `cargo build --release`;
# SKIP_CORPUS=1 measures the handbook only; KHUMUE_SHARED overrides ../shared.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${KHUMUE_SHARED:-$repo/../shared}"
pages="${1:-2000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$repo"
if [ -n "${KHUMUE:-}" ]; then
  khumue="$KHUMUE"
else
  cargo build --release --quiet
  # The target folder may be shared; keep the binary just built, not a later one.
  cp "$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/khumue" "$work/khumue"
  khumue="$work/khumue"
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi

echo "== default handbook (file://, Chromium headless, load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$khumue" build --no-pdf --root "$repo" --out "$work/handbook" >/dev/null 2>&1
hsite="$work/handbook/site"
# A small site's shards and documents are two bundles (search/postings.js, search/documents.js).
echo "index: $(find "$hsite/search" -type f | wc -l) files, $(find "$hsite/search" -type f -printf '%s\n' | awk '{s+=$1} END {print s}') bytes; manifest search/index.js $(stat -c %s "$hsite/search/index.js") bytes; largest other file $(find "$hsite/search" -type f ! -name index.js -printf '%s\n' | sort -n | tail -1) bytes"
node tests/browser/search-latency.mjs "$hsite" tests/fixtures/search/handbook-queries.json 20

if [ "${SKIP_CORPUS:-0}" = 1 ] || [ ! -f "$shared/corpus/gen_corpus.py" ]; then
  echo "(corpus part skipped: SKIP_CORPUS=1 or no $shared/corpus)"
  exit 0
fi
echo
echo "== generated corpus"
python3 "$shared/corpus/gen_corpus.py" --out "$work/corpus" -n "$pages" >/dev/null
mkdir -p "$work/project"
cp -r "$work/corpus/corpus-2k" "$work/project/content"

start=$(date +%s.%N)
"$khumue" build --root "$work/project" --out "$work/out" >/dev/null
end=$(date +%s.%N)
site="$work/out/site"

index_bytes=$(find "$site/search" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
index_files=$(find "$site/search" -type f | wc -l)
doc_bytes=$(find "$site/search/d" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')

echo "pages:                 $pages"
printf 'build time (whole site, index built in parallel with pages): %.2f s\n' "$(echo "$end - $start" | bc)"
echo "index total:           $index_bytes bytes in $index_files files (page texts for snippets: $doc_bytes bytes)"
node tests/browser/search-bench.mjs "$site" "$shared/search-eval/dev-queries.json" \
  "ประกันสังคม" "ภาวะผู้นำ ระบบพี่เลี้ยง"
