#!/usr/bin/env python3
"""Generates map archives shaped like the FAF vault's, and the catalogue that lists them.

  gen_corpus.py full  OUT_DIR SCALE   ~1 GB x SCALE of maps: most 0.5-5 MB, some 20-50 MB
  gen_corpus.py scale OUT_DIR COUNT   COUNT catalogue entries served from 10 small archives

Writes OUT_DIR/maps/<folder>.zip (full only), OUT_DIR/small/small_<d>.zip (scale only) and
OUT_DIR/catalogue.json: [{"id", "name", "folder", "file", "width", "height", "players", "bytes"}].
Deterministic (fixed seed); a second call with the same arguments does nothing.
"""

import json
import os
import random
import struct
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor

MB = 1024 * 1024
TARGET_BYTES = 1024 * MB
SIZES = [256.0, 512.0, 1024.0, 2048.0, 4096.0]  # 5 km .. 81 km maps
PREVIEW_BYTES = 256 * 256 * 4 + 128  # a DDS 256x256 RGBA thumbnail, as real maps embed
BLOCK = 4096


def scmap_header(width, height, preview):
    """The scmap header up to and including the minor version, as MapVerifier reads it."""
    return (
        b"Map\x1a"
        + struct.pack("<iIi", 2, 0xBEEFFEED, 2)
        + struct.pack("<ff", width, height)
        + struct.pack("<ih", 0, 0)
        + struct.pack("<i", len(preview))
        + preview
        + struct.pack("<i", 56)
    )


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


def lua_files(name, folder, width, height, players):
    armies = ", ".join(f"'ARMY_{i + 1}'" for i in range(players))
    scenario = f"""version = 3
ScenarioInfo = {{
    name = '{name}',
    description = 'Benchmark map {name}',
    preview = '',
    map_version = 1,
    type = 'skirmish',
    starts = true,
    size = {{{int(width)}, {int(height)}}},
    reclaim = {{0, 0}},
    map = '/maps/{folder}/{name}.scmap',
    save = '/maps/{folder}/{name}_save.lua',
    script = '/maps/{folder}/{name}_script.lua',
    norushradius = 40,
    Configurations = {{
        ['standard'] = {{
            teams = {{ {{ name = 'FFA', armies = {{{armies}}} }} }},
            customprops = {{ ['ExtraArmies'] = STRING( 'ARMY_17 NEUTRAL_CIVILIAN' ) }},
        }},
    }},
}}
"""
    markers = "\n".join(
        f"            ['ARMY_{i + 1}'] = {{ ['type'] = STRING('Blank Marker'),"
        f" ['position'] = VECTOR3({20 + 37 * i}.5, 25.0, {40 + 29 * i}.5) }},"
        for i in range(players)
    )
    save = f"""Scenario = {{
    next_area_id = '1',
    Props = {{}},
    Areas = {{}},
    MasterChain = {{
        ['_MASTERCHAIN_'] = {{
            Markers = {{
{markers}
            }},
        }},
    }},
}}
"""
    script = """local ScenarioUtils = import('/lua/sim/ScenarioUtilities.lua')

function OnPopulate()
    ScenarioUtils.InitializeArmies()
end

function OnStart(self)
end
"""
    return scenario, save, script


def write_archive(path, folder, name, seed, scmap_bytes, width, height, players):
    rng = random.Random(seed)
    preview = preview_bytes(rng) if scmap_bytes > 2 * PREVIEW_BYTES else rng.randbytes(256)
    header = scmap_header(width, height, preview)
    scmap = header + body_bytes(rng, max(0, scmap_bytes - len(header)))
    scenario, save, script = lua_files(name, folder, width, height, players)
    temp = path + ".part"
    with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr(f"{folder}/", b"")
        z.writestr(f"{folder}/{name}.scmap", scmap)
        z.writestr(f"{folder}/{name}_scenario.lua", scenario)
        z.writestr(f"{folder}/{name}_save.lua", save)
        z.writestr(f"{folder}/{name}_script.lua", script)
    os.replace(temp, path)
    return os.path.getsize(path)


def _write(job):
    return write_archive(*job)


def full(out, scale):
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
        players = rng.choice([2, 4, 6, 8, 8, 10, 12, 16])
        name = f"bench_map_{i:04d}"
        folder = f"{name}.v0001"
        # Random data deflates to ~0.8 of itself; ask for that much more so the zip has `size`.
        scmap_bytes = int(size / 0.8)
        path = os.path.join(maps_dir, folder + ".zip")
        entries.append(
            {"id": str(i), "name": f"Bench Map {i}", "folder": folder,
             "file": f"maps/{folder}.zip", "width": int(width), "height": int(width),
             "players": players}
        )
        jobs.append((path, folder, name, 1000 + i, scmap_bytes, width, width, players))
        planned += size
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        sizes = list(pool.map(_write, jobs, chunksize=1))
    for entry, size in zip(entries, sizes):
        entry["bytes"] = size
    return entries


def scale(out, count):
    small = os.path.join(out, "small")
    os.makedirs(small, exist_ok=True)
    sizes = []
    for d in range(10):
        # A few KB of map: header, a small preview, random body.
        sizes.append(
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
             "bytes": sizes[i % 10]}
        )
    return entries


def main():
    mode, out, arg = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    stamp = os.path.join(out, "catalogue.json")
    done = os.path.join(out, ".generated")
    if os.path.exists(done) and open(done).read() == f"{mode} {arg}":
        return
    entries = full(out, float(arg)) if mode == "full" else scale(out, int(arg))
    with open(stamp, "w") as f:
        json.dump(entries, f)
    with open(done, "w") as f:
        f.write(f"{mode} {arg}")


if __name__ == "__main__":
    main()
