#!/usr/bin/env python3
"""Times khumue and its peers on one corpus, alternating the tools, and prints one table.

  compare.py --pages N --project P --peers-dir D --khumue BIN --hugo BIN --mdbook BIN
             --pagefind BIN [--runs 5] [--skip-peers] [--json FILE]
  compare.py --summary FILE...      khumue's time per page and peak memory across sizes

P is a khumue project (P/content/ holds the corpus); D holds the Hugo and mdBook projects made
by setup_sites.py for the same corpus. Each sample is a repeated build, as a writer runs it:
the previous output is there and each tool treats it its own way (Hugo and khumue write over
it, mdBook empties its folder first). With --fresh every sample starts from no output at all. Peak memory is the child's maximum resident set size as
the kernel reports it to wait4(2) (the figure `/usr/bin/time -v` prints); for Hugo + Pagefind
it is the larger of the two processes. Stdlib only.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time


def run_once(argv):
    """Runs argv silently; returns (wall seconds, CPU seconds (user + system), peak RSS in KiB)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode("utf-8", "replace")
    child.stderr.close()
    if child.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (child.returncode, " ".join(argv), err[-2000:]))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def tree_size(path, only=None):
    """(bytes, files) under path; `only` filters file names."""
    total = files = 0
    for folder, _, names in os.walk(path):
        for name in names:
            if only is None or only(name):
                total += os.path.getsize(os.path.join(folder, name))
                files += 1
    return total, files


class Tool:
    def __init__(self, name, steps, out, index):
        self.name, self.steps, self.out, self.index = name, steps, out, index
        self.walls, self.cpus, self.peaks = [], [], []

    def sample(self, fresh):
        if fresh:
            shutil.rmtree(self.out, ignore_errors=True)
        wall = cpu = peak = 0
        for argv in self.steps:
            w, c, p = run_once(argv)
            wall += w
            cpu += c
            peak = max(peak, p)
        self.walls.append(wall)
        self.cpus.append(cpu)
        self.peaks.append(peak)

    def sizes(self):
        site = tree_size(self.out)
        index = self.index() if self.index else None
        return site, index


# Issue 7's memory targets for khumue, by corpus size.
PEAK_TARGET_MIB = {2000: 150, 10000: 400}


