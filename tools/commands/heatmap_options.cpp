#include "heatmap_options.hpp"

#include <sstream>

#include "incimap/core/geo.hpp"
#include "incimap/core/error.hpp"
#include "incimap/pipeline/heatmap_job.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

void add_heatmap_options(po::options_description& options, HeatmapOptions& h) {
    options.add_options()
        ("bandwidth-km", po::value(&h.density.bandwidth_km)->default_value(50), "kernel bandwidth on the ground in km, the same at every latitude (gaussian: its standard deviation)")
        ("kernel", po::value<std::string>()->default_value("quartic"), "quartic, gaussian, epanechnikov, triangular or uniform")
        ("weight", po::value(&h.weight_column), "column whose number weighs each incident (e.g. fatalities); rows without one are rejected")
        ("units", po::value<std::string>()->default_value("per-1000km2"), "density units: per-1000km2 (incidents per 1,000 km²) or per-cell (incidents in each cell)")
        ("imprecise", po::value<std::string>()->default_value("spread"), "geocodes of areas (districts, admin-1 areas, countries): spread over their area, point, or drop")
        ("crs", po::value(&h.crs)->default_value(std::string(web_mercator_crs)), "CRS of the heatmap rasters (any that PROJ knows)")
        ("size", po::value(&h.size)->default_value(2048), "cells on the raster's longer side")
        ("extent", po::value<std::string>(), "raster extent W,S,E,N in degrees (default: the incidents and their kernels' reach)")
        ("cog", po::bool_switch(&h.cog), "write Cloud Optimized GeoTIFFs")
        ("ramp", po::value(&h.ramp)->default_value("magma"), "colour ramp for heatmap.png, from styles/ramps (magma, viridis, inferno ...)")
        ("per-period", po::value<std::string>(), "also one heatmap per period: day, week, month, quarter, year")
        ("density-method", po::value<std::string>()->default_value("auto"), "auto, exact, or binned (gaussian: linear binning and a separable convolution, for many incidents)")
        ("threads", po::value(&h.threads)->default_value(0), "threads for densities and tiles (0: all cores); outputs are the same for any number");
}

void take_heatmap_options(const po::variables_map& vm, HeatmapOptions& h) {
    const std::string kernel = vm["kernel"].as<std::string>();
    const auto k = parse_kernel(kernel);
    if (!k) throw UsageError("--kernel: '" + kernel + "' is not one of quartic, gaussian, epanechnikov, triangular, uniform");
    h.density.kernel = *k;
    const std::string units = vm["units"].as<std::string>();
    if (units == "per-1000km2") h.density.units = DensityUnits::per_1000_km2;
    else if (units == "per-cell") h.density.units = DensityUnits::per_cell;
    else throw UsageError("--units: '" + units + "' is not per-1000km2 or per-cell");
    const std::string imprecise = vm["imprecise"].as<std::string>();
    if (imprecise == "spread") h.density.imprecise = ImpreciseMode::spread;
    else if (imprecise == "point") h.density.imprecise = ImpreciseMode::point;
    else if (imprecise == "drop") h.density.imprecise = ImpreciseMode::drop;
    else throw UsageError("--imprecise: '" + imprecise + "' is not spread, point or drop");
    const std::string method = vm["density-method"].as<std::string>();
    if (method == "auto") h.density.method = DensityMethod::automatic;
    else if (method == "exact") h.density.method = DensityMethod::exact;
    else if (method == "binned" && h.density.kernel == Kernel::gaussian) h.density.method = DensityMethod::binned;
    else throw UsageError("--density-method: '" + method + "' is not auto, exact, or binned (binned needs --kernel gaussian)");
    if (vm.count("extent")) {
        LonLatBox box;
        char c1 = 0, c2 = 0, c3 = 0, extra = 0;
        std::istringstream in(vm["extent"].as<std::string>());
        if (!(in >> box.west >> c1 >> box.south >> c2 >> box.east >> c3 >> box.north) || c1 != ',' || c2 != ',' || c3 != ',' || (in >> extra))
            throw UsageError("--extent: expected W,S,E,N in degrees");
        h.extent = box;
    }
    if (vm.count("per-period")) {
        const std::string unit = vm["per-period"].as<std::string>();
        h.per_period = parse_period_unit(unit);
        if (!h.per_period) throw UsageError("--per-period: '" + unit + "' is not one of day, week, month, quarter, year");
    }
    check(h);
}

}  // namespace incimap::cli
