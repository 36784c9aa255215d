#include "binned_gaussian.hpp"

#include "../core/parallel.hpp"


#include <algorithm>
#include <cmath>
#include <numbers>

namespace incimap {

namespace {

constexpr double deg = std::numbers::pi / 180;
constexpr double support = 4;  // standard deviations, as the exact path

bool even_columns(const CellGeometry& cells) {
    const auto& w = cells.column_width_rad();
    return w.size() > 1 && std::all_of(w.begin(), w.end(), [&](double v) { return std::fabs(v - w[0]) < 1e-12; });
}

// out += scale * in, the loop of both passes: built twice, for AVX2 with FMA and for any x86-64,
// and chosen when the program loads (GCC function multiversioning).
__attribute__((target_clones("arch=haswell", "default"))) void add_scaled(float* __restrict out, const float* __restrict in, float scale,
                                                                          std::size_t n) {
    for (std::size_t c = 0; c < n; ++c) out[c] += scale * in[c];
}

}  // namespace

bool binned_gaussian_pays(const CellGeometry& cells, const DensityParams& params, std::size_t points) {
    const GridSpec& g = cells.grid();
    if (params.kernel != Kernel::gaussian || !cells.separable() || params.bandwidth_km * support > 300 || g.height < 2 || !even_columns(cells))
        return false;
    if (params.method != DensityMethod::automatic) return params.method == DensityMethod::binned;
    // Each incident's kernel cells against two passes of taps over two bands, at the grid's
    // middle row; a kernel cell costs about ten vectorised taps (measured by render_bench).
    const int mid = g.height / 2;
    const double cell_km = std::sqrt(cells.area_km2(mid, 0));
    const double reach = 2 * support * params.bandwidth_km / cell_km + 1;
    const double splat = 10.0 * double(points) * reach * reach;
    const double convolve = 2.0 * 2 * double(g.width) * g.height * reach;
    return splat > convolve;
}

namespace {

// The grid, the bands and the kernel that every step shares.
struct Convolution {
    const CellGeometry& cells;
    std::size_t w, h;
    const std::vector<double>& lon;
    const std::vector<double>& lat;
    double step, bw;
    float* bands[3];  // domestic, transnational, imprecise: the bins, then the rows convolved in place
    std::size_t band_count;
    unsigned threads;

