#!/usr/bin/env bash
# Search quality on the source document's sections (not a test: it reads ../shared, which a
# clone of this repository alone does not have). Builds shared/corpus/seed-sections as a
# project, runs every query of shared/search-eval/dev-queries.json through
# window.khumueSearch in headless Chromium over file:// and over HTTP, and prints recall@5 and
# the count of right first results. Usage: bench/search/eval.sh  (KHUMUE_SHARED overrides ../shared)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${KHUMUE_SHARED:-$repo/../shared}"
work="$(mktemp -d)"
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

cd "$repo"
cargo build --release --quiet
khumue="$(realpath -m "${CARGO_TARGET_DIR:-target}")/release/khumue"
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
fi
mkdir -p "$work/project/content"
cp "$shared"/corpus/seed-sections/*.md "$work/project/content/"
"$khumue" build --no-pdf --root "$work/project" --out "$work/out" >/dev/null
queries="$shared/search-eval/dev-queries.json"

score() { # label, page url
  node tests/browser/search-queries.mjs "$2" "$queries" 5 >"$work/answers.json"
  python3 - "$1" "$queries" "$work/answers.json" <<'PY'
import json, sys
label, queries, answers = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
def page_id(url):
    return url.split('#')[0].rsplit('/', 1)[-1].removesuffix('.html')
recall = top1 = 0
for q, a in zip(queries, answers):
    got = [page_id(r['url']) for r in a['results']]
    found = sum(1 for e in q['expect'] if e in got[:5])
    recall += found / len(q['expect'])
    first = bool(got) and got[0] in q['expect']
    top1 += first
    print(f"[{label}] {q['id']:>2} {q['q']:<28} recall {found}/{len(q['expect'])} top1 {'yes' if first else 'no '} {got[:5]}")
print(f"[{label}] recall@5 {recall / len(queries):.3f}  top-1 {top1}/{len(queries)}")
PY
}

score file "file://$work/out/site/index.html"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/out/site" >/dev/null 2>&1 &
server=$!
sleep 1
score http "http://127.0.0.1:$port/index.html"
