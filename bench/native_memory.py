#!/usr/bin/env python3
"""Samples where a running JVM's resident memory is, until it exits; prints the peak sample.

  native_memory.py PID OUT_DIR [MALLOC_STATS_AFTER_S]

The JVM must run with -XX:NativeMemoryTracking=detail. Every ~2 s it takes `jcmd PID
VM.native_memory detail` (the regions the JVM reserved, by category), every 0.1 s /proc/PID/smaps
(what is resident, by mapping), and splits the resident anonymous memory into the JVM's categories and
"outside NMT": the C heap (glibc arenas, brk) holding both the JVM's malloc (NMT reports its size)
and what NMT never sees (zlib's inflate state, other native libraries). With MALLOC_STATS_AFTER_S,
gdb calls malloc_stats() once (printed to the JVM's stderr) and then malloc_trim(0), and the next
sample shows how much of the C heap was free memory that glibc kept; just before, `jcmd
GC.class_histogram` writes what is live on the heap to OUT_DIR/histogram.txt.
"""

import os
import re
import subprocess
import sys
import time

REGION = re.compile(r"^\[(0x[0-9a-f]+) - (0x[0-9a-f]+)\] reserved \d+KB for (.+?)(?: from)?$")
MAPPING = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ (\d+)\s*(.*)$")
NMT_MALLOC = re.compile(r"^\s*\(malloc=(\d+)KB")
NMT_TOTAL = re.compile(r"^Total: reserved=(\d+)KB, committed=(\d+)KB")


def regions(nmt):
    out = []
    for line in nmt.splitlines():
        m = REGION.match(line.strip())
        if m:
            out.append((int(m.group(1), 16), int(m.group(2), 16), m.group(3)))
    return sorted(out)


def mappings(pid):
    out, current = [], None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            m = MAPPING.match(line)
            if m:
                current = [int(m.group(1), 16), int(m.group(2), 16), m.group(4).strip(), 0]
                out.append(current)
            elif line.startswith("Rss:") and current is not None:
                current[3] = int(line.split()[1])
    return out


def breakdown(pid, nmt):
    """Resident KB by NMT category, file-backed, and anonymous outside every NMT region."""
    regs = regions(nmt)
    kb = {}
    for start, end, name, rss in mappings(pid):
        if rss == 0:
            continue
        if name and not name.startswith("["):
            key = "file-backed (libraries, jar, CDS, modules)"
        elif name == "[stack]":
            key = "main thread stack"
        else:
            owner = next((r[2] for r in regs if r[0] <= start and end <= r[1]), None)
            key = f"NMT: {owner}" if owner else "anonymous outside NMT regions (C heap)"
        kb[key] = kb.get(key, 0) + rss
    summary = nmt.split("Virtual memory map:")[0].splitlines()  # per call site below: counted twice
    malloc = sum(int(m.group(1)) for m in map(NMT_MALLOC.match, summary) if m)
    total = next((m for m in map(NMT_TOTAL.match, nmt.splitlines()) if m), None)
    return kb, malloc, total


def status(pid):
    with open(f"/proc/{pid}/status") as f:
        return {k: v.strip() for k, v in (line.split(":", 1) for line in f)}


def main():
    pid, out = int(sys.argv[1]), sys.argv[2]
    stats_after = float(sys.argv[3]) if len(sys.argv) > 3 else None
    start, peak, trimmed, nmt, nmt_at, threads = time.monotonic(), None, None, "", -10.0, ""
    os.makedirs(out, exist_ok=True)
    # smaps every 0.1 s, so that a short run's peak is seen; jcmd (~1 s to attach) every 2 s: the
    # regions it names (heap, metaspace, code) are reserved at start, only thread stacks come later
    while os.path.exists(f"/proc/{pid}"):
        try:
            now = time.monotonic() - start
            if now - nmt_at >= 2:
                fresh = subprocess.run(["jcmd", str(pid), "VM.native_memory", "detail"],
                                       capture_output=True, text=True, timeout=60).stdout
                if "Total:" in fresh:
                    nmt, nmt_at = fresh, now
            if not nmt:
                time.sleep(0.1)
                continue
            st = status(pid)
            kb, malloc, total = breakdown(pid, nmt)
            rss = int(st["VmRSS"].split()[0])
        except (OSError, KeyError, subprocess.TimeoutExpired):
            break  # the process ended between two reads (a zombie has no VmRSS)
        if st["Threads"] != threads:
            nmt_at, threads = -10.0, st["Threads"]  # new thread stacks: ask jcmd again
        sample = (rss, st, kb, malloc, total, now)
        if trimmed == "pending":
            trimmed = sample
        if peak is None or rss > peak[0]:
            peak = sample
            with open(os.path.join(out, "nmt-peak.txt"), "w") as f:
                f.write(nmt)
        if stats_after is not None and trimmed is None and now > stats_after:
            # what is live on the heap by then (a full GC first), largest classes first
            histogram = subprocess.run(["jcmd", str(pid), "GC.class_histogram"],
                                       capture_output=True, text=True, timeout=120).stdout
            with open(os.path.join(out, "histogram.txt"), "w") as f:
                f.write(histogram)
            subprocess.run(["gdb", "-p", str(pid), "-batch", "-ex", "call (void) malloc_stats()",
                            "-ex", "call (int) malloc_trim(0)"], capture_output=True, timeout=120)
            trimmed = "pending"
        time.sleep(0.1)
    if peak is None:
        print("no sample (the process ended before jcmd could attach)")
        return
    report("peak sample", peak)
    if isinstance(trimmed, tuple):
        report("first sample after malloc_trim(0)", trimmed)


def report(title, sample):
    rss, st, kb, malloc, total, at = sample
    print(f"{title} at {at:.0f} s: VmRSS {rss // 1024} MB (RssAnon {st['RssAnon']}, RssFile "
          f"{st['RssFile']}), VmHWM {st['VmHWM']}, threads {st['Threads']}")
    if total:
        print(f"  NMT total: reserved {int(total.group(1)) // 1024} MB, committed "
              f"{int(total.group(2)) // 1024} MB; of that malloc {malloc // 1024} MB")
    for key, value in sorted(kb.items(), key=lambda kv: -kv[1]):
        print(f"  {value / 1024:7.1f} MB resident  {key}")


if __name__ == "__main__":
    main()