    // The weight of source row `from` in row `to`: the meridian arc between them.
    double weight(std::size_t from, std::size_t to) const {
        const double d = mean_earth_radius_km * (lat[from] - lat[to]) * deg / bw;
        return std::fabs(d) <= support ? std::exp(-0.5 * d * d) : 0.0;
    }
    // Rows [first, last] within the support of row r.
    std::pair<std::size_t, std::size_t> reach_of(std::size_t r) const {
        std::size_t first = r, last = r;
        while (first > 0 && weight(r, first - 1) > 0) --first;
        while (last + 1 < h && weight(r, last + 1) > 0) ++last;
        return std::pair{first, last};
    }
};

// An incident's position in fractional cells.
struct Binned {
    float fc, fr;
    const DensityPoint* p;
};

// The incidents on the grid in fractional cells, in order of their row (a counting sort), and
// where each row's start in that order.
std::pair<std::vector<Binned>, std::vector<std::size_t>> bin_positions(const Convolution& g, const std::vector<const DensityPoint*>& points) {
    const std::size_t w = g.w, h = g.h;
    const std::vector<double>& lon = g.lon;
    const std::vector<double>& lat = g.lat;
    const double step = g.step;
    std::vector<Binned> inside;
    inside.reserve(points.size());
    // The first row south of a latitude, from a table four times finer than the rows and a step
    // or two from there (a search per incident would cost more than the binning itself).
    const std::size_t slots = 4 * h;
    const double top = lat.front(), span = lat.front() - lat.back();
    std::vector<std::size_t> first_south(slots + 1);
    for (std::size_t i = 0, r = 0; i <= slots; ++i) {
        const double l = top - span * double(i) / double(slots);
        while (r < h && lat[r] >= l) ++r;
        first_south[i] = r;
    }
    for (const DensityPoint* p : points) {
        const double fc = (p->position.lon_deg - lon[0]) / step;
        const double phi = p->position.lat_deg;
        std::size_t south = first_south[static_cast<std::size_t>(std::clamp((top - phi) / span * double(slots), 0.0, double(slots)))];
        while (south > 0 && lat[south - 1] < phi) --south;
        while (south < h && lat[south] >= phi) ++south;
        // between the two row centres around it (rows run north to south), or beyond the nearest
        const std::size_t above = std::clamp<std::size_t>(south, 1, h - 1) - 1;
        const double fr = double(above) + (lat[above] - p->position.lat_deg) / (lat[above] - lat[above + 1]);
        if (fc < -0.5 || fc > double(w) - 0.5 || fr < -0.5 || fr > double(h) - 0.5) continue;  // off the grid
        inside.push_back({static_cast<float>(fc), static_cast<float>(fr), p});
    }
    auto first_row = [&](const Binned& b) { return static_cast<std::size_t>(std::clamp(std::floor(double(b.fr)), 0.0, double(h - 1))); };
    std::vector<std::size_t> row_start(h + 1, 0);
    for (const Binned& b : inside) ++row_start[first_row(b) + 1];
    for (std::size_t r = 0; r < h; ++r) row_start[r + 1] += row_start[r];
    std::vector<Binned> by_row(inside.size());
    {
        std::vector<std::size_t> at(row_start.begin(), row_start.end() - 1);
        for (const Binned& b : inside) by_row[at[first_row(b)]++] = b;
    }
    return {std::move(by_row), std::move(row_start)};
}

// Linear binning: each incident's weight shared over the four cells around it, row by row, each
// thread filling its own rows.
void bin(const Convolution& g, const std::vector<const DensityPoint*>& points) {
    // plain references, not structured bindings: the lambda below captures them (clang 14)
    const auto binned = bin_positions(g, points);
    const std::vector<Binned>& by_row = binned.first;
    const std::vector<std::size_t>& row_start = binned.second;
    const std::size_t w = g.w, h = g.h;
    float* const* bands = g.bands;
    share_rows(static_cast<int>(h), g.threads, [&](int row_begin, int row_end) {
        const auto lo = static_cast<std::size_t>(row_begin), hi = static_cast<std::size_t>(row_end);
        // incidents whose shares reach these rows: those of the row above them too
        for (std::size_t k = row_start[lo > 0 ? lo - 1 : 0]; k < row_start[hi]; ++k) {
            const Binned& b = by_row[k];
            const double c0 = std::floor(double(b.fc)), r0 = std::floor(double(b.fr)), tx = b.fc - c0, ty = b.fr - r0;
            auto add = [&](double r, double c, double share) {
                const auto rr = static_cast<std::size_t>(std::clamp(r, 0.0, double(h - 1)));
                if (rr < lo || rr >= hi) return;
                const auto cc = static_cast<std::size_t>(std::clamp(c, 0.0, double(w - 1)));
                const auto v = static_cast<float>(b.p->weight * share);
                bands[b.p->domestic ? 0 : 1][rr * w + cc] += v;
                if (b.p->imprecise) bands[2][rr * w + cc] += v;
            };
            add(r0, c0, (1 - tx) * (1 - ty));
            add(r0, c0 + 1, tx * (1 - ty));
            add(r0 + 1, c0, (1 - tx) * ty);
            add(r0 + 1, c0 + 1, tx * ty);
        }
    });

}

// Along each row: taps from the distance along its parallel, summing to 1. Returns which rows of
// which band hold something.
std::vector<char> convolve_rows(const Convolution& g) {
    const std::size_t w = g.w, h = g.h, band_count = g.band_count;
    const double step = g.step, bw = g.bw;
    const CellGeometry& cells = g.cells;
    float* const* bands = g.bands;
    std::vector<char> nonzero(h * band_count, 0);
    share_rows(static_cast<int>(h), g.threads, [&](int row_begin, int row_end) {
        std::vector<float> taps, row;
        for (int r = row_begin; r < row_end; ++r) {
            const double cell_km = mean_earth_radius_km * cells.row_cos()[static_cast<std::size_t>(r)] * step * deg;
            const auto reach = static_cast<std::ptrdiff_t>(std::min(double(w), std::floor(support * bw / cell_km)));
            taps.assign(static_cast<std::size_t>(2 * reach + 1), 0);
            double sum = 0;
            for (std::ptrdiff_t k = -reach; k <= reach; ++k) {
                const double d = double(k) * cell_km / bw;
                sum += taps[static_cast<std::size_t>(k + reach)] = static_cast<float>(std::exp(-0.5 * d * d));
            }
            for (float& t : taps) t = static_cast<float>(t / sum);
            for (std::size_t b = 0; b < band_count; ++b) {
                float* in = bands[b] + static_cast<std::size_t>(r) * w;
                if (std::all_of(in, in + w, [](float v) { return v == 0; })) continue;
                nonzero[b * h + static_cast<std::size_t>(r)] = 1;
                row.assign(w, 0);
                for (std::ptrdiff_t k = -reach; k <= reach; ++k) {
                    const float t = taps[static_cast<std::size_t>(k + reach)];
                    const std::size_t from = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, -k)), to = static_cast<std::size_t>(std::min<std::ptrdiff_t>(std::ptrdiff_t(w), std::ptrdiff_t(w) - k));
                    add_scaled(row.data() + from, in + k + from, t, to - from);
                }
                std::copy(row.begin(), row.end(), in);
            }
        }
    });

