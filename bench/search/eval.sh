#!/usr/bin/env bash
# Search quality on the source document's sections (not a test: it reads ../shared, which a
# clone of this repository alone does not have). Builds shared/corpus/seed-sections as a
# project, runs every query of shared/search-eval/dev-queries.json through
# window.khumueSearch in headless Chromium over file:// and over HTTP, and prints recall@5 and
# the count of right first results (scored by bench/search/score.py).
# Usage: bench/search/eval.sh  (KHUMUE_SHARED overrides ../shared; KHUMUE=PATH uses that binary)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${KHUMUE_SHARED:-$repo/../shared}"
work="$(mktemp -d)"
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

cd "$repo"
if [ -n "${KHUMUE:-}" ]; then
  khumue="$KHUMUE"
else
  cargo build --release --quiet
  khumue="$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/khumue"
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi
mkdir -p "$work/project/content"
cp "$shared"/corpus/seed-sections/*.md "$work/project/content/"
"$khumue" build --no-pdf --root "$work/project" --out "$work/out" >/dev/null
queries="$shared/search-eval/dev-queries.json"

score() { # label, page url
  node tests/browser/search-queries.mjs "$2" "$queries" 5 >"$work/answers.json"
  python3 "$here/score.py" "$1" "$queries" "$work/answers.json"
}

score file "file://$work/out/site/index.html"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/out/site" >/dev/null 2>&1 &
server=$!
sleep 1
score http "http://127.0.0.1:$port/index.html"
