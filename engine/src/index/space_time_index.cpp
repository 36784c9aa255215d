#include "incimap/index/space_time_index.hpp"

#include <geodesic.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "rtree.hpp"

namespace incimap {

namespace {
using rtree::Box;
using rtree::Point;
using Entry = std::pair<Point, std::size_t>;
}  // namespace

double geodesic_km(LonLat a, LonLat b) {
    static const geod_geodesic wgs84 = [] {
        geod_geodesic g{};
        geod_init(&g, wgs84_semi_major_m, wgs84_flattening);
        return g;
    }();
    double metres = 0;
    geod_inverse(&wgs84, a.lat_deg, a.lon_deg, b.lat_deg, b.lon_deg, &metres, nullptr, nullptr);
    return metres / 1000;
}

bool QueryFilter::accepts(const PlacedIncident& p) const {
    if (from && p.incident.date.last < *from) return false;
    if (to && p.incident.date.first > *to) return false;
    if (incident_class && p.incident_class != *incident_class) return false;
    if (event_type && p.incident.event_type != *event_type) return false;
    return true;
}

struct SpaceTimeIndex::Tree {
    bgi::rtree<Entry, bgi::rstar<16>> rtree;
};

SpaceTimeIndex::SpaceTimeIndex(const std::vector<PlacedIncident>& incidents)
    : incidents_(incidents), tree_(std::make_unique<Tree>()) {
    std::vector<Entry> entries;
    entries.reserve(incidents.size());
    for (std::size_t i = 0; i < incidents.size(); ++i)
        entries.emplace_back(Point(incidents[i].location.position.lon_deg, incidents[i].location.position.lat_deg), i);
    tree_->rtree = decltype(tree_->rtree)(entries.begin(), entries.end());  // packed bulk load
    by_start_.resize(incidents.size());
    for (std::size_t i = 0; i < incidents.size(); ++i) by_start_[i] = i;
    std::stable_sort(by_start_.begin(), by_start_.end(),
                     [&](std::size_t a, std::size_t b) { return incidents[a].incident.date.first < incidents[b].incident.date.first; });
}

SpaceTimeIndex::~SpaceTimeIndex() = default;

std::vector<std::size_t> SpaceTimeIndex::in_box(const LonLatBox& box, const QueryFilter& filter) const {
    std::vector<Box> boxes;
    if (box.west <= box.east) {
        boxes.emplace_back(Point(box.west, box.south), Point(box.east, box.north));
    } else {  // across the antimeridian
        boxes.emplace_back(Point(box.west, box.south), Point(180, box.north));
        boxes.emplace_back(Point(-180, box.south), Point(box.east, box.north));
    }
    std::vector<std::size_t> out;
    for (const Box& b : boxes)
        for (auto it = tree_->rtree.qbegin(bgi::covered_by(b)); it != tree_->rtree.qend(); ++it)
            if (filter.accepts(incidents_[it->second])) out.push_back(it->second);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::size_t> SpaceTimeIndex::near(LonLat center, double radius_km, const QueryFilter& filter) const {
    if (!(radius_km > 0) || !is_valid(center)) return {};
    // A window that surely holds the circle: a degree of latitude is at least 110.5 km on the
    // ellipsoid; longitude degrees shrink with cos(latitude). Near a pole the window spans all
    // longitudes.
    const double dlat = radius_km / 110.5;
    const double south = std::max(-90.0, center.lat_deg - dlat), north = std::min(90.0, center.lat_deg + dlat);
    const double widest_lat = std::max(std::fabs(south), std::fabs(north));
    const double cos_lat = std::cos(widest_lat * std::numbers::pi / 180);
    const double dlon = cos_lat > 1e-6 ? radius_km / (110.5 * cos_lat) : 360.0;
    LonLatBox window{center.lon_deg - dlon, south, center.lon_deg + dlon, north};
    if (dlon >= 180) {
        window.west = -180;
        window.east = 180;
    } else {
        if (window.west < -180) window.west += 360;
        if (window.east > 180) window.east -= 360;
    }
    std::vector<std::size_t> out;
    for (std::size_t i : in_box(window, filter))
        if (geodesic_km(center, incidents_[i].location.position) <= radius_km) out.push_back(i);
    return out;
}

std::vector<std::size_t> SpaceTimeIndex::in_time(const QueryFilter& filter) const {
    std::vector<std::size_t> out;
    for (std::size_t i : by_start_) {
        const PlacedIncident& p = incidents_[i];
        if (filter.to && p.incident.date.first > *filter.to) break;  // time order: nothing later can match
        if (filter.accepts(p)) out.push_back(i);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace incimap
