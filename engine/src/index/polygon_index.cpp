#include "incimap/index/polygon_index.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <mutex>
#include <new>
#include <numbers>
#include <utility>

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
constexpr std::size_t cell_count = std::size_t{cell_columns} * cell_rows;
// A cell's kept answer: polygon + 1, no_polygon, or not_known yet (zero, so that a fresh
// allocation from calloc needs no writing and its untouched pages no memory).
constexpr std::int32_t not_known = 0;
constexpr std::int32_t no_polygon = -1;

std::uint32_t column_of(double lon) { return static_cast<std::uint32_t>(std::clamp(std::floor((lon + 180) / cell_deg), 0.0, double(cell_columns - 1))); }
std::uint32_t row_of(double lat) { return static_cast<std::uint32_t>(std::clamp(std::floor((lat + 90) / cell_deg), 0.0, double(cell_rows - 1))); }

Box cell_box(std::uint32_t cell) {
    const double west = -180 + (cell % cell_columns) * cell_deg, south = -90 + (cell / cell_columns) * cell_deg;
    return Box(Point(west, south), Point(west + cell_deg, south + cell_deg));
}

// The rings of a Polygon or MultiPolygon as flat x, y runs (each ring closed), or false for any
// other geometry.
bool collect_rings(GEOSContextHandle_t ctx, const GEOSGeometry* g, std::vector<std::vector<double>>& rings) {
    const auto add_ring = [&](const GEOSGeometry* ring) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
        unsigned int size = 0;
        if (seq == nullptr || GEOSCoordSeq_getSize_r(ctx, seq, &size) == 0) return false;
        std::vector<double> xy(std::size_t{size} * 2);
        if (size > 0 && GEOSCoordSeq_copyToBuffer_r(ctx, seq, xy.data(), 0, 0) == 0) return false;
        rings.push_back(std::move(xy));
        return true;
    };
    switch (GEOSGeomTypeId_r(ctx, g)) {
    case GEOS_POLYGON:
        if (!add_ring(GEOSGetExteriorRing_r(ctx, g))) return false;
        for (int i = 0, n = GEOSGetNumInteriorRings_r(ctx, g); i < n; ++i)
            if (!add_ring(GEOSGetInteriorRingN_r(ctx, g, i))) return false;
        return true;
    case GEOS_MULTIPOLYGON:
        for (int i = 0, n = GEOSGetNumGeometries_r(ctx, g); i < n; ++i)
            if (!collect_rings(ctx, GEOSGetGeometryN_r(ctx, g, i), rings)) return false;
        return true;
    default:
        return false;
    }
}

// The sign of the turn a -> b -> q (1 left, -1 right, 0 straight), as GEOS's
// Orientation::index decides it: a double-precision estimate when its error bound allows, else
// the determinant in extended precision.
int orientation(double ax, double ay, double bx, double by, double qx, double qy) {
    const double left = (ax - qx) * (by - qy), right = (ay - qy) * (bx - qx), det = left - right;
    double sum = 0;
    if (left > 0) {
        if (right <= 0) return (det > 0) - (det < 0);
        sum = left + right;
    } else if (left < 0) {
        if (right >= 0) return (det > 0) - (det < 0);
        sum = -left - right;
    } else {
        return (det > 0) - (det < 0);
    }
    if (det >= 1e-15 * sum || -det >= 1e-15 * sum) return (det > 0) - (det < 0);
    const __float128 dx1 = __float128(bx) - ax, dy1 = __float128(by) - ay, dx2 = __float128(qx) - bx, dy2 = __float128(qy) - by;
    const __float128 d = dx1 * dy2 - dy1 * dx2;
    return (d > 0) - (d < 0);
}

// GEOS's Coordinate::distance, to the last bit.
double plane_distance(double ax, double ay, double bx, double by) {
    const double dx = ax - bx, dy = ay - by;
    return std::sqrt(dx * dx + dy * dy);
}

// GEOS's Distance::pointToSegment, in the lon/lat plane.
double point_to_segment(double px, double py, double ax, double ay, double bx, double by) {
    if (ax == bx && ay == by) return plane_distance(px, py, ax, ay);
    const double len2 = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
    const double r = ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2;
    if (r <= 0.0) return plane_distance(px, py, ax, ay);
    if (r >= 1.0) return plane_distance(px, py, bx, by);
    const double s = ((ay - py) * (bx - ax) - (ax - px) * (by - ay)) / len2;
    return std::fabs(s) * std::sqrt(len2);
}

