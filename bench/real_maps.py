"""The real-map profile: archives shaped like the vault's maps, as 43 real maps measured.

Real maps expand ~3.1x when unzipped and hold ~10.5 files: an scmap of 0.8-4 MB (heightmap,
texture masks, an embedded DDS preview), the vault's previews (<folder>.dds and two stored PNGs),
five lua files, textures under env/layers/ and sometimes scripts under scripts/. The scmap and
texture bytes come from seeded pools of low-entropy data with short repeats: they deflate ~3x and
inflate mostly from literals and short matches (~150-250 MB/s here, a real scmap ~100 MB/s), not
at the memcpy speed of zero runs, which would flatter every extractor.
"""

import random
import struct

from map_files import Archive, lua_files, scmap_header

MB = 1024 * 1024
POOL_BYTES = 4 * MB
# A file is cut from the pool in chunks; a chunk's first 4 KB lacks the history its repeats point
# into, which at this length costs ~1% of the ratio.
CHUNK = 256 * 1024
# kind: (pool seed, share of fresh bytes; the rest repeats a run from the last 4 KB). At level 6
# 0.4 deflates ~3.9x, 0.45 ~3.5x (theta_passage_5's scmap: 3.3x), 0.85 ~2x (its DDS preview: 2.2x);
# with the stored PNGs and the lua files a map expands ~3x, as the 43 real maps do.
KINDS = {"scmap": (11, 0.4), "texture": (12, 0.45), "preview": (13, 0.85)}
# 16 byte values: what is fresh carries 4 bits of entropy per byte, like quantised texture data.
LOW_ENTROPY = bytes(i * 15 for i in range(16) for _ in range(16))
# DXT5 textures with mip-maps: 256^2, 512^2, 1024^2, plus the 128-byte DDS header.
LAYER_SIZES = [87_509, 349_653, 1_398_229]
_pools = {}


def _pool(kind):
    """4 MB of the kind's data, built once per process from a fixed seed."""
    if kind not in _pools:
        seed, fresh = KINDS[kind]
        rng = random.Random(seed)
        out, run = bytearray(), 128
        while len(out) < POOL_BYTES:
            if len(out) < 4096 or rng.random() < fresh:
                out += rng.randbytes(run).translate(LOW_ENTROPY)
            else:
                start = len(out) - rng.randrange(run, 4096)
                out += out[start : start + run]
        _pools[kind] = bytes(out[:POOL_BYTES])
    return _pools[kind]


def _data(rng, kind, size):
    pool, parts = _pool(kind), []
    while size > 0:
        n = min(CHUNK, size)
        start = rng.randrange(len(pool) - n + 1)
        parts.append(pool[start : start + n])
        size -= n
    return b"".join(parts)


def _dds(rng, kind, size, side):
    header = b"DDS " + struct.pack("<7I", 124, 0xA1007, side, side, side * side, 0, 9)
    header += bytes(128 - len(header))
    return header + _data(rng, kind, size - len(header))


def _png(rng, size):
    return b"\x89PNG\r\n\x1a\n" + rng.randbytes(size - 8)


def _markers(rng, count, width):
    kinds = ["Mass", "Mass", "Mass", "Hydrocarbon", "Land Path Node", "Air Path Node"]
    lines = []
    for i in range(count):
        kind = rng.choice(kinds)
        x, z = rng.uniform(4, width - 4), rng.uniform(4, width - 4)
        lines.append(
            f"            ['{kind} {i:03d}'] = {{\n"
            f"                ['size'] = FLOAT( 1.000000 ),\n"
            f"                ['resource'] = BOOLEAN( {str(kind in kinds[:4]).lower()} ),\n"
            f"                ['amount'] = FLOAT( 100.000000 ),\n"
            f"                ['color'] = STRING( 'ff808080' ),\n"
            f"                ['type'] = STRING( '{kind}' ),\n"
            f"                ['prop'] = STRING( '/env/common/props/markers/M_Mass_prop.bp' ),\n"
            f"                ['orientation'] = VECTOR3( 0, {rng.uniform(0, 6.28):.6f}, 0 ),\n"
            f"                ['position'] = VECTOR3( {x:.4f}, {rng.uniform(10, 60):.4f},"
            f" {z:.4f} ),\n"
            f"            }},"
        )
    return "\n".join(lines)


