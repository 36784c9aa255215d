// incimap: the command-line front end. Thin by design: it parses options and calls the engine.
#include <iostream>
#include <string>
#include <vector>

#include "commands/command.hpp"
#include "incimap/incimap.hpp"

namespace {

constexpr int exit_ok = 0;
constexpr int exit_failed = 1;
constexpr int exit_usage = 2;

std::vector<std::unique_ptr<incimap::cli::Command>> all_commands() {
    std::vector<std::unique_ptr<incimap::cli::Command>> commands;
    commands.push_back(incimap::cli::make_map_command());
    commands.push_back(incimap::cli::make_tiles_command());
    commands.push_back(incimap::cli::make_figure_command());
    commands.push_back(incimap::cli::make_query_command());
    commands.push_back(incimap::cli::make_geocode_command());
    commands.push_back(incimap::cli::make_geodata_command());
    return commands;
}

void print_usage(std::ostream& out) {
    out << "Usage: incimap COMMAND [OPTIONS]\n\n"
           "Geospatial incident mapping: geocode, classify (domestic/transnational) and map incident lists.\n\n"
           "Commands:\n"
           "  map       locate and classify incidents, write GeoJSON, rejects and summary\n"
           "            (and heatmaps, tiles, clusters, region counts, a preview page)\n"
           "  tiles     heatmap tiles for web maps (XYZ PNG and MBTiles)\n"
           "  figure    a report figure of one extent (PNG, SVG, PDF)\n"
           "  query     incidents in a box, near a point, in a period, of a class or type\n"
           "  geocode   geocode place names, one per line, to JSON lines\n"
           "  geodata   build the gazetteer and boundaries from the data sources\n\n"
           "Run 'incimap COMMAND --help' for the options of a command.\n"
           "Data: GeoNames (CC BY 4.0), Natural Earth (public domain).\n";
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        print_usage(std::cerr);
        return exit_usage;
    }
    if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        print_usage(std::cout);
        return exit_ok;
    }
    if (args[0] == "--version") {
        std::cout << "incimap " << INCIMAP_VERSION << "\n";
        return exit_ok;
    }
    for (auto& command : all_commands()) {
        if (args[0] != command->name()) continue;
        const std::string prefix = std::string("incimap ") + command->name();
        try {
            command->setup({args.begin() + 1, args.end()});
            for (const std::string& warning : command->warnings()) std::cerr << prefix << ": warning: " << warning << "\n";
            if (command->help_requested()) {
                std::cout << command->help();
                return exit_ok;
            }
            return command->run();
        } catch (const boost::program_options::error& e) {
            std::cerr << prefix << ": error: " << e.what() << "\nTry '" << prefix << " --help'.\n";
            return exit_usage;
        } catch (const incimap::UsageError& e) {
            std::cerr << prefix << ": error: " << e.what() << "\nTry '" << prefix << " --help'.\n";
            return exit_usage;
        } catch (const incimap::InvalidOption& e) {
            std::cerr << prefix << ": error: " << command->describe(e) << "\nTry '" << prefix << " --help'.\n";
            return exit_usage;
        } catch (const std::exception& e) {
            std::cerr << prefix << ": error: " << command->describe(e) << "\n";
            return exit_failed;
        }
    }
    std::cerr << "incimap: unknown command '" << args[0] << "'\n";
    print_usage(std::cerr);
    return exit_usage;
}
