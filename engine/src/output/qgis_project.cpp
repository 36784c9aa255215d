#include "incimap/output/qgis_project.hpp"

#include <algorithm>

#include "incimap/core/date.hpp"
#include "incimap/core/error.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/io/read_file.hpp"
#include "incimap/io/zip_archive.hpp"
#include "incimap/output/vector_layers.hpp"
#include "incimap/render/web_mercator.hpp"

#include "incimap/io/xml_text.hpp"

namespace incimap {

namespace {

// Where a layer goes: the project's tree, top (drawn last, over the others) first.
enum class Slot { incidents, points, other_vector, zoom_clusters, regions, heatmap, period_heatmaps, tiles, images };

struct Layer {
    std::string id, name, file, provider, type;  // type: "vector" or "raster"
    std::string crs;
    std::string style;  // the .qml's content inside <qgis>, or empty
    Slot slot;
};

std::optional<Slot> slot_of(const std::string& file, const std::vector<std::string>& outputs) {
    const std::string stem = std::filesystem::path(file).stem().string();
    if (is_vector_layer_file(file)) {
        if (stem == "incidents") return Slot::incidents;
        if (stem.starts_with("clusters_z")) return Slot::zoom_clusters;
        if (stem == "regions") return Slot::regions;
        return stem.find("points") != std::string::npos ? Slot::points : Slot::other_vector;
    }
    if (file.ends_with(".tif")) return stem == "heatmap" ? Slot::heatmap : Slot::period_heatmaps;
    if (file.ends_with(".mbtiles")) return Slot::tiles;
    // an image GIS clients can place: only with its world file
    if (file.ends_with(".png") && std::find(outputs.begin(), outputs.end(), stem + ".pgw") != outputs.end()) return Slot::images;
    return std::nullopt;
}

// A style file's elements (renderer, temporal settings, raster pipe ...) without its <qgis> root.
std::string style_body(const std::filesystem::path& qml) {
    const std::optional<std::string> text = read_file(qml);
    if (!text) throw IoError(qml.string() + ": cannot read the style");
    const std::size_t root = text->find("<qgis");
    const std::size_t open_end = root == std::string::npos ? root : text->find('>', root);
    const std::size_t close = text->rfind("</qgis>");
    if (open_end == std::string::npos || close == std::string::npos || close < open_end) throw DataError(qml.string() + ": not a QGIS style");
    return text->substr(open_end + 1, close - open_end - 1);
}

// QGIS reads a CRS from its WKT (an authid alone is not enough before 3.28).
std::string srs_xml(const std::string& crs, const std::string& indent) {
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) throw InvalidOption("heatmap.crs", "cannot read the CRS " + crs);
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&wkt, options);
    const std::string text = wkt ? wkt : "";
    CPLFree(wkt);
    const char* authority = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    const std::string authid = authority && code ? std::string(authority) + ":" + code : "";
    return indent + "<spatialrefsys>\n" + indent + "  <wkt>" + xml_escaped(text) + "</wkt>\n" + indent + "  <authid>" + xml_escaped(authid) +
           "</authid>\n" + indent + "</spatialrefsys>\n";
}

std::string tree_layer(const Layer& l, bool checked, const std::string& indent) {
    return indent + "<layer-tree-layer id=\"" + xml_escaped(l.id) + "\" name=\"" + xml_escaped(l.name) + "\" source=\"./" + xml_escaped(l.file) +
           "\" providerKey=\"" + l.provider + "\" checked=\"" + (checked ? "Qt::Checked" : "Qt::Unchecked") + "\" expanded=\"0\"/>\n";
}

std::string map_layer(const Layer& l) {
    return "    <maplayer type=\"" + l.type + "\">\n"
           "      <id>" + xml_escaped(l.id) + "</id>\n"
           "      <datasource>./" + xml_escaped(l.file) + "</datasource>\n"
           "      <layername>" + xml_escaped(l.name) + "</layername>\n"
           "      <srs>\n" + srs_xml(l.crs, "        ") + "      </srs>\n"
           "      <provider" + (l.type == "vector" ? " encoding=\"UTF-8\"" : "") + ">" + l.provider + "</provider>\n" +
           l.style + "\n    </maplayer>\n";
}

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", v);
    return text;
}

