// Tile coordinates and zoom ranges: the CLI's parse_zoom_range accepts only MIN-MAX within 0-22; the tile
// of any point lies in the zoom's range and, for a point inside Web Mercator's square, its bounds
// hold the point; the TMS row is the XYZ row counted from the bottom.
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "fuzz_support.hpp"
#include "incimap/core/error.hpp"
#include "incimap/render/raster_grid.hpp"
#include "incimap/render/tiles.hpp"
#include "incimap/render/web_mercator.hpp"
#include "options/option_group.hpp"

using namespace incimap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto [min, max] = cli::parse_zoom_range(fuzz::as_text(data, size), "--zoom");
        if (min < 0 || max > max_tile_zoom || min > max) std::abort();
    } catch (const UsageError&) {
    }
    if (size < 17) return 0;
    double lon = 0, lat = 0;
    std::memcpy(&lon, data, 8);
    std::memcpy(&lat, data + 8, 8);
    const int z = data[16] % (max_tile_zoom + 1);
    const TileId tile = tile_at(lon, lat, z);
    const int n = 1 << z;
    if (tile.z != z || tile.x < 0 || tile.x >= n || tile.y < 0 || tile.y >= n) std::abort();
    if (tms_row(tile) != n - 1 - tile.y) std::abort();
    if (tile_path(tile) != std::to_string(z) + "/" + std::to_string(tile.x) + "/" + std::to_string(tile.y) + ".png") std::abort();
    if (std::isfinite(lon) && std::isfinite(lat) && std::fabs(lon) < 180 && std::fabs(lat) < web_mercator::max_lat) {
        const GridSpec g = tile_grid(tile.z, tile.x, tile.y);
        const double x = web_mercator::x_m(lon), y = web_mercator::y_m(lat), slack = 1e-6 * web_mercator::half_world_m;
        if (x < g.min_x - slack || x > g.max_x + slack || y < g.min_y - slack || y > g.max_y + slack) std::abort();
    }
    return 0;
}
