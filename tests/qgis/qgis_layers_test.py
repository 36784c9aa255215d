"""Every layer of a full incimap run in QGIS (PyQGIS, headless): each loads valid with its style,
renders ink where its features are (and none where a raster has no density), the temporal
controller shows a period's features at noon on its last day, and incimap.qgz opens every layer
styled with the time range of the periods.

Usage: QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/qgis/qgis_layers_test.py BUILD_DIR
Exit 77 (skipped) when PyQGIS is missing (tools/setup.sh --with-peers installs it)."""
import datetime
import json
import math
import os
import sqlite3
import subprocess
import sys
import tempfile

try:
    from qgis.core import (Qgis, QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsDateTimeRange,
                           QgsFeatureRequest, QgsMapRendererCustomPainterJob, QgsMapSettings, QgsPointXY, QgsProject,
                           QgsRasterLayer, QgsRectangle, QgsUnitTypes, QgsVectorLayer, QgsVectorLayerTemporalContext, QgsWkbTypes)
    from qgis.PyQt.QtCore import QDate, QDateTime, QSize, Qt, QTime
    from qgis.PyQt.QtGui import QColor, QImage, QPainter
except ImportError:
    print("PyQGIS is not installed (tools/setup.sh --with-peers; run with /usr/bin/python3): skipped")
    sys.exit(77)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []


def fail(message):
    print("FAILED: " + message, file=sys.stderr)
    failures.append(message)


WEB = QgsCoordinateReferenceSystem("EPSG:3857")
SIZE = 400


