#include "incimap/render/density.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <thread>

#include "incimap/core/error.hpp"

namespace incimap {

namespace {

constexpr double deg = std::numbers::pi / 180;

// Adds one incident's kernel to a band, for the rows [row_lo, row_hi) that one thread owns.
// Every thread sees the whole window when it normalises, so the values do not depend on how
// the rows are shared out.
class Splatter {
public:
    Splatter(const CellGeometry& cells, const DensityParams& params)
        : cells_(cells), kernel_(params.kernel), h2_(params.bandwidth_km * params.bandwidth_km),
          support_km_(params.bandwidth_km * kernel_support(params.kernel)),
          // The chord and the arc differ by (d/R)²/24: under 0.01% within 300 km.
          use_arc_(support_km_ > 300), width_(cells.grid().width) {}

    void add(const DensityPoint& p, float* band, float* imprecise, int row_lo, int row_hi) {
        const double lat = p.position.lat_deg * deg, lon = p.position.lon_deg * deg;
        const std::array<double, 3> u{std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
        const std::vector<CellWindow> windows = cells_.windows(p.position, support_km_);
        bool clipped = windows.empty();
        double sum = 0;  // the kernel's integral over the cells it covers
        for (const CellWindow& w : windows) {
            clipped |= w.clipped;
            visit(w, u, w.row_begin, w.row_end, [&](std::size_t, double v, int r, int c) { sum += v * area(r, c); });
        }
        if (sum <= 0) {  // narrower than a cell: the whole weight in the cell that holds it
            if (const auto cell = cells_.cell_of(p.position); cell && cell->first >= row_lo && cell->first < row_hi) {
                const std::size_t k = static_cast<std::size_t>(cell->first) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(cell->second);
                const float d = static_cast<float>(p.weight / area(cell->first, cell->second));
                band[k] += d;
                if (p.imprecise) imprecise[k] += d;
            }
            return;
        }
        const double scale = clipped ? p.weight / h2_ : p.weight / sum;
        for (const CellWindow& w : windows)
            visit(w, u, std::max(row_lo, w.row_begin), std::min(row_hi, w.row_end), [&](std::size_t k, double v, int, int) {
                const float d = static_cast<float>(v * scale);
                band[k] += d;
                if (p.imprecise) imprecise[k] += d;
            });
    }

    double support_km() const { return support_km_; }

private:
    double area(int r, int c) const {
        if (cells_.separable())
            return cells_.row_area_per_rad()[static_cast<std::size_t>(r)] * cells_.column_width_rad()[static_cast<std::size_t>(c)];
        return cells_.area_km2(r, c);
    }

    // Calls on_cell(index, kernel value, row, col) for the window's cells in [row_begin, row_end)
    // that the kernel reaches.
    template <typename OnCell>
    void visit(const CellWindow& w, const std::array<double, 3>& u, int row_begin, int row_end, OnCell on_cell) {
        auto value = [&](double chord2) {
            double d2 = chord2 * earth_radius_km * earth_radius_km;
            if (use_arc_) {
                const double arc = 2 * earth_radius_km * std::asin(std::min(1.0, std::sqrt(chord2) / 2));
                d2 = arc * arc;
            }
            return kernel_value(kernel_, d2 / h2_);
        };
        if (cells_.separable()) {
            // cos of the angle between two points = cos φ1 cos φ2 cos(λ1 - λ2) + sin φ1 sin φ2,
            // with cos(λ1 - λ2) worked out once per column.
            const double cos_lat = std::sqrt(u[0] * u[0] + u[1] * u[1]);
            const double cos_lon = cos_lat > 0 ? u[0] / cos_lat : 1, sin_lon = cos_lat > 0 ? u[1] / cos_lat : 0;
            column_cos_.resize(static_cast<std::size_t>(w.col_end - w.col_begin));
            for (int c = w.col_begin; c < w.col_end; ++c)
                column_cos_[static_cast<std::size_t>(c - w.col_begin)] =
                    cells_.column_cos()[static_cast<std::size_t>(c)] * cos_lon + cells_.column_sin()[static_cast<std::size_t>(c)] * sin_lon;
            for (int r = row_begin; r < row_end; ++r) {
                const double a = cells_.row_cos()[static_cast<std::size_t>(r)] * cos_lat, b = cells_.row_sin()[static_cast<std::size_t>(r)] * u[2];
                const std::size_t row_start = static_cast<std::size_t>(r) * static_cast<std::size_t>(width_);
                for (int c = w.col_begin; c < w.col_end; ++c) {
                    const double chord2 = 2 - 2 * (a * column_cos_[static_cast<std::size_t>(c - w.col_begin)] + b);
                    if (const double v = value(std::max(0.0, chord2)); v > 0) on_cell(row_start + static_cast<std::size_t>(c), v, r, c);
                }
            }
            return;
        }
        for (int r = row_begin; r < row_end; ++r)
            for (int c = w.col_begin; c < w.col_end; ++c) {
                const auto cu = cells_.unit(r, c);
                if (!std::isfinite(cu[0])) continue;
                const double dx = cu[0] - u[0], dy = cu[1] - u[1], dz = cu[2] - u[2];
                if (const double v = value(dx * dx + dy * dy + dz * dz); v > 0)
                    on_cell(static_cast<std::size_t>(r) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(c), v, r, c);
            }
    }

    const CellGeometry& cells_;
    Kernel kernel_;
    double h2_, support_km_;
    bool use_arc_;
    int width_;
    std::vector<double> column_cos_;
};

// The outer and inner rings of a polygon or multipolygon, as lon/lat vertex lists.
std::vector<std::vector<LonLat>> rings_of(GEOSContextHandle_t ctx, const GEOSGeometry* g) {
    std::vector<std::vector<LonLat>> rings;
    auto add_ring = [&](const GEOSGeometry* ring) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, ring);
        unsigned size = 0;
        GEOSCoordSeq_getSize_r(ctx, seq, &size);
        std::vector<LonLat> pts(size);
        for (unsigned i = 0; i < size; ++i) GEOSCoordSeq_getXY_r(ctx, seq, i, &pts[i].lon_deg, &pts[i].lat_deg);
        rings.push_back(std::move(pts));
    };
    auto add_polygon = [&](const GEOSGeometry* poly) {
        if (GEOSGeomTypeId_r(ctx, poly) != GEOS_POLYGON) return;
        add_ring(GEOSGetExteriorRing_r(ctx, poly));
        for (int i = 0; i < GEOSGetNumInteriorRings_r(ctx, poly); ++i) add_ring(GEOSGetInteriorRingN_r(ctx, poly, i));
    };
    if (GEOSGeomTypeId_r(ctx, g) == GEOS_POLYGON) add_polygon(g);
    else
        for (int i = 0; i < GEOSGetNumGeometries_r(ctx, g); ++i) add_polygon(GEOSGetGeometryN_r(ctx, g, i));
    return rings;
}

// The cells whose centres lie inside the polygon (even-odd rule over all rings).
std::vector<std::size_t> cells_inside(const CellGeometry& cells, GEOSContextHandle_t ctx, const GEOSGeometry* polygon) {
    const GridSpec& grid = cells.grid();
    std::vector<std::size_t> inside;
    if (cells.separable()) {
        // Scanline fill along each row's parallel: where the rings' edges cross it.
        const std::vector<double>& lat = cells.row_lat();
        const std::vector<double>& lon = cells.column_lon();
        std::map<int, std::vector<double>> crossings;
        for (const auto& ring : rings_of(ctx, polygon))
            for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
                const LonLat a = ring[i], b = ring[i + 1];
                if (a.lat_deg == b.lat_deg) continue;
                const double lo = std::min(a.lat_deg, b.lat_deg), hi = std::max(a.lat_deg, b.lat_deg);
                // rows with lo <= lat < hi; rows run north to south
                const auto first = std::partition_point(lat.begin(), lat.end(), [&](double v) { return v >= hi; });
                const auto last = std::partition_point(first, lat.end(), [&](double v) { return v >= lo; });
                for (auto it = first; it != last; ++it)
                    crossings[static_cast<int>(it - lat.begin())].push_back(
                        a.lon_deg + (*it - a.lat_deg) * (b.lon_deg - a.lon_deg) / (b.lat_deg - a.lat_deg));
            }
        for (auto& [row, xs] : crossings) {
            std::sort(xs.begin(), xs.end());
            for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
                const auto c0 = std::lower_bound(lon.begin(), lon.end(), xs[i]) - lon.begin();
                const auto c1 = std::lower_bound(lon.begin(), lon.end(), xs[i + 1]) - lon.begin();
                for (auto c = c0; c < c1; ++c)
                    inside.push_back(static_cast<std::size_t>(row) * static_cast<std::size_t>(grid.width) + static_cast<std::size_t>(c));
            }
        }
        return inside;
    }
    // Other projections: each cell's centre against the prepared polygon, within its envelope.
    double minx = 0, miny = 0, maxx = 0, maxy = 0;
    GEOSGeom_getXMin_r(ctx, polygon, &minx);
    GEOSGeom_getYMin_r(ctx, polygon, &miny);
    GEOSGeom_getXMax_r(ctx, polygon, &maxx);
    GEOSGeom_getYMax_r(ctx, polygon, &maxy);
    const GeosPreparedPtr prepared(GEOSPrepare_r(ctx, polygon), GeosPreparedDeleter{ctx});
    for (int r = 0; r < grid.height; ++r)
        for (int c = 0; c < grid.width; ++c) {
            if (!std::isfinite(cells.unit(r, c)[0])) continue;
            const LonLat p = cells.centre(r, c);
            if (p.lon_deg < minx || p.lon_deg > maxx || p.lat_deg < miny || p.lat_deg > maxy) continue;
            const GeosGeometryPtr pt(GEOSGeom_createPointFromXY_r(ctx, p.lon_deg, p.lat_deg), GeosGeometryDeleter{ctx});
            if (GEOSPreparedContains_r(ctx, prepared.get(), pt.get()) == 1)
                inside.push_back(static_cast<std::size_t>(r) * static_cast<std::size_t>(grid.width) + static_cast<std::size_t>(c));
        }
    return inside;
}

}  // namespace

