#include "incimap/render/tiles.hpp"

#include <algorithm>
#include <cmath>

#include "incimap/render/web_mercator.hpp"

namespace incimap {

namespace {

// floor(fraction * 2^z) as a tile index, kept inside 0..2^z-1 before the cast (a cast of a value
// out of int's range, or of NaN, is undefined).
int tile_index(double fraction, int z) {
    const double n = std::ldexp(1.0, z);
    const double i = std::floor(fraction * n);
    if (!(i >= 0)) return 0;
    return static_cast<int>(std::min(i, n - 1));
}

}  // namespace

TileId tile_at(double lon, double lat, int z) noexcept {
    z = std::clamp(z, 0, max_tile_zoom);
    const double clamped_lat = std::clamp(lat, -web_mercator::max_lat, web_mercator::max_lat);
    const double y = 0.5 - web_mercator::y_m(std::isnan(lat) ? 0.0 : clamped_lat) / (2 * web_mercator::half_world_m);
    return {z, tile_index((lon + 180) / 360, z), tile_index(y, z)};
}

std::filesystem::path tile_path(const TileId& tile) {
    return std::filesystem::path(std::to_string(tile.z)) / std::to_string(tile.x) / (std::to_string(tile.y) + ".png");
}

int tms_row(const TileId& tile) noexcept { return (1 << tile.z) - 1 - tile.y; }

}  // namespace incimap
