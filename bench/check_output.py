#!/usr/bin/env python3
"""Checks that a benchmark run left every map whole; prints one line when it did not.

  check_output.py OUT_DIR CATALOGUE_JSON TOOL

A tool that extracts must leave OUT_DIR/<folder>/ with exactly the catalogue's file count and
unzipped bytes for every map; `curl-only` must leave every archive, whole, in OUT_DIR/.downloads/.
"""

import json
import os
import sys


def extracted(folder):
    files, size = 0, 0
    for d, _, names in os.walk(folder):
        files += len(names)
        size += sum(os.path.getsize(os.path.join(d, n)) for n in names)
    return files, size


def main():
    out, catalogue, tool = sys.argv[1:4]
    maps = json.load(open(catalogue))
    problems = []
    for m in maps:
        if tool == "curl-only":
            zip_path = os.path.join(out, ".downloads", os.path.basename(m["file"]))
            size = os.path.getsize(zip_path) if os.path.exists(zip_path) else None
            if size != m["bytes"]:
                problems.append(f"{zip_path}: {size} B, expected {m['bytes']}")
            continue
        got = extracted(os.path.join(out, m["folder"]))
        if got != (m["files"], m["unzipped"]):
            problems.append(f"{m['folder']}: {got[0]} files, {got[1]} B, expected "
                            f"{m['files']}, {m['unzipped']}")
    if problems:
        print(f"{len(problems)} of {len(maps)} maps wrong, e.g. " + "; ".join(problems[:3]))


if __name__ == "__main__":
    main()
