#!/usr/bin/env python3
"""What holds a JVM's heap, from a heap dump (jcmd PID GC.heap_dump [-all] FILE).

  heap_dump.py FILE [CLASS_PART] [N]   the N (40) objects that retain the most, whose class name
                                       contains CLASS_PART (e.g. "fafbulk"); retained sizes from
                                       the dominator tree, as Eclipse MAT computes them
  heap_dump.py FILE --histogram        reachable objects by class: count and bytes
  heap_dump.py FILE --above ADDR       objects at addresses from ADDR (hex: the old generation's
                                       start, from -Xlog:gc+heap+exit), reachable or not, by class;
                                       needs a dump taken with -all

Sizes are shallow sizes as the dump gives them (fields, array elements, a 12- or 16-byte header),
without alignment padding: they undercount by ~10%. How bench/README.md used it: dumps at 3 s and
6.5 s into a 20,000-map run and at 2 s into a 200-map one (--delay-ms 15 to stretch it), compared.
"""

import struct
import sys
from collections import Counter, defaultdict

BASIC = {4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}  # the ID type (2) is set once read
PRIMITIVE = {4: "boolean[]", 5: "char[]", 6: "float[]", 7: "double[]", 8: "byte[]", 9: "short[]",
             10: "int[]", 11: "long[]"}


class Dump:
    """The objects of an HPROF file: id -> (kind, shallow size, referenced ids), and the roots."""

    def __init__(self, path):
        data = open(path, "rb").read()
        pos = data.index(b"\0") + 1
        self.idsize = struct.unpack_from(">I", data, pos)[0]
        pos += 4 + 8
        self.data = data
        self.types = dict(BASIC)
        self.types[2] = self.idsize
        self.strings, self.class_names, self.class_layouts = {}, {}, {}
        self.objects, self.roots = {}, set()
        instances = []
        while pos < len(data):
            tag = data[pos]
            length = struct.unpack_from(">I", data, pos + 5)[0]
            body, pos = pos + 9, pos + 9 + length
            if tag == 0x01:  # UTF8 string
                self.strings[self.id(body)] = data[body + self.idsize:pos].decode("utf8", "replace")
            elif tag == 0x02:  # LOAD CLASS: serial, class id, stack serial, name id
                self.class_names[self.id(body + 4)] = self.id(body + 8 + self.idsize)
            elif tag in (0x0C, 0x1C):  # HEAP DUMP (SEGMENT)
                self.read_heap(body, pos, instances)
        for oid, class_id, fields in instances:
            self.objects[oid] = (class_id, 12 + len(fields), self.instance_refs(class_id, fields))

    def id(self, pos):
        return int.from_bytes(self.data[pos:pos + self.idsize], "big")

    def read_heap(self, pos, end, instances):
        data, size = self.data, self.idsize
        root_sizes = {0xFF: size, 0x01: 2 * size, 0x02: size + 8, 0x03: size + 8, 0x04: size + 4,
                      0x05: size, 0x06: size + 4, 0x07: size, 0x08: size + 8}
        while pos < end:
            sub = data[pos]
            pos += 1
            if sub in root_sizes:
                self.roots.add(self.id(pos))
                pos += root_sizes[sub]
            elif sub == 0x20:  # CLASS DUMP
                class_id = self.id(pos)
                pos += size + 4
                super_id = self.id(pos)
                pos += size * 6
                pos += 4  # instance size
                count = struct.unpack_from(">H", data, pos)[0]  # constant pool: index, type, value
                pos += 2
                for _ in range(count):
                    pos += 3 + self.types[data[pos + 2]]
                count = struct.unpack_from(">H", data, pos)[0]  # statics: name, type, value
                pos += 2
                statics = []
                for _ in range(count):
                    kind = data[pos + size]
                    if kind == 2:
                        statics.append(self.id(pos + size + 1))
                    pos += size + 1 + self.types[kind]
                count = struct.unpack_from(">H", data, pos)[0]  # instance fields: name, type
                pos += 2
                fields = []
                for _ in range(count):
                    fields.append(data[pos + size])
                    pos += size + 1
                self.class_layouts[class_id] = (super_id, fields)
                self.objects[class_id] = ("class", 64, [r for r in statics if r])
                self.roots.add(class_id)
            elif sub == 0x21:  # INSTANCE DUMP
                oid = self.id(pos)
                class_id = self.id(pos + size + 4)
                length = struct.unpack_from(">I", data, pos + 2 * size + 4)[0]
                pos += 2 * size + 8
                instances.append((oid, class_id, data[pos:pos + length]))
                pos += length
            elif sub == 0x22:  # OBJECT ARRAY DUMP
                oid = self.id(pos)
                count = struct.unpack_from(">I", data, pos + size + 4)[0]
                class_id = self.id(pos + size + 8)
                pos += 2 * size + 8
                refs = [self.id(pos + i * size) for i in range(count)]
                pos += count * size
                self.objects[oid] = (("array", class_id), 16 + count * 4, [r for r in refs if r])
            elif sub == 0x23:  # PRIMITIVE ARRAY DUMP
                oid = self.id(pos)
                count = struct.unpack_from(">I", data, pos + size + 4)[0]
                kind = data[pos + size + 8]
                pos += size + 9 + count * self.types[kind]
                self.objects[oid] = (PRIMITIVE[kind], 16 + count * self.types[kind], [])
            else:
                raise SystemExit(f"unknown heap dump record 0x{sub:02x}")

    def instance_refs(self, class_id, fields):
        refs, pos = [], 0
        while class_id in self.class_layouts:
            super_id, kinds = self.class_layouts[class_id]
            for kind in kinds:
                if kind == 2:
                    ref = int.from_bytes(fields[pos:pos + self.idsize], "big")
                    if ref:
                        refs.append(ref)
                pos += self.types[kind]
            class_id = super_id
        return refs

    def name(self, oid):
        kind = self.objects[oid][0]
        if kind == "class":
            return "class " + self.strings.get(self.class_names.get(oid), "?")
        if isinstance(kind, tuple):
            return self.strings.get(self.class_names.get(kind[1]), "?") + "[]"
        if isinstance(kind, str):
            return kind
        return self.strings.get(self.class_names.get(kind), "?")


