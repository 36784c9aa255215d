#include <iostream>

#include "commands.hpp"
#include "incimap/incimap.hpp"
#include "../terminal_reporter.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

MapCommand::MapCommand(bool tiles_only) : tiles_only_(tiles_only) {
    if (tiles_only) {
        usage_ = "incimap tiles INPUT... (--home CODES | --home-file FILE) [--zoom MIN-MAX] -o DIR [OPTIONS]";
        for (OptionGroup* group : std::initializer_list<OptionGroup*>{&input_, &placement_, &output_, &tiles_, &density_, &raster_})
            add(*group);
        ignore({"per-period", "ramp"}, {"cog"});  // tiles have no period and no GeoTIFF, and are coloured by class
        return;
    }
    usage_ = "incimap map INPUT... (--home CODES | --home-file FILE) -o DIR [OPTIONS]";
    options_.add_options()
        ("gpkg", po::bool_switch(&job_.output.gpkg), "also write every vector layer into DIR/incimap.gpkg, styled for QGIS (layer_styles)")
        ("layer-format", po::value<std::string>()->default_value("geojson"),
         "format of the incidents layer: geojson (incidents.geojson), geojsonseq (incidents.geojsons, RFC 8142 text sequences) or fgb (incidents.fgb, FlatGeobuf with a spatial index)")
        ("heatmap", po::bool_switch(), "kernel density heatmaps of domestic and transnational incidents (heatmap.tif, heatmap*.png)");
    for (OptionGroup* group : std::initializer_list<OptionGroup*>{&input_, &placement_, &output_, &analysis_, &density_, &raster_, &tiles_})
        add(*group);
    deprecated_ = {{"--region", "--region-kind"}, {"--regions", "--region-file"}, {"--tiles", "--zoom", true}};
}

const char* MapCommand::synopsis() const {
    if (tiles_only_)
        return "Places and classifies incidents as `incimap map` does, and writes heatmap tiles for web\n"
               "maps: DIR/tiles/{z}/{x}/{y}.png (XYZ, Web Mercator, 256 px; empty tiles skipped) and\n"
               "DIR/heatmap.mbtiles (MBTiles 1.3), each zoom computed at its own resolution, plus\n"
               "DIR/summary.json. Exit codes: 0 ok, 1 failed, 2 usage.";
    return "Reads incident lists, places each incident (given coordinates or geocoded place text),\n"
           "classifies it as domestic or transnational, and writes DIR/incidents.geojson,\n"
           "DIR/rejects.csv and DIR/summary.json (and heatmaps, tiles, clusters and region counts\n"
           "when asked). ACLED exports need no column options. The density and raster options\n"
           "apply with --heatmap or --tiles.\n"
           "Exit codes: 0 ok, 1 failed (bad input file, missing geodata, write error), 2 usage.";
}

void MapCommand::setup(const std::vector<std::string>& args) {
    const po::variables_map vm = parse(args, "input");
    if (help_) return;
    if (!tiles_only_) {
        const std::string format = vm["layer-format"].as<std::string>();
        const std::optional<LayerFormat> parsed = parse_layer_format(format);
        if (!parsed) throw UsageError("--layer-format: '" + format + "' is not geojson, geojsonseq or fgb");
        job_.output.layer_format = *parsed;
    }
    if (tiles_only_ || vm["heatmap"].as<bool>() || job_.tiles) job_.heatmap = heatmap_;
    job_.placement.threads = heatmap_.threads;  // --threads is for every stage
    job_.output.layers = job_.output.heatmap_rasters = !tiles_only_;
    job_.validate();
}

int MapCommand::run() {
    TerminalReporter reporter(quiet_);
    const MapCounts c = run_map_job(job_, reporter);
    const std::string out = " -> " + job_.output.dir.string();
    if (tiles_only_) reporter.info("tiles: " + std::to_string(c.placed) + " incidents placed of " + std::to_string(c.rows) + " rows" + out);
    else
        reporter.info("map: " + std::to_string(c.rows) + " rows: " + std::to_string(c.placed) + " placed (" + std::to_string(c.domestic) +
                      " domestic, " + std::to_string(c.transnational) + " transnational), " + std::to_string(c.unresolved) +
                      " unresolved, " + std::to_string(c.rejected) + " rejected" + out);
    return 0;
}

std::unique_ptr<Command> make_map_command() { return std::make_unique<MapCommand>(); }
std::unique_ptr<Command> make_tiles_command() { return std::make_unique<TilesCommand>(); }

}  // namespace incimap::cli