def summary(paths):
    """How khumue's time per page and peak memory change with the corpus size, from the
    --json files of one run of run.sh."""
    runs = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            run = json.load(f)
        runs.append((run["pages"], run["rows"][0]))
    runs.sort(key=lambda r: r[0])
    print()
    print("## khumue across sizes (same run)")
    print()
    print(
        "| pages | median wall | wall per page | ratio | median CPU | CPU per page | ratio"
        " | peak RSS | peak target |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    small_pages, small = runs[0]
    for pages, row in runs:
        target = PEAK_TARGET_MIB.get(pages)
        print(
            "| %d | %.3f s | %.3f ms | %.2f | %.3f s | %.3f ms | %.2f | %.0f MiB | %s |"
            % (pages, row["median_s"], row["median_s"] / pages * 1000,
               (row["median_s"] / pages) / (small["median_s"] / small_pages),
               row["median_cpu_s"], row["median_cpu_s"] / pages * 1000,
               (row["median_cpu_s"] / pages) / (small["median_cpu_s"] / small_pages),
               row["peak_mib"], "≤ %d MiB" % target if target else "—")
        )
    print()
    print(
        "ratio: time per page against the %d-page corpus (≤ 1 is linear or better; the wall"
        " time of one build on a shared machine drifts by several per cent, CPU time less)"
        % small_pages
    )


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--summary":
        summary(sys.argv[2:])
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--project", required=True)
    ap.add_argument("--peers-dir", required=True)
    ap.add_argument("--khumue", required=True)
    ap.add_argument("--hugo", required=True)
    ap.add_argument("--mdbook", required=True)
    ap.add_argument("--pagefind", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-peers", action="store_true")
    ap.add_argument("--skip-mdbook", action="store_true")
    ap.add_argument("--fresh", action="store_true", help="remove each output before each sample")
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args()

    k_out = os.path.join(os.path.abspath(a.project), "..", "khumue-out")
    k_out = os.path.normpath(k_out)
    hugo_dir = os.path.join(a.peers_dir, "hugo")
    hugo_out = os.path.join(hugo_dir, "public")
    book_dir = os.path.join(a.peers_dir, "mdbook")
    book_out = os.path.join(book_dir, "book")
    hugo_cmd = [a.hugo, "--quiet", "-s", hugo_dir, "-d", "public"]
    # Pagefind indexes a Hugo output of its own, so the two Hugo rows never share a folder.
    pf_out = os.path.join(hugo_dir, "public-pagefind")
    pf_hugo_cmd = [a.hugo, "--quiet", "-s", hugo_dir, "-d", "public-pagefind"]

    tools = [
        Tool(
            "khumue (site + Thai search)",
            [[a.khumue, "build", "--root", a.project, "--out", k_out, "--no-pdf"]],
            k_out,
            lambda: tree_size(os.path.join(k_out, "site", "search")),
        )
    ]
    if not a.skip_peers:
        tools += [
            Tool("Hugo (no search)", [hugo_cmd], hugo_out, None),
        ]
        if not a.skip_mdbook:
            tools.append(
                Tool(
                    "mdBook (elasticlunr)",
                    [[a.mdbook, "build", book_dir]],
                    book_out,
                    lambda: tree_size(book_out, lambda n: n.startswith("searchindex")),
                )
            )
        tools += [
            Tool(
                "Hugo + Pagefind",
                [pf_hugo_cmd, [a.pagefind, "--site", pf_out]],
                pf_out,
                lambda: tree_size(os.path.join(pf_out, "pagefind")),
            ),
        ]

    # One untimed build each warms the page cache; then rounds in rotating order, so slow
    # spells of a shared machine fall on every tool alike.
    for tool in tools:
        tool.sample(True)
        tool.walls.clear()
        tool.cpus.clear()
        tool.peaks.clear()
    load_before = os.getloadavg()
    for r in range(a.runs):
        for i in range(len(tools)):
            tools[(r + i) % len(tools)].sample(a.fresh)
    load_after = os.getloadavg()

    rows = []
    for tool in tools:
        (site_bytes, site_files), index = tool.sizes()
        rows.append(
            {
                "tool": tool.name,
                "median_s": statistics.median(tool.walls),
                "min_s": min(tool.walls),
                "max_s": max(tool.walls),
                "median_cpu_s": statistics.median(tool.cpus),
                "peak_mib": max(tool.peaks) / 1024,
                "output_bytes": site_bytes,
                "output_files": site_files,
                "index_bytes": index[0] if index else None,
                "index_files": index[1] if index else None,
            }
        )
    khumue = rows[0]

    print()
    print(
        "## %d pages — %d runs each, alternating, %s; cores: %d; load avg before %.2f, after %.2f"
        % (a.pages, a.runs, "fresh output" if a.fresh else "repeated builds",
           os.cpu_count() or 0, load_before[0], load_after[0])
    )
    print()
    print(
        "| tool | median wall | min–max | per page | peak RSS | output | search index | khumue / tool |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        index = (
            "%.1f MB in %d files" % (row["index_bytes"] / 1e6, row["index_files"])
            if row["index_bytes"] is not None
            else "none"
        )
        ratio = khumue["median_s"] / row["median_s"]
        print(
            "| %s | %.3f s | %.3f–%.3f s | %.3f ms | %.0f MiB | %.1f MB, %d files | %s | %s |"
            % (
                row["tool"],
                row["median_s"],
                row["min_s"],
                row["max_s"],
                row["median_s"] / a.pages * 1000,
                row["peak_mib"],
                row["output_bytes"] / 1e6,
                row["output_files"],
                index,
                "—" if row is khumue else "%.2f" % ratio,
            )
        )
    if not a.skip_peers:
        hugo = next(r for r in rows if r["tool"].startswith("Hugo (no"))
        both = next(r for r in rows if r["tool"].startswith("Hugo + Pagefind"))
        print()
        print(
            "khumue / Hugo = %.2f (target ≤ 1);  khumue / (Hugo + Pagefind) = %.2f (target ≤ 0.2);"
            "  khumue peak %.0f MiB"
            % (khumue["median_s"] / hugo["median_s"], khumue["median_s"] / both["median_s"],
               khumue["peak_mib"])
        )
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"pages": a.pages, "runs": a.runs, "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
