#include <iostream>

#include "command.hpp"
#include "heatmap_options.hpp"
#include "incimap/render/tiles.hpp"
#include "incimap/core/error.hpp"
#include "incimap/pipeline/map_job.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

namespace {

class TilesCommand final : public Command {
public:
    TilesCommand() {
        usage_ = "incimap tiles INPUT... (--home CODES | --home-file FILE) --zoom MIN-MAX -o DIR [OPTIONS]";
        add_placement_options(options_, job_);
        options_.add_options()
            ("output,o", po::value<std::string>(), "output directory (created if needed)")
            ("zoom,z", po::value<std::string>()->default_value("0-8"), "zoom levels MIN-MAX in 0-22");
        add_heatmap_options(options_, heatmap_);
        hidden_.add_options()("input", po::value(&job_.inputs), "input files (CSV, XLSX, ODS, GeoJSON, GeoPackage)");
    }
    const char* name() const override { return "tiles"; }
    const char* synopsis() const override {
        return "Places and classifies incidents as `incimap map` does, and writes heatmap tiles for web\n"
               "maps: DIR/tiles/{z}/{x}/{y}.png (XYZ, Web Mercator, 256 px; empty tiles skipped) and\n"
               "DIR/heatmap.mbtiles (MBTiles 1.3), each zoom computed at its own resolution, plus\n"
               "DIR/summary.json. Exit codes: 0 ok, 1 failed, 2 usage.";
    }
    void setup(const std::vector<std::string>& args) override {
        const po::variables_map vm = parse(args, "input");
        if (help_) return;
        if (!vm.count("output")) throw UsageError("tiles: no output directory given (-o DIR)");
        job_.output_dir = vm["output"].as<std::string>();
        take_placement_options(vm, job_);
        heatmap_.tiles = parse_zoom_range(vm["zoom"].as<std::string>(), "--zoom");
        heatmap_.rasters = false;
        take_heatmap_options(vm, heatmap_);
        job_.heatmap = heatmap_;
        job_.tiles_only = true;
    }
    int run() override {
        const MapCounts c = run_map_job(job_);
        if (!job_.quiet)
            std::cerr << "tiles: " << c.placed << " incidents placed of " << c.rows << " rows -> " << job_.output_dir.string() << "\n";
        return 0;
    }

private:
    MapJob job_;
    HeatmapOptions heatmap_;
};

}  // namespace

std::unique_ptr<Command> make_tiles_command() { return std::make_unique<TilesCommand>(); }

}  // namespace incimap::cli
