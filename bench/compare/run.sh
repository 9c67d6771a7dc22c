#!/usr/bin/env bash
# khumue side by side with Hugo, mdBook and Hugo + Pagefind on the generated Thai corpus, at
# 2,000 and 10,000 pages: median wall time, peak RSS, output size, search-index size, and the
# ratios khumue / peer from the same run; then khumue's time per page and peak memory across the
# sizes (issue 7).
#
#   bench/compare/run.sh                 all of it (default: PAGES="2000 10000", RUNS=5)
#   PAGES=2000 RUNS=3 bench/compare/run.sh
#
# Environment:
#   KHUMUE_SHARED  the shared/ folder (default: ../shared beside the repository)
#   PEERS          where the peers are installed (passed to shared/peers/install.sh;
#                  default ~/.cache/khumue-peers)
#   PAGES, RUNS    corpus sizes and timed runs per tool and size
#   SKIP_PEERS=1   time khumue only (no peer install)
#   MDBOOK_MAX_PAGES  largest corpus mdBook is timed on (default 2000): every mdBook page
#                  carries the whole table of contents, so its output grows with the square
#                  of the page count (82 MB at 2,000 pages; one 10,000-page build ran for
#                  over 7 minutes and had written 328 MB when it was stopped)
#   FRESH=1        remove every output before every sample (default: repeated builds, the
#                  previous output in place, as a writer rebuilds)
#   WITH_SERVE_PDF=1  afterwards also run bench/serve/run.sh and bench/pdf/run.sh
#
# Needs: cargo, python3, and for the peers what shared/peers/install.sh needs (root for
# apt-get, cargo, npm). khumue builds with --no-pdf: Hugo builds no PDFs, so like is compared
# with like; the PDF batch has its own bench (bench/pdf/run.sh).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${KHUMUE_SHARED:-$repo/../shared}"
pages_list="${PAGES:-2000 10000}"
runs="${RUNS:-5}"
[ -f "$shared/corpus/gen_corpus.py" ] || {
    echo "no $shared/corpus/gen_corpus.py: set KHUMUE_SHARED to the shared/ folder" >&2
    exit 1
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$repo" && cargo build --release --quiet)
# Where cargo put it: CARGO_TARGET_DIR when set (relative to the repository), else target/.
khumue="$(cd "$repo" && realpath -m "${CARGO_TARGET_DIR:-target}")/release/khumue"

peer_args=(--skip-peers --hugo none --mdbook none --pagefind none)
fresh_args=()
[ "${FRESH:-0}" = 1 ] && fresh_args=(--fresh)
if [ "${SKIP_PEERS:-0}" != 1 ]; then
    bash "$shared/peers/install.sh" | tee "$work/peers.txt"
    hugo="$(command -v hugo)"
    mdbook="$(sed -n 's/^mdbook: *\([^ ]*\) .*/\1/p' "$work/peers.txt")"
    pagefind="$(sed -n 's/^pagefind: *//p' "$work/peers.txt")"
    for tool in "$hugo" "$mdbook" "$pagefind"; do
        [ -x "$tool" ] || { echo "peer not installed: '$tool'" >&2; exit 1; }
    done
    peer_args=(--hugo "$hugo" --mdbook "$mdbook" --pagefind "$pagefind")
fi

echo "machine: $(nproc) cores, $(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo) MiB; khumue $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
for pages in $pages_list; do
    dir="$work/$pages"
    python3 "$shared/corpus/gen_corpus.py" --out "$dir/corpus" -n "$pages" >/dev/null
    mkdir -p "$dir/project"
    cp -r "$dir/corpus/corpus-2k" "$dir/project/content"
    if [ "${SKIP_PEERS:-0}" != 1 ]; then
        python3 "$shared/peers/setup_sites.py" "$dir/corpus/corpus-2k" "$dir/peers" >/dev/null
    fi
    mdbook_args=()
    [ "$pages" -gt "${MDBOOK_MAX_PAGES:-2000}" ] && mdbook_args=(--skip-mdbook)
    python3 "$here/compare.py" --pages "$pages" --runs "$runs" --project "$dir/project" \
        --peers-dir "$dir/peers" --khumue "$khumue" "${peer_args[@]}" "${fresh_args[@]}" \
        "${mdbook_args[@]}" --json "$work/$pages.json"
    rm -rf "$dir"
done
python3 "$here/compare.py" --summary "$work"/*.json

if [ "${WITH_SERVE_PDF:-0}" = 1 ]; then
    echo
    echo "## save-to-reload (bench/serve/run.sh)"
    bash "$repo/bench/serve/run.sh"
    echo
    echo "## PDF batch (bench/pdf/run.sh)"
    bash "$repo/bench/pdf/run.sh"
fi