def render(layer, extent):
    """The layer alone on a transparent EPSG:3857 image of `extent` (in EPSG:3857)."""
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(WEB)
    settings.setOutputSize(QSize(SIZE, SIZE))
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    image = QImage(QSize(SIZE, SIZE), QImage.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    job = QgsMapRendererCustomPainterJob(settings, painter)
    job.start()
    job.waitForFinished()
    painter.end()
    return image, settings


def ink_near(image, settings, point, radius=3):
    """Whether any pixel within `radius` of `point` (EPSG:3857) is drawn."""
    pixel = settings.mapToPixel().transform(point)
    x0, y0 = int(round(pixel.x())), int(round(pixel.y()))
    for y in range(max(0, y0 - radius), min(SIZE, y0 + radius + 1)):
        for x in range(max(0, x0 - radius), min(SIZE, x0 + radius + 1)):
            if QColor.fromRgba(image.pixel(x, y)).alpha() > 0:
                return True
    return False


def web_extent(layer):
    extent = QgsCoordinateTransform(layer.crs(), WEB, QgsProject.instance()).transformBoundingBox(layer.extent())
    grow = max(extent.width(), extent.height(), 20000) * 0.05
    return QgsRectangle(extent.xMinimum() - grow, extent.yMinimum() - grow, extent.xMaximum() + grow, extent.yMaximum() + grow)


def check_vector(layer, label):
    """Ink near every feature (a point on its surface), rendered alone with its style."""
    if not layer.isValid():
        return fail(f"{label}: not a valid layer")
    if layer.featureCount() == 0:
        return
    image, settings = render(layer, web_extent(layer))
    to_web = QgsCoordinateTransform(layer.crs(), WEB, QgsProject.instance())
    missing = []
    for feature in layer.getFeatures():
        geometry = feature.geometry()
        point = geometry.pointOnSurface().asPoint() if geometry.type() == QgsWkbTypes.PolygonGeometry else geometry.centroid().asPoint()
        if not ink_near(image, settings, to_web.transform(point)):
            missing.append(feature.id())
    if missing:
        fail(f"{label}: {len(missing)} of {layer.featureCount()} features draw nothing where they are "
             f"(renderer {layer.renderer().type()}, geometry {QgsWkbTypes.displayString(layer.wkbType())})")
    else:
        print(f"ok: {label}: {layer.featureCount()} features drawn ({layer.renderer().type()})")


def check_raster(layer, label, values_band=None):
    """Ink where the raster has data; with `values_band`, no ink where that band is nodata."""
    if not layer.isValid():
        return fail(f"{label}: not a valid raster layer")
    if not layer.crs().isValid():
        return fail(f"{label}: no CRS")
    extent = web_extent(layer)
    image, settings = render(layer, extent)
    drawn = sum(1 for y in range(0, SIZE, 4) for x in range(0, SIZE, 4) if QColor.fromRgba(image.pixel(x, y)).alpha() > 0)
    if drawn == 0:
        return fail(f"{label}: draws nothing")
    if values_band is not None:
        provider = layer.dataProvider()
        to_layer = QgsCoordinateTransform(WEB, layer.crs(), QgsProject.instance())
        inked_data = inked_nodata = nodata = data = 0
        for y in range(4, SIZE, 16):
            for x in range(4, SIZE, 16):
                point = settings.mapToPixel().toMapCoordinates(x, y)
                value, ok = provider.sample(to_layer.transform(point), values_band)
                if not layer.extent().contains(to_layer.transform(point)):
                    continue
                inked = QColor.fromRgba(image.pixel(x, y)).alpha() > 0
                if ok and not math.isnan(value):
                    data += 1
                    inked_data += inked
                else:
                    nodata += 1
                    inked_nodata += inked
        if data == 0 or inked_data < data * 0.95:
            fail(f"{label}: ink at {inked_data} of {data} sampled cells with density")
        # A rendered pixel covers several cells and is sampled at its centre: at the edge of the
        # density a few pixels may show a neighbouring cell's colour, as the 95% above allows.
        if nodata == 0 or inked_nodata > nodata * 0.03:
            fail(f"{label}: ink at {inked_nodata} of {nodata} sampled cells without density (nodata must be transparent)")
        print(f"ok: {label}: ink at {inked_data}/{data} cells with density, {inked_nodata}/{nodata} without")
    else:
        print(f"ok: {label}: {drawn} of {(SIZE // 4) ** 2} sampled pixels drawn")


def noon(day):
    return QDateTime(QDate(day.year, day.month, day.day), QTime(12, 0), Qt.UTC)


def shown_at(layer, day):
    moment = noon(day)
    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    expression = layer.temporalProperties().createFilterString(context, QgsDateTimeRange(moment, moment.addSecs(60)))
    return {f["period"] if "period" in f.fields().names() else f.id()
            for f in layer.getFeatures(QgsFeatureRequest().setFilterExpression(expression))}


def check_time(out):
    """At noon on the last day of each quarter, every feature whose span covers that day shows."""
    regions = QgsVectorLayer(os.path.join(out, "regions.geojson"), "regions", "ogr")
    incidents = QgsVectorLayer(os.path.join(out, "incidents.geojson"), "incidents", "ogr")
    for layer, style in ((regions, "regions.qml"), (incidents, "incidents.qml")):
        message, ok = layer.loadNamedStyle(os.path.join(out, style))
        if not ok or not layer.temporalProperties().isActive():
            fail(f"{style}: no temporal settings after loading ({message})")
            return
    day = lambda text: datetime.date.fromisoformat(str(text)[:10])
    region_rows = [(f["period"], day(f["period_start"].toString(Qt.ISODate) if hasattr(f["period_start"], "toString") else f["period_start"]),
                    day(f["period_end"].toString(Qt.ISODate) if hasattr(f["period_end"], "toString") else f["period_end"]))
                   for f in regions.getFeatures()]
    incident_rows = []
    for f in incidents.getFeatures():
        start, end = f["date_start"], f["date_end"]
        start = start.toString(Qt.ISODate) if hasattr(start, "toString") else start
        end = end.toString(Qt.ISODate) if hasattr(end, "toString") else end
        incident_rows.append((f.id(), day(start), day(end)))
    last_days = sorted({end for _, _, end in region_rows})
    checked = 0
    for last in last_days:
        want_regions = {p for p, s, e in region_rows if s <= last <= e}
        want_incidents = {i for i, s, e in incident_rows if s <= last <= e}
        got_regions, got_incidents = shown_at(regions, last), shown_at(incidents, last)
        if got_regions != want_regions or not want_regions:
            fail(f"regions at noon on {last}: shows periods {sorted(got_regions)}, expected {sorted(want_regions)}")
        if got_incidents != want_incidents:
            fail(f"incidents at noon on {last}: shows {len(got_incidents)}, expected {len(want_incidents)}")
        checked += 1
    # and a day later, the period has ended
    after = last_days[0] + datetime.timedelta(days=1)
    if any(p == min(region_rows, key=lambda r: r[1])[0] for p in shown_at(regions, after)):
        fail(f"regions: the first period still shows on {after}")
    print(f"ok: temporal filters on the last day of {checked} periods: regions and incidents as their dates say")


def check_project(out, expected_layers):
    project = QgsProject.instance()
    project.clear()
    if not project.read(os.path.join(out, "incimap.qgz")):
        return fail("incimap.qgz: QgsProject.read failed: " + project.error())
    layers = {layer.source().split("|")[0]: layer for layer in project.mapLayers().values()}
    names = sorted(os.path.basename(s) for s in layers)
    if names != sorted(expected_layers):
        fail(f"incimap.qgz: layers {names}, expected {sorted(expected_layers)}")
    for source, layer in layers.items():
        if not layer.isValid():
            fail(f"incimap.qgz: {os.path.basename(source)} is not valid")
        if not os.path.samefile(os.path.dirname(source), out):
            fail(f"incimap.qgz: {source} does not resolve beside the project")
    styles = {"incidents.geojson": "categorizedSymbol", "regions.geojson": "graduatedSymbol", "heatmap.tif": "singlebandpseudocolor"}
    for file, renderer in styles.items():
        layer = layers.get(os.path.join(out, file))
        if layer is None:
            continue
        if layer.renderer().type() != renderer:
            fail(f"incimap.qgz: {file} is drawn by {layer.renderer().type()}, not its style's {renderer}")
    for file in ("incidents.geojson", "regions.geojson"):
        layer = layers.get(os.path.join(out, file))
        if layer is not None and not (layer.temporalProperties().isActive() and
                                      layer.temporalProperties().mode() == layer.temporalProperties().ModeFeatureDateTimeStartAndEndFromExpressions):
            fail(f"incimap.qgz: {file} has no temporal settings")
    time_range = project.timeSettings().temporalRange()
    first, last = min(expected_periods[0]), max(expected_periods[1])
    if time_range.begin() != noon(first).addSecs(-12 * 3600) or time_range.end() != noon(last + datetime.timedelta(days=1)).addSecs(-12 * 3600):
        fail(f"incimap.qgz: temporal range {time_range.begin().toString(Qt.ISODate)} - {time_range.end().toString(Qt.ISODate)}, "
             f"expected {first} - the day after {last}")
    if project.timeSettings().timeStep() != 3 or project.timeSettings().timeStepUnit() != QgsUnitTypes.TemporalMonths:
        fail(f"incimap.qgz: time step {project.timeSettings().timeStep()} unit {project.timeSettings().timeStepUnit()}, expected 3 months")
    order = [node.layer().source().split("|")[0] for node in project.layerTreeRoot().findLayers()]
    order = [os.path.basename(s) for s in order]
    if order.index("incidents.geojson") > order.index("regions.geojson") or order.index("regions.geojson") > order.index("heatmap.tif"):
        fail(f"incimap.qgz: order {order}: incidents should be over regions, regions over the heatmap")
    print(f"ok: incimap.qgz: {len(layers)} layers valid and styled, time range and step set")


def check_layer_formats(build, work):
    """The incidents layer as GeoJSON text sequences and FlatGeobuf (written as rows are placed,
    or from GeoJSON after DBSCAN): each draws every feature with incidents.qml, alone and in the
    run's project."""
    # (a run of one layer writes a project with --gpkg)
    for fmt, ext, options in (("geojsonseq", ".geojsons", ["--gpkg"]), ("fgb", ".fgb", ["--gpkg"]), ("fgb", ".fgb", ["--eps-km", "50"])):
        out = os.path.join(work, f"out-{fmt}-{len(options)}")
        subprocess.run([os.path.join(build, "incimap"), "map", os.path.join(ROOT, "geodata/examples/iskp-incidents-2021-2024.csv"),
                        "--home", "AF", "-o", out, "--layer-format", fmt, "--quiet"] + options, check=True)
        label = f"incidents{ext} ({' '.join(options)})"
        layer = QgsVectorLayer(os.path.join(out, "incidents" + ext), label, "ogr")
        message, ok = layer.loadNamedStyle(os.path.join(out, "incidents.qml"))
        if not ok:
            fail(f"{label}: style not applied: {message}")
        check_vector(layer, label)
        project = QgsProject()
        if not project.read(os.path.join(out, "incimap.qgz")):
            fail(f"{label}: incimap.qgz: QgsProject.read failed: {project.error()}")
            continue
        sources = [l for l in project.mapLayers().values() if os.path.basename(l.source().split("|")[0]) == "incidents" + ext]
        if len(sources) != 1 or not sources[0].isValid() or sources[0].featureCount() != layer.featureCount():
            fail(f"{label}: incimap.qgz does not hold the layer, valid with its {layer.featureCount()} features")
        else:
            print(f"ok: {label}: in incimap.qgz, valid, {sources[0].featureCount()} features, renderer {sources[0].renderer().type()}")


def main():
    build = os.path.abspath(sys.argv[1])
    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    with tempfile.TemporaryDirectory(prefix="incimap-qgis-") as work:
        out = os.path.join(work, "out")
        subprocess.run([os.path.join(build, "incimap"), "map", os.path.join(ROOT, "geodata/examples/iskp-incidents-2021-2024.csv"),
                        "--home", "AF", "-o", out, "--period", "quarter", "--region-kind", "admin1", "--eps-km", "50", "--min-points", "2",
                        "--zoom-clusters", "0-8", "--heatmap", "--tiles", "--zoom", "0-6", "--gpkg", "--cog", "--quiet"], check=True)
        files = sorted(os.listdir(out))
        # every GeoJSON layer with the style beside it
        for name in files:
            if name.endswith(".geojson"):
                layer = QgsVectorLayer(os.path.join(out, name), name, "ogr")
                style = os.path.join(out, name[:-8] + ".qml")
                if os.path.exists(style):
                    message, ok = layer.loadNamedStyle(style)
                    if not ok:
                        fail(f"{name}: style not applied: {message}")
                check_vector(layer, name)
        # every layer of the GeoPackage with its default style from layer_styles
        db = sqlite3.connect(os.path.join(out, "incimap.gpkg"))
        tables = [r[0] for r in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features' ORDER BY table_name")]
        styled = {r[0] for r in db.execute("SELECT f_table_name FROM layer_styles WHERE useAsDefault")}
        db.close()
        for table in tables:
            layer = QgsVectorLayer(os.path.join(out, "incimap.gpkg") + "|layername=" + table, table, "ogr")
            if table in styled:
                message, ok = layer.loadDefaultStyle()
                if not ok:
                    fail(f"incimap.gpkg/{table}: default style not applied: {message}")
            check_vector(layer, "incimap.gpkg/" + table)
        # the heatmap raster with its style: ink where there is density, none elsewhere
        heatmap = QgsRasterLayer(os.path.join(out, "heatmap.tif"), "heatmap", "gdal")
        message, ok = heatmap.loadNamedStyle(os.path.join(out, "heatmap.qml"))
        if not ok or heatmap.renderer().type() != "singlebandpseudocolor":
            fail(f"heatmap.tif: heatmap.qml not applied ({message}; renderer {heatmap.renderer().type()})")
        check_raster(heatmap, "heatmap.tif", values_band=heatmap.renderer().band())
        # the PNG renders, placed by their world files and .aux.xml CRS
        for name in files:
            if name.endswith(".png"):
                png = QgsRasterLayer(os.path.join(out, name), name, "gdal")
                if png.crs().authid() != "EPSG:3857":
                    fail(f"{name}: CRS {png.crs().authid()!r}, expected EPSG:3857 from {name}.aux.xml")
                if abs(png.extent().xMinimum() - heatmap.extent().xMinimum()) > 1 or abs(png.extent().yMaximum() - heatmap.extent().yMaximum()) > 1:
                    fail(f"{name}: placed at {png.extent().toString()}, the heatmap is at {heatmap.extent().toString()}")
                check_raster(png, name)
        # the tiles: MBTiles through GDAL (the XYZ directory holds the same tiles; the MapLibre
        # test draws it)
        check_raster(QgsRasterLayer(os.path.join(out, "heatmap.mbtiles"), "heatmap.mbtiles", "gdal"), "heatmap.mbtiles")
        check_time(out)
        global expected_periods
        regions = QgsVectorLayer(os.path.join(out, "regions.geojson"), "regions", "ogr")
        starts = [datetime.date.fromisoformat(f["period_start"].toString(Qt.ISODate)) for f in regions.getFeatures()]
        ends = [datetime.date.fromisoformat(f["period_end"].toString(Qt.ISODate)) for f in regions.getFeatures()]
        expected_periods = (starts, ends)
        layer_files = [n for n in files if n.endswith((".geojson", ".tif", ".mbtiles")) or (n.endswith(".png") and n[:-4] + ".pgw" in files)]
        check_project(out, layer_files)
        check_layer_formats(build, work)
    if failures:
        print(f"{len(failures)} failures", file=sys.stderr)
        return 1
    return 0


expected_periods = None
if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # QgsApplication.exitQgis() crashes in 3.22 while layers made here are still alive; the
    # process has nothing left to save.
    os._exit(code)
