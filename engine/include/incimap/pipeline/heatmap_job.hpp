#pragma once
// The heatmap part of `incimap map`: densities of domestic and transnational incidents as a
// GeoTIFF and PNG renders (and per period), from the placed incidents.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "incimap/core/geo.hpp"
#include "incimap/analyze/periods.hpp"
#include "incimap/core/incident.hpp"
#include "incimap/output/heatmap_files.hpp"
#include "incimap/pipeline/options.hpp"
#include "incimap/render/density.hpp"
#include "incimap/render/raster_grid.hpp"

namespace incimap {

class Boundaries;
class Reporter;

/// A heatmap as a run writes it: the options, the tiles, and which rasters.
struct HeatmapPlan {
    HeatmapOptions options;
    std::optional<TileOptions> tiles;
    bool rasters = true;  ///< heatmap.tif and the PNG renders (off: tiles only)
    /// Without options.per_period: renders of each period for the preview page's slider alone
    /// (preview/heat_{period}.png, on the heatmap's grid and scale).
    std::optional<PeriodUnit> page_periods;
};

/// The incidents as the density sees them: weights, classes, and footprints of imprecise
/// geocodes from the boundaries. With `period`: that period's incidents, each weight times its
/// share, none of weight 0.
std::vector<DensityPoint> density_points(std::span<const IncidentPoint> placed, const Boundaries& boundaries,
                                         const PeriodShares* period = nullptr);

/// The area the heatmap covers, in degrees: options.extent, else the points, their footprints (when
/// spread) and their kernels' reach; within the CRS's latitude limits.
LonLatBox heatmap_box(const HeatmapOptions& options, const std::vector<DensityPoint>& points, GEOSContextHandle_t ctx);

/// The grid the options ask for over these points (over heatmap_box). Throws InvalidOption
/// (heatmap.size) when the grid would not fit in memory, before anything is allocated.
GridSpec heatmap_grid(const HeatmapOptions& options, const std::vector<DensityPoint>& points, GEOSContextHandle_t ctx);

/// Writes DIR/heatmap.tif, heatmap.png, heatmap_domestic.png, heatmap_transnational.png (and
/// heatmap_{period}.tif/.png with per_period, preview/heat_{period}.png with page_periods; the
/// tile pyramid with tiles). `input_hash` goes into the GeoTIFF's metadata. Appends the files
/// written to `outputs` and returns the summary.
HeatmapSummary write_heatmaps(const std::filesystem::path& dir, std::span<const IncidentPoint> placed,
                              const HeatmapPlan& plan, const Boundaries& boundaries, const std::string& input_hash,
                              const std::filesystem::path& styles_dir, Reporter& reporter, std::vector<std::string>& outputs);

}  // namespace incimap
