#!/usr/bin/env python3
"""The class breaks of every style agree with styles/breaks.json: for a set of values (zero,
fractions, the breaks themselves, values beyond the last), the QGIS .qml ranges, the SLD rules
and the MapLibre expressions pick the same class, with the same colour or size. The colours of
the incident classes (domestic, transnational) are those of breaks.json in every style that
draws incidents by class: QML categories and rules, SLD rules, MapLibre expressions, the
preview page's CSS and script.
Usage: breaks_test.py STYLES_DIR"""
import json
import re
import sys
import xml.etree.ElementTree as ET

styles = sys.argv[1]
breaks = json.load(open(f"{styles}/breaks.json"))
OGC = "{http://www.opengis.net/ogc}"
SLD = "{http://www.opengis.net/sld}"
failures = []


def expected_class(spec, v):
    """Index into [zero] + classes: zero alone, then (previous upper, upper]."""
    if "zero" in spec and v == 0:
        return 0
    offset = 1 if "zero" in spec else 0
    for i, c in enumerate(spec["classes"]):
        if c["upper"] is None or v <= c["upper"]:
            return i + offset
    raise AssertionError(v)


def qml_class(path, v):
    """QGIS: the first range holds its lower bound, later ones do not (QgsGraduatedSymbolRenderer)."""
    ranges = ET.parse(path).getroot().find("renderer-v2/ranges")
    for i, r in enumerate(ranges):
        lower, upper = float(r.get("lower")), float(r.get("upper"))
        if (lower <= v if i == 0 else lower < v) and v <= upper:
            return i
    return None


def sld_filter(node, field, v):
    tag = node.tag.replace(OGC, "")
    if tag == "And":
        return all(sld_filter(n, field, v) for n in node)
    name, literal = node.find(f"{OGC}PropertyName").text, float(node.find(f"{OGC}Literal").text)
    assert name == field, (name, field)
    return {"PropertyIsEqualTo": v == literal, "PropertyIsGreaterThan": v > literal,
            "PropertyIsGreaterThanOrEqualTo": v >= literal, "PropertyIsLessThanOrEqualTo": v <= literal,
            "PropertyIsLessThan": v < literal}[tag]


def sld_classes(path, field, v):
    rules = ET.parse(path).getroot().iter(f"{SLD}Rule")
    return [i for i, rule in enumerate(rules) if sld_filter(list(rule.find(f"{OGC}Filter"))[0], field, v)]


def maplibre_value(expr, props):
    """The few expression operators the styles use."""
    if not isinstance(expr, list):
        return expr
    op = expr[0]
    if op == "get":
        return props[expr[1]]
    if op == "match":
        value = maplibre_value(expr[1], props)
        for label, out in zip(expr[2:-1:2], expr[3:-1:2]):
            if value == label or (isinstance(label, list) and value in label):
                return maplibre_value(out, props)
        return maplibre_value(expr[-1], props)
    if op == "case":
        for cond, out in zip(expr[1:-1:2], expr[2:-1:2]):
            if maplibre_value(cond, props):
                return maplibre_value(out, props)
        return maplibre_value(expr[-1], props)
    a, b = maplibre_value(expr[1], props), maplibre_value(expr[2], props)
    return {"==": a == b, "<=": a <= b, "<": a < b, ">": a > b, ">=": a >= b}[op]


