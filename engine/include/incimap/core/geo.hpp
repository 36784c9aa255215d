#pragma once
// Small geographic value types shared by every module.
#include <numbers>
#include <optional>
#include <string_view>

namespace incimap {

/// A WGS 84 position, longitude first as in GeoJSON.
struct LonLat {
    double lon_deg = 0;
    double lat_deg = 0;
};

/// A box in degrees. west > east is a box across the antimeridian (170,-10,-170,10 spans 20
/// degrees of longitude around 180).
struct LonLatBox {
    double west = -180, south = -90, east = 180, north = 90;
};

/// True for a finite latitude in [-90, 90] and longitude in [-180, 180].
bool is_valid(LonLat p) noexcept;

/// The sphere of every distance and area: the mean Earth radius (IUGG), as scikit-learn's haversine.
inline constexpr double mean_earth_radius_km = 6371.0088;
/// Kilometres per degree of a great circle on that sphere (111.195).
inline constexpr double km_per_degree = mean_earth_radius_km * std::numbers::pi / 180;
/// The WGS 84 ellipsoid: geodesic distances, and the sphere of Web Mercator (its semi-major axis).
inline constexpr double wgs84_semi_major_m = 6378137.0;
inline constexpr double wgs84_flattening = 1 / 298.257223563;

/// The CRS names GDAL, PROJ and QGIS know: lon/lat on WGS 84, and Web Mercator.
inline constexpr std::string_view wgs84_crs = "EPSG:4326";
inline constexpr std::string_view web_mercator_crs = "EPSG:3857";

/// Great-circle distance on a sphere of mean Earth radius; good to 0.5% for ranking and tests.
double haversine_km(LonLat a, LonLat b) noexcept;

/// How precisely an incident is located: given coordinates, a populated place, a first-level
/// administrative area, or a whole country.
/// How precisely a location is known: given coordinates, a populated place, or an area (a district
/// from an analyst's own places, an admin-1 area, a country) whose label point stands for it.
enum class GeoPrecision { exact, city, district, admin1, country };

std::string_view to_string(GeoPrecision p);

/// True for the precisions that stand for an area rather than a point.
constexpr bool is_area(GeoPrecision p) { return p == GeoPrecision::district || p == GeoPrecision::admin1 || p == GeoPrecision::country; }

/// Domestic: inside the home area. Transnational: outside it.
enum class IncidentClass { domestic, transnational };

std::string_view to_string(IncidentClass c);

}  // namespace incimap
