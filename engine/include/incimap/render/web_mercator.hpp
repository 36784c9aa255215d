#pragma once
// Web Mercator (EPSG:3857), defined on a sphere of the WGS 84 semi-major axis: the formulas the
// heatmap grids, the tile pyramid, the preview page and the figures share.
#include <cmath>
#include <numbers>

#include "incimap/core/geo.hpp"

namespace incimap::web_mercator {

constexpr double radius_m = wgs84_semi_major_m;
constexpr double km_per_degree = std::numbers::pi * radius_m / 180 / 1000;  ///< along the equator, 111.32 km
constexpr double half_world_m = std::numbers::pi * radius_m;  ///< from the origin to the edge, 20,037,508.34 m
constexpr double max_lat = 85.0511287798;                     ///< the latitude of the square world's edge

inline double x_m(double lon_deg) { return lon_deg * std::numbers::pi / 180 * radius_m; }
inline double y_m(double lat_deg) { return radius_m * std::log(std::tan(std::numbers::pi / 4 + lat_deg * std::numbers::pi / 360)); }
inline double lon_deg(double x_m) { return x_m / radius_m * 180 / std::numbers::pi; }
inline double lat_deg(double y_m) { return std::atan(std::sinh(y_m / radius_m)) * 180 / std::numbers::pi; }

/// The ground-independent size of a pixel of zoom z, in Web Mercator metres.
inline double pixel_m(int z, int tile_size = 256) { return 2 * half_world_m / (tile_size * std::ldexp(1.0, z)); }

}  // namespace incimap::web_mercator
