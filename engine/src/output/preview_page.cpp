#include "incimap/render/web_mercator.hpp"
#include "incimap/core/ascii.hpp"
#include "incimap/output/preview_page.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

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

// The value of the first source column with one of these names (any case), as text.
std::string column_text(const SourceRow& row, std::initializer_list<std::string_view> names) {
    if (!row.schema) return {};
    for (std::size_t i = 0; i < row.schema->names.size() && i < row.values.size(); ++i) {
        const std::string lower = ascii_lower(row.schema->names[i]);
        for (std::string_view n : names)
            if (lower == n) return to_text(row.values[i]);
    }
    return {};
}

// The field order of data.incidents rows; the page looks columns up by name.
const std::vector<std::string>& incident_fields() {
    static const std::vector<std::string> fields = {"lon", "lat", "class", "first", "last", "id", "event_type", "place",
                                                    "matched_name", "precision", "confidence", "fatalities", "source", "file", "area"};
    return fields;
}

json incident_row(const PlacedIncident& p) {
    const LonLat pos = p.location.position;
    const std::string fatalities = column_text(p.incident.source, {"fatalities", "deaths", "killed"});
    const std::string source = column_text(p.incident.source, {"source", "sources"});
    return {rounded(pos.lon_deg, 1e5), rounded(pos.lat_deg, 1e5), std::string(to_string(p.incident_class)),
            day_text(p.incident.date.first), day_text(p.incident.date.last), p.incident.id, p.incident.event_type,
            p.incident.place, p.location.matched_name, std::string(to_string(p.location.precision)),
            rounded(p.location.confidence, 100), fatalities, source, fs::path(p.incident.source.file()).filename().string(),
            is_area(p.location.precision) ? 1 : 0};
}

struct Group {
    double lon_sum = 0, lat_sum = 0;
    std::size_t domestic = 0, transnational = 0;
    std::chrono::sys_days first{}, last{};
};

// Beyond the page's limit: incidents binned on a grid of cells coarse enough (doubling from
// 0.01 degree) that at most preview_incident_limit cells hold any. Returns the groups and the cell size.
std::pair<json, double> incident_groups(std::span<const IncidentPoint> placed) {
    for (double cell = 0.01;; cell *= 2) {
        std::map<std::pair<long long, long long>, Group> groups;
        bool too_many = false;
        for (const IncidentPoint& p : placed) {
            const LonLat pos = p.position;
            const auto key = std::make_pair(static_cast<long long>(std::floor(pos.lon_deg / cell)), static_cast<long long>(std::floor(pos.lat_deg / cell)));
            auto [it, fresh] = groups.try_emplace(key);
            Group& g = it->second;
            if (fresh) {
                g.first = p.first;
                g.last = p.last;
            }
            g.lon_sum += pos.lon_deg;
            g.lat_sum += pos.lat_deg;
            ++(p.incident_class == IncidentClass::domestic ? g.domestic : g.transnational);
            g.first = std::min(g.first, p.first);
            g.last = std::max(g.last, p.last);
            if (groups.size() > preview_incident_limit) {
                too_many = true;
                break;
            }
        }
        if (too_many) continue;
        json out = json::array();
        for (const auto& [key, g] : groups) {
            const double n = static_cast<double>(g.domestic + g.transnational);
            out.push_back({rounded(g.lon_sum / n, 1e4), rounded(g.lat_sum / n, 1e4), rounded(cell * web_mercator::km_per_degree, 10), g.domestic + g.transnational,
                           g.domestic, g.transnational, day_text(g.first), day_text(g.last)});
        }
        return {out, cell * web_mercator::km_per_degree};
    }
}

std::string hex(const Rgb& c) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c[0], c[1], c[2]);
    return text;
}

std::string number_text(double v) {
    char text[32];
    std::snprintf(text, sizeof text, v >= 100 ? "%.0f" : v >= 1 ? "%.1f" : "%.3g", v);
    return text;
}

