#pragma once
// DIR/style.json: a MapLibre style made from a template (styles/maplibre.json) for one run's
// output directory, so that it shows exactly the layers the run wrote.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "incimap/analyze/periods.hpp"
#include "incimap/core/geo.hpp"

namespace incimap {

/// What a run wrote, as far as its style needs to know.
struct StyleRun {
    std::vector<std::string> outputs;          ///< names of the files written into the directory
    std::optional<std::pair<int, int>> tiles;  ///< zooms of tiles/{z}/{x}/{y}.png, when written
    std::vector<int> zoom_cluster_zooms;       ///< z of each clusters_z{z}.geojson written
    std::optional<LonLatBox> data_bounds;      ///< of the placed incidents; none: whole world
    std::vector<Period> periods;               ///< of the incidents, for per-period layers
};

/// Per-period layers are made only up to this many periods (else none, and the metadata says so).
constexpr std::size_t style_period_limit = 60;

/// The style for `run` from `template_text` (a MapLibre style). The template's rules:
///  - a GeoJSON source is kept when its `data` file was written, else it and its layers go;
///    a raster source with `tiles/...` URLs is kept when tiles were written, with minzoom and
///    maxzoom set to the zooms written;
///  - a source whose name holds "{z}" (e.g. "clusters_z{z}") stands for one source per zoom
///    cluster level; each of its layers becomes one layer per zoom z ("{z}" replaced in the id),
///    shown from zoom z to z + 1;
///  - a layer with metadata "incimap:per-period": true becomes one hidden layer per period
///    ("{period}" in its id replaced by the period's label), filtered to the incidents whose
///    date span overlaps the period: show one at a time by setting its visibility;
///  - `center` and `zoom` are set to fit the data.
/// Paths stay relative to the directory. Throws DataError when the template is not a style.
std::string maplibre_style(const std::string& template_text, const StyleRun& run);

/// Writes DIR/style.json from `styles_dir`/maplibre.json and appends "style.json" to `outputs`.
/// Does nothing when the template is missing (an engine without its styles directory).
void write_maplibre_style(const std::filesystem::path& dir, const std::filesystem::path& styles_dir, const StyleRun& run,
                          std::vector<std::string>& outputs);

}  // namespace incimap
