#include "incimap/render/tile_pyramid.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <numbers>
#include <optional>
#include <thread>

#include "incimap/core/error.hpp"
#include "incimap/core/progress.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/mbtiles.hpp"
#include "incimap/io/raster_writers.hpp"

namespace incimap {

namespace {

constexpr double deg = std::numbers::pi / 180;
constexpr double max_lat = 85.0511287798;

int tile_x(double lon, int z) { return std::clamp(static_cast<int>(std::floor((lon + 180) / 360 * std::ldexp(1.0, z))), 0, (1 << z) - 1); }
int tile_y(double lat, int z) {
    const double s = std::sin(std::clamp(lat, -max_lat, max_lat) * deg);
    const double y = 0.5 - std::log((1 + s) / (1 - s)) / (4 * std::numbers::pi);
    return std::clamp(static_cast<int>(std::floor(y * std::ldexp(1.0, z))), 0, (1 << z) - 1);
}

struct LonLatRect {
    double west, south, east, north;
};

// Where a point's density can reach: its kernel, or its footprint when spread.
LonLatRect reach_of(const DensityPoint& p, const DensityParams& params, GEOSContextHandle_t ctx) {
    if (p.imprecise && params.imprecise == ImpreciseMode::spread && p.footprint != nullptr) {
        LonLatRect r{};
        GEOSGeom_getXMin_r(ctx, p.footprint, &r.west);
        GEOSGeom_getYMin_r(ctx, p.footprint, &r.south);
        GEOSGeom_getXMax_r(ctx, p.footprint, &r.east);
        GEOSGeom_getYMax_r(ctx, p.footprint, &r.north);
        return r;
    }
    const double alpha = params.bandwidth_km * kernel_support(params.kernel) / earth_radius_km / deg;
    const double cos_lat = std::cos(p.position.lat_deg * deg), sin_alpha = std::sin(std::min(alpha * deg, std::numbers::pi / 2));
    const double dlon = sin_alpha >= cos_lat ? 180 : std::asin(sin_alpha / cos_lat) / deg;
    return {p.position.lon_deg - dlon, p.position.lat_deg - alpha, p.position.lon_deg + dlon, p.position.lat_deg + alpha};
}

// Calls visit(x, y) for each tile of zoom z that the rectangle touches (wrapping the antimeridian).
template <typename Visit>
void for_tiles(const LonLatRect& r, int z, Visit visit) {
    const int y0 = tile_y(r.north, z), y1 = tile_y(r.south, z);
    auto columns = [&](double west, double east) {
        for (int y = y0; y <= y1; ++y)
            for (int x = tile_x(west, z); x <= tile_x(east, z); ++x) visit(x, y);
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

std::vector<std::pair<int, int>> tiles_touched(const std::vector<DensityPoint>& points, const DensityParams& params, int z,
                                               GEOSContextHandle_t ctx) {
    std::vector<std::pair<int, int>> tiles;
    for (const DensityPoint& p : points)
        if (!(p.imprecise && params.imprecise == ImpreciseMode::drop)) for_tiles(reach_of(p, params, ctx), z, [&](int x, int y) { tiles.emplace_back(x, y); });
    std::sort(tiles.begin(), tiles.end());
    tiles.erase(std::unique(tiles.begin(), tiles.end()), tiles.end());
    return tiles;
}

TilePyramidCounts write_tile_pyramid(const std::filesystem::path& dir, const std::vector<DensityPoint>& points,
                                     const DensityParams& params, const std::vector<ColourScale>& scales, Rgb domestic_hue,
                                     Rgb transnational_hue, GEOSContextHandle_t ctx, const TilePyramidOptions& options) {
    if (options.min_zoom < 0 || options.max_zoom > 22 || options.min_zoom > options.max_zoom)
        throw UsageError("tile zooms must lie in 0-22, MIN <= MAX");
    if (scales.size() != static_cast<std::size_t>(options.max_zoom - options.min_zoom + 1)) throw UsageError("one colour scale per zoom is needed");
    DensityParams tile_params = params;
    tile_params.units = DensityUnits::per_1000_km2;
    tile_params.threads = 1;  // the tiles themselves are shared out

    // Footprints keep their true area in every tile they cross.
    std::vector<DensityPoint> pts = points;
    std::map<const GEOSGeometry*, double> areas;
    for (DensityPoint& p : pts)
        if (p.footprint != nullptr) {
            const auto [it, fresh] = areas.emplace(p.footprint, 0);
            if (fresh) it->second = spherical_area_km2(ctx, p.footprint);
            p.footprint_area_km2 = it->second;
        }

    // A fresh pyramid beside the old one, swapped in when complete.
    const std::filesystem::path final_dir = dir / "tiles", work_dir = dir / ".tiles.new", old_dir = dir / ".tiles.old";
    std::filesystem::remove_all(work_dir);
    std::filesystem::remove_all(old_dir);
    const double lat_south = -max_lat, lat_north = max_lat;
    MbtilesWriter mbtiles(dir / "heatmap.mbtiles",
                          {{"name", "incimap heatmap"}, {"format", "png"}, {"type", "overlay"}, {"version", "1.3"},
                           {"minzoom", std::to_string(options.min_zoom)}, {"maxzoom", std::to_string(options.max_zoom)},
                           {"bounds", "-180," + std::to_string(lat_south) + ",180," + std::to_string(lat_north)},
                           {"center", "0,0," + std::to_string(options.min_zoom)},
                           {"description", "Kernel density of incidents, domestic and transnational blended; " +
                                               std::string(to_string(params.kernel)) + " kernel, " + std::to_string(params.bandwidth_km) + " km"},
                           {"attribution", "Places: GeoNames (CC BY 4.0); boundaries: Natural Earth"}});

    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    TilePyramidCounts counts;
    Progress progress("tiles", !options.quiet);
    for (int z = options.min_zoom; z <= options.max_zoom; ++z) {
        // Which points each tile needs: (tile, point) pairs, sorted by tile.
        std::vector<std::pair<std::pair<int, int>, std::uint32_t>> needs;
        for (std::uint32_t i = 0; i < pts.size(); ++i)
            if (!(pts[i].imprecise && params.imprecise == ImpreciseMode::drop))
                for_tiles(reach_of(pts[i], params, ctx), z, [&](int x, int y) { needs.push_back({{x, y}, i}); });
        std::stable_sort(needs.begin(), needs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<std::pair<int, int>> tiles;
        std::vector<std::size_t> first;  // per tile, into needs
        for (std::size_t k = 0; k < needs.size(); ++k)
            if (k == 0 || needs[k].first != needs[k - 1].first) {
                tiles.push_back(needs[k].first);
                first.push_back(k);
            }
        first.push_back(needs.size());

        // Rendered in batches on all cores, written in tile order.
        constexpr std::size_t batch = 512;
        for (std::size_t from = 0; from < tiles.size(); from += batch) {
            const std::size_t to = std::min(tiles.size(), from + batch);
            std::vector<std::optional<std::vector<std::uint8_t>>> png(to - from);
            std::atomic<std::size_t> next{from};
            auto work = [&] {
                for (std::size_t t; (t = next++) < to;) {
                    std::vector<DensityPoint> mine;
                    for (std::size_t k = first[t]; k < first[t + 1]; ++k) mine.push_back(pts[needs[k].second]);
                    const CellGeometry cells(tile_grid(z, tiles[t].first, tiles[t].second, options.tile_size));
                    const DensityBands d = compute_density(cells, mine, tile_params, ctx);
                    std::vector<std::uint8_t> rgba =
                        render_classes(d.domestic, d.transnational, domestic_hue, transnational_hue, scales[static_cast<std::size_t>(z - options.min_zoom)]);
                    bool empty = true;
                    for (std::size_t i = 3; i < rgba.size() && empty; i += 4) empty = rgba[i] == 0;
                    if (!empty) png[t - from] = encode_png(options.tile_size, options.tile_size, rgba);
                }
            };
            {
                std::vector<std::jthread> pool;
                for (unsigned k = 1; k < threads; ++k) pool.emplace_back(work);
                work();
            }
            for (std::size_t t = from; t < to; ++t) {
                const auto& data = png[t - from];
                progress.advance();
                if (!data) {
                    ++counts.empty;
                    continue;
                }
                const auto [x, y] = tiles[t];
                const std::filesystem::path file = work_dir / std::to_string(z) / std::to_string(x) / (std::to_string(y) + ".png");
                std::filesystem::create_directories(file.parent_path());
                write_file_atomically(file, std::string(data->begin(), data->end()));
                mbtiles.add(z, x, y, *data);
                ++counts.written;
            }
        }
    }
    mbtiles.commit();
    if (std::filesystem::exists(final_dir)) std::filesystem::rename(final_dir, old_dir);
    std::filesystem::create_directories(work_dir);
    std::filesystem::rename(work_dir, final_dir);
    std::filesystem::remove_all(old_dir);
    progress.finish(std::to_string(counts.written) + " tiles, " + std::to_string(counts.empty) + " empty skipped");
    return counts;
}

}  // namespace incimap
