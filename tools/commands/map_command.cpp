#include <iostream>
#include <sstream>

#include "command.hpp"
#include "heatmap_options.hpp"
#include "incimap/core/error.hpp"
#include "incimap/pipeline/map_job.hpp"
#include "incimap/render/tiles.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

namespace {

class MapCommand final : public Command {
public:
    MapCommand() {
        usage_ = "incimap map INPUT... (--home CODES | --home-file FILE) -o DIR [OPTIONS]";
        add_placement_options(options_, job_);
        options_.add_options()
            ("output,o", po::value<std::string>(), "output directory (created if needed)")
            ("period", po::value(&job_.period), "count incidents per period: day, week, month, quarter, year (writes regions.geojson, periods.csv, trends.csv)")
            ("region", po::value(&job_.region), "regions to count in: country (default), admin1, subregion")
            ("regions", po::value<std::string>(), "custom region polygons (any vector file) instead of --region")
            ("region-field", po::value(&job_.region_field), "field naming the custom regions")
            ("eps-km", po::value<double>(), "cluster incidents with DBSCAN: neighbourhood radius in km, geodesic (writes clusters.geojson)")
            ("min-points", po::value<std::size_t>()->default_value(5), "DBSCAN: incidents within eps that make a core point, itself included")
            ("eps-days", po::value<double>(), "ST-DBSCAN: neighbours also lie within this many days")
            ("zoom-clusters", po::value<std::string>(), "web-map clusters per zoom, MIN-MAX in 0-22 (writes clusters_z{z}.geojson; supercluster semantics)")
            ("cluster-radius", po::value<double>()->default_value(40), "zoom clusters: radius in pixels")
            ("cluster-extent", po::value<double>()->default_value(512), "zoom clusters: tile extent in pixels")
            ("gpkg", po::bool_switch(&job_.gpkg), "also write every vector layer into DIR/incimap.gpkg, styled for QGIS (layer_styles)")
            ("heatmap", po::bool_switch(), "kernel density heatmaps of domestic and transnational incidents (heatmap.tif, heatmap*.png)")
            ("tiles", po::value<std::string>(), "heatmap tiles for zooms MIN-MAX in 0-22 (tiles/{z}/{x}/{y}.png and heatmap.mbtiles)");
        add_heatmap_options(heatmap_options_, heatmap_);
        options_.add(heatmap_options_);
        hidden_.add_options()("input", po::value(&job_.inputs), "input files (CSV, XLSX, ODS, GeoJSON, GeoPackage)");
    }
    const char* name() const override { return "map"; }
    const char* synopsis() const override {
        return "Reads incident lists, places each incident (given coordinates or geocoded place text),\n"
               "classifies it as domestic or transnational, and writes DIR/incidents.geojson,\n"
               "DIR/rejects.csv and DIR/summary.json (and heatmaps, tiles, clusters and region counts\n"
               "when asked). ACLED exports need no column options.\n"
               "Exit codes: 0 ok, 1 failed (bad input file, missing geodata, write error), 2 usage.";
    }
    void setup(const std::vector<std::string>& args) override {
        const po::variables_map vm = parse(args, "input");
        if (help_) return;
        if (!vm.count("output")) throw UsageError("map: no output directory given (-o DIR)");
        job_.output_dir = vm["output"].as<std::string>();
        take_placement_options(vm, job_);
        if (vm.count("regions")) job_.regions_file = vm["regions"].as<std::string>();
        if (vm.count("zoom-clusters")) {
            const std::string range = vm["zoom-clusters"].as<std::string>();
            ZoomClusterParams zoom;
            std::tie(zoom.min_zoom, zoom.max_zoom) = parse_zoom_range(range, "--zoom-clusters");
            zoom.radius = vm["cluster-radius"].as<double>();
            zoom.extent = vm["cluster-extent"].as<double>();
            if (!(zoom.radius > 0) || !(zoom.extent > 0)) throw UsageError("--cluster-radius and --cluster-extent must be more than 0");
            job_.zoom_clusters = zoom;
        }
        if (vm["heatmap"].as<bool>() || vm.count("tiles")) {
            take_heatmap_options(vm, heatmap_);
            if (vm.count("tiles")) heatmap_.tiles = parse_zoom_range(vm["tiles"].as<std::string>(), "--tiles");
            job_.heatmap = heatmap_;
        }
        if (vm.count("eps-days") && !vm.count("eps-km")) throw UsageError("--eps-days needs --eps-km");
        if (vm.count("eps-km")) {
            DbscanParams params;
            params.eps_km = vm["eps-km"].as<double>();
            params.min_points = vm["min-points"].as<std::size_t>();
            if (vm.count("eps-days")) params.eps_days = vm["eps-days"].as<double>();
            check(params);
            job_.clustering = params;
        }
    }
    int run() override {
        const MapCounts c = run_map_job(job_);
        if (!job_.quiet)
            std::cerr << "map: " << c.rows << " rows: " << c.placed << " placed (" << c.domestic << " domestic, "
                      << c.transnational << " transnational), " << c.unresolved << " unresolved, " << c.rejected
                      << " rejected -> " << job_.output_dir.string() << "\n";
        return 0;
    }

private:
    MapJob job_;
    HeatmapOptions heatmap_;
    po::options_description heatmap_options_{"Heatmap options (with --heatmap or --tiles)"};
};

}  // namespace

std::unique_ptr<Command> make_map_command() { return std::make_unique<MapCommand>(); }

}  // namespace incimap::cli
