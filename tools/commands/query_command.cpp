#include <unistd.h>

#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "incimap/incimap.hpp"
#include "../terminal_reporter.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

namespace {

std::chrono::sys_days day_of(const std::string& text, bool last, const char* flag) {
    const ParsedDate d = parse_date(text);
    if (!d.span) throw UsageError(std::string(flag) + ": " + d.reason);
    return last ? d.span->last : d.span->first;
}

// The GeoJSON driver writes files; the layer goes through one to standard output.
void write_to_stdout(const std::vector<PlacedIncident>& selected) {
    const std::filesystem::path temp = std::filesystem::temp_directory_path() / ("incimap-query-" + std::to_string(::getpid()) + ".geojson");
    write_incidents_geojson(temp, selected);
    std::ifstream in(temp, std::ios::binary);
    std::cout << in.rdbuf();
    std::cout.flush();
    std::filesystem::remove(temp);
    if (!std::cout) throw IoError("query: cannot write to standard output");
}

}  // namespace

QueryCommand::QueryCommand() {
    usage_ = "incimap query INPUT... (--home CODES | --home-file FILE) [--bbox W,S,E,N | --near LAT,LON,KM]\n"
             "                     [--from DATE] [--to DATE] [--class domestic|transnational] [--type T] [-o FILE]";
    options_.add_options()
        ("bbox", po::value<std::string>(), "west,south,east,north in degrees; west > east crosses the antimeridian")
        ("near", po::value<std::string>(), "lat,lon,km: within this geodesic distance (WGS 84)")
        ("from", po::value<std::string>(), "incidents whose date reaches this date or later (a month means its first day)")
        ("to", po::value<std::string>(), "incidents whose date reaches this date or earlier (a month means its last day)")
        ("class", po::value<std::string>(), "domestic or transnational")
        ("type", po::value<std::string>(), "event type, exactly as in the input");
    for (OptionGroup* group : std::initializer_list<OptionGroup*>{&input_, &placement_, &output_}) add(*group);
    flags_.add({{"query.where", ""},
               {"query.box", "--bbox"},
               {"query.near", "--near"},
               {"query.from", "--from"},
               {"query.to", "--to"}});
}

const char* QueryCommand::synopsis() const {
    return "Places the incidents of the inputs as 'incimap map' does and writes those in a box or within a\n"
           "geodesic distance, in a period, of a class or event type, as an RFC 7946 GeoJSON layer with\n"
           "the properties of incidents.geojson. A partial date matches when its span overlaps the period.\n"
           "Exit codes: 0 ok (also when nothing matches), 1 failed, 2 usage.";
}

void QueryCommand::setup(const std::vector<std::string>& args) {
    const po::variables_map vm = parse(args, "input");
    if (help_) return;
    if (vm.count("bbox")) {
        const auto b = number_list(vm["bbox"].as<std::string>(), 4, "--bbox");
        job_.box = LonLatBox{b[0], b[1], b[2], b[3]};
    }
    if (vm.count("near")) {
        const auto n = number_list(vm["near"].as<std::string>(), 3, "--near");
        job_.near_center = LonLat{n[1], n[0]};
        job_.near_km = n[2];
    }
    if (vm.count("from")) job_.filter.from = day_of(vm["from"].as<std::string>(), false, "--from");
    if (vm.count("to")) job_.filter.to = day_of(vm["to"].as<std::string>(), true, "--to");
    if (vm.count("class")) {
        const std::string c = vm["class"].as<std::string>();
        if (c != "domestic" && c != "transnational") throw UsageError("--class: expected domestic or transnational");
        job_.filter.incident_class = c == "domestic" ? IncidentClass::domestic : IncidentClass::transnational;
    }
    if (vm.count("type")) job_.filter.event_type = vm["type"].as<std::string>();
    job_.validate();
}

int QueryCommand::run() {
    TerminalReporter reporter(quiet_);
    const QueryResult result = run_query_job(job_, reporter);
    if (output_path_ == "-") write_to_stdout(result.selected);
    else write_incidents_geojson(output_path_, result.selected);
    reporter.info("query: " + std::to_string(result.selected.size()) + " of " + std::to_string(result.placed) + " placed incidents");
    return 0;
}

std::unique_ptr<Command> make_query_command() { return std::make_unique<QueryCommand>(); }

}  // namespace incimap::cli
