#include <charconv>
#include <iostream>
#include <sstream>

#include "command.hpp"
#include "incimap/core/error.hpp"
#include "incimap/pipeline/query_job.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

namespace {

// "a,b,c[,d]" -> numbers; throws UsageError naming the option.
std::vector<double> numbers(const std::string& text, std::size_t count, const char* option) {
    std::vector<double> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        double v = 0;
        const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (ec != std::errc() || end != item.data() + item.size())
            throw UsageError(std::string(option) + ": '" + item + "' is not a number");
        out.push_back(v);
    }
    if (out.size() != count) throw UsageError(std::string(option) + ": expected " + std::to_string(count) + " comma-separated numbers");
    return out;
}

std::chrono::sys_days day_of(const std::string& text, bool last, const char* option) {
    const ParsedDate d = parse_date(text);
    if (!d.span) throw UsageError(std::string(option) + ": " + d.reason);
    return last ? d.span->last : d.span->first;
}

class QueryCommand final : public Command {
public:
    QueryCommand() {
        usage_ = "incimap query INPUT... (--home CODES | --home-file FILE) [--bbox W,S,E,N | --near LAT,LON,KM]\n"
                 "                     [--from DATE] [--to DATE] [--class domestic|transnational] [--type T] [-o FILE]";
        add_placement_options(options_, job_.source);
        options_.add_options()
            ("bbox", po::value<std::string>(), "west,south,east,north in degrees; west > east crosses the antimeridian")
            ("near", po::value<std::string>(), "lat,lon,km: within this geodesic distance (WGS 84)")
            ("from", po::value<std::string>(), "incidents whose date reaches this date or later (a month means its first day)")
            ("to", po::value<std::string>(), "incidents whose date reaches this date or earlier (a month means its last day)")
            ("class", po::value<std::string>(), "domestic or transnational")
            ("type", po::value<std::string>(), "event type, exactly as in the input")
            ("output,o", po::value(&job_.output)->default_value("-"), "GeoJSON file to write; - for standard output");
        hidden_.add_options()("input", po::value(&job_.source.inputs), "input files");
    }
    const char* name() const override { return "query"; }
    const char* synopsis() const override {
        return "Places the incidents of the inputs as 'incimap map' does and writes those in a box or within a\n"
               "geodesic distance, in a period, of a class or event type, as an RFC 7946 GeoJSON layer with\n"
               "the properties of incidents.geojson. A partial date matches when its span overlaps the period.\n"
               "Exit codes: 0 ok (also when nothing matches), 1 failed, 2 usage.";
    }
    void setup(const std::vector<std::string>& args) override {
        const po::variables_map vm = parse(args, "input");
        if (help_) return;
        take_placement_options(vm, job_.source);
        if (vm.count("bbox")) {
            const auto b = numbers(vm["bbox"].as<std::string>(), 4, "--bbox");
            if (b[1] < -90 || b[3] > 90 || b[1] > b[3]) throw UsageError("--bbox: south and north must be in -90..90, south <= north");
            if (b[0] < -180 || b[0] > 180 || b[2] < -180 || b[2] > 180) throw UsageError("--bbox: west and east must be in -180..180");
            job_.box = LonLatBox{b[0], b[1], b[2], b[3]};
        }
        if (vm.count("near")) {
            const auto n = numbers(vm["near"].as<std::string>(), 3, "--near");
            if (!is_valid({n[1], n[0]})) throw UsageError("--near: latitude must be in -90..90 and longitude in -180..180");
            if (!(n[2] > 0)) throw UsageError("--near: the distance must be more than 0 km");
            job_.near_center = LonLat{n[1], n[0]};
            job_.near_km = n[2];
        }
        if (job_.box && job_.near_center) throw UsageError("give --bbox or --near, not both");
        if (vm.count("from")) job_.filter.from = day_of(vm["from"].as<std::string>(), false, "--from");
        if (vm.count("to")) job_.filter.to = day_of(vm["to"].as<std::string>(), true, "--to");
        if (job_.filter.from && job_.filter.to && *job_.filter.to < *job_.filter.from) throw UsageError("--to is before --from");
        if (vm.count("class")) {
            const std::string c = vm["class"].as<std::string>();
            if (c != "domestic" && c != "transnational") throw UsageError("--class: expected domestic or transnational");
            job_.filter.incident_class = c == "domestic" ? IncidentClass::domestic : IncidentClass::transnational;
        }
        if (vm.count("type")) job_.filter.event_type = vm["type"].as<std::string>();
    }
    int run() override {
        run_query_job(job_);
        return 0;
    }

private:
    QueryJob job_;
};

}  // namespace

std::unique_ptr<Command> make_query_command() { return std::make_unique<QueryCommand>(); }

}  // namespace incimap::cli
