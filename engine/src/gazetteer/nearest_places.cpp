#include "incimap/gazetteer/nearest_places.hpp"

#include <cmath>
#include <numbers>
#include <vector>

#include "../index/rtree.hpp"

namespace incimap {

namespace {
using rtree::Box;
using rtree::Point;
using Entry = std::pair<Point, std::uint32_t>;
// The degree length of haversine_km's sphere, padded by 1% so that the window never cuts off a
// place at the edge of the radius.
constexpr double km_per_degree_lat = km_per_degree / 1.01;
}  // namespace

struct NearestPlaces::Index {
    bgi::rtree<Entry, bgi::rstar<16>> tree;
};

NearestPlaces::NearestPlaces(const Gazetteer& gazetteer) : gazetteer_(gazetteer), index_(std::make_unique<Index>()) {
    std::vector<Entry> entries;
    entries.reserve(gazetteer.size());
    for (std::uint32_t i = 0; i < gazetteer.size(); ++i) {
        const Place p = gazetteer.place(i);
        if (p.kind == PlaceKind::city) entries.emplace_back(Point(p.position.lon_deg, p.position.lat_deg), i);
    }
    index_->tree = decltype(index_->tree)(entries.begin(), entries.end());
}

NearestPlaces::~NearestPlaces() = default;

std::optional<NearbyPlace> NearestPlaces::nearest(LonLat p, double max_km) const {
    if (!(max_km > 0) || !is_valid(p)) return std::nullopt;
    // A window of max_km around the point: exact in latitude, widened by 1/cos(latitude) in
    // longitude; candidates inside are ranked by great-circle distance.
    const double dlat = max_km / km_per_degree_lat;
    const double cos_lat = std::max(0.01, std::cos(p.lat_deg * std::numbers::pi / 180));
    const double dlon = std::min(180.0, dlat / cos_lat);
    const Box window(Point(p.lon_deg - dlon, p.lat_deg - dlat), Point(p.lon_deg + dlon, p.lat_deg + dlat));
    std::optional<NearbyPlace> best;
    for (auto it = index_->tree.qbegin(bgi::intersects(window)); it != index_->tree.qend(); ++it) {
        const Place candidate = gazetteer_.place(it->second);
        const double km = haversine_km(p, candidate.position);
        if (km <= max_km && (!best || km < best->distance_km || (km == best->distance_km && candidate.index < best->place.index)))
            best = NearbyPlace{candidate, km};
    }
    return best;
}

}  // namespace incimap
