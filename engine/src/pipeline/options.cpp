#include "incimap/pipeline/options.hpp"

#include <cmath>

#include "incimap/core/error.hpp"
#include "incimap/render/tiles.hpp"
#include "../io/byte_stream.hpp"

namespace incimap {

namespace {

bool is_zoom_range(int min_zoom, int max_zoom) { return min_zoom >= 0 && max_zoom <= max_tile_zoom && min_zoom <= max_zoom; }

}  // namespace

void InputOptions::validate() const {
    if (files.empty()) throw InvalidOption("input.files", "no input file given");
    if (columns.max_unpacked == 0) throw InvalidOption("input.columns.max_unpacked", "must be more than 0 bytes");
    if (!columns.encoding.empty() && !detail::known_encoding(columns.encoding))
        throw InvalidOption("input.columns.encoding", "unknown encoding '" + columns.encoding + "' (cp1251, cp1256, windows-1252, latin1, koi8-r ...)");
}

void PlacementOptions::validate() const {
    if (home_countries.empty() == home_file.empty())
        throw InvalidOption("placement.home", "give the home area with either {placement.home_countries} or {placement.home_file}");
    if (!(near_km >= 0) || !std::isfinite(near_km)) throw InvalidOption("placement.near_km", "must be a number of 0 or more");
}

void AnalysisOptions::validate() const {
    if (region_file.empty() != region_field.empty())
        throw InvalidOption("analysis.region_file", "goes together with {analysis.region_field}");
    if (!region_file.empty() && region_kind) throw InvalidOption("analysis.regions", "give {analysis.region_kind} or {analysis.region_file}, not both");
    if (!period && (region_kind || !region_file.empty()))
        throw InvalidOption(region_kind ? "analysis.region_kind" : "analysis.region_file", "needs {analysis.period}");
    if (clustering) check(*clustering);
    if (zoom_clusters) check(*zoom_clusters);
}

void HeatmapOptions::validate() const {
    check(density);
    if (size < 1 || size > 65536) throw InvalidOption("heatmap.size", "must lie in 1-65536 cells");
    if (const auto& e = extent;
        e && !(e->west < e->east && e->south < e->north && e->west >= -180 && e->east <= 180 && e->south >= -90 && e->north <= 90))
        throw InvalidOption("heatmap.extent", "expected W,S,E,N with W < E and S < N, in degrees");
}

void TileOptions::validate() const {
    if (!is_zoom_range(min_zoom, max_zoom)) throw InvalidOption("tiles.zooms", "zooms must lie in 0-22, MIN <= MAX");
}

void OutputPlan::validate() const {
    if (dir.empty()) throw InvalidOption("output.dir", "no output directory given");
}

}  // namespace incimap
