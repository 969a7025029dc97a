#!/usr/bin/env python3
"""Generates map archives shaped like the FAF vault's, and the catalogue that lists them.

  gen_corpus.py real   OUT_DIR SCALE  maps shaped like real vault maps, ~1 GB x SCALE unzipped
                                      (~1/3 of that in archives), ~10.5 files each
  gen_corpus.py random OUT_DIR SCALE  ~1 GB x SCALE of archives of incompressible data, 5 files
                                      each: most 0.5-5 MB, some 20-50 MB
  gen_corpus.py scale  OUT_DIR COUNT  COUNT catalogue entries served from 10 small archives

Writes OUT_DIR/maps/<folder>.zip (real, random), OUT_DIR/small/small_<d>.zip (scale) and
OUT_DIR/catalogue.json: [{"id", "name", "folder", "file", "width", "height", "players", "bytes",
"unzipped", "files"}] ("files" counts the regular files an extraction must produce).
Deterministic (fixed seeds, fixed entry times): the same arguments give the same bytes, and a
second call with the same arguments does nothing.
"""

import json
import os
import random
import sys
from concurrent.futures import ProcessPoolExecutor

import real_maps
from map_files import Archive, lua_files, scmap_header

MB = 1024 * 1024
TARGET_BYTES = 1024 * MB
SIZES = [256.0, 512.0, 1024.0, 2048.0, 4096.0]  # 5 km .. 81 km maps
PLAYERS = [2, 4, 6, 8, 8, 10, 12, 16]
PREVIEW_BYTES = 256 * 256 * 4 + 128  # a DDS 256x256 RGBA thumbnail, as real maps embed
BLOCK = 4096
# Bump when the archives change, so that a corpus left in bench/work/ is generated again.
VERSION = 3


def preview_bytes(rng):
    # A smooth gradient with noise: compresses the way real thumbnails do (2-4x).
    row = bytes((x + rng.randrange(8)) & 0xFF for x in range(1024))
    return (row * (PREVIEW_BYTES // len(row) + 1))[:PREVIEW_BYTES]


def body_bytes(rng, size):
    """Mostly random (heightmap noise, textures) with one zero block in five (empty layers)."""
    out = bytearray()
    while len(out) < size:
        n = min(BLOCK, size - len(out))
        out += bytes(n) if rng.random() < 0.2 else rng.randbytes(n)
    return bytes(out)


def write_archive(path, folder, name, seed, scmap_bytes, width, height, players):
    rng = random.Random(seed)
    preview = preview_bytes(rng) if scmap_bytes > 2 * PREVIEW_BYTES else rng.randbytes(256)
    header = scmap_header(width, height, preview)
    scmap = header + body_bytes(rng, max(0, scmap_bytes - len(header)))
    scenario, save, script = lua_files(name, folder, width, height, players)
    with Archive(path) as a:
        a.directory(folder)
        a.file(f"{folder}/{name}.scmap", scmap)
        a.file(f"{folder}/{name}_scenario.lua", scenario)
        a.file(f"{folder}/{name}_save.lua", save)
        a.file(f"{folder}/{name}_script.lua", script)
    return a.summary()


def _write(job):
    kind, args = job
    return write_archive(*args) if kind == "random" else real_maps.write(*args)


def _entry(i, label, folder, width, players):
    return {"id": str(i), "name": f"{label} {i}", "folder": folder, "file": f"maps/{folder}.zip",
            "width": int(width), "height": int(width), "players": players}


def _build(entries, jobs):
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for entry, summary in zip(entries, pool.map(_write, jobs, chunksize=1)):
            entry.update(summary)
    return entries


def random_corpus(out, scale):
    """Archives of incompressible data: extraction writes about what was downloaded."""
    rng = random.Random(5)
    maps_dir = os.path.join(out, "maps")
    os.makedirs(maps_dir, exist_ok=True)
    entries, jobs, planned = [], [], 0
    while planned < TARGET_BYTES * scale:
        i = len(entries) + 1
        # ~1 map in 12 is a big one (20-50 MB); the rest 0.5-5 MB, skewed small like the vault.
        if rng.random() < 1 / 12:
            size = int(rng.uniform(20, 50) * MB)
        else:
            size = int(0.5 * MB * (10 ** rng.random()))
        width = rng.choice(SIZES)
        players = rng.choice(PLAYERS)
        name = f"bench_map_{i:04d}"
        folder = f"{name}.v0001"
        # Random data deflates to ~0.8 of itself; ask for that much more so the zip has `size`.
        scmap_bytes = int(size / 0.8)
        path = os.path.join(maps_dir, folder + ".zip")
        entries.append(_entry(i, "Bench Map", folder, width, players))
        jobs.append(("random", (path, folder, name, 1000 + i, scmap_bytes, width, width, players)))
        planned += size
    return _build(entries, jobs)


def real_corpus(out, scale):
    """Archives shaped like real vault maps (real_maps.py): ~1 GB x scale once unzipped."""
    rng = random.Random(7)
    maps_dir = os.path.join(out, "maps")
    os.makedirs(maps_dir, exist_ok=True)
    entries, jobs, planned = [], [], 0
    while planned < TARGET_BYTES * scale:
        i = len(entries) + 1
        width = rng.choice(SIZES)
        players = rng.choice(PLAYERS)
        name = f"real_map_{i:04d}"
        folder = f"{name}.v0001"
        plan = real_maps.plan(rng)
        path = os.path.join(maps_dir, folder + ".zip")
        entries.append(_entry(i, "Real Map", folder, width, players))
        jobs.append(("real", (path, folder, name, 2000 + i, plan, width, players)))
        planned += real_maps.planned_unzipped(plan)
    return _build(entries, jobs)


def scale(out, count):
    small = os.path.join(out, "small")
    os.makedirs(small, exist_ok=True)
    summaries = []
    for d in range(10):
        # A few KB of map: header, a small preview, random body.
        summaries.append(
            write_archive(os.path.join(small, f"small_{d}.zip"), f"small_{d}.v0001",
                          f"small_{d}", 50 + d, 3000 + 400 * d, 256.0, 256.0, 2)
        )
    entries = []
    for i in range(1, count + 1):
        folder = f"scale_map_{i:05d}.v0001"
        entries.append(
            {"id": str(i), "name": f"Scale Map {i}", "folder": folder,
             # nginx rewrites /scale/<folder>.zip to /small/small_<last digit of id>.zip
             "file": f"scale/{folder}.zip", "width": 256, "height": 256, "players": 2,
             **summaries[i % 10]}
        )
    return entries


def main():
    mode, out, arg = sys.argv[1], sys.argv[2], sys.argv[3]
    build = {"real": real_corpus, "random": random_corpus, "scale": scale}.get(mode)
    if build is None:
        sys.exit(f"gen_corpus.py: unknown corpus {mode!r}; use real, random or scale")
    os.makedirs(out, exist_ok=True)
    stamp = os.path.join(out, "catalogue.json")
    done = os.path.join(out, ".generated")
    key = f"{mode} {arg} v{VERSION}"
    if os.path.exists(done) and open(done).read() == key:
        return
    entries = build(out, float(arg) if mode != "scale" else int(arg))
    with open(stamp, "w") as f:
        json.dump(entries, f)
    with open(done, "w") as f:
        f.write(key)


if __name__ == "__main__":
    main()
