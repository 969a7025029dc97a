"""What every generated map holds, whatever its profile: the scmap header, the lua files, the zip.

Used by gen_corpus.py (random and scale corpora) and real_maps.py (the real-map profile).
"""

import os
import struct
import zipfile

# Entries carry this time, not the clock's, so that the same arguments give the same bytes.
FIXED_TIME = (2026, 1, 1, 0, 0, 0)


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


class Archive:
    """A zip written to <path>.part and renamed into place, counting what extraction produces."""

    def __init__(self, path):
        self.path = path
        self.temp = path + ".part"
        self.files = 0
        self.unzipped = 0

    def __enter__(self):
        self.zip = zipfile.ZipFile(self.temp, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        return self

    def directory(self, name):
        self.zip.writestr(zipfile.ZipInfo(name.rstrip("/") + "/", FIXED_TIME), b"")

    def file(self, name, data, stored=False):
        info = zipfile.ZipInfo(name, FIXED_TIME)
        # PNGs are already deflated; real archives store them, as theta_passage_5 does
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data, compresslevel=None if stored else 6)
        self.files += 1
        self.unzipped += len(data)

    def __exit__(self, kind, value, traceback):
        self.zip.close()
        if kind is None:
            os.replace(self.temp, self.path)
        else:
            os.remove(self.temp)
        return False

    def summary(self):
        return {"bytes": os.path.getsize(self.path), "unzipped": self.unzipped,
                "files": self.files}


def lua_files(name, folder, width, height, players, markers=""):
    """_scenario.lua, _save.lua and _script.lua; `markers` adds lines to the save's marker table."""
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
    army_markers = "\n".join(
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
{army_markers}
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
