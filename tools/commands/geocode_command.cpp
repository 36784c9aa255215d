#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "command.hpp"
#include "../terminal_reporter.hpp"
#include "incimap/incimap.hpp"

namespace incimap::cli {

namespace po = boost::program_options;
using nlohmann::json;

namespace {

json candidate_json(const GeocodeCandidate& c) {
    const Place& p = c.place;
    return {{"lat", p.position.lat_deg},
                  {"lon", p.position.lon_deg},
                  {"country", std::string(p.country)},
                  {"admin1", p.admin1_code.empty() ? json(nullptr) : json(std::string(p.admin1_code))},
                  {"name", std::string(p.name)},
                  {"geonameid", p.geonameid > 0 ? json(p.geonameid) : json(nullptr)},
                  {"place_source", std::string(source_name(p))},
                  {"precision", std::string(to_string(c.precision))},
                  {"confidence", std::round(c.confidence * 1000) / 1000},
                  {"method", std::string(to_string(c.method))},
                  {"footprint", footprint_of(c).empty() ? json(nullptr) : json(footprint_of(c).text())}};
}

class GeocodeCommand final : public Command {
public:
    GeocodeCommand() {
        usage_ = "incimap geocode [--hint-country CC] [--bias-country CC[,CC]] [--places FILE] [FILE|-]";
        options_.add_options()
            ("hint-country", po::value(&hint_country_), "only candidates in this country (ISO 3166-1 alpha-2 or alpha-3)")
            ("bias-country", po::value(&bias_countries_), "prefer places in these countries (AF or AF,PK); others stay possible")
            ("places", po::value(&places_file_), "your own places (CSV or vector file: name, alt_names, lat/lon or geometry, country, admin1, kind, population); an exact match ranks above the gazetteer")
            ("geodata", po::value(&geodata_dir_), "geodata directory (default: $INCIMAP_GEODATA, else geodata/ beside the executable)");
        flags_.add({{"placement.hint_country", "--hint-country"},
                   {"placement.bias_countries", "--bias-country"}});
        hidden_.add_options()("input", po::value(&input_)->default_value("-"), "file with one place per line; - for standard input");
    }
    const char* name() const override { return "geocode"; }
    const char* synopsis() const override {
        return "Geocodes one place string per input line and writes one JSON object per line, in the same\n"
               "order: query, status (resolved/ambiguous/unresolved), lat, lon, country, admin1, name,\n"
               "geonameid, place_source (geonames/natural_earth/user), precision, confidence, method\n"
               "(exact/phonetic/translit/fuzzy), footprint, alternatives (up to 3), unmatched, reason.";
    }
    void setup(const std::vector<std::string>& args) override {
        parse(args, "input", 1);
        if (input_ != "-") check_local_path(input_);
        if (!places_file_.empty()) check_local_path(places_file_);
    }
    int run() override {
        const std::filesystem::path geodata = find_geodata_dir(geodata_dir_);
        const auto gazetteer = open_gazetteer(geodata);
        TerminalReporter reporter(quiet_);
        if (!places_file_.empty()) add_user_places(places_file_, *gazetteer, *open_boundaries(geodata), reporter);
        if (!hint_country_.empty()) alpha2_codes({hint_country_}, *gazetteer, "placement.hint_country");
        std::ifstream file;
        if (input_ != "-") {
            file.open(input_);
            if (!file) throw InputError(input_, "cannot open");
        }
        std::istream& in = input_ == "-" ? std::cin : file;
        const Geocoder geocoder(*gazetteer);
        GeocodeOptions options;
        options.hint_country = hint_country_;
        options.bias_countries = alpha2_codes(comma_list(bias_countries_), *gazetteer, "placement.bias_countries");
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            const GeocodeResult r = geocoder.geocode(line, options);
            json out = {{"query", line}, {"status", std::string(to_string(r.status))}};
            if (r.best) out.update(candidate_json(*r.best));
            else for (const char* k : {"lat", "lon", "country", "admin1", "name", "geonameid", "place_source", "precision", "confidence", "method", "footprint"}) out[k] = nullptr;
            json alternatives = json::array();
            for (const GeocodeCandidate& c : r.alternatives) alternatives.push_back(candidate_json(c));
            out["alternatives"] = alternatives;
            out["unmatched"] = r.unmatched_parts;
            if (!r.reason.empty()) out["reason"] = r.reason;
            std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
        }
        std::cout.flush();
        if (!std::cout) throw IoError("geocode: cannot write to standard output");
        return 0;
    }

private:
    std::string hint_country_;
    std::string bias_countries_;
    std::string geodata_dir_;
    std::string places_file_;
    std::string input_;
};

}  // namespace

std::unique_ptr<Command> make_geocode_command() { return std::make_unique<GeocodeCommand>(); }

}  // namespace incimap::cli
