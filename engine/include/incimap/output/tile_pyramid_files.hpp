#pragma once
// The heatmap's tile pyramid as files: DIR/tiles/{z}/{x}/{y}.png (XYZ) and the same tiles in
// DIR/heatmap.mbtiles (MBTiles 1.3), each complete or left as it was.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <vector>

#include "incimap/render/tile_pyramid.hpp"

namespace incimap {

class Reporter;

/// What the MBTiles metadata says about the data.
struct TileArchiveDescription {
    /// The `bounds` (and `center`): where the data is; the whole Web Mercator world when unset.
    std::optional<LonLatBox> bounds;
    std::size_t incidents = 0;  ///< for the `description`
};

/// Renders the pyramid (render_tile_pyramid) into a fresh tiles directory beside the old one,
/// swapped in when complete, and into heatmap.mbtiles. Throws as render_tile_pyramid does, and
/// IoError naming a file that cannot be written.
TilePyramidCounts write_tile_pyramid(const std::filesystem::path& dir, const std::vector<DensityPoint>& points,
                                     const DensityParams& params, const std::vector<ColourScale>& scales, Rgb domestic_hue,
                                     Rgb transnational_hue, GEOSContextHandle_t ctx, const TilePyramidOptions& options,
                                     const TileArchiveDescription& about, Reporter& reporter);

}  // namespace incimap
