#pragma once
// DIR/index.html: an offline preview of an output directory in any browser (Leaflet, no WebGL),
// with the heatmap tiles (or image), the incidents by class and a period slider.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "incimap/analyze/periods.hpp"
#include "incimap/core/geo.hpp"
#include "incimap/core/incident.hpp"

namespace incimap {

struct PreviewLayers {
    std::optional<std::pair<int, int>> tiles;  ///< zooms of tiles/{z}/{x}/{y}.png
    std::string heatmap_image;                 ///< a Web Mercator PNG to overlay when there are no tiles
    std::optional<LonLatBox> heatmap_bounds;
    PeriodUnit period_unit = PeriodUnit::year;
};

/// At most this many incidents are embedded in the page (the rest stay in incidents.geojson).
constexpr std::size_t preview_incident_limit = 20000;

/// Writes index.html, preview.js, preview.css, preview_data.js and lib/leaflet/ into `dir` and
/// appends them to `outputs`. `web_dir` holds leaflet/ (find_web_dir); `styles_dir` the page
/// (styles/preview); country outlines come from the boundaries file. Throws DataError when the
/// page or Leaflet is missing, IoError when a file cannot be written.
void write_preview_page(const std::filesystem::path& dir, const std::vector<PlacedIncident>& placed,
                        const std::filesystem::path& boundaries_gpkg, const std::filesystem::path& styles_dir,
                        const std::filesystem::path& web_dir, const PreviewLayers& layers, std::vector<std::string>& outputs);

}  // namespace incimap