// GEOS's LineSegment::closestPoint.
LonLat closest_on_segment(double px, double py, double ax, double ay, double bx, double by) {
    const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const double r = len2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
    if (r > 0 && r < 1) return {ax + r * dx, ay + r * dy};
    return plane_distance(px, py, ax, ay) < plane_distance(px, py, bx, by) ? LonLat{ax, ay} : LonLat{bx, by};
}
}  // namespace

// One polygon's edges, listed by the rows of grid cells their latitudes span, so that a point
// meets only the edges near its latitude. Answers are GEOS's for a prepared polygon (its
// IndexedPointInAreaLocator), computed without GEOS: the structure is read-only once made, so
// lookups from many threads need no lock.
struct PolygonIndex::Shape {
    std::vector<double> xy;                 // all rings' vertices; an edge starts at an even index
    std::vector<std::uint32_t> row_start;   // edges of row first_row + r: row_edges[row_start[r] ..)
    std::vector<std::uint32_t> row_edges;   // start index (in vertices) of each edge
    std::uint32_t first_row = 0;
    bool areal = true;                      // false: not a (multi)polygon; GEOS answers instead

    Shape(GEOSContextHandle_t ctx, const GEOSGeometry* g) {
        std::vector<std::vector<double>> rings;
        if (!collect_rings(ctx, g, rings)) {
            areal = false;
            return;
        }
        std::vector<std::uint32_t> starts;  // edge start vertices
        for (const std::vector<double>& ring : rings) {
            const auto base = static_cast<std::uint32_t>(xy.size() / 2);
            xy.insert(xy.end(), ring.begin(), ring.end());
            for (std::uint32_t i = 0; i + 1 < ring.size() / 2; ++i) starts.push_back(base + i);
        }
        if (starts.empty()) return;
        std::uint32_t last_row = 0;
        first_row = cell_rows;
        for (std::uint32_t e : starts) {
            const auto [low, high] = rows_of(e);
            first_row = std::min(first_row, low);
            last_row = std::max(last_row, high);
        }
        // Counting, then filling: each edge once in every row its latitudes span.
        row_start.assign(last_row - first_row + 2, 0);
        for (std::uint32_t e : starts) {
            const auto [low, high] = rows_of(e);
            for (std::uint32_t r = low; r <= high; ++r) ++row_start[r - first_row + 1];
        }
        for (std::size_t r = 1; r < row_start.size(); ++r) row_start[r] += row_start[r - 1];
        row_edges.resize(row_start.back());
        std::vector<std::uint32_t> next(row_start.begin(), row_start.end() - 1);
        for (std::uint32_t e : starts) {
            const auto [low, high] = rows_of(e);
            for (std::uint32_t r = low; r <= high; ++r) row_edges[next[r - first_row]++] = e;
        }
    }

    std::pair<std::uint32_t, std::uint32_t> rows_of(std::uint32_t e) const {
        const double y0 = xy[2 * e + 1], y1 = xy[2 * e + 3];
        return {row_of(std::min(y0, y1)), row_of(std::max(y0, y1))};
    }

    // The edges of the rows from `low` to `high` (some more than once when they span rows).
    template <typename Visit>
    void edges_in_rows(std::uint32_t low, std::uint32_t high, Visit visit) const {
        if (row_start.empty()) return;
        const std::uint32_t last = first_row + static_cast<std::uint32_t>(row_start.size()) - 2;
        for (std::uint32_t r = std::max(low, first_row); r <= std::min(high, last); ++r)
            for (std::uint32_t k = row_start[r - first_row]; k < row_start[r - first_row + 1]; ++k) {
                const double* v = &xy[2 * std::size_t{row_edges[k]}];
                visit(v[0], v[1], v[2], v[3]);
            }
    }

    // GEOS's RayCrossingCounter over the edges near the point's latitude: on the boundary counts
    // as covered, else the parity of the edges crossing a ray going east.
    bool covers(LonLat p) const {
        const double px = p.lon_deg, py = p.lat_deg;
        bool on_boundary = false;
        std::uint32_t crossings = 0;
        const std::uint32_t row = row_of(py);
        // an edge meets the ray only if its latitudes span the point's: it is in the point's row
        edges_in_rows(row, row, [&](double x1, double y1, double x2, double y2) {
            if (on_boundary || (x1 < px && x2 < px)) return;
            if (px == x2 && py == y2) {
                on_boundary = true;
                return;
            }
            if (y1 == py && y2 == py) {
                if (px >= std::min(x1, x2) && px <= std::max(x1, x2)) on_boundary = true;
                return;
            }
            if ((y1 > py && y2 <= py) || (y2 > py && y1 <= py)) {
                int sign = orientation(x1, y1, x2, y2, px, py);
                if (sign == 0) {
                    on_boundary = true;
                    return;
                }
                if (y2 < y1) sign = -sign;
                if (sign > 0) ++crossings;
            }
        });
        return on_boundary || crossings % 2 == 1;
    }

