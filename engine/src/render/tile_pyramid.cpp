#include "incimap/render/tile_pyramid.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <numbers>
#include <optional>

#include "../core/parallel.hpp"
#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/render/png.hpp"
#include "incimap/render/tiles.hpp"
#include "incimap/render/web_mercator.hpp"

namespace incimap {

namespace {

constexpr double deg = std::numbers::pi / 180;

// Where a point's density can reach: its kernel, or its footprint when spread.
LonLatBox reach_of(const DensityPoint& p, const DensityParams& params, GEOSContextHandle_t ctx) {
    if (p.imprecise && params.imprecise == ImpreciseMode::spread && p.footprint != nullptr) {
        LonLatBox r;
        GEOSGeom_getXMin_r(ctx, p.footprint, &r.west);
        GEOSGeom_getYMin_r(ctx, p.footprint, &r.south);
        GEOSGeom_getXMax_r(ctx, p.footprint, &r.east);
        GEOSGeom_getYMax_r(ctx, p.footprint, &r.north);
        return r;
    }
    return reach_box(p.position, params.bandwidth_km * kernel_support(params.kernel));
}

// Calls visit(x, y) for each tile of zoom z that the rectangle touches (wrapping the antimeridian).
template <typename Visit>
void for_tiles(const LonLatBox& r, int z, Visit visit) {
    const int y0 = tile_at(0, r.north, z).y, y1 = tile_at(0, r.south, z).y;
    auto columns = [&](double west, double east) {
        for (int y = y0; y <= y1; ++y)
            for (int x = tile_at(west, 0, z).x; x <= tile_at(east, 0, z).x; ++x) visit(x, y);
    };
    if (r.east - r.west >= 360) {
        columns(-180, 180);
        return;
    }
    columns(std::max(-180.0, r.west), std::min(180.0, r.east));
    if (r.west < -180) columns(r.west + 360, 180);
    if (r.east > 180) columns(-180, r.east - 360);
}

}  // namespace

namespace {

// Each zoom is computed in blocks of 8 x 8 tiles: the density of a block and a kernel's reach
// around it at once (so that kernels cross tile edges seamlessly, and the binned method pays),
// then cut into tiles, which are coloured and encoded on all cores.
constexpr int block = 8;
using TileXY = std::pair<int, int>;

// The points with the true area of their footprints, which they keep in every tile they cross:
// a copy of `points` when one has a footprint, else none (`points` as they are).
std::optional<std::vector<DensityPoint>> with_footprint_areas(const std::vector<DensityPoint>& points, GEOSContextHandle_t ctx) {
    if (std::none_of(points.begin(), points.end(), [](const DensityPoint& p) { return p.footprint != nullptr; })) return std::nullopt;
    std::vector<DensityPoint> pts = points;
    std::map<const GEOSGeometry*, double> areas;
    for (DensityPoint& p : pts)
        if (p.footprint != nullptr) {
            const auto [it, fresh] = areas.emplace(p.footprint, 0);
            if (fresh) it->second = spherical_area_km2(ctx, p.footprint);
            p.footprint_area_km2 = it->second;
        }
    return pts;
}

// The blocks of zoom z: (block, point) pairs, and the tiles with something on them in order of
// blocks (bx, by), then of (x, y) within.
struct ZoomPlan {
    std::vector<std::pair<TileXY, std::uint32_t>> needs;
    std::vector<TileXY> touched;
};

TileXY block_of(const TileXY& t) { return {t.first / block, t.second / block}; }

ZoomPlan plan_zoom(const std::vector<DensityPoint>& pts, const DensityParams& params, GEOSContextHandle_t ctx, int z) {
    ZoomPlan plan;
    std::set<TileXY> touched;  // few tiles, many points: a set, not a pair per point
    for (std::uint32_t i = 0; i < pts.size(); ++i) {
        if (pts[i].imprecise && params.imprecise == ImpreciseMode::drop) continue;
        TileXY last_block{-1, -1}, last_tile{-1, -1};
        for_tiles(reach_of(pts[i], params, ctx), z, [&](int x, int y) {
            if (const TileXY t{x, y}; t != last_tile) touched.insert(t), last_tile = t;
            const TileXY b{x / block, y / block};
            if (b != last_block) plan.needs.push_back({b, i});
            last_block = b;
        });
    }
    // By block, then point: pairs of a block are made in the points' order, so this is the
    // stable order by block, without a stable sort's copy.
    std::sort(plan.needs.begin(), plan.needs.end());
    plan.needs.erase(std::unique(plan.needs.begin(), plan.needs.end()), plan.needs.end());
    plan.touched.assign(touched.begin(), touched.end());
    std::stable_sort(plan.touched.begin(), plan.touched.end(), [](const TileXY& a, const TileXY& b) { return block_of(a) < block_of(b); });
    return plan;
}

// Calls visit(points, tiles) for each block of the plan, in order: the points whose reach
// touches it and its tiles with something on them.
template <typename Visit>
void for_each_block(const ZoomPlan& plan, const std::vector<DensityPoint>& pts, Visit visit) {
    for (std::size_t k = 0, t = 0; k < plan.needs.size();) {
        const TileXY key = plan.needs[k].first;
        std::vector<const DensityPoint*> points;
        for (; k < plan.needs.size() && plan.needs[k].first == key; ++k) points.push_back(&pts[plan.needs[k].second]);
        std::vector<TileXY> tiles;
        for (; t < plan.touched.size() && block_of(plan.touched[t]) == key; ++t) tiles.push_back(plan.touched[t]);
        visit(points, tiles);
    }
}

// The grid a block's density is computed on: its tiles and a margin as wide as a kernel reaches
// at the poleward edge, in cells of `step` pixels.
struct BlockGrid {
    GridSpec grid;
    int x0 = 0, y0 = 0;  ///< the block's first tile
    int step = 1, margin = 0;
};

BlockGrid block_grid(const std::vector<TileXY>& tiles, int z, int tile_size, double reach_km) {
    const int n = 1 << z;
    const double pixel_m = web_mercator::pixel_m(z, tile_size);
    const double world = 2 * web_mercator::half_world_m;
    BlockGrid b;
    int x1 = 0, y1 = 0;
    b.x0 = n, b.y0 = n;
    for (const auto& [x, y] : tiles) {
        b.x0 = std::min(b.x0, x);
        b.y0 = std::min(b.y0, y);
        x1 = std::max(x1, x + 1);
        y1 = std::max(y1, y + 1);
    }
    const double north = web_mercator::lat_deg(web_mercator::half_world_m * (1 - 2.0 * b.y0 / n));
    const double south = web_mercator::lat_deg(web_mercator::half_world_m * (1 - 2.0 * y1 / n));
    const double ground_km = pixel_m / 1000 * std::cos(std::max(std::fabs(north), std::fabs(south)) * deg);
    // Kernels many pixels wide are computed on cells of `step` pixels, a sixteenth of their
    // reach, and interpolated: the same map to under 1%, for a fraction of the work.
    b.step = std::max(1, static_cast<int>(reach_km / 16 / ground_km));
    b.margin = std::min(2048, static_cast<int>(std::ceil(reach_km / ground_km)) + 1) / b.step * b.step + b.step;
    GridSpec& grid = b.grid;
    grid.crs = web_mercator_crs;
    grid.min_x = -world / 2 + (double(b.x0) * tile_size - b.margin) * pixel_m;
    grid.max_y = world / 2 - (double(b.y0) * tile_size - b.margin) * pixel_m;
    grid.width = ((x1 - b.x0) * tile_size + 2 * b.margin + b.step - 1) / b.step;
    grid.height = ((y1 - b.y0) * tile_size + 2 * b.margin + b.step - 1) / b.step;
    grid.max_x = grid.min_x + double(grid.width) * b.step * pixel_m;
    grid.min_y = grid.max_y - double(grid.height) * b.step * pixel_m;
    return b;
}

// The block's tiles coloured and encoded on all cores: a PNG per tile, none for an empty one.
std::vector<std::optional<std::vector<std::uint8_t>>> render_block(const BlockGrid& b, const DensityBands& d, const std::vector<TileXY>& tiles,
                                                                   const ColourScale& scale, Rgb domestic_hue, Rgb transnational_hue,
                                                                   int tile_size, unsigned threads) {
    const GridSpec& grid = b.grid;
    const int step = b.step;
    // the density at a pixel of the block (and margin), bilinear between cell centres
    auto sample = [&](const std::vector<float>& band, double px, double py) {
        const double u = std::clamp((px + 0.5) / step - 0.5, 0.0, double(grid.width - 1));
        const double v = std::clamp((py + 0.5) / step - 0.5, 0.0, double(grid.height - 1));
        const auto c0 = static_cast<std::size_t>(u), r0 = static_cast<std::size_t>(v);
        const std::size_t c1 = std::min(c0 + 1, static_cast<std::size_t>(grid.width - 1)), r1 = std::min(r0 + 1, static_cast<std::size_t>(grid.height - 1));
        const double fu = u - double(c0), fv = v - double(r0);
        const auto at = [&](std::size_t r, std::size_t c) { return double(band[r * static_cast<std::size_t>(grid.width) + c]); };
        return static_cast<float>((at(r0, c0) * (1 - fu) + at(r0, c1) * fu) * (1 - fv) + (at(r1, c0) * (1 - fu) + at(r1, c1) * fu) * fv);
    };
    // the spread share at a pixel: that of its cell (a share does not blend across a footprint's edge)
    auto nearest = [&](const std::vector<float>& band, double px, double py) {
        const auto c = std::min(static_cast<std::size_t>(px / step), static_cast<std::size_t>(grid.width - 1));
        const auto r = std::min(static_cast<std::size_t>(py / step), static_cast<std::size_t>(grid.height - 1));
        return band[r * static_cast<std::size_t>(grid.width) + c];
    };

    std::vector<std::optional<std::vector<std::uint8_t>>> png(tiles.size());
    std::atomic<std::size_t> next{0};
    auto work = [&](unsigned) {
        const auto size = static_cast<std::size_t>(tile_size);
        std::vector<float> dom(size * size), trans(size * size), share(d.imprecise_share.empty() ? 0 : size * size);
        for (std::size_t i; (i = next++) < tiles.size();) {
            const auto col = static_cast<std::size_t>(b.margin + (tiles[i].first - b.x0) * tile_size);
            const auto row = static_cast<std::size_t>(b.margin + (tiles[i].second - b.y0) * tile_size);
            for (std::size_t r = 0; r < size; ++r) {
                if (step == 1) {
                    const std::size_t from = (row + r) * static_cast<std::size_t>(grid.width) + col;
                    std::copy_n(d.domestic.begin() + static_cast<std::ptrdiff_t>(from), size, dom.begin() + static_cast<std::ptrdiff_t>(r * size));
                    std::copy_n(d.transnational.begin() + static_cast<std::ptrdiff_t>(from), size, trans.begin() + static_cast<std::ptrdiff_t>(r * size));
                    if (!share.empty())
                        std::copy_n(d.imprecise_share.begin() + static_cast<std::ptrdiff_t>(from), size, share.begin() + static_cast<std::ptrdiff_t>(r * size));
                    continue;
                }
                for (std::size_t c = 0; c < size; ++c) {
                    dom[r * size + c] = sample(d.domestic, double(col + c), double(row + r));
                    trans[r * size + c] = sample(d.transnational, double(col + c), double(row + r));
                    if (!share.empty()) share[r * size + c] = nearest(d.imprecise_share, double(col + c), double(row + r));
                }
            }
            std::vector<std::uint8_t> rgba = render_classes(dom, trans, domestic_hue, transnational_hue, scale);
            hatch_spread(rgba, tile_size, share, std::int64_t(tiles[i].first) * tile_size, std::int64_t(tiles[i].second) * tile_size);
            bool empty = true;
            for (std::size_t a = 3; a < rgba.size() && empty; a += 4) empty = rgba[a] == 0;
            if (!empty) png[i] = encode_png(tile_size, tile_size, rgba, PngEncoding::fast);
        }
    };
    on_threads(threads, work);
    return png;
}

}  // namespace

TilePyramidCounts render_tile_pyramid(const std::vector<DensityPoint>& points, const DensityParams& params,
                                      const std::vector<ColourScale>& scales, Rgb domestic_hue, Rgb transnational_hue,
                                      GEOSContextHandle_t ctx, const TilePyramidOptions& options, Reporter& reporter, const TileSink& sink) {
    if (options.min_zoom < 0 || options.max_zoom > 22 || options.min_zoom > options.max_zoom)
        throw InvalidOption("tiles.zooms", "zooms must lie in 0-22, MIN <= MAX");
    if (scales.size() != static_cast<std::size_t>(options.max_zoom - options.min_zoom + 1)) throw std::invalid_argument("write_tile_pyramid: one colour scale per zoom is needed");
    DensityParams tile_params = params;
    tile_params.units = DensityUnits::per_1000_km2;
    tile_params.threads = options.threads;
    const std::optional<std::vector<DensityPoint>> with_areas = with_footprint_areas(points, ctx);
    const std::vector<DensityPoint>& pts = with_areas ? *with_areas : points;

    const unsigned threads = thread_count(options.threads);
    TilePyramidCounts counts;
    Progress progress(reporter, "tiles");
    const double reach_km = params.bandwidth_km * kernel_support(params.kernel);
    for (int z = options.min_zoom; z <= options.max_zoom; ++z) {
        const ColourScale& scale = scales[static_cast<std::size_t>(z - options.min_zoom)];
        for_each_block(plan_zoom(pts, params, ctx, z), pts, [&](const std::vector<const DensityPoint*>& mine, const std::vector<TileXY>& tiles) {
            const BlockGrid g = block_grid(tiles, z, options.tile_size, reach_km);
            const DensityBands d = compute_density(CellGeometry(g.grid), mine, tile_params, ctx);
            const auto png = render_block(g, d, tiles, scale, domestic_hue, transnational_hue, options.tile_size, threads);
            for (std::size_t i = 0; i < tiles.size(); ++i) {
                progress.advance();
                if (!png[i]) {
                    ++counts.empty;
                    continue;
                }
                sink({z, tiles[i].first, tiles[i].second}, *png[i]);
                ++counts.written;
            }
        });
    }
    progress.finish(std::to_string(counts.written) + " tiles, " + std::to_string(counts.empty) + " empty skipped");
    return counts;
}

}  // namespace incimap
