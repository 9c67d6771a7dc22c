#!/usr/bin/env bash
# Search benchmark for issue 3 (not a test): builds the generated 2,000-page corpus and reports
# build time, total index bytes, index bytes a fresh page loads for a one-word and a two-word
# query, and query latency in headless Chromium (median over the 20 dev queries; "warm" = after
# the index files for the query are loaded). Usage: bench/search/run.sh [pages, default 2000]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${KHUMUE_SHARED:-$repo/../shared}"
pages="${1:-2000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$repo"
cargo build --release --quiet
python3 "$shared/corpus/gen_corpus.py" --out "$work/corpus" -n "$pages" >/dev/null
mkdir -p "$work/project"
cp -r "$work/corpus/corpus-2k" "$work/project/content"
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi

start=$(date +%s.%N)
"$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/khumue" build --root "$work/project" --out "$work/out" >/dev/null
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
