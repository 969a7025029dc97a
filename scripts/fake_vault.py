#!/usr/bin/env python3
"""A FAF-like server on 127.0.0.1 for scripts/container-check.sh: API and content on one port.

  fake_vault.py PORT_FILE [MAPS]

Makes MAPS (default 12) small map archives in memory, each a real map shape (an scmap with a
valid header, _scenario.lua, _save.lua, _script.lua), and serves
  GET /data/map?...page[size]=N&page[number]=K   the JSON:API listing faf reads (Bearer token
                                                  required, any value), sorted by id
  GET /maps/<folder>.zip                          the archives
on 127.0.0.1 at a free port, which it writes to PORT_FILE once it is listening.
"""

import io
import json
import os
import struct
import sys
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def scmap(width):
    """An scmap header as MapVerifier reads it (major 2, float size, preview, minor 56), then a body."""
    preview = bytes(range(256)) * 4
    header = (
        b"Map\x1a"
        + struct.pack("<iIi", 2, 0xBEEFFEED, 2)
        + struct.pack("<ff", width, width)
        + struct.pack("<ih", 0, 0)
        + struct.pack("<i", len(preview))
        + preview
        + struct.pack("<i", 56)
    )
    return header + bytes(4096)


def archive(folder, name, title, players):
    armies = ", ".join(f"'ARMY_{i + 1}'" for i in range(players))
    scenario = f"""version = 3
ScenarioInfo = {{
    name = '{title}',
    description = 'A map served by scripts/fake_vault.py',
    type = 'skirmish',
    size = {{256, 256}},
    map = '/maps/{folder}/{name}.scmap',
    save = '/maps/{folder}/{name}_save.lua',
    script = '/maps/{folder}/{name}_script.lua',
    Configurations = {{
        ['standard'] = {{ teams = {{ {{ name = 'FFA', armies = {{{armies}}} }} }} }},
    }},
}}
"""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(f"{folder}/{name}.scmap", scmap(256.0))
        z.writestr(f"{folder}/{name}_scenario.lua", scenario)
        z.writestr(f"{folder}/{name}_save.lua", "Scenario = { Props = {}, Areas = {} }\n")
        z.writestr(f"{folder}/{name}_script.lua", "function OnPopulate() end\n")
    return buffer.getvalue()


def main():
    port_file = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    maps = []
    for i in range(1, count + 1):
        name = f"ci_map_{i:02d}"
        folder = f"{name}.v0001"
        players = 2 + 2 * (i % 4)
        maps.append({"id": str(i), "title": f"CI Map {i}", "folder": folder, "players": players,
                     "zip": archive(folder, name, f"CI Map {i}", players)})
    archives = {f"/maps/{m['folder']}.zip": m["zip"] for m in maps}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path in archives:
                return self.send(200, "application/zip", archives[url.path])
            if url.path != "/data/map":
                return self.json(404, {"errors": [{"title": "Not Found", "detail": url.path}]})
            if not self.headers.get("Authorization", "").startswith("Bearer "):
                return self.json(401, {"errors": [{"title": "Unauthorized"}]})
            query = parse_qs(url.query)
            size = int(query.get("page[size]", ["100"])[0])
            number = int(query.get("page[number]", ["1"])[0])
            self.json(200, self.page(size, number, "page[totals]" in query))

        def page(self, size, number, totals):
            base = f"http://127.0.0.1:{self.server.server_port}"
            chunk = maps[(number - 1) * size : number * size]
            doc = {
                "data": [
                    {"type": "map", "id": m["id"], "attributes": {"displayName": m["title"]},
                     "relationships": {
                         "latestVersion": {"data": {"type": "mapVersion", "id": m["id"]}},
                         "author": {"data": None}}}
                    for m in chunk
                ],
                "included": [
                    {"type": "mapVersion", "id": m["id"],
                     "attributes": {
                         "folderName": m["folder"],
                         "downloadUrl": f"{base}/maps/{m['folder']}.zip",
                         "width": 256, "height": 256, "maxPlayers": m["players"],
                         "version": 1, "ranked": True, "hidden": False}}
                    for m in chunk
                ],
            }
            if totals:
                doc["meta"] = {"page": {"number": number, "size": size, "totalRecords": len(maps),
                                        "totalPages": (len(maps) + size - 1) // size}}
            return doc

        def json(self, code, doc):
            self.send(code, "application/vnd.api+json", json.dumps(doc).encode())

        def send(self, code, content_type, body):
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_port))
    # Renamed into place so that the script never reads a half-written port.
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
