#pragma once
// Report figures: a map of one extent with Natural Earth country outlines, the heatmap of both
// classes, the incidents as dots by class, a title, a legend with units, a scale bar and the
// data attribution, drawn with Cairo as PNG, SVG and PDF.
#include <filesystem>
#include <string>
#include <vector>

#include "incimap/core/geo.hpp"
#include "incimap/core/incident.hpp"
#include "incimap/render/colour_ramp.hpp"
#include "incimap/render/density.hpp"

namespace incimap {

struct FigureOptions {
    LonLatBox extent;
    std::string title;
    int width = 1600;                      ///< pixels (points in SVG and PDF); the height follows the extent
    std::vector<std::string> formats = {"png", "svg", "pdf"};
    std::string weight_label = "incidents";
};

/// The lon/lat box of a region in the boundaries file: a UN subregion ("Central Asia"), or a
/// country by name or ISO code, with a margin of 5%. Throws UsageError naming the choices.
LonLatBox region_extent(const std::filesystem::path& boundaries_gpkg, const std::string& region);

/// Writes `base`.png/.svg/.pdf (each atomically) and returns the paths written. The density is
/// computed for the figure's own pixels. Throws UsageError for a bad extent, IoError on writing.
std::vector<std::filesystem::path> write_figure(const std::filesystem::path& base, const std::vector<PlacedIncident>& placed,
                                                const std::vector<DensityPoint>& points, const DensityParams& params,
                                                const std::filesystem::path& boundaries_gpkg, GEOSContextHandle_t ctx,
                                                const FigureOptions& options, Rgb domestic_hue, Rgb transnational_hue);

}  // namespace incimap
