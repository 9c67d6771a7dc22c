#!/usr/bin/env bash
# Renders the default project's PDFs and writes the pages shown in docs/screenshots/:
# one SP-12, one SNB-2, the annual report and three handbook pages (pdftoppm, 60 dpi).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
KHUMUE_PDF_OUT="$out" cargo test --profile test-release --test it -- --ignored --exact pdf_bench::write_default_project_pdfs >/dev/null
shots=docs/screenshots
mkdir -p "$shots"
first() { find "$out/pdf" -name "$1" | sort | head -n 1; }
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$(first 'sp12-*.pdf')" "$shots/pdf-sp12"
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$(first 'snb2-*.pdf')" "$shots/pdf-snb2"
annual=$(first 'annual-report-*.pdf')
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$annual" "$shots/pdf-annual-cover"
pdftoppm -png -r 60 -f 2 -l 2 -singlefile "$annual" "$shots/pdf-annual-figures"
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$out/pdf/competency-plan.pdf" "$shots/pdf-competency-plan"
for page in 1 3 12; do
  pdftoppm -png -r 60 -f $page -l $page -singlefile "$out/pdf/handbook.pdf" "$shots/pdf-handbook-p$page"
done
rm -rf "$out"
ls "$shots"/pdf-*
