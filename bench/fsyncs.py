#!/usr/bin/env python3
"""Counts the flushes and renames in an `strace -f -y -T` log of faf, per map and by target.

syncfs comes from the `sync -f OUTPUT_DIR` child faf starts once per batch of staged maps.

  fsyncs.py STRACE_LOG CATALOGUE_JSON KIND
"""

import json
import re
import sys
from collections import defaultdict

# "PID call(args) = 0 <seconds>", or split in two when threads interleave:
# "PID call(args <unfinished ...>" then "PID <... call resumed>) = 0 <seconds>"
START = re.compile(r"^(\d+)\s+(\w+)\((.*)$")
RESUMED = re.compile(r"^(\d+)\s+<\.\.\. (\w+) resumed>.*<([\d.]+)>$")
TOOK = re.compile(r"<([\d.]+)>$")
FD_PATH = re.compile(r"^\d+<([^>]*)>")
MAP_FILE = re.compile(r"\.(scmap|lua|dds|png)$", re.IGNORECASE)


def target(call, args):
    if call in ("syncfs", "sync"):
        return "whole file system (one per batch of maps)"
    if call.startswith("rename"):
        return "map folder" if "faf-tmp-map-" in args else "state file or other"
    m = FD_PATH.match(args)
    path = m.group(1) if m else ""
    if MAP_FILE.search(path):
        return "extracted map file"
    if "faf-tmp-" in path and ".json" in path:
        return "state file (checkpoint, failures, maps.json)"
    return "directory or other"


def calls_in(log):
    """(call, target, seconds) for every complete call in the log."""
    pending = {}
    for line in open(log):
        line = line.rstrip("\n")
        m = RESUMED.match(line)
        if m:
            if m.group(1) in pending:
                call, on = pending.pop(m.group(1))
                yield call, on, float(m.group(3))
            continue
        m = START.match(line)
        if not m:
            continue
        pid, call, args = m.groups()
        if line.endswith("<unfinished ...>"):
            pending[pid] = (call, target(call, args))
        elif TOOK.search(line):
            yield call, target(call, args), float(TOOK.search(line).group(1))


def main():
    log, catalogue, kind = sys.argv[1:4]
    maps = json.load(open(catalogue))
    calls, seconds = defaultdict(int), defaultdict(float)
    for call, on, took in calls_in(log):
        calls[(call, on)] += 1
        seconds[(call, on)] += took
    n = len(maps)
    print(f"### {kind} corpus: {n} maps, {sum(m['files'] for m in maps) / n:.1f} files per map")
    print("| call | on | calls | per map | thread time s | ms per call |")
    print("|---|---|---:|---:|---:|---:|")
    for (call, on), count in sorted(calls.items(), key=lambda kv: -kv[1]):
        s = seconds[(call, on)]
        print(f"| {call} | {on} | {count} | {count / n:.2f} | {s:.2f} | {1000 * s / count:.1f} |")


if __name__ == "__main__":
    main()