    return nonzero;
}

// Per source row, the sum of its weights times the rows' cell areas: its mass over the cells
// (exactly, unless the kernel runs off the grid, where the gaussian's own normalisation keeps the
// density right and the mass outside is lost).
std::vector<double> column_norms(const Convolution& g) {
    const std::size_t h = g.h;
    const std::vector<double>& lat = g.lat;
    const double step = g.step, bw = g.bw;
    const CellGeometry& cells = g.cells;
    std::vector<double> norm(h);
    auto reach_of = [&](std::size_t r) { return g.reach_of(r); };
    auto weight = [&](std::size_t from, std::size_t to) { return g.weight(from, to); };
    for (std::size_t r = 0; r < h; ++r) {
        const auto [first, last] = reach_of(r);
        const bool clipped = (first == 0 && mean_earth_radius_km * (lat.front() - lat[r]) * deg < support * bw) ||
                             (last == h - 1 && mean_earth_radius_km * (lat[r] - lat.back()) * deg < support * bw);
        if (clipped) {
            // ∫ e^(-y²/2σ²) dy times the width of the row's cells
            norm[r] = std::sqrt(2 * std::numbers::pi) * bw * mean_earth_radius_km * cells.row_cos()[r] * step * deg;
        } else {
            double sum = 0;
            for (std::size_t k = first; k <= last; ++k) sum += weight(r, k) * cells.area_km2(static_cast<int>(k), 0);
            norm[r] = sum;
        }
    }
    return norm;
}