def dominators(dump):
    """Reachable ids in post-order and each one's immediate dominator (0: the virtual root)."""
    children = {0: [r for r in dump.roots if r in dump.objects]}
    post, seen, stack = [], {0}, [(0, iter(children[0]))]
    while stack:
        node, it = stack[-1]
        for child in it:
            if child not in seen and child in dump.objects:
                seen.add(child)
                stack.append((child, iter(dump.objects[child][2])))
                break
        else:
            post.append(node)
            stack.pop()
    order = {node: i for i, node in enumerate(reversed(post))}
    preds = defaultdict(list)
    for node in order:
        for child in children[0] if node == 0 else dump.objects[node][2]:
            if child in order:
                preds[child].append(node)
    idom, changed = {0: 0}, True
    while changed:  # Cooper, Harvey and Kennedy's iteration
        changed = False
        for node in reversed(post[:-1]):
            new = None
            for pred in preds[node]:
                if pred not in idom:
                    continue
                if new is None:
                    new = pred
                    continue
                a, b = pred, new
                while a != b:
                    while order[a] > order[b]:
                        a = idom[a]
                    while order[b] > order[a]:
                        b = idom[b]
                new = a
            if idom.get(node) != new:
                idom[node], changed = new, True
    return post, idom


def main(argv):
    dump = Dump(argv[1])
    post, idom = dominators(dump)
    reachable = set(post) - {0}
    print(f"{len(reachable)} reachable objects, {sum(dump.objects[n][1] for n in reachable)} bytes")
    if len(argv) > 2 and argv[2] == "--histogram":
        by_class = defaultdict(lambda: [0, 0])
        for node in reachable:
            entry = by_class[dump.name(node)]
            entry[0] += 1
            entry[1] += dump.objects[node][1]
        for name, (count, size) in sorted(by_class.items(), key=lambda kv: -kv[1][1]):
            print(f"{size:10d} {count:8d}  {name}")
    elif len(argv) > 3 and argv[2] == "--above":
        start = int(argv[3], 16)
        live, dead = Counter(), Counter()
        for oid, (kind, size, _) in dump.objects.items():
            if oid >= start and kind != "class":
                (live if oid in reachable else dead)[dump.name(oid)] += size
        print(f"from {argv[3]}: {sum(live.values())} bytes reachable, {sum(dead.values())} not")
        for name, size in dead.most_common(30):
            print(f"{size:10d} unreachable, {live[name]:10d} reachable  {name}")
    else:
        part = argv[2] if len(argv) > 2 else ""
        most = int(argv[3]) if len(argv) > 3 else 40
        retained = defaultdict(int)
        for node in post:
            if node:
                retained[node] += dump.objects[node][1]
                retained[idom[node]] += retained[node]
        chosen = sorted((n for n in reachable if part in dump.name(n)), key=lambda n: -retained[n])
        for node in chosen[:most]:
            holder = dump.name(idom[node]) if idom[node] else "a GC root"
            print(f"{retained[node]:10d}  {dump.name(node)}  (held by {holder})")


if __name__ == "__main__":
    main(sys.argv)