    // The nearest point of the boundary, and its planar distance, among the edges that reach
    // into the square of `window` degrees around `p`; none when no edge does. (Edges outside the
    // square are farther than `window`.)
    std::optional<std::pair<double, LonLat>> nearest_edge(LonLat p, double window) const {
        std::optional<std::pair<double, LonLat>> best;
        double ax = 0, ay = 0, bx = 0, by = 0;
        edges_in_rows(row_of(p.lat_deg - window), row_of(p.lat_deg + window), [&](double x1, double y1, double x2, double y2) {
            if (std::max(x1, x2) < p.lon_deg - window || std::min(x1, x2) > p.lon_deg + window) return;
            const double d = point_to_segment(p.lon_deg, p.lat_deg, x1, y1, x2, y2);
            if (!best || d < best->first) {
                best = {d, {}};
                ax = x1, ay = y1, bx = x2, by = y2;
            }
        });
        if (best) best->second = closest_on_segment(p.lon_deg, p.lat_deg, ax, ay, bx, by);
        return best;
    }
};

struct PolygonIndex::CellGrid {
    bool usable = true;        // false: some geometry was not polygonal
    std::vector<bool> crossed; // cells that a boundary touches
    // untouched cell -> kept answer; written by whichever lookup first finds it (the same value
    // whoever finds it), read and written through atomic_ref
    std::unique_ptr<std::int32_t[], decltype(&std::free)> answers{nullptr, &std::free};

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

    void mark_boundary(GEOSContextHandle_t ctx, const GEOSGeometry* g) {
        if (GEOSGeomTypeId_r(ctx, g) == GEOS_GEOMETRYCOLLECTION) {
            for (int i = 0, n = GEOSGetNumGeometries_r(ctx, g); i < n; ++i) mark_boundary(ctx, GEOSGetGeometryN_r(ctx, g, i));
            return;
        }
        std::vector<std::vector<double>> rings;
        if (!collect_rings(ctx, g, rings)) {
            usable = false;  // a point or line covers no cell: keep to the plain test
            return;
        }
        for (const std::vector<double>& xy : rings)
            for (std::size_t i = 2; i + 1 < xy.size(); i += 2) mark_segment(xy[i - 2], xy[i - 1], xy[i], xy[i + 1]);
    }
};

struct PolygonIndex::Tree {
    bgi::rtree<Entry, bgi::rstar<16>> rtree;
    std::once_flag cells_made;
    std::unique_ptr<CellGrid> cells;                 // made at the first lookup
    std::unique_ptr<std::once_flag[]> shapes_made;   // shape i made at the first lookup that needs it
    std::vector<std::unique_ptr<Shape>> shapes;
    std::mutex geos_lookups;                         // for polygons that are not (multi)polygons
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
    tree_->shapes_made = std::make_unique<std::once_flag[]>(polygons_.size());
    tree_->shapes.resize(polygons_.size());
}

PolygonIndex::~PolygonIndex() = default;
PolygonIndex::PolygonIndex(PolygonIndex&&) noexcept = default;
PolygonIndex& PolygonIndex::operator=(PolygonIndex&&) noexcept = default;

PolygonIndex::CellGrid& PolygonIndex::cell_grid() const {
    std::call_once(tree_->cells_made, [&] {
        auto grid = std::make_unique<CellGrid>();
        grid->crossed.assign(cell_count, false);
        for (const GeosGeometryPtr& polygon : polygons_) grid->mark_boundary(ctx_, polygon.get());
        grid->answers.reset(static_cast<std::int32_t*>(std::calloc(cell_count, sizeof(std::int32_t))));
        if (!grid->answers) throw std::bad_alloc();
        tree_->cells = std::move(grid);
    });
    return *tree_->cells;
}

const PolygonIndex::Shape& PolygonIndex::shape(std::size_t i) const {
    std::call_once(tree_->shapes_made[i], [&] { tree_->shapes[i] = std::make_unique<Shape>(ctx_, polygons_[i].get()); });
    return *tree_->shapes[i];
}

