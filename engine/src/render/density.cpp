#include "incimap/render/density.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numbers>
#include <atomic>

#include "../core/parallel.hpp"
#include "binned_gaussian.hpp"
#include "large_buffer.hpp"
#include "incimap/core/error.hpp"

namespace incimap {

namespace {

constexpr double deg = std::numbers::pi / 180;

// Puts an incident's whole weight, as a density, into the cell that holds it (if that cell's row
// lies in [row_lo, row_hi)): the kernel of an incident narrower than its cell.
void add_in_own_cell(const CellGeometry& cells, const DensityPoint& p, float* band, float* imprecise, int row_lo, int row_hi) {
    const auto cell = cells.cell_of(p.position);
    if (!cell || cell->first < row_lo || cell->first >= row_hi) return;
    const std::size_t k = static_cast<std::size_t>(cell->first) * static_cast<std::size_t>(cells.grid().width) + static_cast<std::size_t>(cell->second);
    const auto d = static_cast<float>(p.weight / cells.area_km2(cell->first, cell->second));
    band[k] += d;
    if (p.imprecise) imprecise[k] += d;
}

// Adds one incident's kernel to a band, for the rows [row_lo, row_hi) that one thread owns.
// Every thread evaluates the whole window to normalise, so the values do not depend on how the
// rows are shared out.
class Splatter {
public:
    Splatter(const CellGeometry& cells, const DensityParams& params)
        : cells_(cells), kernel_(params.kernel), h2_(params.bandwidth_km * params.bandwidth_km),
          support_km_(params.bandwidth_km * kernel_support(params.kernel)),
          // The chord and the arc differ by (d/R)²/24: under 0.01% within 300 km.
          use_arc_(support_km_ > 300), width_(cells.grid().width) {}

    void add(const DensityPoint& p, float* band, float* imprecise, int row_lo, int row_hi) {
        const std::vector<CellWindow> windows = cells_.windows(p.position, support_km_);
        // Another thread's rows only (a kernel narrower than a cell falls in the cell of its point).
        const bool mine = std::any_of(windows.begin(), windows.end(), [&](const CellWindow& w) { return w.row_begin < row_hi && w.row_end > row_lo; });
        if (!mine && !windows.empty()) return;
        bool clipped = windows.empty();
        double sum = 0;  // the kernel's integral over the cells it covers
        values_.clear();
        for (const CellWindow& w : windows) {
            clipped |= w.clipped;
            sum += evaluate(w, p.position);
        }
        if (sum <= 0) {  // narrower than a cell: the whole weight in the cell that holds it
            add_in_own_cell(cells_, p, band, imprecise, row_lo, row_hi);
            return;
        }
        const auto scale = static_cast<float>(clipped ? p.weight / h2_ : p.weight / sum);
        std::size_t offset = 0;
        for (const CellWindow& w : windows) {
            const auto cols = static_cast<std::size_t>(w.col_end - w.col_begin);
            for (int r = std::max(row_lo, w.row_begin); r < std::min(row_hi, w.row_end); ++r) {
                const float* v = values_.data() + offset + static_cast<std::size_t>(r - w.row_begin) * cols;
                const std::size_t start = static_cast<std::size_t>(r) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(w.col_begin);
                add_scaled(band + start, v, scale, cols);
                if (p.imprecise) add_scaled(imprecise + start, v, scale, cols);
            }
            offset += cols * static_cast<std::size_t>(w.row_end - w.row_begin);
        }
    }

private:
    static void add_scaled(float* __restrict dst, const float* __restrict v, float scale, std::size_t n) {
        for (std::size_t c = 0; c < n; ++c) dst[c] += scale * v[c];
    }