def _options(rng):
    options = []
    for i in range(rng.randint(1, 4)):
        values = ", ".join(f"{{ text = 'Setting {v}', key = {v} }}" for v in range(1, 5))
        options.append(
            f"    {{ default = 1, label = 'Option {i}', help = 'What option {i} changes',"
            f" key = 'option_{i}', pref = 'option_{i}', values = {{ {values} }} }},"
        )
    return "options = {\n" + "\n".join(options) + "\n}\n"


def _strings(name, rng):
    lines = [f"-- strings for {name}", f"MAP_NAME = '{name}'"]
    lines += [f"HINT_{i} = 'Hold the middle before minute {rng.randint(3, 20)}'" for i in
              range(rng.randint(2, 12))]
    return "\n".join(lines) + "\n"


def _script_module(rng):
    body = "\n".join(
        f"function Wave{i}(army)\n    local units = ScenarioUtils.CreateArmyGroup(army, 'Wave{i}')\n"
        f"    ForkThread(function() WaitSeconds({rng.randint(30, 600)}) end)\nend\n"
        for i in range(rng.randint(5, 40))
    )
    return "local ScenarioUtils = import('/lua/sim/ScenarioUtilities.lua')\n\n" + body


def plan(rng):
    """What one map holds, drawn from the vault's mix; cheap, so the caller can total sizes."""
    return {
        # 0.8-4 MB, skewed small (median ~1.4 MB, mean ~1.7 MB)
        "scmap": int(0.8 * MB * 5 ** (rng.random() ** 1.5)),
        "layers": [rng.choice(LAYER_SIZES + LAYER_SIZES[1:]) for _ in range(rng.choice([1, 1, 2]))],
        "scripts": rng.random() < 0.25,
        "large_png": rng.randrange(60_000, 120_000),
        "small_png": rng.randrange(8_000, 16_000),
        "markers": rng.randint(20, 140),  # a _save.lua of ~10-65 KB
    }


def planned_unzipped(p):
    return p["scmap"] + sum(p["layers"]) + p["large_png"] + p["small_png"] + 262_272 + 40_000


def write(path, folder, name, seed, p, width, players):
    rng = random.Random(seed)
    header = scmap_header(width, width, _dds(rng, "preview", 262_272, 256))
    scmap = header + _data(rng, "scmap", max(0, p["scmap"] - len(header)))
    scenario, save, script = lua_files(name, folder, width, width, players,
                                       _markers(rng, p["markers"], width))
    with Archive(path) as a:
        a.directory(folder)
        a.file(f"{folder}/{name}.scmap", scmap)
        a.file(f"{folder}/{name}_scenario.lua", scenario)
        a.file(f"{folder}/{name}_save.lua", save)
        a.file(f"{folder}/{name}_script.lua", script)
        a.file(f"{folder}/{name}_options.lua", _options(rng))
        a.file(f"{folder}/{name}_strings.lua", _strings(name, rng))
        a.file(f"{folder}/{folder}.dds", _dds(rng, "preview", 262_272, 256))
        a.file(f"{folder}/{folder}.large.png", _png(rng, p["large_png"]), stored=True)
        a.file(f"{folder}/{folder}.small.png", _png(rng, p["small_png"]), stored=True)
        for i, size in enumerate(p["layers"]):
            side = {87_509: 256, 349_653: 512}.get(size, 1024)
            a.file(f"{folder}/env/layers/{name}_layer{i + 1}.dds", _dds(rng, "texture", size, side))
        if p["scripts"]:
            a.file(f"{folder}/scripts/{name}_waves.lua", _script_module(rng))
    return a.summary()
