#include "incimap/pipeline/preview_page.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "incimap/core/error.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/io/read_file.hpp"

namespace incimap {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string read_binary(const fs::path& path) {
    std::optional<std::string> bytes = read_file(path);
    if (!bytes) throw DataError(path.string() + ": cannot read (run tools/setup.sh)");
    return std::move(*bytes);
}

std::string day_text(std::chrono::sys_days d) {
    const std::chrono::year_month_day ymd(d);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return text;
}

double rounded(double v, double scale) { return std::round(v * scale) / scale; }

// Country outlines for context, simplified to about 5 km and rounded to 0.01 degree.
json country_outlines(const fs::path& gpkg) {
    const DatasetPtr ds = open_boundaries_file(gpkg);
    OGRLayer* layer = &boundaries_layer(*ds, "admin0", gpkg);
    json features = json::array();
    const char* options[] = {"COORDINATE_PRECISION=2", nullptr};
    for (auto& feature : *layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        if (g == nullptr) continue;
        const std::unique_ptr<OGRGeometry> simple(g->SimplifyPreserveTopology(0.05));
        if (!simple || simple->IsEmpty()) continue;
        char* text = OGR_G_ExportToJsonEx(OGRGeometry::ToHandle(simple.get()), const_cast<char**>(options));
        features.push_back({{"type", "Feature"}, {"properties", json::object()}, {"geometry", json::parse(text)}});
        CPLFree(text);
    }
    return {{"type", "FeatureCollection"}, {"features", features}};
}

}  // namespace

void write_preview_page(const fs::path& dir, const std::vector<PlacedIncident>& placed, const fs::path& boundaries_gpkg,
                        const fs::path& styles_dir, const fs::path& web_dir, const PreviewLayers& layers,
                        std::vector<std::string>& outputs) {
    if (styles_dir.empty() || web_dir.empty() || !fs::exists(web_dir / "leaflet/leaflet.js"))
        throw DataError("the preview page needs styles/preview and Leaflet beside the executable: run tools/setup.sh");
    for (const char* page : {"index.html", "preview.js", "preview.css"}) {
        write_file_atomically(dir / page, read_binary(styles_dir / "preview" / page));
        outputs.push_back(page);
    }
    for (const auto& entry : fs::recursive_directory_iterator(web_dir / "leaflet")) {
        if (!entry.is_regular_file()) continue;
        const fs::path target = dir / "lib/leaflet" / fs::relative(entry.path(), web_dir / "leaflet");
        fs::create_directories(target.parent_path());
        write_file_atomically(target, read_binary(entry.path()));
    }
    outputs.push_back("lib/leaflet/");

    json data;
    json incidents = json::array();
    LonLatBox box{180, 90, -180, -90};
    std::optional<std::chrono::sys_days> first, last;
    for (const PlacedIncident& p : placed) {
        const LonLat pos = p.location.position;
        box = {std::min(box.west, pos.lon_deg), std::min(box.south, pos.lat_deg), std::max(box.east, pos.lon_deg), std::max(box.north, pos.lat_deg)};
        first = first ? std::min(*first, p.incident.date.first) : p.incident.date.first;
        last = last ? std::max(*last, p.incident.date.last) : p.incident.date.last;
        if (incidents.size() == preview_incident_limit) continue;
        incidents.push_back({rounded(pos.lon_deg, 1e5), rounded(pos.lat_deg, 1e5), std::string(to_string(p.incident_class)),
                             day_text(p.incident.date.first), day_text(p.incident.date.last), p.incident.id, p.incident.place,
                             p.incident.event_type});
    }
    json periods = json::array();
    if (first)
        for (const Period& period : periods_between(*first, *last, layers.period_unit))
            periods.push_back({{"label", period.label}, {"first", day_text(period.first)}, {"last", day_text(period.last)}});
    if (placed.empty()) box = {-180, -60, 180, 75};
    data["incidents"] = incidents;
    data["total"] = placed.size();
    data["truncated"] = placed.size() > incidents.size();
    data["periods"] = periods;
    data["bounds"] = {{box.south, box.west}, {box.north, box.east}};
    // The tiles that exist (empty ones are not written), so that the page asks for no others.
    json present = json::array();
    if (layers.tiles && fs::is_directory(dir / "tiles"))
        for (const auto& entry : fs::recursive_directory_iterator(dir / "tiles"))
            if (entry.is_regular_file() && entry.path().extension() == ".png") {
                const fs::path rel = fs::relative(entry.path(), dir / "tiles");
                present.push_back((rel.parent_path() / rel.stem()).generic_string());
            }
    std::sort(present.begin(), present.end());
    data["tiles"] = layers.tiles ? json{{"min_zoom", layers.tiles->first}, {"max_zoom", layers.tiles->second}, {"present", present}} : json(nullptr);
    data["heatmap"] = layers.heatmap_bounds
                          ? json{{"image", layers.heatmap_image},
                                 {"bounds", {{layers.heatmap_bounds->south, layers.heatmap_bounds->west}, {layers.heatmap_bounds->north, layers.heatmap_bounds->east}}}}
                          : json(nullptr);
    data["countries"] = country_outlines(boundaries_gpkg);
    // A script rather than JSON, so that the page also works opened from disk (file://).
    write_file_atomically(dir / "preview_data.js", "window.INCIMAP = " + data.dump() + ";\n");
    outputs.push_back("preview_data.js");
}

}  // namespace incimap