double spherical_area_km2(GEOSContextHandle_t ctx, const GEOSGeometry* polygon) {
    // Each edge sweeps the band between itself and a pole (Chamberlain and Duquette, 2007); the
    // first ring of a polygon is its outline, the others holes.
    double area = 0;
    auto add_polygon = [&](const GEOSGeometry* poly) {
        const auto rings = rings_of(ctx, poly);
        for (std::size_t r = 0; r < rings.size(); ++r) {
            double sum = 0;
            for (std::size_t i = 0; i + 1 < rings[r].size(); ++i)
                sum += (rings[r][i + 1].lon_deg - rings[r][i].lon_deg) * deg *
                       (2 + std::sin(rings[r][i].lat_deg * deg) + std::sin(rings[r][i + 1].lat_deg * deg));
            area += (r == 0 ? 1 : -1) * std::fabs(sum) * earth_radius_km * earth_radius_km / 2;
        }
    };
    if (GEOSGeomTypeId_r(ctx, polygon) == GEOS_POLYGON) add_polygon(polygon);
    else
        for (int i = 0; i < GEOSGetNumGeometries_r(ctx, polygon); ++i) add_polygon(GEOSGetGeometryN_r(ctx, polygon, i));
    return area;
}

void check(const DensityParams& params) {
    if (!(params.bandwidth_km > 0) || !std::isfinite(params.bandwidth_km)) throw UsageError("--bandwidth-km must be a number more than 0");
}

