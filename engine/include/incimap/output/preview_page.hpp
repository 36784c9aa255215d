#pragma once
// DIR/index.html: an offline preview of an output directory in any browser (Leaflet, no WebGL),
// with the heatmap tiles (or image) and its legend, the incidents by class and a period slider.
// Input text is carried as JSON data and inserted by the page as text, never as markup.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "incimap/analyze/periods.hpp"
#include "incimap/core/geo.hpp"
#include "incimap/core/incident.hpp"
#include "incimap/render/colour_ramp.hpp"

namespace incimap {

/// The heatmap as the page shows it: tiles or a Web Mercator image for all periods, and per-period
/// images (same grid and colour scale) that follow the period slider.
struct PreviewHeat {
    std::optional<std::pair<int, int>> tiles;  ///< zooms of tiles/{z}/{x}/{y}.png
    std::string image;                         ///< a Web Mercator PNG to overlay when there are no tiles
    std::optional<LonLatBox> bounds;           ///< of `image` and of the per-period images
    std::vector<std::pair<std::string, std::string>> period_images;  ///< (period label, image file); empty: none
    std::vector<Rgb> ramp;                     ///< legend colours of the images, low to high
    double scale_max = 0;                      ///< density at the top of the ramp (images)
    std::string units;                         ///< e.g. "incidents per 1000 km2"
    bool spread = false;                       ///< some density is spread over admin-1 or country areas (hatched)
};

struct PreviewLayers {
    std::optional<PreviewHeat> heat;  ///< none without --heatmap
    PeriodUnit period_unit = PeriodUnit::year;
};

/// At most this many incidents are embedded in the page as points; beyond it the page shows
/// groups (incidents binned on a grid coarse enough to give at most this many groups).
constexpr std::size_t preview_incident_limit = 20000;
/// Per-period heat images follow the slider only up to this many periods.
constexpr std::size_t preview_heat_period_limit = 60;

/// Writes index.html, preview.js, preview.css, preview_data.js and lib/leaflet/ into `dir` and
/// appends them to `outputs`. `rows`: the placed incidents of `points` when they are at most
/// preview_incident_limit (the page shows each), else none. `web_dir` holds leaflet/
/// (find_web_dir); `styles_dir` the page (styles/preview); country outlines come from the
/// boundaries file. Throws DataError when the page or Leaflet is missing, IoError when a file
/// cannot be written.
void write_preview_page(const std::filesystem::path& dir, std::span<const IncidentPoint> points, std::span<const PlacedIncident> rows,
                        const std::filesystem::path& boundaries_gpkg, const std::filesystem::path& styles_dir,
                        const std::filesystem::path& web_dir, const PreviewLayers& layers, std::vector<std::string>& outputs);

}  // namespace incimap