json heat_json(const PreviewHeat& heat, const fs::path& dir) {
    json h;
    json bounds = nullptr;
    if (heat.bounds) bounds = {{heat.bounds->south, heat.bounds->west}, {heat.bounds->north, heat.bounds->east}};
    h["bounds"] = bounds;
    h["image"] = heat.tiles || heat.image.empty() ? json(nullptr) : json(heat.image);
    h["tiles"] = nullptr;
    if (heat.tiles) {
        // The tiles that exist (empty ones are not written), so that the page asks for no others.
        json present = json::array();
        if (fs::is_directory(dir / "tiles"))
            for (const auto& entry : fs::recursive_directory_iterator(dir / "tiles"))
                if (entry.is_regular_file() && entry.path().extension() == ".png") {
                    const fs::path rel = fs::relative(entry.path(), dir / "tiles");
                    present.push_back((rel.parent_path() / rel.stem()).generic_string());
                }
        std::sort(present.begin(), present.end());
        h["tiles"] = {{"min_zoom", heat.tiles->first}, {"max_zoom", heat.tiles->second}, {"present", present}};
    }
    json periods = nullptr;  // period label -> its image
    if (!heat.period_images.empty() && heat.period_images.size() <= preview_heat_period_limit && heat.bounds) {
        periods = json::object();
        for (const auto& [label, image] : heat.period_images) periods[label] = image;
    }
    h["periods"] = periods;
    json ramp = json::array();
    for (const Rgb& c : heat.ramp) ramp.push_back(hex(c));
    h["ramp"] = ramp;
    h["spread"] = heat.spread;
    h["max_label"] = number_text(heat.scale_max) + " " + heat.units;
    h["note_all"] = heat.tiles ? "Heat of all periods: tiles in orange (domestic) and purple (transnational), each zoom coloured to its own peak."
                               : "Heat of all periods, 0 to the top of the legend.";
    h["note_period"] = "Heat of this period, on the same scale as all periods.";
    h["note_no_periods"] = heat.bounds ? "Heat shows all periods: more than " + std::to_string(preview_heat_period_limit) + " periods."
                                       : "Heat shows all periods: per-period heat is drawn on Web Mercator heatmaps (CRS EPSG:3857).";
    return h;
}

}  // namespace

void write_preview_page(const fs::path& dir, std::span<const IncidentPoint> placed, std::span<const PlacedIncident> rows, const fs::path& boundaries_gpkg,
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
    LonLatBox box{180, 90, -180, -90};
    std::optional<std::chrono::sys_days> first, last;
    for (const IncidentPoint& p : placed) {
        const LonLat pos = p.position;
        box = {std::min(box.west, pos.lon_deg), std::min(box.south, pos.lat_deg), std::max(box.east, pos.lon_deg), std::max(box.north, pos.lat_deg)};
        first = first ? std::min(*first, p.first) : p.first;
        last = last ? std::max(*last, p.last) : p.last;
    }
    json fields = json::object();
    for (std::size_t i = 0; i < incident_fields().size(); ++i) fields[incident_fields()[i]] = i;
    data["fields"] = fields;
    data["limit"] = preview_incident_limit;
    data["incidents"] = nullptr;
    data["groups"] = nullptr;
    if (placed.size() <= preview_incident_limit) {
        if (rows.size() != placed.size()) throw std::logic_error("write_preview_page: the rows of a small run are missing");
        json incidents = json::array();
        for (const PlacedIncident& p : rows) incidents.push_back(incident_row(p));
        data["incidents"] = incidents;
    } else {
        auto [groups, cell_km] = incident_groups(placed);
        data["groups"] = groups;
        data["group_km"] = std::round(cell_km);
    }
    json periods = json::array();
    if (first)
        for (const Period& period : periods_between(*first, *last, layers.period_unit))
            periods.push_back({{"label", period.label}, {"first", day_text(period.first)}, {"last", day_text(period.last)}});
    if (placed.empty()) box = {-180, -60, 180, 75};
    data["total"] = placed.size();
    data["periods"] = periods;
    data["bounds"] = {{box.south, box.west}, {box.north, box.east}};
    data["heat"] = layers.heat ? heat_json(*layers.heat, dir) : json(nullptr);
    data["countries"] = country_outlines(boundaries_gpkg);
    // A script rather than JSON, so that the page also works opened from disk (file://). Input
    // text is only ever inside JSON strings; "</" is escaped there all the same, so that the data
    // stays inert even if someone inlines it into a <script> element.
    std::string text = data.dump(-1, ' ', false, json::error_handler_t::replace);
    for (std::size_t at = 0; (at = text.find("</", at)) != std::string::npos; at += 3) text.replace(at, 2, "<\\/");
    write_file_atomically(dir / "preview_data.js", "window.INCIMAP = " + text + ";\n");
    outputs.push_back("preview_data.js");
}

}  // namespace incimap
