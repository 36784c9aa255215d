#include "incimap/output/tile_pyramid_files.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

#include "incimap/io/atomic_file.hpp"
#include "incimap/output/mbtiles.hpp"
#include "incimap/render/web_mercator.hpp"

namespace incimap {

namespace {

std::string decimal(double v, int digits) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", digits, v);
    return text;
}

// MBTiles 1.3 metadata: bounds and center from the data, so that a viewer opens on the incidents.
std::map<std::string, std::string> mbtiles_metadata(const DensityParams& params, const TilePyramidOptions& options,
                                                    const TileArchiveDescription& about) {
    const LonLatBox b = about.bounds.value_or(LonLatBox{-180, -web_mercator::max_lat, 180, web_mercator::max_lat});
    // the zoom at which the bounds fill about one 256-pixel tile, within the pyramid's zooms
    const double span = std::max({b.east - b.west, 1e-9, (web_mercator::y_m(b.north) - web_mercator::y_m(b.south)) / web_mercator::half_world_m * 180});
    const int fit = static_cast<int>(std::floor(std::log2(360 / span)));
    const int zoom = std::clamp(fit, options.min_zoom, options.max_zoom);
    const std::string bandwidth = params.bandwidth_km == std::floor(params.bandwidth_km) ? decimal(params.bandwidth_km, 0) : decimal(params.bandwidth_km, 3);
    const std::string incidents = std::to_string(about.incidents) + (about.incidents == 1 ? " incident" : " incidents");
    return {{"name", "incimap heatmap"}, {"format", "png"}, {"type", "overlay"}, {"version", "1.3"},
            {"minzoom", std::to_string(options.min_zoom)}, {"maxzoom", std::to_string(options.max_zoom)},
            {"bounds", decimal(b.west, 6) + "," + decimal(b.south, 6) + "," + decimal(b.east, 6) + "," + decimal(b.north, 6)},
            {"center", decimal((b.west + b.east) / 2, 6) + "," + decimal((b.south + b.north) / 2, 6) + "," + std::to_string(zoom)},
            {"description", "Kernel density of " + incidents + " (" + std::string(to_string(params.kernel)) + " kernel, " + bandwidth +
                                " km bandwidth), domestic and transnational incidents blended in one colour scale per zoom."},
            {"attribution", "Places: GeoNames (CC BY 4.0); boundaries: Natural Earth"}};
}

}  // namespace

TilePyramidCounts write_tile_pyramid(const std::filesystem::path& dir, const std::vector<DensityPoint>& points,
                                     const DensityParams& params, const std::vector<ColourScale>& scales, Rgb domestic_hue,
                                     Rgb transnational_hue, GEOSContextHandle_t ctx, const TilePyramidOptions& options,
                                     const TileArchiveDescription& about, Reporter& reporter) {
    const std::filesystem::path final_dir = dir / "tiles", work_dir = dir / ".tiles.new";
    std::filesystem::remove_all(work_dir);
    MbtilesWriter mbtiles(dir / "heatmap.mbtiles", mbtiles_metadata(params, options, about));
    const TilePyramidCounts counts = render_tile_pyramid(
        points, params, scales, domestic_hue, transnational_hue, ctx, options, reporter, [&](const TileId& tile, const std::vector<std::uint8_t>& png) {
            const std::filesystem::path file = work_dir / tile_path(tile);
            std::filesystem::create_directories(file.parent_path());
            write_file_atomically(file, std::string(png.begin(), png.end()));
            mbtiles.add(tile.z, tile.x, tile.y, png);
        });
    mbtiles.commit();
    std::filesystem::create_directories(work_dir);
    swap_directory_in(work_dir, final_dir);
    return counts;
}

}  // namespace incimap
