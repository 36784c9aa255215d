#pragma once
// Heatmap tiles for web maps: an XYZ pyramid DIR/tiles/{z}/{x}/{y}.png (Web Mercator, 256 px)
// and the same tiles in DIR/heatmap.mbtiles. Each tile is computed at its own resolution from the
// incidents, not resampled from one raster, so that every zoom is sharp; tiles with nothing on
// them are skipped; the work runs on all cores and gives the same bytes whatever their number.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <vector>

#include "incimap/core/geos.hpp"
#include "incimap/render/colour_ramp.hpp"
#include "incimap/render/density.hpp"

namespace incimap {

class Reporter;

struct TilePyramidOptions {
    int min_zoom = 0, max_zoom = 8;
    int tile_size = 256;
    unsigned threads = 0;  ///< 0: all cores
    /// The MBTiles `bounds` (and `center`): where the data is; the whole Web Mercator world when unset.
    std::optional<LonLatBox> bounds;
    std::size_t incidents = 0;  ///< for the MBTiles `description`
};

struct TilePyramidCounts {
    std::size_t written = 0, empty = 0;
};

/// Renders the two classes in one blended image per tile (see render_classes), densities per
/// 1,000 km² against `scales[z - min_zoom]`. Throws InvalidOption for zooms outside 0-22, and
/// std::invalid_argument without one scale per zoom.
TilePyramidCounts write_tile_pyramid(const std::filesystem::path& dir, const std::vector<DensityPoint>& points,
                                     const DensityParams& params, const std::vector<ColourScale>& scales, Rgb domestic_hue,
                                     Rgb transnational_hue, GEOSContextHandle_t ctx, const TilePyramidOptions& options,
                                     Reporter& reporter);

}  // namespace incimap
