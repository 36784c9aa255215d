#pragma once
// The heatmap part of `incimap map`: densities of domestic and transnational incidents as a
// GeoTIFF and PNG renders (and per period), from the placed incidents.
#include <filesystem>
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "incimap/core/geo.hpp"
#include "incimap/analyze/periods.hpp"
#include "incimap/core/incident.hpp"
#include "incimap/pipeline/options.hpp"
#include "incimap/render/density.hpp"
#include "incimap/render/raster_grid.hpp"

namespace incimap {

class Boundaries;
class Reporter;
struct Placement;

/// A heatmap as a run writes it: the options, the tiles, and which rasters.
struct HeatmapPlan {
    HeatmapOptions options;
    std::optional<TileOptions> tiles;
    bool rasters = true;  ///< heatmap.tif and the PNG renders (off: tiles only)
    /// Without options.per_period: renders of each period for the preview page's slider alone
    /// (preview/heat_{period}.png, on the heatmap's grid and scale).
    std::optional<PeriodUnit> page_periods;
};

/// Moves incidents whose weight is missing, not a number, negative or infinite to the rejected
/// rows (with the file, row and column), keeping every count right. Throws InvalidOption
/// (heatmap.weight_column) when an input has no such column at all.
void reject_bad_weights(Placement& placement, const std::string& column);

/// The incidents as the density sees them: weights, classes, and footprints of imprecise
/// geocodes from the boundaries. With `period`: that period's incidents, each weight times its
/// share, none of weight 0.
std::vector<DensityPoint> density_points(const std::vector<PlacedIncident>& placed, const std::string& weight_column,
                                         const Boundaries& boundaries, const PeriodShares* period = nullptr);

/// The area the heatmap covers, in degrees: `--extent`, else the points, their footprints (when
/// spread) and their kernels' reach; within the CRS's latitude limits.
LonLatBox heatmap_box(const HeatmapOptions& options, const std::vector<DensityPoint>& points, GEOSContextHandle_t ctx);

/// The grid the options ask for over these points (over heatmap_box). Throws InvalidOption
/// (heatmap.size) when the grid would not fit in memory, before anything is allocated.
GridSpec heatmap_grid(const HeatmapOptions& options, const std::vector<DensityPoint>& points, GEOSContextHandle_t ctx);

/// What write_heatmaps made: the grid, the counts and the colour scale, for summary.json, the
/// preview page and the QGIS project.
struct HeatmapSummary {
    std::optional<std::string> note;  ///< said when no incident was placed
    std::string crs;
    int width = 0, height = 0;
    std::array<double, 4> extent{};  ///< min x, min y, max x, max y in CRS units
    std::string kernel;
    double bandwidth_km = 0;
    std::string units;
    std::optional<std::string> weight;  ///< the weight column, if any
    std::string imprecise;              ///< spread, point or drop
    double weight_on_grid = 0;
    std::size_t spread = 0, dropped = 0, off_grid = 0;
    double colour_scale_max = 0;
    struct Period {
        std::string period, render;  ///< the period's label and its PNG
        std::size_t domestic = 0, transnational = 0;
        double weight_on_grid = 0;
    };
    std::vector<Period> periods;
    struct Tiles {
        int min_zoom = 0, max_zoom = 0;
        std::size_t written = 0, empty_skipped = 0;
    };
    std::optional<Tiles> tiles;

    /// The "heatmap" object of summary.json.
    nlohmann::json to_json() const;
};

/// Writes DIR/heatmap.tif, heatmap.png, heatmap_domestic.png, heatmap_transnational.png (and
/// heatmap_{period}.tif/.png with per_period, preview/heat_{period}.png with page_periods; the
/// tile pyramid with tiles). `input_hash` goes into the GeoTIFF's metadata. Appends the files
/// written to `outputs` and returns the summary.
HeatmapSummary write_heatmaps(const std::filesystem::path& dir, const std::vector<PlacedIncident>& placed,
                              const HeatmapPlan& plan, const Boundaries& boundaries, const std::string& input_hash,
                              const std::filesystem::path& styles_dir, Reporter& reporter, std::vector<std::string>& outputs);

}  // namespace incimap
