#include <iostream>

#include "command.hpp"
#include "incimap/core/error.hpp"
#include "incimap/pipeline/map_job.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

namespace {

class MapCommand final : public Command {
public:
    MapCommand() {
        usage_ = "incimap map INPUT... (--home CODES | --home-file FILE) -o DIR [OPTIONS]";
        options_.add_options()
            ("home", po::value(&job_.home_codes), "home area as ISO 3166-1 codes, alpha-2 or alpha-3, comma-separated (AF or AF,PK)")
            ("home-file", po::value<std::string>(), "home area as polygons from a vector file (GeoJSON, GeoPackage ...)")
            ("output,o", po::value<std::string>(), "output directory (created if needed)")
            ("date-col", po::value(&job_.columns.date), "column with the date (default: event_date or date)")
            ("place-col", po::value(&job_.columns.place), "column with the place text (default: location or place)")
            ("lat-col", po::value(&job_.columns.lat), "column with the latitude (default: latitude or lat)")
            ("lon-col", po::value(&job_.columns.lon), "column with the longitude (default: longitude, lon or lng)")
            ("type-col", po::value(&job_.columns.type), "column with the event type (default: event_type or type)")
            ("id-col", po::value(&job_.columns.id), "column with the incident id (default: event_id_cnty or id)")
            ("layer", po::value(&job_.columns.layer), "layer or sheet to read (default: the first)")
            ("hint-country", po::value(&job_.hint_country), "geocode place names within this country only (ISO code)")
            ("bias-country", po::value(&job_.bias_countries), "prefer places in these countries when names are shared (AF or AF,PK); others stay possible")
            ("near-km", po::value(&job_.near_km)->default_value(25), "for given coordinates, report the nearest populated place within this distance (0: off)")
            ("geodata", po::value(&job_.geodata_dir), "geodata directory (default: $INCIMAP_GEODATA, else geodata/ beside the executable)")
            ("period", po::value(&job_.period), "count incidents per period: day, week, month, quarter, year (writes regions.geojson, periods.csv, trends.csv)")
            ("region", po::value(&job_.region), "regions to count in: country (default), admin1, subregion")
            ("regions", po::value<std::string>(), "custom region polygons (any vector file) instead of --region")
            ("region-field", po::value(&job_.region_field), "field naming the custom regions")
            ("quiet,q", po::bool_switch(&job_.quiet), "no progress output");
        hidden_.add_options()("input", po::value(&job_.inputs), "input files (CSV, XLSX, ODS, GeoJSON, GeoPackage)");
    }
    const char* name() const override { return "map"; }
    const char* synopsis() const override {
        return "Reads incident lists, places each incident (given coordinates or geocoded place text),\n"
               "classifies it as domestic or transnational, and writes DIR/incidents.geojson,\n"
               "DIR/rejects.csv and DIR/summary.json. ACLED exports need no column options.\n"
               "Exit codes: 0 ok, 1 failed (bad input file, missing geodata, write error), 2 usage.";
    }
    void setup(const std::vector<std::string>& args) override {
        const po::variables_map vm = parse(args, "input");
        if (help_) return;
        if (job_.inputs.empty()) throw UsageError("map: no input file given");
        if (!vm.count("output")) throw UsageError("map: no output directory given (-o DIR)");
        job_.output_dir = vm["output"].as<std::string>();
        if (vm.count("home-file")) job_.home_file = vm["home-file"].as<std::string>();
        if (vm.count("regions")) job_.regions_file = vm["regions"].as<std::string>();
        if (job_.home_codes.empty() == job_.home_file.empty())
            throw UsageError("map: give the home area with either --home or --home-file");
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
};

}  // namespace

std::unique_ptr<Command> make_map_command() { return std::make_unique<MapCommand>(); }

}  // namespace incimap::cli
