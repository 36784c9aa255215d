// Heatmap benchmarks, one line each (what, n, seconds, peak resident MiB, a check value):
//   render_bench density FILE SIZE KERNEL BANDWIDTH_KM [THREADS]
//       density of the points (lat,lon CSV, as cluster_bench gen writes) on a Web Mercator
//       grid of SIZE x SIZE cells over their extent
//   render_bench raster FILE ZOOM BANDWIDTH_KM OUT.tif   (gaussian, as tiles)
//       the blended heatmap over the points' extent at the resolution of ZOOM, as an RGBA
//       GeoTIFF: the raster a tiler such as gdal2tiles would start from
//   render_bench tiles FILE MIN_ZOOM MAX_ZOOM BANDWIDTH_KM DIR [THREADS]   (gaussian)
//       the XYZ/MBTiles pyramid straight from the points

#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "incimap/core/reporter.hpp"
#include "incimap/output/raster_files.hpp"
#include "incimap/render/colour_ramp.hpp"
#include "incimap/render/density.hpp"
#include "incimap/output/tile_pyramid_files.hpp"
#include "incimap/render/web_mercator.hpp"

#include "bench_util.hpp"

using namespace incimap;
using bench::peak_mib;
using bench::seconds;

namespace {

std::vector<DensityPoint> load(const std::string& file) {
    std::vector<DensityPoint> points;
    for (const LonLat& p : bench::load_points(file)) points.push_back({p, 1, points.size() % 2 == 0});
    return points;
}

LonLatBox extent_of(const std::vector<DensityPoint>& points) {
    LonLatBox b{180, 90, -180, -90};
    for (const auto& p : points) {
        b.west = std::min(b.west, p.position.lon_deg);
        b.east = std::max(b.east, p.position.lon_deg);
        b.south = std::min(b.south, p.position.lat_deg);
        b.north = std::max(b.north, p.position.lat_deg);
    }
    return b;
}

// Densities on a tile's scale: the blended classes against the peak density.
ColourScale scale_for(const DensityBands& d) {
    ColourScale s;
    for (std::size_t i = 0; i < d.domestic.size(); ++i) s.max = std::max(s.max, double(d.domestic[i]) + d.transnational[i]);
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> a(argv + 1, argv + argc);
    if (a.size() < 2) {
        std::cerr << "usage: render_bench density FILE SIZE KERNEL BANDWIDTH_KM [THREADS] | raster FILE ZOOM BANDWIDTH_KM OUT.tif |"
                     " tiles FILE MIN_ZOOM MAX_ZOOM BANDWIDTH_KM DIR [THREADS]\n";
        return 2;
    }
    const std::vector<DensityPoint> points = load(a[1]);
    DensityParams params;
    params.kernel = Kernel::gaussian;  // the kernel of the peers (SciPy's gaussian_filter)
    if (a[0] == "density" && (a.size() == 5 || a.size() == 6)) {
        params.kernel = parse_kernel(a[3]).value_or(Kernel::gaussian);
        params.bandwidth_km = std::stod(a[4]);
        params.threads = a.size() == 6 ? static_cast<unsigned>(std::stoul(a[5])) : 1;
        // SIZE x SIZE cells over the points' extent (cells need not be square)
        GridSpec grid = grid_over("EPSG:3857", extent_of(points), std::stoi(a[2]));
        grid.width = grid.height = std::stoi(a[2]);
        DensityBands d;
        const double s = seconds([&] {
            const CellGeometry cells(grid);
            d = compute_density(cells, points, params, nullptr);
        });
        std::cout << "incimap density n=" << points.size() << " grid=" << grid.width << "x" << grid.height << " kernel=" << a[3]
                  << " bandwidth_km=" << a[4] << " threads=" << params.threads << " seconds=" << s << " peak_mib=" << peak_mib()
                  << " weight_on_grid=" << d.weight_in_grid << "\n";
        return 0;
    }
    if (a[0] == "raster" && a.size() == 5) {
        const int zoom = std::stoi(a[2]);
        params.bandwidth_km = std::stod(a[3]);
        // the cell size of tiles at this zoom
        const double cell = web_mercator::pixel_m(zoom);
        GridSpec grid = grid_over("EPSG:3857", extent_of(points), 1);
        grid.width = static_cast<int>(std::ceil((grid.max_x - grid.min_x) / cell));
        grid.height = static_cast<int>(std::ceil((grid.max_y - grid.min_y) / cell));
        grid.max_x = grid.min_x + grid.width * cell;
        grid.min_y = grid.max_y - grid.height * cell;
        const CellGeometry cells(grid);
        const DensityBands d = compute_density(cells, points, params, nullptr);
        const std::vector<std::uint8_t> rgba = render_classes(d.domestic, d.transnational, {230, 85, 13}, {123, 50, 148}, scale_for(d));
        std::vector<float> planes[4];
        for (int b = 0; b < 4; ++b) {
            planes[b].resize(rgba.size() / 4);
            for (std::size_t i = 0; i < planes[b].size(); ++i) planes[b][i] = rgba[4 * i + static_cast<std::size_t>(b)];
        }
        write_geotiff(a[4], grid, {{"red", &planes[0], ""}, {"green", &planes[1], ""}, {"blue", &planes[2], ""}, {"alpha", &planes[3], ""}}, {}, false);
        std::cout << "incimap raster n=" << points.size() << " grid=" << grid.width << "x" << grid.height << "\n";
        return 0;
    }
    if (a[0] == "tiles" && (a.size() == 6 || a.size() == 7)) {
        params.bandwidth_km = std::stod(a[4]);
        TilePyramidOptions t;
        t.min_zoom = std::stoi(a[2]);
        t.max_zoom = std::stoi(a[3]);
        t.threads = a.size() == 7 ? static_cast<unsigned>(std::stoul(a[6])) : 0;
        // the scale of the densest cell at the highest zoom's resolution, as a heatmap run sets it
        ColourScale scale;
        scale.max = 0;
        TilePyramidCounts counts;
        std::filesystem::create_directories(a[5]);
        const double s = seconds([&] {
            const GridSpec grid = grid_over("EPSG:3857", extent_of(points), 1024);
            const CellGeometry cells(grid);
            scale = scale_for(compute_density(cells, points, params, nullptr));
            counts = write_tile_pyramid(a[5], points, params, std::vector<ColourScale>(static_cast<std::size_t>(t.max_zoom - t.min_zoom + 1), scale), {230, 85, 13}, {123, 50, 148}, nullptr, t, {}, silent_reporter());
        });
        std::cout << "incimap tiles n=" << points.size() << " zooms=" << t.min_zoom << "-" << t.max_zoom << " seconds=" << s
                  << " peak_mib=" << peak_mib() << " tiles=" << counts.written << " empty=" << counts.empty << "\n";
        return 0;
    }
    std::cerr << "render_bench: unknown command\n";
    return 2;
}
