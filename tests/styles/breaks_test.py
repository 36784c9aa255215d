#!/usr/bin/env python3
"""The class breaks of every style agree with styles/breaks.json: for a set of values (zero,
fractions, the breaks themselves, values beyond the last), the QGIS .qml ranges, the SLD rules
and the MapLibre expressions pick the same class, with the same colour or size.
Usage: breaks_test.py STYLES_DIR"""
import json
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

for f in failures:
    print("FAILED:", f)
if failures:
    sys.exit(1)
print("styles agree with breaks.json: regions and cluster_points in QML, SLD and MapLibre")
