#!/usr/bin/env python3
"""A stand-in for FAF's JSON:API map listing, serving catalogue.json on 127.0.0.1.

  catalogue.py CATALOGUE_JSON PORT CONTENT_URL LOG_FILE

Answers GET /data/map?include=latestVersion,author&sort=id&page[size]=N&page[number]=K
[&page[totals]][&filter=RSQL] as api.faforever.com does (the parts faf reads), and appends one
line per request to LOG_FILE so the benchmark can count API requests.
"""

import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TERM = re.compile(r'^([\w.]+)(==|=ge=|=le=)"?(.*?)"?$')


def matches(entry, rsql):
    """The few RSQL terms faf sends; unknown terms match everything (the benchmark uses none)."""
    for term in filter(None, rsql.split(";")):
        m = TERM.match(term)
        if not m:
            continue
        field, op, value = m.groups()
        actual = {
            "id": entry["id"],
            "latestVersion.hidden": "false",
            "latestVersion.ranked": "true",
            "latestVersion.width": entry["width"],
            "latestVersion.height": entry["height"],
            "latestVersion.maxPlayers": entry["players"],
        }.get(field)
        if actual is None:
            continue
        if op == "==" and str(actual) != value:
            return False
        if op == "=ge=" and not int(actual) >= int(value):
            return False
        if op == "=le=" and not int(actual) <= int(value):
            return False
    return True


def page_document(entries, content_url, size, number, totals):
    start = (number - 1) * size
    chunk = entries[start : start + size]
    data, included = [], []
    for e in chunk:
        data.append(
            {"type": "map", "id": e["id"], "attributes": {"displayName": e["name"]},
             "relationships": {
                 "latestVersion": {"data": {"type": "mapVersion", "id": e["id"]}},
                 "author": {"data": None}}}
        )
        included.append(
            {"type": "mapVersion", "id": e["id"],
             "attributes": {
                 "folderName": e["folder"], "downloadUrl": f"{content_url}/{e['file']}",
                 "width": e["width"], "height": e["height"], "maxPlayers": e["players"],
                 "version": 1, "ranked": True, "hidden": False}}
        )
    doc = {"data": data, "included": included}
    if totals:
        pages = (len(entries) + size - 1) // size
        doc["meta"] = {"page": {"number": number, "size": size, "totalRecords": len(entries),
                                "totalPages": pages}}
    return doc


def main():
    catalogue_path, port, content_url, log_path = sys.argv[1:5]
    with open(catalogue_path) as f:
        catalogue = json.load(f)
    log = open(log_path, "a", buffering=1)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            url = urlsplit(self.path)
            query = parse_qs(url.query, keep_blank_values=True)
            with lock:
                log.write(self.path + "\n")
            if url.path != "/data/map":
                return self.send(404, {"errors": [{"title": "Not Found", "detail": url.path}]})
            if self.headers.get("Authorization") != "Bearer bench":
                return self.send(401, {"errors": [{"title": "Unauthorized"}]})
            size = int(query.get("page[size]", ["100"])[0])
            number = int(query.get("page[number]", ["1"])[0])
            rsql = query.get("filter", [""])[0]
            entries = [e for e in catalogue if matches(e, rsql)] if rsql else catalogue
            doc = page_document(entries, content_url, size, number, "page[totals]" in query)
            self.send(200, doc)

        def send(self, code, doc):
            body = json.dumps(doc, separators=(",", ":")).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/vnd.api+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", int(port)), Handler).serve_forever()


if __name__ == "__main__":
    main()