std::string project_xml(const std::vector<Layer>& layers, const QgisProjectSettings& settings) {
    // groups of layers that start hidden, under a heading
    auto group_name = [](Slot s) -> const char* {
        switch (s) {
            case Slot::zoom_clusters: return "Zoom clusters (web map levels)";
            case Slot::period_heatmaps: return "Heatmap per period";
            case Slot::tiles: return "Heatmap tiles";
            case Slot::images: return "Heatmap images";
            default: return nullptr;
        }
    };
    std::string tree;
    for (std::size_t i = 0; i < layers.size();) {
        const char* group = group_name(layers[i].slot);
        if (group == nullptr) {
            tree += tree_layer(layers[i++], true, "    ");
            continue;
        }
        tree += std::string("    <layer-tree-group name=\"") + group + "\" checked=\"Qt::Unchecked\" expanded=\"0\">\n";
        for (const Slot s = layers[i].slot; i < layers.size() && layers[i].slot == s; ++i) tree += tree_layer(layers[i], false, "      ");
        tree += "    </layer-tree-group>\n";
    }
    std::string project_layers;
    for (const Layer& l : layers) project_layers += map_layer(l);

    std::string canvas;
    if (settings.view) {
        const LonLatBox& v = *settings.view;
        // Web Mercator metres; a view in another CRS is left to QGIS (the full extent)
        if (settings.raster_crs == web_mercator_crs)
            canvas = "  <mapcanvas name=\"theMapCanvas\" annotationsVisible=\"1\">\n    <units>meters</units>\n    <extent>\n"
                     "      <xmin>" + number(web_mercator::x_m(v.west)) + "</xmin>\n      <ymin>" + number(web_mercator::y_m(v.south)) +
                     "</ymin>\n      <xmax>" + number(web_mercator::x_m(v.east)) + "</xmax>\n      <ymax>" + number(web_mercator::y_m(v.north)) +
                     "</ymax>\n    </extent>\n    <rotation>0</rotation>\n    <destinationsrs>\n" + srs_xml(settings.raster_crs, "      ") +
                     "    </destinationsrs>\n  </mapcanvas>\n";
    }
    std::string time;
    if (const auto& t = settings.time) {
        time = "  <ProjectTimeSettings timeStepUnit=\"" + t->step_unit + "\" timeStep=\"" + std::to_string(t->step) +
               "\" frameRate=\"1\" cumulativeTemporalRange=\"0\">\n    <TemporalRange>\n      <start>" + format_day(t->first) +
               "T00:00:00Z</start>\n      <end>" + format_day(t->last + std::chrono::days(1)) + "T00:00:00Z</end>\n    </TemporalRange>\n"
               "  </ProjectTimeSettings>\n";
    }
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
           "<qgis projectname=\"incimap\" version=\"3.22.0\">\n"
           "  <title>incimap</title>\n"
           "  <projectCrs>\n" + srs_xml(settings.raster_crs, "    ") + "  </projectCrs>\n"
           "  <layer-tree-group>\n" + tree + "  </layer-tree-group>\n" + canvas +
           "  <projectlayers>\n" + project_layers + "  </projectlayers>\n" + time +
           "  <properties>\n    <Paths>\n      <Absolute type=\"bool\">false</Absolute>\n    </Paths>\n  </properties>\n"
           "</qgis>\n";
}

}  // namespace

QgisTimeSettings qgis_time_settings(std::chrono::sys_days first, std::chrono::sys_days last, PeriodUnit unit) {
    QgisTimeSettings t{period_containing(first, unit).first, period_containing(last, unit).last, "mon", 1};
    switch (unit) {
        case PeriodUnit::day: t.step_unit = "d"; break;
        case PeriodUnit::week: t.step_unit = "wk"; break;
        case PeriodUnit::month: break;
        case PeriodUnit::quarter: t.step = 3; break;
        case PeriodUnit::year: t.step_unit = "y"; break;
    }
    return t;
}

bool write_qgis_project(const std::filesystem::path& dir, const std::vector<std::string>& outputs, const QgisProjectSettings& settings) {
    std::vector<Layer> layers;
    for (const std::string& file : outputs) {
        const std::optional<Slot> slot = slot_of(file, outputs);
        if (!slot) continue;
        const std::string stem = std::filesystem::path(file).stem().string();
        const bool vector = is_vector_layer_file(file);
        Layer l{file, stem, file, vector ? "ogr" : "gdal", vector ? "vector" : "raster", "", "", *slot};
        // the vector layers are WGS 84 (GeoJSON by RFC 7946); tiles are Web Mercator
        l.crs = std::string(vector ? wgs84_crs : *slot == Slot::tiles ? web_mercator_crs : std::string_view(settings.raster_crs));
        // the GeoTIFF of the same stem has the style; the others keep their extension in their names
        const bool styled = vector || file.ends_with(".tif");
        if (!styled) l.name = file;
        if (styled && std::find(outputs.begin(), outputs.end(), stem + ".qml") != outputs.end())
            l.style = style_body(dir / (stem + ".qml"));
        layers.push_back(std::move(l));
    }
    if (layers.empty()) return false;
    std::stable_sort(layers.begin(), layers.end(), [](const Layer& a, const Layer& b) { return a.slot < b.slot; });
    write_file_atomically(dir / "incimap.qgz", zip_archive({{"incimap.qgs", project_xml(layers, settings)}}));
    return true;
}

}  // namespace incimap
