#pragma once
// XYZ tile coordinates (Web Mercator, numbered as in OpenStreetMap and every web map): the tile
// that holds a point, a tile's path in a pyramid, and its MBTiles (TMS) row.
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>

namespace incimap {

constexpr int max_tile_zoom = 22;

struct TileId {
    int z = 0, x = 0, y = 0;
    friend bool operator==(const TileId&, const TileId&) = default;
};

/// The tile of zoom `z` (0-22) holding the point. Longitudes outside ±180 and latitudes beyond
/// Web Mercator's ±85.05° fall in the edge column or row; NaN falls in column or row 0.
TileId tile_at(double lon, double lat, int z) noexcept;

/// "z/x/y.png", relative to the pyramid's directory.
std::filesystem::path tile_path(const TileId& tile);

/// The row as MBTiles stores it (TMS: counted from the bottom).
int tms_row(const TileId& tile) noexcept;


}  // namespace incimap
