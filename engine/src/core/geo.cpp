#include "incimap/core/geo.hpp"

#include <cmath>
#include <numbers>

namespace incimap {

bool is_valid(LonLat p) noexcept {
    return std::isfinite(p.lon_deg) && std::isfinite(p.lat_deg) && p.lat_deg >= -90 &&
           p.lat_deg <= 90 && p.lon_deg >= -180 && p.lon_deg <= 180;
}

double haversine_km(LonLat a, LonLat b) noexcept {
    constexpr double rad = std::numbers::pi / 180;
    const double dlat = (b.lat_deg - a.lat_deg) * rad;
    const double dlon = (b.lon_deg - a.lon_deg) * rad;
    const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(a.lat_deg * rad) * std::cos(b.lat_deg * rad) * std::sin(dlon / 2) *
                         std::sin(dlon / 2);
    return 2 * mean_earth_radius_km * std::asin(std::min(1.0, std::sqrt(h)));
}

std::string_view to_string(GeoPrecision p) {
    switch (p) {
        case GeoPrecision::exact: return "exact";
        case GeoPrecision::city: return "city";
        case GeoPrecision::district: return "district";
        case GeoPrecision::admin1: return "admin1";
        case GeoPrecision::country: return "country";
    }
    return "?";
}

std::string_view to_string(IncidentClass c) {
    return c == IncidentClass::domestic ? "domestic" : "transnational";
}

}  // namespace incimap