    // Appends the kernel's values over the window (row by row) to values_; returns their
    // integral, the sum of value x cell area. The innermost kernel of the exact density, kept in
    // one piece so that its branches by grid kind and kernel stay outside the vectorised loops.
    double evaluate(const CellWindow& w, LonLat p) {
        const auto cols = static_cast<std::size_t>(w.col_end - w.col_begin);
        const double to_u2 = mean_earth_radius_km * mean_earth_radius_km / h2_;
        u2_.resize(cols);
        double sum = 0;
        if (cells_.separable()) {
            // Squared chord between two points: 4 sin²(Δφ/2) + 2 cos φ1 cos φ2 · 2 sin²(Δλ/2),
            // exact and well-conditioned for small distances; the column part once per window.
            const double lat = p.lat_deg * deg, lon = p.lon_deg * deg;
            const double sin_half_lon = std::sin(lon / 2), cos_half_lon = std::cos(lon / 2);
            const double sin_half_lat = std::sin(lat / 2), cos_half_lat = std::cos(lat / 2), cos_lat = std::cos(lat);
            column_term_.resize(cols);
            for (std::size_t c = 0; c < cols; ++c) {
                const auto k = static_cast<std::size_t>(w.col_begin) + c;
                const double s = cells_.column_half_sin()[k] * cos_half_lon - cells_.column_half_cos()[k] * sin_half_lon;
                column_term_[c] = static_cast<float>(2 * s * s);
            }
            const double* dlon = cells_.column_width_rad().data() + w.col_begin;
            // For the gaussian, e^(-u²/2) = e^(-a/2) e^(-b C/2) splits into a row and a column
            // factor but for b, which drifts by a percent or so across the window with cos φ of
            // the row: e^(-b C/2) = e^(-b0 C/2) e^(-(b - b0) C/2), the last factor by its Taylor
            // series (its exponent stays under 0.1, so four terms are good to 1e-5).
            const bool gaussian = kernel_ == Kernel::gaussian && !use_arc_;
            const double b0 = 2 * cos_lat * cos_lat * to_u2;
            if (gaussian) {
                column_exp_.resize(cols);
                u2_.resize(cols);
                for (std::size_t c = 0; c < cols; ++c) u2_[c] = static_cast<float>(b0 / 2) * column_term_[c];
                exp_negated(u2_.data(), static_cast<float>(1 / (2 * std::numbers::pi)), column_exp_.data(), cols);
            }
            for (int r = w.row_begin; r < w.row_end; ++r) {
                const auto k = static_cast<std::size_t>(r);
                const double s = cells_.row_half_sin()[k] * cos_half_lat - cells_.row_half_cos()[k] * sin_half_lat;
                const double a = 4 * s * s * to_u2, b = 2 * cells_.row_cos()[k] * cos_lat * to_u2;
                const std::size_t at = values_.size();
                values_.resize(at + cols);
                float* v = values_.data() + at;
                const auto af = static_cast<float>(a), bf = static_cast<float>(b);
                const float* ct = column_term_.data();
                if (gaussian) {
                    const auto row_exp = static_cast<float>(std::exp(-a / 2));
                    const auto drift = static_cast<float>(-(b - b0) / 2);
                    const float* ce = column_exp_.data();
                    for (std::size_t c = 0; c < cols; ++c) {
                        const float y = drift * ct[c];
                        v[c] = row_exp * ce[c] * (1 + y * (1 + y * (0.5f + y * (1.0f / 6)))) * static_cast<float>(af + bf * ct[c] < 16);
                    }
                } else {
                    u2_.resize(cols);
                    for (std::size_t c = 0; c < cols; ++c) u2_[c] = af + bf * ct[c];
                    finish_row(v, cols);
                }
                double row_sum = 0;
#pragma omp simd reduction(+ : row_sum)
                for (std::size_t c = 0; c < cols; ++c) row_sum += v[c] * dlon[c];
                sum += row_sum * cells_.row_area_per_rad()[static_cast<std::size_t>(r)];
            }
            return sum;
        }
        const double plat = p.lat_deg * deg, plon = p.lon_deg * deg;
        const std::array<double, 3> u{std::cos(plat) * std::cos(plon), std::cos(plat) * std::sin(plon), std::sin(plat)};
        for (int r = w.row_begin; r < w.row_end; ++r) {
            for (std::size_t c = 0; c < cols; ++c) {
                const auto cu = cells_.unit(r, w.col_begin + static_cast<int>(c));
                const double dx = cu[0] - u[0], dy = cu[1] - u[1], dz = cu[2] - u[2];
                // cells outside the projection's domain have no centre and take nothing
                u2_[c] = std::isfinite(cu[0]) ? static_cast<float>((dx * dx + dy * dy + dz * dz) * to_u2) : 1e30f;
            }
            const std::size_t at = values_.size();
            values_.resize(at + cols);
            finish_row(values_.data() + at, cols);
            for (std::size_t c = 0; c < cols; ++c)
                if (values_[at + c] > 0) sum += values_[at + c] * cells_.area_km2(r, w.col_begin + static_cast<int>(c));
        }
        return sum;
    }

