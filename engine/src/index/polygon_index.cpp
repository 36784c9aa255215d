#include "incimap/index/polygon_index.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <unordered_map>

#include "incimap/core/error.hpp"
#include "rtree.hpp"

namespace incimap {

namespace {
using rtree::Box;
using rtree::Point;
using Entry = std::pair<Box, std::size_t>;

// A grid over the globe in cells of 1/8 degree (about 14 km). A cell that no polygon's boundary
// touches lies wholly inside or wholly outside each polygon, so the answer for one point in it is
// the answer for every point: it is found once and kept. Real data sets put many points in a
// cell; points in cells that a boundary crosses are tested one by one.
constexpr double cell_deg = 0.125;
constexpr std::uint32_t cell_columns = 360 * 8;
constexpr std::uint32_t cell_rows = 180 * 8;
constexpr std::int64_t no_polygon = -1;

std::uint32_t column_of(double lon) { return static_cast<std::uint32_t>(std::clamp(std::floor((lon + 180) / cell_deg), 0.0, double(cell_columns - 1))); }
std::uint32_t row_of(double lat) { return static_cast<std::uint32_t>(std::clamp(std::floor((lat + 90) / cell_deg), 0.0, double(cell_rows - 1))); }

Box cell_box(std::uint32_t cell) {
    const double west = -180 + (cell % cell_columns) * cell_deg, south = -90 + (cell / cell_columns) * cell_deg;
    return Box(Point(west, south), Point(west + cell_deg, south + cell_deg));
}
}  // namespace

struct PolygonIndex::CellGrid {
    bool usable = true;                                      // false: some geometry was not polygonal
    std::vector<bool> crossed;                               // cells that a boundary touches
    std::unordered_map<std::uint32_t, std::int64_t> answers; // untouched cell -> polygon or no_polygon

    // Marks every cell that the segment a-b touches, with a margin far above rounding error, so
    // that a segment along a cell edge marks the cells on both sides.
    void mark_segment(double ax, double ay, double bx, double by) {
        constexpr double margin = 1e-9;
        const double x0 = std::min(ax, bx) - margin, x1 = std::max(ax, bx) + margin;
        for (std::uint32_t c = column_of(x0), last = column_of(x1); c <= last; ++c) {
            double y0 = std::min(ay, by), y1 = std::max(ay, by);
            if (ax != bx) {  // the segment's latitudes within this column
                const double west = std::max(x0, -180 + c * cell_deg), east = std::min(x1, -180 + (c + 1) * cell_deg);
                const double ya = ay + std::clamp((west - ax) / (bx - ax), 0.0, 1.0) * (by - ay);
                const double yb = ay + std::clamp((east - ax) / (bx - ax), 0.0, 1.0) * (by - ay);
                y0 = std::min(ya, yb);
                y1 = std::max(ya, yb);
            }
            for (std::uint32_t r = row_of(y0 - margin), top = row_of(y1 + margin); r <= top; ++r) crossed[r * cell_columns + c] = true;
        }
    }

    void mark_ring(GEOSContextHandle_t ctx, const GEOSGeometry* ring) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
        unsigned int size = 0;
        if (seq == nullptr || GEOSCoordSeq_getSize_r(ctx, seq, &size) == 0) {
            usable = false;
            return;
        }
        std::vector<double> xy(std::size_t{size} * 2);
        if (size > 0 && GEOSCoordSeq_copyToBuffer_r(ctx, seq, xy.data(), 0, 0) == 0) {
            usable = false;
            return;
        }
        for (std::size_t i = 1; i < size; ++i) mark_segment(xy[2 * i - 2], xy[2 * i - 1], xy[2 * i], xy[2 * i + 1]);
    }

    void mark_boundary(GEOSContextHandle_t ctx, const GEOSGeometry* g) {
        switch (GEOSGeomTypeId_r(ctx, g)) {
        case GEOS_POLYGON:
            mark_ring(ctx, GEOSGetExteriorRing_r(ctx, g));
            for (int i = 0, n = GEOSGetNumInteriorRings_r(ctx, g); i < n; ++i) mark_ring(ctx, GEOSGetInteriorRingN_r(ctx, g, i));
            return;
        case GEOS_MULTIPOLYGON:
        case GEOS_GEOMETRYCOLLECTION:
            for (int i = 0, n = GEOSGetNumGeometries_r(ctx, g); i < n; ++i) mark_boundary(ctx, GEOSGetGeometryN_r(ctx, g, i));
            return;
        default:
            usable = false;  // a point or line covers no cell: keep to the plain test
        }
    }
};

struct PolygonIndex::Tree {
    bgi::rtree<Entry, bgi::rstar<16>> rtree;
    std::unique_ptr<CellGrid> cells;  // made at the first lookup
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

PolygonIndex::CellGrid& PolygonIndex::cell_grid() const {
    if (!tree_->cells) {
        auto grid = std::make_unique<CellGrid>();
        grid->crossed.assign(std::size_t{cell_columns} * cell_rows, false);
        for (const GeosGeometryPtr& polygon : polygons_) grid->mark_boundary(ctx_, polygon.get());
        tree_->cells = std::move(grid);
    }
    return *tree_->cells;
}

std::optional<std::size_t> PolygonIndex::containing(LonLat p) const {
    if (!is_valid(p)) return std::nullopt;
    const std::uint32_t cell = row_of(p.lat_deg) * cell_columns + column_of(p.lon_deg);
    CellGrid& grid = cell_grid();
    if (grid.usable && !grid.crossed[cell] && bg::covered_by(Point(p.lon_deg, p.lat_deg), cell_box(cell))) {
        const auto [known, added] = grid.answers.try_emplace(cell, no_polygon);
        if (added)
            if (const auto found = test_point(p)) known->second = static_cast<std::int64_t>(*found);
        if (known->second == no_polygon) return std::nullopt;
        return static_cast<std::size_t>(known->second);
    }
    return test_point(p);
}

std::optional<std::size_t> PolygonIndex::test_point(LonLat p) const {
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
    // Distances are in degrees of the lon/lat plane. A degree of latitude is km_per_degree, so the
    // window is widened by 1/cos(latitude) to hold max_km east-west. The winner is checked on the sphere.
    const double window_deg = max_km / km_per_degree / std::max(0.05, std::cos(p.lat_deg * std::numbers::pi / 180));
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
    // A straight line of d degrees in the lon/lat plane is at most d * km_per_degree long on the
    // sphere, and the great circle no longer: then there is no need to find the nearest point,
    // which GEOS does without an index (a long coastline costs milliseconds).
    if (best_deg * km_per_degree <= max_km) return found;
    GEOSCoordSequence* nearest = GEOSPreparedNearestPoints_r(ctx_, prepared_[*found].get(), point.get());
    double x = 0, y = 0;
    if (nearest == nullptr) return std::nullopt;
    GEOSCoordSeq_getXY_r(ctx_, nearest, 0, &x, &y);
    GEOSCoordSeq_destroy_r(ctx_, nearest);
    return haversine_km(p, {x, y}) <= max_km ? found : std::nullopt;
}

}  // namespace incimap
