#pragma once
// Heatmap tiles for web maps (Web Mercator XYZ, 256 px PNG). Each tile is computed at its own
// resolution from the incidents, not resampled from one raster, so that every zoom is sharp;
// tiles with nothing on them are skipped; the work runs on all cores and gives the same bytes
// whatever their number. output/tile_pyramid_files.hpp writes them as files and MBTiles.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "incimap/core/geos.hpp"
#include "incimap/render/colour_ramp.hpp"
#include "incimap/render/density.hpp"
#include "incimap/render/tiles.hpp"

namespace incimap {

class Reporter;

struct TilePyramidOptions {
    int min_zoom = 0, max_zoom = 8;
    int tile_size = 256;
    unsigned threads = 0;  ///< 0: all cores
};

struct TilePyramidCounts {
    std::size_t written = 0, empty = 0;
};

/// Receives each tile with something on it, as PNG bytes, from the calling thread, in the order
/// of zooms, then of blocks of 8 x 8 tiles, then of (x, y) within.
using TileSink = std::function<void(const TileId& tile, const std::vector<std::uint8_t>& png)>;

/// Renders the two classes in one blended image per tile (see render_classes), densities per
/// 1,000 km² against `scales[z - min_zoom]`, and hands each to `sink`. Throws InvalidOption for
/// zooms outside 0-22, and std::invalid_argument without one scale per zoom.
TilePyramidCounts render_tile_pyramid(const std::vector<DensityPoint>& points, const DensityParams& params,
                                      const std::vector<ColourScale>& scales, Rgb domestic_hue, Rgb transnational_hue,
                                      GEOSContextHandle_t ctx, const TilePyramidOptions& options, Reporter& reporter, const TileSink& sink);

}  // namespace incimap
