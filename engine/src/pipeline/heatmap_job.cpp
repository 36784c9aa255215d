#include "incimap/pipeline/heatmap_job.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/output/heatmap_files.hpp"
#include "incimap/pipeline/placement.hpp"
#include "incimap/render/colour_ramp.hpp"
#include "incimap/render/tile_pyramid.hpp"
#include "incimap/render/web_mercator.hpp"

namespace incimap {

using nlohmann::json;

namespace {

// One colour scale per tile zoom: the peak density at that zoom's pixel size, estimated from the
// heatmap grid averaged over blocks of that size, so that every zoom shows its hotspots (a
// kernel narrower than a pixel at a low zoom is diluted over the pixel). Densities per 1,000 km².
std::vector<ColourScale> tile_scales(const CellGeometry& cells, const DensityBands& d, DensityUnits units, int min_zoom, int max_zoom) {
    const GridSpec& g = d.grid;
    std::vector<double> density(d.domestic.size());
    for (int r = 0; r < g.height; ++r)
        for (int c = 0; c < g.width; ++c) {
            const std::size_t k = static_cast<std::size_t>(r) * static_cast<std::size_t>(g.width) + static_cast<std::size_t>(c);
            density[k] = double(d.domestic[k]) + d.transnational[k];
            if (units == DensityUnits::per_cell) density[k] *= 1000 / cells.area_km2(r, c);
        }
    std::vector<ColourScale> scales;
    for (int z = min_zoom; z <= max_zoom; ++z) {
        const double pixel_m = web_mercator::pixel_m(z);
        // blocks of the grid as large as a pixel (Web Mercator grids; others keep one scale)
        const int k = g.crs == web_mercator_crs ? std::max(1, static_cast<int>(std::lround(pixel_m / g.cell_width()))) : 1;
        ColourScale s;
        s.max = 0;
        for (int r0 = 0; r0 < g.height; r0 += k)
            for (int c0 = 0; c0 < g.width; c0 += k) {
                double sum = 0;
                int n = 0;
                for (int r = r0; r < std::min(g.height, r0 + k); ++r)
                    for (int c = c0; c < std::min(g.width, c0 + k); ++c, ++n) sum += density[static_cast<std::size_t>(r) * static_cast<std::size_t>(g.width) + static_cast<std::size_t>(c)];
                s.max = std::max(s.max, sum / (k * k));
            }
        scales.push_back(s);
    }
    return scales;
}

}  // namespace

std::vector<DensityPoint> density_points(std::span<const IncidentPoint> placed, const Boundaries& boundaries, const PeriodShares* period) {
    auto point = [&](const IncidentPoint& p, double share) {
        DensityPoint d;
        d.position = p.position;
        d.weight = p.weight * share;
        d.domestic = p.incident_class == IncidentClass::domestic;
        d.imprecise = is_area(p.precision);
        d.footprint = p.footprint_kind == Footprint::Kind::none ? nullptr : boundaries.footprint(p.footprint());
        return d;
    };
    std::vector<DensityPoint> out;
    if (period == nullptr) {
        out.reserve(placed.size());
        for (const IncidentPoint& p : placed) out.push_back(point(p, 1.0));
        return out;
    }
    for (const auto& [i, share] : period->shares)
        if (const DensityPoint d = point(placed[i], share); d.weight > 0) out.push_back(d);
    return out;
}

LonLatBox heatmap_box(const HeatmapOptions& options, const std::vector<DensityPoint>& points, GEOSContextHandle_t ctx) {
    const double max_lat = options.crs == web_mercator_crs ? web_mercator::max_lat : 89.5;
    LonLatBox box{-180, -max_lat, 180, max_lat};
    if (options.extent) {
        box = *options.extent;
    } else if (!points.empty()) {
        // The incidents and the reach of their kernels (and footprints, when spread).
        box = {180, 90, -180, -90};
        auto take = [&](double lon, double lat) {
            box.west = std::min(box.west, lon);
            box.east = std::max(box.east, lon);
            box.south = std::min(box.south, lat);
            box.north = std::max(box.north, lat);
        };
        for (const DensityPoint& p : points) {
            take(p.position.lon_deg, p.position.lat_deg);
            if (p.footprint != nullptr && p.imprecise && options.density.imprecise == ImpreciseMode::spread) {
                double minx = 0, miny = 0, maxx = 0, maxy = 0;
                GEOSGeom_getXMin_r(ctx, p.footprint, &minx);
                GEOSGeom_getYMin_r(ctx, p.footprint, &miny);
                GEOSGeom_getXMax_r(ctx, p.footprint, &maxx);
                GEOSGeom_getYMax_r(ctx, p.footprint, &maxy);
                take(minx, miny);
                take(maxx, maxy);
            }
        }
        const double reach_deg = options.density.bandwidth_km * kernel_support(options.density.kernel) / 111.0;
        const double cos_lat = std::cos(std::min(80.0, std::max(std::fabs(box.south), std::fabs(box.north))) * std::numbers::pi / 180);
        box = {box.west - reach_deg / cos_lat, box.south - reach_deg, box.east + reach_deg / cos_lat, box.north + reach_deg};
    }
    box.west = std::max(-180.0, box.west);
    box.east = std::min(180.0, box.east);
    box.south = std::max(-max_lat, box.south);
    box.north = std::min(max_lat, box.north);
    return box;
}

GridSpec heatmap_grid(const HeatmapOptions& options, const std::vector<DensityPoint>& points, GEOSContextHandle_t ctx) {
    GridSpec grid = grid_over(options.crs, heatmap_box(options, points, ctx), options.size);

    // Three float bands, an RGBA render and the cells' geometry where the projection is not
    // cylindrical, against the memory that is free now.
    const double cells = double(grid.width) * grid.height;
    const double needed = cells * (3 * 4 + 4 + 4 + 16);
    const double available = double(sysconf(_SC_AVPHYS_PAGES)) * double(sysconf(_SC_PAGE_SIZE));
    if (available > 0 && needed > available)
        throw InvalidOption("heatmap.size", "the heatmap grid of " + std::to_string(grid.width) + " x " + std::to_string(grid.height) +
                                                " cells needs " + std::to_string(static_cast<long long>(needed / (1 << 20))) +
                                                " MiB, more than the " + std::to_string(static_cast<long long>(available / (1 << 20))) +
                                                " MiB of free memory: lower it");
    return grid;
}


namespace {

ClassCounts class_counts(std::span<const IncidentPoint> placed) {
    ClassCounts counts;
    for (const IncidentPoint& p : placed) ++(p.incident_class == IncidentClass::domestic ? counts.domestic : counts.transnational);
    return counts;
}

// The pyramid of both classes over the incidents' reach: web maps zoom to the incidents (and
// their kernels' reach), not to the whole world.
HeatmapSummary::Tiles write_tiles(HeatmapFiles& files, const HeatmapOptions& options, const TileOptions& zooms, const CellGeometry& cells,
                                  const DensityBands& all, const std::vector<DensityPoint>& points, std::size_t incidents,
                                  GEOSContextHandle_t ctx, Reporter& reporter) {
    TilePyramidOptions tiles;
    tiles.min_zoom = zooms.min_zoom;
    tiles.max_zoom = zooms.max_zoom;
    tiles.threads = options.threads;
    const LonLatBox web_box = heatmap_box(options, points, ctx);
    const LonLatBox bounds{web_box.west, std::max(web_box.south, -web_mercator::max_lat), web_box.east,
                           std::min(web_box.north, web_mercator::max_lat)};
    const std::vector<ColourScale> scales = tile_scales(cells, all, files.params().units, tiles.min_zoom, tiles.max_zoom);
    return files.write_tiles(tiles, points, scales, bounds, incidents, ctx, reporter);
}

// Per-period rasters, or per-period renders for the preview page's slider alone (preview/, no
// GeoTIFF, no world file): each incident's weight shared over the periods its date spans.
void write_periods(HeatmapFiles& files, const HeatmapPlan& plan, const CellGeometry& cells, std::span<const IncidentPoint> placed,
                   const Boundaries& boundaries, const std::filesystem::path& dir, Progress& progress, HeatmapSummary& summary,
                   std::vector<std::string>& outputs) {
    const HeatmapOptions& options = plan.options;
    const bool page_only = !options.per_period;
    if (page_only) std::filesystem::create_directories(dir / "preview");
    for (const PeriodShares& period : shares_by_period(placed, page_only ? *plan.page_periods : *options.per_period)) {
        ClassCounts members;
        for (const auto& [i, share] : period.shares)
            ++(placed[i].incident_class == IncidentClass::domestic ? members.domestic : members.transnational);
        const DensityBands d =
            compute_density(cells, density_points(placed, boundaries, &period), files.params(), boundaries.context());
        summary.periods.push_back(files.write_period(cells.grid(), d, period.period.label, members, page_only));
        progress.advance();
    }
    if (page_only) outputs.push_back("preview/");
}

// What the heatmap was made of, for summary.json.
void describe(HeatmapSummary& summary, const GridSpec& grid, const HeatmapFiles& files, const HeatmapOptions& options, const DensityBands& all) {
    summary.crs = grid.crs;
    summary.width = grid.width;
    summary.height = grid.height;
    summary.extent = {grid.min_x, grid.min_y, grid.max_x, grid.max_y};
    summary.kernel = std::string(to_string(files.params().kernel));
    summary.bandwidth_km = files.params().bandwidth_km;
    summary.units = files.units();
    if (!options.weight_column.empty()) summary.weight = options.weight_column;
    summary.imprecise = files.imprecise();
    summary.weight_on_grid = all.weight_in_grid;
    summary.spread = all.spread;
    summary.dropped = all.dropped;
    summary.off_grid = all.outside;
    summary.colour_scale_max = files.scale_max();
}

}  // namespace

HeatmapSummary write_heatmaps(const std::filesystem::path& dir, std::span<const IncidentPoint> placed, const HeatmapPlan& plan,
                              const Boundaries& boundaries, const std::string& input_hash, const std::filesystem::path& styles_dir,
                              Reporter& reporter, std::vector<std::string>& outputs) {
    const HeatmapOptions& options = plan.options;
    options.validate();
    DensityParams params = options.density;
    params.threads = options.threads;
    HeatmapFiles files(dir, params, options.ramp, options.weight_column, options.cog, styles_dir, input_hash, outputs);
    const std::vector<DensityPoint> points = density_points(placed, boundaries);
    const GridSpec grid = heatmap_grid(options, points, boundaries.context());
    const CellGeometry cells(grid);

    Progress progress(reporter, "heatmap");
    const DensityBands all = compute_density(cells, points, files.params(), boundaries.context());
    const std::vector<float> total = total_of(all);
    files.set_scale(total);
    if (plan.rasters) files.write_all(grid, all, total, class_counts(placed));
    progress.advance();
    HeatmapSummary summary;
    if ((options.per_period || plan.page_periods) && plan.rasters)
        write_periods(files, plan, cells, placed, boundaries, dir, progress, summary, outputs);
    if (plan.tiles) summary.tiles = write_tiles(files, options, *plan.tiles, cells, all, points, placed.size(), boundaries.context(), reporter);
    progress.finish();
    if (points.empty()) {
        summary.note = "no incidents were placed: the heatmaps are empty";
        reporter.info("incimap: note: " + *summary.note);
    }
    describe(summary, grid, files, options, all);
    return summary;
}

}  // namespace incimap
