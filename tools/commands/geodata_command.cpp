#include <iostream>

#include "command.hpp"
#include "../terminal_reporter.hpp"
#include "incimap/incimap.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

namespace {

class GeodataCommand final : public Command {
public:
    GeodataCommand() {
        usage_ = "incimap geodata build --sources DIR -o DIR [--corrections CSV] [--aliases CSV] [--force] [--quiet]";
        options_.add_options()
            ("sources", po::value(&sources_), "directory of unpacked source packages (tools/setup.sh makes it)")
            ("output,o", po::value(&output_), "geodata directory to write")
            ("corrections", po::value(&corrections_), "CSV of admin-1 ISO code corrections (geodata/admin1-corrections.csv)")
            ("aliases", po::value(&aliases_), "CSV of further admin-1 names: abbreviations, official forms (geodata/admin1-aliases.csv)")
            ("force", po::bool_switch(&force_), "rebuild even when the geodata is up to date");
        hidden_.add_options()("action", po::value(&action_), "build");
    }
    const char* name() const override { return "geodata"; }
    const char* synopsis() const override {
        return "Builds the gazetteer index (gazetteer.bin), the boundaries GeoPackage (admin0, admin1,\n"
               "subregions) and manifest.json from GeoNames and Natural Earth sources. Does nothing when\n"
               "the output was built from the same sources by the same index format.";
    }
    void setup(const std::vector<std::string>& args) override {
        parse(args, "action", 1);
        if (help_) return;
        if (action_ != "build") throw UsageError("geodata: unknown action '" + action_ + "' (expected: build)");
        if (sources_.empty() || output_.empty()) throw UsageError("geodata build: --sources and -o are required");
    }
    int run() override {
        GeodataSources sources = GeodataSources::in_directory(sources_);
        sources.corrections = corrections_;
        sources.aliases = aliases_;
        TerminalReporter reporter(quiet_);
        if (!force_ && geodata_is_current(sources, output_)) {
            reporter.info("geodata: " + output_ + " is up to date");
            return 0;
        }
        build_geodata(sources, output_, reporter);
        return 0;
    }

private:
    std::string sources_, output_, action_, corrections_, aliases_;
    bool force_ = false;
};

}  // namespace

std::unique_ptr<Command> make_geodata_command() { return std::make_unique<GeodataCommand>(); }

}  // namespace incimap::cli
