#include "incimap/output/maplibre_style.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "incimap/core/error.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/read_file.hpp"

namespace incimap {

using json = nlohmann::ordered_json;  // keeps the template's key order

namespace {

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
    return text;
}

std::string day_text(std::chrono::sys_days d) {
    const std::chrono::year_month_day ymd(d);
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return text;
}

bool is_tile_source(const json& source) {
    if (source.value("type", "") != "raster" || !source.contains("tiles")) return false;
    for (const json& url : source["tiles"])
        if (url.is_string() && url.get<std::string>().rfind("tiles/", 0) == 0) return true;
    return false;
}

// A zoom that shows the whole box in a view of about 1000 x 700 pixels (512-pixel world at zoom 0).
double fitting_zoom(const LonLatBox& box) {
    const double lon_span = std::max(box.east - box.west, 0.01);
    const double y_north = std::log(std::tan(M_PI / 4 + std::clamp(box.north, -85.0, 85.0) * M_PI / 360));
    const double y_south = std::log(std::tan(M_PI / 4 + std::clamp(box.south, -85.0, 85.0) * M_PI / 360));
    const double y_span = std::max(y_north - y_south, 0.0002);
    const double z = std::min(std::log2(1000.0 / 512 * 360 / lon_span), std::log2(700.0 / 512 * 2 * M_PI / y_span)) - 0.2;
    return std::round(std::clamp(z, 0.0, 14.0) * 10) / 10;
}

}  // namespace

namespace {

// The template's sources the run has data for: kept, dropped, or (names with "{z}") expanded per
// zoom into `per_zoom`.
json run_sources(const json& style, const StyleRun& run, std::set<std::string>& per_zoom) {
    const std::set<std::string> written(run.outputs.begin(), run.outputs.end());
    json sources = json::object();
    for (const auto& [name, source] : style["sources"].items()) {
        if (name.find("{z}") != std::string::npos) {
            per_zoom.insert(name);
            for (int z : run.zoom_cluster_zooms) {
                json s = source;
                if (s.contains("data") && s["data"].is_string()) s["data"] = replaced(s["data"].get<std::string>(), "{z}", std::to_string(z));
                sources[replaced(name, "{z}", std::to_string(z))] = s;
            }
        } else if (is_tile_source(source)) {
            if (!run.tiles) continue;
            json s = source;
            s["minzoom"] = run.tiles->first;
            s["maxzoom"] = run.tiles->second;
            sources[name] = s;
        } else if (source.value("type", "") == "geojson" && source.contains("data") && source["data"].is_string()) {
            if (written.count(source["data"].get<std::string>())) sources[name] = source;
        } else {
            sources[name] = source;
        }
    }
    return sources;
}

// A per-period layer of the template, once for each period, filtered to the incidents whose
// dates overlap it, hidden until the page's slider shows it.
void add_period_layers(const json& layer, const std::vector<Period>& periods, json& layers) {
    for (const Period& p : periods) {
        json l = layer;
        l["id"] = replaced(layer.value("id", ""), "{period}", p.label);
        const json overlaps = {"all", {"<=", json{"get", "date_start"}, day_text(p.last)}, {">=", json{"get", "date_end"}, day_text(p.first)}};
        l["filter"] = layer.contains("filter") ? json{"all", layer["filter"], overlaps} : overlaps;
        l["layout"]["visibility"] = "none";
        l["metadata"]["incimap:period"] = p.label;
        layers.push_back(l);
    }
}

// The template's layers over the run's sources: per zoom, per period, or as they are.
json run_layers(const json& style, const StyleRun& run, const json& sources, const std::set<std::string>& per_zoom, bool per_period) {
    json layers = json::array();
    for (const json& layer : style["layers"]) {
        const std::string source = layer.value("source", "");
        if (per_zoom.count(source)) {
            for (int z : run.zoom_cluster_zooms) {
                json l = layer;
                l["id"] = replaced(layer.value("id", ""), "{z}", std::to_string(z));
                l["source"] = replaced(source, "{z}", std::to_string(z));
                l["minzoom"] = z;
                l["maxzoom"] = z + 1;
                layers.push_back(l);
            }
            continue;
        }
        if (!source.empty() && !sources.contains(source)) continue;
        const bool periods = layer.contains("metadata") && layer["metadata"].value("incimap:per-period", false);
        if (!periods) layers.push_back(layer);
        else if (per_period) add_period_layers(layer, run.periods, layers);
    }
    return layers;
}

}  // namespace

std::string maplibre_style(const std::string& template_text, const StyleRun& run) {
    json style = json::parse(template_text, nullptr, false);
    if (!style.is_object() || !style.contains("sources") || !style.contains("layers") || !style["layers"].is_array())
        throw DataError("styles/maplibre.json: not a MapLibre style (no sources or layers)");
    std::set<std::string> per_zoom;
    json sources = run_sources(style, run, per_zoom);
    const bool per_period = run.periods.size() <= style_period_limit;
    style["layers"] = run_layers(style, run, sources, per_zoom, per_period);
    style["sources"] = std::move(sources);
    const LonLatBox box = run.data_bounds.value_or(LonLatBox{-180, -60, 180, 75});
    style["center"] = {std::round((box.west + box.east) / 2 * 1e4) / 1e4, std::round((box.south + box.north) / 2 * 1e4) / 1e4};
    style["zoom"] = run.data_bounds ? fitting_zoom(box) : 1.0;
    if (!per_period)
        style["metadata"]["incimap:periods"] = "more than " + std::to_string(style_period_limit) + " periods: no per-period layers";
    return style.dump(2) + "\n";
}

void write_maplibre_style(const std::filesystem::path& dir, const std::filesystem::path& styles_dir, const StyleRun& run,
                          std::vector<std::string>& outputs) {
    const std::optional<std::string> text = styles_dir.empty() ? std::nullopt : read_file(styles_dir / "maplibre.json");
    if (!text) return;
    write_file_atomically(dir / "style.json", maplibre_style(*text, run));
    outputs.push_back("style.json");
}

}  // namespace incimap
