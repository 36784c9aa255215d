#include "command.hpp"

#include <sstream>

#include "incimap/core/error.hpp"
#include "incimap/pipeline/map_job.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

std::string Command::help() const {
    std::ostringstream out;
    out << "Usage: " << usage_ << "\n\n" << synopsis() << "\n\n" << options_;
    return out.str();
}

po::variables_map Command::parse(const std::vector<std::string>& args, const char* positional_name, int max_positional) {
    options_.add_options()("help,h", "show this help and exit");
    po::positional_options_description positional;
    if (positional_name != nullptr) positional.add(positional_name, max_positional);
    po::options_description all;
    all.add(options_).add(hidden_);
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
    help_ = vm.count("help") > 0;
    return vm;
}

void add_placement_options(po::options_description& options, MapJob& job) {
    options.add_options()
        ("home", po::value(&job.home_codes), "home area as ISO 3166-1 codes, alpha-2 or alpha-3, comma-separated (AF or AF,PK)")
        ("home-file", po::value<std::string>(), "home area as polygons from a vector file (GeoJSON, GeoPackage ...)")
        ("date-col", po::value(&job.columns.date), "column with the date (default: event_date or date)")
        ("date-order", po::value<std::string>(), "read all-numeric dates such as 05/06/2023 day first (dmy) or month first (mdy); without it they are rejected as ambiguous")
        ("place-col", po::value(&job.columns.place), "column with the place text (default: location or place)")
        ("lat-col", po::value(&job.columns.lat), "column with the latitude (default: latitude or lat)")
        ("lon-col", po::value(&job.columns.lon), "column with the longitude (default: longitude, lon or lng)")
        ("type-col", po::value(&job.columns.type), "column with the event type (default: event_type or type)")
        ("id-col", po::value(&job.columns.id), "column with the incident id (default: event_id_cnty or id)")
        ("layer", po::value(&job.columns.layer), "layer or sheet to read (default: the first)")
        ("hint-country", po::value(&job.hint_country), "geocode place names within this country only (ISO code)")
        ("bias-country", po::value(&job.bias_countries), "prefer places in these countries when names are shared (AF or AF,PK); others stay possible")
        ("places", po::value(&job.places_file), "your own places (CSV or vector file: name, alt_names, lat/lon or geometry, country, admin1, kind, population); an exact match ranks above the gazetteer")
        ("near-km", po::value(&job.near_km)->default_value(25), "for given coordinates, report the nearest populated place within this distance (0: off)")
        ("geodata", po::value(&job.geodata_dir), "geodata directory (default: $INCIMAP_GEODATA, else geodata/ beside the executable)")
        ("quiet,q", po::bool_switch(&job.quiet), "no progress output");
}

void take_placement_options(const po::variables_map& vm, MapJob& job) {
    if (vm.count("date-order")) {
        const std::string order = vm["date-order"].as<std::string>();
        const auto parsed = parse_date_order(order);
        if (!parsed) throw UsageError("--date-order: '" + order + "' is not dmy or mdy");
        job.columns.date_order = *parsed;
    }
    if (vm.count("home-file")) job.home_file = vm["home-file"].as<std::string>();
    if (job.inputs.empty()) throw UsageError("no input file given");
    if (job.home_codes.empty() == job.home_file.empty()) throw UsageError("give the home area with either --home or --home-file");
}

}  // namespace incimap::cli