    // Kernel values of one row from its squared chords in bandwidths (u2_).
    void finish_row(float* out, std::size_t n) {
        if (use_arc_)
            for (std::size_t c = 0; c < n; ++c) {
                if (u2_[c] >= 1e30f) continue;
                const double chord = std::sqrt(double(u2_[c]) * h2_) / mean_earth_radius_km;
                const double arc = 2 * std::asin(std::min(1.0, chord / 2)) * mean_earth_radius_km;
                u2_[c] = static_cast<float>(arc * arc / h2_);
            }
        kernel_values(kernel_, u2_.data(), out, n);
    }

    const CellGeometry& cells_;
    Kernel kernel_;
    double h2_, support_km_;
    bool use_arc_;
    int width_;
    std::vector<float> values_, u2_, column_term_, column_exp_;
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

// Whether every kernel is narrower than half the smallest side of any cell (separable grids).
bool kernel_within_own_cell(const CellGeometry& cells, const DensityParams& params) {
    if (!cells.separable() || cells.row_lat().size() < 2) return false;
    const double reach = params.bandwidth_km * kernel_support(params.kernel);
    const std::vector<double>& lat = cells.row_lat();
    const double narrowest_rad = *std::min_element(cells.column_width_rad().begin(), cells.column_width_rad().end());
    double smallest = 1e300;
    for (std::size_t r = 0; r < lat.size(); ++r) {
        smallest = std::min(smallest, mean_earth_radius_km * cells.row_cos()[r] * narrowest_rad);
        if (r + 1 < lat.size()) smallest = std::min(smallest, mean_earth_radius_km * (lat[r] - lat[r + 1]) * deg);
    }
    return reach < smallest / 2;
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
            area += (r == 0 ? 1 : -1) * std::fabs(sum) * mean_earth_radius_km * mean_earth_radius_km / 2;
        }
    };
    if (GEOSGeomTypeId_r(ctx, polygon) == GEOS_POLYGON) add_polygon(polygon);
    else
        for (int i = 0; i < GEOSGetNumGeometries_r(ctx, polygon); ++i) add_polygon(GEOSGetGeometryN_r(ctx, polygon, i));
    return area;
}

void check(const DensityParams& params) {
    if (!(params.bandwidth_km > 0) || !std::isfinite(params.bandwidth_km)) throw InvalidOption("heatmap.bandwidth_km", "must be a number more than 0");
}

namespace {

// Incidents spread over one footprint, of one class (grouped so that each polygon is filled once).
struct FootprintGroup {
    const GEOSGeometry* footprint;
    bool domestic;
    double weight = 0;
    std::vector<const DensityPoint*> members;
    double area_km2 = 0;  // known beforehand, else measured on the grid
};

// Which incidents take a kernel, and which are spread over a footprint (groups in order of first
// appearance); counts those dropped.
void sort_out(std::span<const DensityPoint* const> points, const DensityParams& params, std::vector<const DensityPoint*>& kernels,
              std::vector<FootprintGroup>& groups, std::size_t& dropped) {
    std::map<std::pair<const GEOSGeometry*, bool>, std::size_t> group_of;
    for (const DensityPoint* q : points) {
        const DensityPoint& p = *q;
        if (p.imprecise && params.imprecise == ImpreciseMode::drop) {
            ++dropped;
        } else if (p.imprecise && params.imprecise == ImpreciseMode::spread && p.footprint != nullptr) {
            const auto [it, fresh] = group_of.emplace(std::pair{p.footprint, p.domestic}, groups.size());
            if (fresh) groups.push_back({p.footprint, p.domestic, 0, {}, p.footprint_area_km2});
            groups[it->second].weight += p.weight;
            groups[it->second].members.push_back(&p);
        } else {
            kernels.push_back(&p);
        }
    }
}

// Adds every kernel to the bands, by the fastest path that gives the exact map's values (or the
// binned approximation when it pays).
void add_kernels(const CellGeometry& cells, std::vector<const DensityPoint*>& kernels, const DensityParams& params, DensityBands& out,
                 std::vector<float>& imprecise, unsigned threads) {
    const GridSpec& grid = cells.grid();
    if (kernel_within_own_cell(cells, params)) {
        // Kernels narrower than half of every cell reach no centre but their own cell's: the
        // weight goes whole into the cell that holds it, as the exact path would put it.
        for (const DensityPoint* p : kernels)
            add_in_own_cell(cells, *p, (p->domestic ? out.domestic : out.transnational).data(), imprecise.data(), 0, grid.height);
        return;
    }
    if (binned_gaussian_pays(cells, params, kernels.size())) {
        add_binned_gaussian(cells, kernels, params, out.domestic.data(), out.transnational.data(), imprecise.data(), threads);
        return;
    }
    // Kernels in the order of their cells (bands of 16 rows, then columns): neighbouring windows
    // overlap, so the band's cells they add to stay in cache. The order is the same for every
    // thread count, and so are the sums.
    std::vector<std::pair<std::uint64_t, const DensityPoint*>> keyed;
    keyed.reserve(kernels.size());
    for (const DensityPoint* p : kernels) {
        const auto cell = cells.cell_of(p->position);
        keyed.emplace_back(cell ? (std::uint64_t(cell->first / 16) << 32 | std::uint64_t(cell->second)) : UINT64_MAX, p);
    }
    // By cell, then by the kernels' order (their positions in `kernels`): a stable sort without
    // its buffer of a copy.
    std::vector<std::uint32_t> rank(kernels.size());
    for (std::uint32_t i = 0; i < rank.size(); ++i) rank[i] = i;
    std::sort(rank.begin(), rank.end(), [&](std::uint32_t a, std::uint32_t b) { return std::pair{keyed[a].first, a} < std::pair{keyed[b].first, b}; });
    for (std::size_t i = 0; i < keyed.size(); ++i) kernels[i] = keyed[rank[i]].second;
    auto run_rows = [&](int row_lo, int row_hi) {
        Splatter splatter(cells, params);
        for (const DensityPoint* p : kernels)
            splatter.add(*p, p->domestic ? out.domestic.data() : out.transnational.data(), imprecise.data(), row_lo, row_hi);
    };
    share_rows(grid.height, threads, run_rows);
}

// Spreads each group's weight evenly over the cells its footprint covers; an area that holds no
// cell centre gets a kernel at each geocode's point instead.
void spread_footprints(const CellGeometry& cells, const std::vector<FootprintGroup>& groups, const DensityParams& params,
                       GEOSContextHandle_t ctx, DensityBands& out, std::vector<float>& imprecise) {
    const GridSpec& grid = cells.grid();
    Splatter fallback(cells, params);
    for (const FootprintGroup& g : groups) {
        const std::vector<std::size_t> inside = cells_inside(cells, ctx, g.footprint);
        double area = g.area_km2;
        if (area <= 0)
            for (std::size_t k : inside) area += cells.area_km2(static_cast<int>(k / static_cast<std::size_t>(grid.width)), static_cast<int>(k % static_cast<std::size_t>(grid.width)));
        if (area <= 0) {
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
}

// The weight that landed on the grid, the share of imprecise geocodes, and the units asked for;
// in fixed blocks of rows whose sums are added in order, so that the total is the same for any
// thread count. (One loop over the cells, vectorised: split, it would read the bands twice.)
void finish_units(const CellGeometry& cells, const DensityParams& params, const std::vector<float>& imprecise, unsigned threads,
                  DensityBands& out) {
    const GridSpec& grid = cells.grid();
    constexpr int block = 64;
    const int blocks = (grid.height + block - 1) / block;
    std::vector<double> landed_in(static_cast<std::size_t>(blocks), 0);
    if (!imprecise.empty()) assign_large(out.imprecise_share, out.domestic.size(), std::numeric_limits<float>::quiet_NaN());
    std::atomic<int> next_block{0};
    auto finish = [&](unsigned) {
        for (int b; (b = next_block++) < blocks;) {
            double landed = 0;
            for (int r = b * block; r < std::min(grid.height, (b + 1) * block); ++r) {
                const std::size_t start = static_cast<std::size_t>(r) * static_cast<std::size_t>(grid.width);
                float* __restrict dom = out.domestic.data() + start;
                float* __restrict trans = out.transnational.data() + start;
                float* __restrict share = imprecise.empty() ? nullptr : out.imprecise_share.data() + start;
                const float* imp = imprecise.empty() ? nullptr : imprecise.data() + start;
                // cylindrical grids: a cell's area is its row's area per radian times its width
                const double row_area = cells.separable() ? cells.row_area_per_rad()[static_cast<std::size_t>(r)] : 0;
                const double* width = cells.separable() ? cells.column_width_rad().data() : nullptr;
#pragma omp simd reduction(+ : landed)
                for (int c = 0; c < grid.width; ++c) {
                    const double total = double(dom[c]) + trans[c];
                    if (total <= 0) continue;
                    const double area = width != nullptr ? row_area * width[c] : cells.area_km2(r, c);
                    landed += total * area;
                    if (imp != nullptr) share[c] = static_cast<float>(std::min(1.0, imp[c] / total));
                    const double factor = params.units == DensityUnits::per_1000_km2 ? 1000 : area;
                    dom[c] = static_cast<float>(dom[c] * factor);
                    trans[c] = static_cast<float>(trans[c] * factor);
                }
            }
            landed_in[static_cast<std::size_t>(b)] = landed;
        }
    };
    on_threads(threads, finish);
    double landed = 0;
    for (const double l : landed_in) landed += l;
    out.weight_in_grid = landed;
}

}  // namespace

DensityBands compute_density(const CellGeometry& cells, const std::vector<DensityPoint>& points, const DensityParams& params,
                             GEOSContextHandle_t ctx) {
    std::vector<const DensityPoint*> held(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) held[i] = &points[i];
    return compute_density(cells, held, params, ctx);
}

DensityBands compute_density(const CellGeometry& cells, std::span<const DensityPoint* const> points, const DensityParams& params,
                             GEOSContextHandle_t ctx) {
    check(params);
    const GridSpec& grid = cells.grid();
    const std::size_t n = static_cast<std::size_t>(grid.width) * static_cast<std::size_t>(grid.height);
    DensityBands out;
    out.grid = grid;
    assign_large(out.domestic, n, 0.0f);
    assign_large(out.transnational, n, 0.0f);
    // The imprecise geocodes' own density, for the share band; none when there are none.
    std::vector<float> imprecise;
    if (std::any_of(points.begin(), points.end(), [&](const DensityPoint* p) { return p->imprecise && params.imprecise != ImpreciseMode::drop; }))
        assign_large(imprecise, n, 0.0f);
    std::vector<const DensityPoint*> kernels;
    std::vector<FootprintGroup> groups;
    sort_out(points, params, kernels, groups, out.dropped);
    const unsigned threads = std::min<unsigned>(thread_count(params.threads), static_cast<unsigned>(grid.height));
    add_kernels(cells, kernels, params, out, imprecise, threads);
    spread_footprints(cells, groups, params, ctx, out, imprecise);
    finish_units(cells, params, imprecise, threads, out);
    for (const DensityPoint* p : points)
        if (!(p->imprecise && params.imprecise == ImpreciseMode::drop) && !cells.contains(p->position)) ++out.outside;
    return out;
}

}  // namespace incimap