maplibre = {layer["id"]: layer for layer in json.load(open(f"{styles}/maplibre.json"))["layers"]}
checks = {"regions": ("fill-color", "color"), "cluster_points": ("circle-radius", "diameter_px")}
for layer, spec in ((k, breaks[k]) for k in checks):
    field = spec["field"]
    classes = ([spec["zero"]] if "zero" in spec else []) + spec["classes"]
    uppers = [c["upper"] for c in spec["classes"] if c["upper"] is not None]
    values = sorted({0.0, 0.25, 0.999, 1e9 - 1} | {u for u in uppers} | {u + 0.5 for u in uppers} | {u - 0.5 for u in uppers if u > 1})
    if "zero" not in spec:
        values = [v for v in values if v >= 1]
    paint, key = checks[layer]
    for v in values:
        want = expected_class(spec, v)
        got_qml = qml_class(f"{styles}/{layer}.qml", v)
        got_sld = sld_classes(f"{styles}/{layer}.sld", field, v)
        got_web = maplibre_value(maplibre[layer]["paint"][paint], {field: v})
        web_want = classes[want][key] if key == "color" else classes[want][key] / 2
        if got_qml != want:
            failures.append(f"{layer}.qml puts {field}={v} in range {got_qml}, breaks.json in class {want}")
        if got_sld != [want]:
            failures.append(f"{layer}.sld puts {field}={v} in rules {got_sld}, breaks.json in class {want}")
        if got_web != web_want:
            failures.append(f"maplibre.json {layer} gives {got_web} for {field}={v}, breaks.json {web_want}")
    # Same colours in QGIS as on the web (QML colours are "r,g,b,a").
    if key == "color":
        symbols = ET.parse(f"{styles}/{layer}.qml").getroot().find("renderer-v2/symbols")
        for i, symbol in enumerate(symbols):
            rgba = symbol.find("layer/Option/Option[@name='color']").get("value").split(",")
            hex_colour = "#%02x%02x%02x" % tuple(int(x) for x in rgba[:3])
            if hex_colour != classes[i]["color"]:
                failures.append(f"{layer}.qml symbol {i} is {hex_colour}, breaks.json {classes[i]['color']}")

# The incident classes' colours.
colours = {k: breaks["incident_class"][k]["color"] for k in ("domestic", "transnational")}
feature_of = {"domestic": {"class": "domestic", "domestic": 3, "transnational": 1, "geo_precision": "admin1"},
              "transnational": {"class": "transnational", "domestic": 1, "transnational": 3, "geo_precision": "admin1"}}
seen = set()


def check_colour(where, incident_class, got):
    seen.add(where.split(" ")[0])
    if got != colours[incident_class]:
        failures.append(f"{where} draws {incident_class} incidents in {got}, breaks.json in {colours[incident_class]}")


def reads_class(expr):
    """Whether a MapLibre expression reads the class or the class counts of a feature."""
    if not isinstance(expr, list):
        return False
    return (expr[:1] == ["get"] and expr[1] in ("class", "domestic", "transnational")) or any(reads_class(e) for e in expr[1:])


for layer in maplibre.values():
    for prop, expr in layer.get("paint", {}).items():
        if prop.endswith("-color") and reads_class(expr):
            for incident_class, props in feature_of.items():
                check_colour(f"maplibre.json {layer['id']} {prop}", incident_class, maplibre_value(expr, props))

for qml in ("incidents", "zoom_clusters"):
    root = ET.parse(f"{styles}/{qml}.qml").getroot()
    symbol_of = {c.get("value"): c.get("symbol") for c in root.iter("category")}
    symbol_of.update({r.get("key"): r.get("symbol") for r in root.iter("rule")})
    for incident_class in colours:
        symbol = root.find(f"renderer-v2/symbols/symbol[@name='{symbol_of[incident_class]}']")
        rgba = symbol.find("layer/Option/Option[@name='color']").get("value").split(",")
        check_colour(f"{qml}.qml", incident_class, "#%02x%02x%02x" % tuple(int(x) for x in rgba[:3]))

for rule in ET.parse(f"{styles}/incidents.sld").getroot().iter(f"{SLD}Rule"):
    literal = rule.find(f".//{OGC}Literal").text
    fill = rule.find(f".//{SLD}Fill/{SLD}CssParameter[@name='fill']").text
    check_colour("incidents.sld", literal, fill)

css = open(f"{styles}/preview/preview.css").read()
script = open(f"{styles}/preview/preview.js").read()
for incident_class in colours:
    for name, text, pattern in (("preview.css", css, r"\.dot\.%s\s*\{\s*background:\s*(#[0-9a-f]{6})"),
                                ("preview.js", script, r"const colours = \{[^}]*\b%s: '(#[0-9a-f]{6})'")):
        found = re.search(pattern % incident_class, text)
        check_colour(name, incident_class, found.group(1) if found else None)
if len(seen) != 6:
    failures.append(f"class colours checked in {sorted(seen)} only")

for f in failures:
    print("FAILED:", f)
if failures:
    sys.exit(1)
print("styles agree with breaks.json: regions and cluster_points in QML, SLD and MapLibre; class colours in every style")
