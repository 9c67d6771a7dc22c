#!/usr/bin/env bash
# Search quality on the handbook's own pages (issue 16): builds the default handbook (this
# repository, `khumue build --no-pdf`) into a temporary folder, runs every query of
# tests/fixtures/search/handbook-queries.json through window.khumueSearch in headless Chromium
# over file://, and prints a line per query, recall@5, right first results and empty results,
# in total and per kind (scored by bench/search/score.py). Then it indexes the same built site
# with Pagefind (npm package, installed on first use under bench/work/, which git ignores),
# runs the same queries through Pagefind's JS API over HTTP (Pagefind cannot load from file://)
# and prints both side by side.
#
#   bench/search/handbook-eval.sh
#
# Environment:
#   KHUMUE=PATH       use this khumue binary instead of `cargo build --release`
#   QUERIES=PATH      another query file in the same format
#   SKIP_PAGEFIND=1   khumue alone
#   PAGEFIND=PATH     use this Pagefind binary (extended build, for Thai) instead of npm's
# Needs: node + npm, chromium, python3, and cargo unless KHUMUE is set.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
queries="${QUERIES:-$repo/tests/fixtures/search/handbook-queries.json}"
pagefind_version=1.6.0
# Results asked for per query: the first five are scored, the count shows how much comes back.
limit=50
work="$(mktemp -d)"
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$work"' EXIT

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

echo "khumue $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src themes 2>/dev/null || echo ' (+ uncommitted changes)'); queries: $queries"
"$khumue" build --no-pdf --root "$repo" --out "$work/out" >/dev/null
site="$work/out/site"

node tests/browser/search-queries.mjs "file://$site/index.html" "$queries" "$limit" >"$work/khumue-answers.json"
python3 "$here/score.py" khumue "$queries" "$work/khumue-answers.json" --json "$work/khumue.json"
runs=("$work/khumue.json")

if [ "${SKIP_PAGEFIND:-0}" != 1 ]; then
  pagefind="${PAGEFIND:-}"
  if [ -z "$pagefind" ]; then
    pf_dir="$repo/bench/work/pagefind"
    if [ ! -d "$pf_dir/node_modules/pagefind" ]; then
      mkdir -p "$pf_dir"
      (cd "$pf_dir" && { [ -f package.json ] || npm init -y >/dev/null; } \
        && npm install --no-audit --no-fund --silent "pagefind@$pagefind_version") \
        || echo "could not install pagefind@$pagefind_version from npm" >&2
    fi
    pagefind="$(find "$pf_dir/node_modules/@pagefind" -type f -name 'pagefind_extended' -perm -u+x 2>/dev/null | head -n1)"
  fi
  if [ -x "$pagefind" ]; then
    echo
    # Pagefind gets its own copy of the site, configured as a site owner would: the article
    # only (no header, sidebar or table of contents), without the glossary tooltips, page
    # metadata, breadcrumbs and previous/next links that khumue's own index leaves out too.
    cp -r "$site" "$work/pagefind-site"
    "$pagefind" --site "$work/pagefind-site" --root-selector "article.page" \
      --exclude-selectors ".term-tip, .page-meta, .breadcrumbs, .prev-next, .change-process" \
      --quiet
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/pagefind-site" >/dev/null 2>&1 &
    server=$!
    for _ in $(seq 50); do
      curl -sf "http://127.0.0.1:$port/index.html" >/dev/null && break
      sleep 0.1
    done
    node "$here/pagefind-queries.mjs" "http://127.0.0.1:$port/index.html" "$queries" "$limit" >"$work/pagefind-answers.json"
    python3 "$here/score.py" "pagefind $("$pagefind" --version | awk '{print $2}')" "$queries" \
      "$work/pagefind-answers.json" --json "$work/pagefind.json"
    runs+=("$work/pagefind.json")
  else
    echo "(no Pagefind binary: khumue alone)" >&2
  fi
fi

echo
python3 "$here/score.py" --compare "${runs[@]}"
