#pragma once
// `incimap figure`: incidents placed as `incimap map` places them, drawn as a report figure.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "incimap/pipeline/options.hpp"
#include "incimap/render/figure.hpp"

namespace incimap {

class Reporter;

struct FigureJob {
    InputOptions input;
    PlacementOptions placement;
    /// The density drawn under the incidents: kernel, bandwidth, weight, imprecise geocodes,
    /// threads; per_period (quarter or year) draws one panel per period. The raster options
    /// (crs, size, extent, cog, ramp) are not used.
    HeatmapOptions heatmap;
    FigureOptions figure;  ///< its extent is used when `area` is empty
    /// A UN subregion ("Central Asia") or a country (name or ISO code) whose extent the figure
    /// shows; or empty, with `extent_given`.
    std::string area;
    bool extent_given = false;
    std::filesystem::path output_base;  ///< writes output_base.png/.svg/.pdf
    /// Throws InvalidOption for a missing output, neither or both of area and extent, a period
    /// other than quarter or year, or bad figure options.
    void validate() const;
};

/// Returns the files written. Throws as run_map_job does.
std::vector<std::filesystem::path> run_figure_job(FigureJob job, Reporter& reporter);

}  // namespace incimap