std::size_t density_bytes(const GridSpec& grid) {
    return static_cast<std::size_t>(grid.width) * static_cast<std::size_t>(grid.height) * 3 * sizeof(float);
}

DensityBands compute_density(const CellGeometry& cells, const std::vector<DensityPoint>& points, const DensityParams& params,
                             GEOSContextHandle_t ctx) {
    check(params);
    const GridSpec& grid = cells.grid();
    const std::size_t n = static_cast<std::size_t>(grid.width) * static_cast<std::size_t>(grid.height);
    DensityBands out;
    out.grid = grid;
    out.domestic.assign(n, 0);
    out.transnational.assign(n, 0);
    std::vector<float> imprecise(n, 0);

    // Which incidents take a kernel, and which are spread over a footprint (grouped by polygon
    // and class, in order of first appearance, so that each polygon is filled once).
    std::vector<const DensityPoint*> kernels;
    struct Group {
        const GEOSGeometry* footprint;
        bool domestic;
        double weight = 0;
        std::vector<const DensityPoint*> members;
        double area_km2 = 0;  // known beforehand, else measured on the grid
    };
    std::vector<Group> groups;
    std::map<std::pair<const GEOSGeometry*, bool>, std::size_t> group_of;
    for (const DensityPoint& p : points) {
        if (p.imprecise && params.imprecise == ImpreciseMode::drop) {
            ++out.dropped;
        } else if (p.imprecise && params.imprecise == ImpreciseMode::spread && p.footprint != nullptr) {
            const auto [it, fresh] = group_of.emplace(std::pair{p.footprint, p.domestic}, groups.size());
            if (fresh) groups.push_back({p.footprint, p.domestic, 0, {}, p.footprint_area_km2});
            groups[it->second].weight += p.weight;
            groups[it->second].members.push_back(&p);
        } else {
            kernels.push_back(&p);
        }
    }

    unsigned threads = params.threads ? params.threads : std::max(1u, std::thread::hardware_concurrency());
    threads = std::min<unsigned>(threads, static_cast<unsigned>(grid.height));
    auto run_rows = [&](int row_lo, int row_hi) {
        Splatter splatter(cells, params);
        for (const DensityPoint* p : kernels)
            splatter.add(*p, p->domestic ? out.domestic.data() : out.transnational.data(), imprecise.data(), row_lo, row_hi);
    };
    if (threads <= 1) {
        run_rows(0, grid.height);
    } else {
        std::vector<std::jthread> pool;
        for (unsigned t = 0; t < threads; ++t)
            pool.emplace_back(run_rows, static_cast<int>(grid.height * t / threads), static_cast<int>(grid.height * (t + 1) / threads));
    }

    Splatter fallback(cells, params);
    for (const Group& g : groups) {
        const std::vector<std::size_t> inside = cells_inside(cells, ctx, g.footprint);
        double area = g.area_km2;
        if (area <= 0)
            for (std::size_t k : inside) area += cells.area_km2(static_cast<int>(k / static_cast<std::size_t>(grid.width)), static_cast<int>(k % static_cast<std::size_t>(grid.width)));
        if (area <= 0) {  // the area holds no cell centre: a kernel at each geocode's point instead
            for (const DensityPoint* p : g.members)
                fallback.add(*p, p->domestic ? out.domestic.data() : out.transnational.data(), imprecise.data(), 0, grid.height);
            continue;
        }
        out.spread += g.members.size();
        std::vector<float>& band = g.domestic ? out.domestic : out.transnational;
        const auto d = static_cast<float>(g.weight / area);
        for (std::size_t k : inside) {
            band[k] += d;
            imprecise[k] += d;
        }
    }

    // The weight that landed on the grid, and the units asked for.
    double landed = 0;
    out.imprecise_share.assign(n, std::numeric_limits<float>::quiet_NaN());
    for (int r = 0; r < grid.height; ++r)
        for (int c = 0; c < grid.width; ++c) {
            const std::size_t k = static_cast<std::size_t>(r) * static_cast<std::size_t>(grid.width) + static_cast<std::size_t>(c);
            const double total = double(out.domestic[k]) + out.transnational[k];
            if (total <= 0) continue;
            const double area = cells.area_km2(r, c);
            landed += total * area;
            out.imprecise_share[k] = static_cast<float>(std::min(1.0, imprecise[k] / total));
            const double factor = params.units == DensityUnits::per_1000_km2 ? 1000 : area;
            out.domestic[k] = static_cast<float>(out.domestic[k] * factor);
            out.transnational[k] = static_cast<float>(out.transnational[k] * factor);
        }
    out.weight_in_grid = landed;
    for (const DensityPoint& p : points)
        if (!(p.imprecise && params.imprecise == ImpreciseMode::drop) && !cells.cell_of(p.position)) ++out.outside;
    return out;
}

}  // namespace incimap