// Across rows, in place. One piece: the shares' border copies and the ring of overwritten rows
// are the one way to convolve in place on several threads without a second grid.
void convolve_columns(const Convolution& g, const std::vector<char>& nonzero) {
    const std::size_t w = g.w, h = g.h, band_count = g.band_count;
    const unsigned threads = g.threads;
    float* const* bands = g.bands;
    const std::vector<double> norm = column_norms(g);
    auto reach_of = [&](std::size_t r) { return g.reach_of(r); };
    auto weight = [&](std::size_t from, std::size_t to) { return g.weight(from, to); };
    // In place: each share of rows first copies the rows of its neighbours' shares that it reads
    // (before they change them), then goes down its rows keeping the rows it has already
    // overwritten in a ring, as the sums need them.
    const unsigned shares = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(h)));
    auto share_of = [&](unsigned k) { return std::pair{h * k / shares, h * (k + 1) / shares}; };
    std::vector<std::vector<std::vector<float>>> borders(shares);  // per share: rows [first(lo), lo) and [hi, last(hi - 1)], per band
    std::vector<std::pair<std::size_t, std::size_t>> border_rows(shares);
    on_threads(shares, [&](unsigned k) {
        const auto [lo, hi] = share_of(k);
        if (lo == hi) return;
        const std::size_t first = reach_of(lo).first, last = reach_of(hi - 1).second;
        border_rows[k] = {first, last};
        for (std::size_t b = 0; b < band_count; ++b)
            for (std::size_t r = first; r <= last; ++r) {
                std::vector<float> copy;
                if ((r < lo || r >= hi) && nonzero[b * h + r]) copy.assign(bands[b] + r * w, bands[b] + (r + 1) * w);
                borders[k].push_back(std::move(copy));
            }
    });
    on_threads(shares, [&](unsigned k) {
        // Plain variables, not structured bindings: lambdas below capture them (clang 14).
        const std::size_t lo = share_of(k).first, hi = share_of(k).second;
        if (lo == hi) return;
        const std::size_t border_first = border_rows[k].first, border_last = border_rows[k].second;
        const std::size_t border_span = border_last - border_first + 1;
        std::size_t ring_size = 1;
        for (std::size_t t = lo; t < hi; ++t) ring_size = std::max(ring_size, t - std::max(lo, reach_of(t).first) + 1);
        std::vector<std::vector<float>> ring(ring_size);
        std::vector<float> row(w);
        for (std::size_t b = 0; b < band_count; ++b) {
            // the original of source row r, wherever it is now
            auto original = [&](std::size_t r, std::size_t t) -> const float* {
                if (r < lo || r >= hi) {
                    const std::vector<float>& copy = borders[k][b * border_span + (r - border_first)];
                    return copy.empty() ? nullptr : copy.data();
                }
                if (r < t) return ring[r % ring_size].empty() ? nullptr : ring[r % ring_size].data();
                return nonzero[b * h + r] ? bands[b] + r * w : nullptr;
            };
            for (std::size_t t = lo; t < hi; ++t) {
                const auto [first, last] = reach_of(t);
                std::fill(row.begin(), row.end(), 0.0f);
                for (std::size_t source = first; source <= last; ++source) {
                    const float* __restrict in = original(source, t);
                    if (in == nullptr) continue;
                    const auto coef = static_cast<float>(weight(source, t) / norm[source]);
                    add_scaled(row.data(), in, coef, w);
                }
                std::vector<float>& keep = ring[t % ring_size];
                if (nonzero[b * h + t]) keep.assign(bands[b] + t * w, bands[b] + (t + 1) * w);
                else keep.clear();
                std::copy(row.begin(), row.end(), bands[b] + t * w);
            }
            for (auto& kept : ring) kept.clear();
        }
    });
}

}  // namespace

void add_binned_gaussian(const CellGeometry& cells, const std::vector<const DensityPoint*>& points, const DensityParams& params,
                         float* domestic, float* transnational, float* imprecise, unsigned threads) {
    const GridSpec& grid = cells.grid();
    const bool any_imprecise = std::any_of(points.begin(), points.end(), [](const DensityPoint* p) { return p->imprecise; });
    const Convolution g{cells,
                        static_cast<std::size_t>(grid.width),
                        static_cast<std::size_t>(grid.height),
                        cells.column_lon(),
                        cells.row_lat(),
                        cells.column_lon()[1] - cells.column_lon()[0],
                        params.bandwidth_km,
                        {domestic, transnational, imprecise},
                        std::size_t{any_imprecise ? 3u : 2u},
                        threads};
    // 1. linear binning into the bands; 2. along each row; 3. across rows
    bin(g, points);
    convolve_columns(g, convolve_rows(g));
}

}  // namespace incimap