bool PolygonIndex::covers(std::size_t i, LonLat p) const {
    const Shape& s = shape(i);
    if (s.areal) return s.covers(p);
    const std::lock_guard lock(tree_->geos_lookups);
    const GeosGeometryPtr point = make_point(ctx_, p.lon_deg, p.lat_deg);
    return GEOSPreparedIntersects_r(ctx_, prepared_[i].get(), point.get()) == 1;
}

std::optional<std::size_t> PolygonIndex::containing(LonLat p) const {
    if (!is_valid(p)) return std::nullopt;
    const std::uint32_t cell = row_of(p.lat_deg) * cell_columns + column_of(p.lon_deg);
    CellGrid& grid = cell_grid();
    if (grid.usable && !grid.crossed[cell] && bg::covered_by(Point(p.lon_deg, p.lat_deg), cell_box(cell))) {
        std::atomic_ref<std::int32_t> known(grid.answers[cell]);
        std::int32_t answer = known.load(std::memory_order_relaxed);
        if (answer == not_known) {
            const auto found = test_point(p);
            answer = found ? static_cast<std::int32_t>(*found) + 1 : no_polygon;
            known.store(answer, std::memory_order_relaxed);
        }
        if (answer == no_polygon) return std::nullopt;
        return static_cast<std::size_t>(answer - 1);
    }
    return test_point(p);
}

std::optional<std::size_t> PolygonIndex::test_point(LonLat p) const {
    // Candidates in the given order: the first hit ends the search.
    thread_local std::vector<std::size_t> candidates;
    candidates.clear();
    const Point q(p.lon_deg, p.lat_deg);
    for (auto it = tree_->rtree.qbegin(bgi::intersects(q)); it != tree_->rtree.qend(); ++it) candidates.push_back(it->second);
    std::sort(candidates.begin(), candidates.end());
    for (std::size_t c : candidates)
        if (covers(c, p)) return c;
    return std::nullopt;
}

std::optional<std::size_t> PolygonIndex::nearest_within(LonLat p, double max_km) const {
    if (!is_valid(p) || !(max_km > 0)) return std::nullopt;
    // Distances are in degrees of the lon/lat plane. A degree of latitude is km_per_degree, so the
    // window is widened by 1/cos(latitude) to hold max_km east-west. The winner is checked on the sphere.
    const double window_deg = max_km / km_per_degree / std::max(0.05, std::cos(p.lat_deg * std::numbers::pi / 180));
    const Box window(Point(p.lon_deg - window_deg, p.lat_deg - window_deg), Point(p.lon_deg + window_deg, p.lat_deg + window_deg));
    std::optional<std::size_t> found;
    LonLat nearest;
    double best_deg = window_deg;
    for (auto it = tree_->rtree.qbegin(bgi::intersects(window)); it != tree_->rtree.qend(); ++it) {
        double d = 0;
        LonLat at = p;
        if (const Shape& s = shape(it->second); !s.areal) {
            const std::lock_guard lock(tree_->geos_lookups);
            const GeosGeometryPtr point = make_point(ctx_, p.lon_deg, p.lat_deg);
            if (GEOSPreparedDistance_r(ctx_, prepared_[it->second].get(), point.get(), &d) != 1) continue;
            at = {std::nan(""), std::nan("")};  // found below, if needed
        } else if (!s.covers(p)) {
            // edges farther than the window cannot beat it
            const auto edge = s.nearest_edge(p, window_deg);
            if (!edge) continue;
            d = edge->first;
            at = edge->second;
        }
        if (d < best_deg || (d == best_deg && found && it->second < *found)) {
            best_deg = d;
            found = it->second;
            nearest = at;
        }
    }
    if (!found) return std::nullopt;
    // A straight line of d degrees in the lon/lat plane is at most d * km_per_degree long on the
    // sphere, and the great circle no longer: then there is no need to find the nearest point.
    if (best_deg * km_per_degree <= max_km) return found;
    if (std::isnan(nearest.lon_deg)) {
        const std::lock_guard lock(tree_->geos_lookups);
        const GeosGeometryPtr point = make_point(ctx_, p.lon_deg, p.lat_deg);
        GEOSCoordSequence* seq = GEOSPreparedNearestPoints_r(ctx_, prepared_[*found].get(), point.get());
        if (seq == nullptr) return std::nullopt;
        GEOSCoordSeq_getXY_r(ctx_, seq, 0, &nearest.lon_deg, &nearest.lat_deg);
        GEOSCoordSeq_destroy_r(ctx_, seq);
    }
    return haversine_km(p, nearest) <= max_km ? found : std::nullopt;
}

}  // namespace incimap
