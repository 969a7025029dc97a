#!/usr/bin/env python3
"""Turns the benchmark's raw measurements into the Markdown tables of bench/README.md.

  report.py full  RAW_TSV CATALOGUE_JSON HEADER_FILE   (rows: tool conc run wall_s rss_kb)
  report.py scale RAW_TSV HEADER_FILE                  (rows: step maps wall_s rss_kb api nginx bookkeeping_s exit)
"""

import json
import statistics
import sys
from collections import defaultdict


def full(raw, catalogue, header):
    maps = json.load(open(catalogue))
    total_mb = sum(m["bytes"] for m in maps) / 1e6
    runs = defaultdict(list)
    for line in open(raw):
        tool, conc, _run, wall, rss = line.split()
        runs[(tool, int(conc))].append((float(wall), int(rss)))
    lines = [open(header).read().rstrip(), "",
             f"Corpus: {len(maps)} maps, {total_mb:,.0f} MB of archives "
             f"(largest {max(m['bytes'] for m in maps) / 1e6:.1f} MB). "
             "Medians of the runs; MB/s counts archive bytes.", "",
             "| concurrency | tool | runs | wall s (each) | wall s | MB/s | maps/s "
             "| peak RSS MB | faf/peer wall |",
             "|---:|---|---:|---|---:|---:|---:|---:|---:|"]
    for conc in sorted({c for _, c in runs}):
        medians = {}
        for tool in ("faf", "peer"):
            r = runs.get((tool, conc), [])
            if not r:
                continue
            wall = statistics.median(w for w, _ in r)
            rss = statistics.median(k for _, k in r) / 1024
            medians[tool] = wall
            each = " ".join(f"{w:.2f}" for w, _ in r)
            ratio = ""
            if tool == "peer" and "faf" in medians:
                ratio = f"**{medians['faf'] / wall:.2f}**"
            name = "faf" if tool == "faf" else "aria2c + unzip"
            lines.append(
                f"| {conc} | {name} | {len(r)} | {each} | {wall:.2f} | {total_mb / wall:.0f} "
                f"| {len(maps) / wall:.1f} | {rss:.0f} | {ratio} |")
    return "\n".join(lines) + "\n"


def scale(raw, header):
    lines = [open(header).read().rstrip(), "",
             "| step | maps | wall s | peak RSS MB | API requests | archive downloads (nginx) "
             "| bookkeeping s | bookkeeping % of wall | exit |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for line in open(raw):
        step, maps, wall, rss, api, nginx, book, code = line.rstrip("\n").split("\t")
        share = 100 * float(book) / float(wall)
        lines.append(f"| {step} | {maps} | {float(wall):.2f} | {int(rss) / 1024:.0f} | {api} "
                     f"| {nginx} | {float(book):.2f} | {share:.1f} | {code} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if sys.argv[1] == "full":
        print(full(sys.argv[2], sys.argv[3], sys.argv[4]), end="")
    else:
        print(scale(sys.argv[2], sys.argv[3]), end="")
