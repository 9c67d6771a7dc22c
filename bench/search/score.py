#!/usr/bin/env python3
"""Scores search answers against an evaluation set. Shared by bench/search/eval.sh (the seed
sections) and bench/search/handbook-eval.sh (the handbook's own pages).

  score.py LABEL QUERIES ANSWERS [--json OUT]   per-query lines, totals and, when the queries
                                                have a "kind", the totals per kind
  score.py --compare OUT...                     the totals of several scored runs side by side

QUERIES is a JSON list of {"id", "q", "expect": [page], "also": [page]?, "kind"?, "note"?};
ANSWERS is what tests/browser/search-queries.mjs (or bench/search/pagefind-queries.mjs) printed:
[{"q", "results": [{"url", ...}]}], in the same order. A page is its path from the site root
without ".html" ("reporting/sp12", "centre/index", "index"); a result's anchor and query string
are dropped, so a result for a heading counts for its page.

  recall@5  mean over queries of |expect ∩ pages of the first 5 results| / |expect|
  top-1     queries whose first result is a page in expect or in also ("also" lists pages that
            answer the query too but that a search need not return: a glossary entry, say)
  empty     queries with no result at all
Each query line also shows how many results came back (as many as the runner asked for at most).
Stdlib only.
"""
import argparse
import json
import sys
from collections import OrderedDict
from urllib.parse import urlsplit

TOP = 5


def page_of(url):
    """'reporting/sp12.html#columns', '/reporting/sp12.html', 'http://h:1/reporting/' →
    'reporting/sp12', 'reporting/sp12', 'reporting/index'."""
    path = urlsplit(url).path
    while path.startswith("./"):
        path = path[2:]
    path = path.lstrip("/")
    if path == "" or path.endswith("/"):
        path += "index"
    return path[: -len(".html")] if path.endswith(".html") else path


def score(label, queries, answers):
    if len(queries) != len(answers):
        sys.exit("%s: %d queries but %d answers" % (label, len(queries), len(answers)))
    rows = []
    for q, a in zip(queries, answers):
        if q["q"] != a["q"]:
            sys.exit("%s: answer for %r where %r was expected" % (label, a["q"], q["q"]))
        got = [page_of(r["url"]) for r in a["results"]]
        found = sum(1 for e in q["expect"] if e in got[:TOP])
        right = q["expect"] + q.get("also", [])
        rows.append(
            {
                "id": q["id"],
                "q": q["q"],
                "kind": q.get("kind", ""),
                "recall": found / len(q["expect"]),
                "found": found,
                "wanted": len(q["expect"]),
                "top1": bool(got) and got[0] in right,
                "empty": not got,
                "count": len(got),
                "got": got[:TOP],
            }
        )
    return rows


def totals(rows):
    n = len(rows)
    return {
        "queries": n,
        "recall5": sum(r["recall"] for r in rows) / n if n else 0.0,
        "top1": sum(r["top1"] for r in rows),
        "empty": sum(r["empty"] for r in rows),
    }


def by_kind(rows):
    kinds = OrderedDict()
    for r in rows:
        kinds.setdefault(r["kind"], []).append(r)
    return OrderedDict((k, totals(v)) for k, v in kinds.items())


def print_run(label, rows):
    for r in rows:
        mark = "   " if r["found"] == r["wanted"] else " ✗ "
        print(
            "[%s]%s%s %-14s %s  recall %d/%d  top1 %s  %s results  %s"
            % (label, mark, r["id"], r["kind"], r["q"], r["found"], r["wanted"],
               "yes" if r["top1"] else "no ", r["count"], r["got"] if r["got"] else "")
        )
    t = totals(rows)
    print(
        "[%s] recall@5 %.3f  top-1 %d/%d  empty %d"
        % (label, t["recall5"], t["top1"], t["queries"], t["empty"])
    )
    kinds = by_kind(rows)
    if len(kinds) > 1:
        w = max(len(k) for k in kinds)
        print("[%s] %-*s %7s %9s %7s %6s" % (label, w, "kind", "queries", "recall@5", "top-1", "empty"))
        for kind, k in kinds.items():
            print(
                "[%s] %-*s %7d %9.3f %7s %6d"
                % (label, w, kind, k["queries"], k["recall5"], "%d/%d" % (k["top1"], k["queries"]), k["empty"])
            )


def compare(paths):
    runs = [json.load(open(p, encoding="utf-8")) for p in paths]
    labels = [r["label"] for r in runs]
    print("| kind | queries | " + " | ".join("%s recall@5 / top-1 / empty" % l for l in labels) + " |")
    print("|---|---|" + "---|" * len(runs))
    kinds = list(runs[0]["kinds"].keys())
    for kind in kinds + ["all"]:
        cells = []
        for r in runs:
            k = r["totals"] if kind == "all" else r["kinds"][kind]
            cells.append("%.3f / %d / %d" % (k["recall5"], k["top1"], k["empty"]))
        n = (runs[0]["totals"] if kind == "all" else runs[0]["kinds"][kind])["queries"]
        print("| %s | %d | %s |" % ("**all**" if kind == "all" else kind, n, " | ".join(cells)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--compare", nargs="+", metavar="OUT")
    ap.add_argument("label", nargs="?")
    ap.add_argument("queries", nargs="?")
    ap.add_argument("answers", nargs="?")
    ap.add_argument("--json", help="also write the scores here (for --compare)")
    a = ap.parse_args()
    if a.compare:
        compare(a.compare)
        return
    if not (a.label and a.queries and a.answers):
        ap.error("LABEL QUERIES ANSWERS are required (or --compare)")
    queries = json.load(open(a.queries, encoding="utf-8"))
    answers = json.load(open(a.answers, encoding="utf-8"))
    rows = score(a.label, queries, answers)
    print_run(a.label, rows)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(
                {"label": a.label, "totals": totals(rows), "kinds": by_kind(rows), "rows": rows},
                f, ensure_ascii=False, indent=1,
            )


if __name__ == "__main__":
    main()
