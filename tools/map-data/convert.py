#!/usr/bin/env python3
"""Convert the npm package world-atlas (Natural Earth as TopoJSON) into the
compact world map file the default theme keeps: themes/default/data/world-110m.json.

Usage:

    npm pack world-atlas@2.0.2          # writes world-atlas-2.0.2.tgz here
    tools/map-data/convert.py world-atlas-2.0.2.tgz > themes/default/data/world-110m.json

The argument is the package tarball as `npm pack` writes it, or the folder it
unpacks to (the one holding package.json). Only the Python standard library
is used: TopoJSON is decoded here (delta-encoded quantized arcs, reversed arc
indices written ~i), not through topojson-client.

What the output holds, and why:

- Every country of Natural Earth's admin-0 countries at 1:110m, except
  Antarctica (ISO 010): at the latitudes it covers the map would spend a
  fifth of its height on it, and a regional-studies archive has no articles
  on it. Pass --keep-antarctica to keep it.
- The countries that 1:110m leaves out (61 small states and territories:
  Singapore, Bahrain, Malta, Hong Kong, Mauritius, ...) taken from the
  1:50m file, marked "scale": 50, so that an article on Singapore still has
  a shape to shade and link. They add about 1,600 points.
- Three 1:110m shapes have no ISO 3166-1 code (N. Cyprus, Somaliland,
  Kosovo): they are kept with "id": null and drawn, never shaded or linked.
- Coordinates are [lon, lat] in degrees rounded to 2 decimals; consecutive
  points that become equal are dropped, and so are rings left with fewer
  than 3 points. Rings are not closed: the first point is not repeated.
- Rings are left as Natural Earth has them after world-atlas stitched them
  into one topology: the rings of Russia and Fiji jump from 180 to -180
  degrees. The renderer (src/render/map.rs) cuts them at the antimeridian.

The output is deterministic: countries sorted by (scale, id, name), one
country a line, numbers written by one fixed formatter.
"""

import io
import json
import os
import sys
import tarfile

ANTARCTICA = "010"


def read_package(source):
    """The package's package.json and its two country files, as parsed JSON."""
    names = ["package.json", "countries-110m.json", "countries-50m.json"]
    if os.path.isdir(source):
        out = []
        for name in names:
            with open(os.path.join(source, name), encoding="utf-8") as f:
                out.append(json.load(f))
        return out
    with tarfile.open(source, "r:gz") as tar:
        out = []
        for name in names:
            member = tar.extractfile("package/" + name)
            out.append(json.load(io.TextIOWrapper(member, encoding="utf-8")))
        return out


def decode_countries(topology):
    """{(id or None, name): [polygon, ...]}, each polygon a list of rings,
    each ring a list of (lon, lat) in degrees, closed (first == last)."""
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices):
        out = []
        for i in indices:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            # Each arc starts where the previous one ended: skip the repeat.
            out.extend(points if not out else points[1:])
        return out

    countries = []
    for g in topology["objects"]["countries"]["geometries"]:
        if g["type"] == "Polygon":
            polygons = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polygons = g["arcs"]
        else:
            raise SystemExit("unexpected geometry type %r" % g["type"])
        shapes = [[ring(r) for r in polygon] for polygon in polygons]
        countries.append((g.get("id"), g["properties"]["name"], shapes))
    return countries


def hundredths(v):
    """Degrees as integer hundredths, halves rounded away from zero (Python's
    round() rounds halves to even, which is deterministic too, but this is
    the rule the README states)."""
    n = int(abs(v) * 100 + 0.5)
    return -n if v < 0 else n


def compact_ring(ring):
    """Rounded, without repeated consecutive points or the closing point;
    None when fewer than 3 points remain."""
    out = []
    for lon, lat in ring:
        p = (hundredths(lon), hundredths(lat))
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[-1] == out[0]:
        out.pop()
    return out if len(out) >= 3 else None


def number(h):
    """Integer hundredths as the shortest decimal: 1234 -> 12.34, -50 -> -0.5."""
    sign = "-" if h < 0 else ""
    h = abs(h)
    whole, frac = divmod(h, 100)
    if frac == 0:
        return "%s%d" % (sign, whole)
    return ("%s%d.%02d" % (sign, whole, frac)).rstrip("0")


def country_line(numeric, name, scale, polygons):
    rings_json = []
    for polygon in polygons:
        rings = ",".join(
            "[" + ",".join("[%s,%s]" % (number(x), number(y)) for x, y in ring) + "]"
            for ring in polygon
        )
        rings_json.append("[" + rings + "]")
    return '{"id":%s,"name":%s,"scale":%d,"polygons":[%s]}' % (
        "null" if numeric is None else str(numeric),
        json.dumps(name, ensure_ascii=False),
        scale,
        ",".join(rings_json),
    )


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    keep_antarctica = "--keep-antarctica" in argv[1:]
    if len(args) != 1:
        raise SystemExit(__doc__.split("What the output holds")[0].rstrip())
    package, topo110, topo50 = read_package(args[0])
    if package.get("name") != "world-atlas":
        raise SystemExit("not the world-atlas package: %r" % package.get("name"))

    entries = []
    seen = set()
    layers = [(110, decode_countries(topo110)), (50, decode_countries(topo50))]
    for scale, countries in layers:
        for code, name, shapes in countries:
            if scale == 50 and (code is None or code in seen):
                continue  # 1:50m only fills in what 1:110m lacks
            if code == ANTARCTICA and not keep_antarctica:
                continue
            if code is not None:
                seen.add(code)
            polygons = []
            for shape in shapes:
                rings = [compact_ring(r) for r in shape]
                if rings[0] is None:
                    continue  # the outer ring vanished: so do its holes
                polygons.append([r for r in rings if r is not None])
            if not polygons:
                raise SystemExit("%s (%s) has no polygon left" % (name, code))
            numeric = None if code is None else int(code, 10)
            entries.append((scale != 110, numeric is None, numeric or 0, name, scale, polygons))

    entries.sort(key=lambda e: e[:4])
    source = (
        "Natural Earth 4.1.0 admin-0 countries at 1:110m, with the countries "
        "1:110m lacks from 1:50m; from the npm package world-atlas %s; "
        "public domain (see LICENSE.md)" % package["version"]
    )
    # UTF-8 and \n whatever the locale or platform: the same bytes everywhere.
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="\n")
    out.write('{"source":%s,\n"countries":[\n' % json.dumps(source))
    out.write(
        ",\n".join(country_line(e[2] if not e[1] else None, e[3], e[4], e[5]) for e in entries)
    )
    out.write("\n]}\n")
    out.flush()


if __name__ == "__main__":
    main(sys.argv)
