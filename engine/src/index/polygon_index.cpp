#include "incimap/index/polygon_index.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "incimap/core/error.hpp"
#include "rtree.hpp"

namespace incimap {

namespace {
using rtree::Box;
using rtree::Point;
using Entry = std::pair<Box, std::size_t>;
}  // namespace

struct PolygonIndex::Tree {
    bgi::rtree<Entry, bgi::rstar<16>> rtree;
};

PolygonIndex::PolygonIndex(GEOSContextHandle_t ctx, std::vector<GeosGeometryPtr> polygons)
    : ctx_(ctx), polygons_(std::move(polygons)), tree_(std::make_unique<Tree>()) {
    std::vector<Entry> entries;
    entries.reserve(polygons_.size());
    for (std::size_t i = 0; i < polygons_.size(); ++i) {
        prepared_.emplace_back(GEOSPrepare_r(ctx_, polygons_[i].get()), GeosPreparedDeleter{ctx_});
        if (!prepared_.back()) throw DataError("GEOS cannot prepare a polygon");
        double minx = 0, miny = 0, maxx = 0, maxy = 0;
        GEOSGeom_getXMin_r(ctx_, polygons_[i].get(), &minx);
        GEOSGeom_getYMin_r(ctx_, polygons_[i].get(), &miny);
        GEOSGeom_getXMax_r(ctx_, polygons_[i].get(), &maxx);
        GEOSGeom_getYMax_r(ctx_, polygons_[i].get(), &maxy);
        entries.emplace_back(Box(Point(minx, miny), Point(maxx, maxy)), i);
    }
    tree_->rtree = decltype(tree_->rtree)(entries.begin(), entries.end());  // bulk load (packing)
}

PolygonIndex::~PolygonIndex() = default;
PolygonIndex::PolygonIndex(PolygonIndex&&) noexcept = default;
PolygonIndex& PolygonIndex::operator=(PolygonIndex&&) noexcept = default;

std::optional<std::size_t> PolygonIndex::containing(LonLat p) const {
    if (!is_valid(p)) return std::nullopt;
    const GeosGeometryPtr point = make_point(ctx_, p.lon_deg, p.lat_deg);
    // Candidates in the given order: the first hit ends the search.
    thread_local std::vector<std::size_t> candidates;
    candidates.clear();
    const Point q(p.lon_deg, p.lat_deg);
    for (auto it = tree_->rtree.qbegin(bgi::intersects(q)); it != tree_->rtree.qend(); ++it) candidates.push_back(it->second);
    std::sort(candidates.begin(), candidates.end());
    for (std::size_t c : candidates)
        if (GEOSPreparedIntersects_r(ctx_, prepared_[c].get(), point.get()) == 1) return c;
    return std::nullopt;
}

std::optional<std::size_t> PolygonIndex::nearest_within(LonLat p, double max_km) const {
    if (!is_valid(p) || !(max_km > 0)) return std::nullopt;
    const GeosGeometryPtr point = make_point(ctx_, p.lon_deg, p.lat_deg);
    // Distances are in degrees of the lon/lat plane; a degree is at most 111.32 km, so the window
    // is widened by 1/cos(latitude) to hold max_km east-west. The winner is checked on the sphere.
    const double window_deg = max_km / 111.32 / std::max(0.05, std::cos(p.lat_deg * std::numbers::pi / 180));
    const Box window(Point(p.lon_deg - window_deg, p.lat_deg - window_deg), Point(p.lon_deg + window_deg, p.lat_deg + window_deg));
    std::optional<std::size_t> found;
    double best_deg = window_deg;
    for (auto it = tree_->rtree.qbegin(bgi::intersects(window)); it != tree_->rtree.qend(); ++it) {
        double d = 0;
        if (GEOSPreparedDistance_r(ctx_, prepared_[it->second].get(), point.get(), &d) != 1) continue;
        if (d < best_deg || (d == best_deg && found && it->second < *found)) {
            best_deg = d;
            found = it->second;
        }
    }
    if (!found) return std::nullopt;
    GEOSCoordSequence* nearest = GEOSPreparedNearestPoints_r(ctx_, prepared_[*found].get(), point.get());
    double x = 0, y = 0;
    if (nearest == nullptr) return std::nullopt;
    GEOSCoordSeq_getXY_r(ctx_, nearest, 0, &x, &y);
    GEOSCoordSeq_destroy_r(ctx_, nearest);
    return haversine_km(p, {x, y}) <= max_km ? found : std::nullopt;
}

}  // namespace incimap
