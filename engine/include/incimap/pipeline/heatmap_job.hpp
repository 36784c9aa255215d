#pragma once
// The heatmap part of `incimap map`: densities of domestic and transnational incidents as a
// GeoTIFF and PNG renders (and per period), from the placed incidents.
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "incimap/core/geo.hpp"
#include "incimap/analyze/periods.hpp"
#include "incimap/core/incident.hpp"
#include "incimap/render/density.hpp"
#include "incimap/render/raster_grid.hpp"

namespace incimap {

class Boundaries;
struct Placement;

struct HeatmapOptions {
    DensityParams density;
    std::string weight_column;         ///< empty: every incident weighs 1
    std::string crs{web_mercator_crs};
    int size = 2048;                   ///< cells on the grid's longer side
    std::optional<LonLatBox> extent;   ///< default: the incidents, with a kernel's reach around them
    bool cog = false;
    std::string ramp = "magma";
    std::optional<PeriodUnit> per_period;
    /// Without per_period: renders of each period for the preview page's slider alone
    /// (preview/heat_{period}.png, on the heatmap's grid and scale). Set by the map job.
    std::optional<PeriodUnit> page_periods;
    std::optional<std::pair<int, int>> tiles;  ///< zoom range of the XYZ/MBTiles pyramid
    bool rasters = true;                       ///< heatmap.tif and the PNG renders (off: tiles only)
    unsigned threads = 0;
};

/// Throws UsageError for bad options (bandwidth, size, zooms, extent).
void check(const HeatmapOptions& options);

/// Moves incidents whose weight is missing, not a number, negative or infinite to the rejected
/// rows (with the file, row and column), keeping every count right. Throws UsageError when an
/// input has no such column at all.
void reject_bad_weights(Placement& placement, const std::string& column);

/// The incidents as the density sees them: weights, classes, and footprints of imprecise
/// geocodes from the boundaries. With `period`: that period's incidents, each weight times its
/// share, none of weight 0.
std::vector<DensityPoint> density_points(const std::vector<PlacedIncident>& placed, const std::string& weight_column,
                                         const Boundaries& boundaries, const PeriodShares* period = nullptr);

/// The area the heatmap covers, in degrees: `--extent`, else the points, their footprints (when
/// spread) and their kernels' reach; within the CRS's latitude limits.
LonLatBox heatmap_box(const HeatmapOptions& options, const std::vector<DensityPoint>& points, GEOSContextHandle_t ctx);

/// The grid the options ask for over these points (over heatmap_box). Throws UsageError when the grid would not
/// fit in memory, before anything is allocated.
GridSpec heatmap_grid(const HeatmapOptions& options, const std::vector<DensityPoint>& points, GEOSContextHandle_t ctx);

/// Writes DIR/heatmap.tif, heatmap.png, heatmap_domestic.png, heatmap_transnational.png (and
/// heatmap_{period}.tif/.png with per_period, preview/heat_{period}.png with page_periods; the
/// tile pyramid with tiles). `input_hash` goes
/// into the GeoTIFF's metadata. Appends the files written to `outputs` and returns the summary.
nlohmann::json write_heatmaps(const std::filesystem::path& dir, const std::vector<PlacedIncident>& placed,
                              const HeatmapOptions& options, const Boundaries& boundaries, const std::string& input_hash,
                              const std::filesystem::path& styles_dir, bool quiet, std::vector<std::string>& outputs);

}  // namespace incimap
