#!/usr/bin/env bash
# Reports at a province's size (issue 15): for 2, 30 and 93 community service units, the time of
# `khumue check`, a site-only build, a full build (every PDF), a rebuild with nothing changed and
# a rebuild after one edited unit-month, with the peak memory of each; then, on the generated
# 2,000- and 10,000-page corpora, a full build with the handbook book.
#
#   bench/scale/run.sh                       everything (slow: the 10,000-page book takes long)
#   UNITS="2 30" CORPUS="" bench/scale/run.sh   units only
#   UNITS="" CORPUS=2000 bench/scale/run.sh     the 2,000-page book only
#
# Environment:
#   UNITS          unit counts (default "2 30 93"; 1 to 93)
#   CORPUS         corpus sizes in pages (default "2000 10000"; empty to skip); needs
#                  shared/corpus/gen_corpus.py (KHUMUE_SHARED, default ../shared)
#   KHUMUE         the khumue binary to measure (default: cargo build --release, then its binary)
#
# Every figure is one run of the child process: wall time, CPU time (user + system) and peak
# RSS as wait4(2) reports them (what GNU time -v prints). On a loaded machine the CPU time is
# the steadier figure. The machine's load average is printed with the table: on a shared
# machine absolute times drift.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${KHUMUE_SHARED:-$repo/../shared}"
units_list="${UNITS-2 30 93}"
corpus_list="${CORPUS-2000 10000}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "${KHUMUE:-}" ]; then
    (cd "$repo" && cargo build --release --quiet)
    KHUMUE="$(cd "$repo" && realpath -m "${CARGO_TARGET_DIR:-target}")/release/khumue"
fi
# A copy: a parallel cargo build must not swap the binary under the measurements.
cp "$KHUMUE" "$work/khumue"
khumue="$work/khumue"

# run LABEL ARGS...: runs khumue, prints "LABEL  wall s  CPU s  peak MiB" and the PDF line, if any.
run() {
    local label="$1"
    shift
    python3 - "$label" "$khumue" "$@" <<'PY'
import os, subprocess, sys, time
label, argv = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
err = child.stderr.read().decode("utf-8", "replace")
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
code = os.waitstatus_to_exitcode(status)
pdfs = next((l for l in err.splitlines() if l.startswith("PDFs:")), "")
cpu = usage.ru_utime + usage.ru_stime
print(f"  {label:<32} {wall:8.2f} s {cpu:8.2f} s {usage.ru_maxrss // 1024:7d} MiB   {pdfs}", flush=True)
if code != 0:
    sys.exit(f"{label} failed (exit {code}):\n{err[-3000:]}")
PY
}

echo "machine: $(nproc) cores, $(awk '/^MemTotal:/ {print int($2 / 1024)}' /proc/meminfo) MiB, load $(cut -d' ' -f1-3 /proc/loadavg); khumue $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"

for units in $units_list; do
    project="$work/units-$units"
    mkdir -p "$project"
    cp -r "$repo/content" "$repo/data" "$project/"
    [ -d "$repo/themes" ] && cp -r "$repo/themes" "$project/"
    python3 "$repo/scripts/gen_sample_data.py" --units "$units" --out "$project/data"
    echo "## $units units ($(find "$project/data/reports" -name '*.yaml' | wc -l) report files)"
    printf '  %-32s %10s %10s %11s\n' "" "wall" "CPU" "peak RSS"
    run "check" check --root "$project"
    run "site build (--no-pdf)" build --root "$project" --out "$work/site-$units" --no-pdf
    run "full build (cold)" build --root "$project" --out "$project/output"
    run "rebuild, nothing changed" build --root "$project" --out "$project/output"
    month="$project/data/reports/2564/sp12/$(ls "$project/data/reports/2564/sp12" | tail -n 1)/03.yaml"
    python3 - "$month" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
a, b = "assistance: พัฒนา", "assistance: ส่งเสริม"
text = text.replace(a, b, 1) if a in text else text.replace(b, a, 1)
open(path, "w", encoding="utf-8").write(text)
PY
    run "rebuild, one unit-month edited" build --root "$project" --out "$project/output"
    echo "  PDFs: $(find "$project/output/pdf" -name '*.pdf' | wc -l) files, $(du -sm "$project/output/pdf" | cut -f1) MB"
    rm -rf "$project" "$work/site-$units" "$work"/.site-"$units".* "$project"/.output.*
done

for pages in $corpus_list; do
    [ -f "$shared/corpus/gen_corpus.py" ] || {
        echo "no $shared/corpus/gen_corpus.py: set KHUMUE_SHARED to the shared/ folder" >&2
        exit 1
    }
    dir="$work/corpus-$pages"
    python3 "$shared/corpus/gen_corpus.py" --out "$dir/corpus" -n "$pages" >/dev/null
    mkdir -p "$dir/project"
    # gen_corpus.py names its scaled corpus corpus-2k/ whatever -n is: check it has them all.
    found="$(find "$dir/corpus/corpus-2k" -name '*.md' | wc -l)"
    [ "$found" -eq "$pages" ] || {
        echo "gen_corpus.py wrote $found pages into corpus-2k/, not $pages" >&2
        exit 1
    }
    cp -r "$dir/corpus/corpus-2k" "$dir/project/content"
    echo "## $pages-page corpus, with the handbook book"
    run "site build (--no-pdf)" build --root "$dir/project" --out "$dir/site" --no-pdf
    run "full build (the book)" build --root "$dir/project" --out "$dir/project/output"
    run "rebuild, nothing changed" build --root "$dir/project" --out "$dir/project/output"
    # The book is one PDF, or one per volume above book_volume_kb (handbook-1.pdf, ...).
    books=("$dir"/project/output/pdf/handbook*.pdf)
    book_pages=0
    for book in "${books[@]}"; do
        n="$(pdfinfo "$book" 2>/dev/null | sed -n 's/^Pages: *//p')"
        book_pages=$((book_pages + ${n:-0}))
    done
    echo "  book: ${#books[@]} PDF(s), $book_pages pages"
    rm -rf "$dir"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
