#pragma once
// One class per subcommand, as in osmium-tool: setup() parses and checks the arguments without
// touching any file, run() does the work through the engine. main() maps exceptions to exit codes.
#include <boost/program_options.hpp>
#include <memory>
#include <string>
#include <vector>

namespace incimap {
struct MapJob;
}

namespace incimap::cli {

class Command {
public:
    virtual ~Command() = default;
    virtual const char* name() const = 0;
    virtual const char* synopsis() const = 0;
    /// Throws UsageError (or a boost::program_options error) on bad arguments.
    virtual void setup(const std::vector<std::string>& args) = 0;
    /// Returns the exit code.
    virtual int run() = 0;
    /// Full help text for `incimap NAME --help`.
    std::string help() const;
    bool help_requested() const noexcept { return help_; }

protected:
    /// Parses `args` against the command's options plus --help; positional arguments go to
    /// `positional_name` (may be empty for none).
    boost::program_options::variables_map parse(const std::vector<std::string>& args,
                                                const char* positional_name, int max_positional = -1);
    boost::program_options::options_description options_{"Options"};
    boost::program_options::options_description hidden_;  ///< positional arguments, not in --help
    std::string usage_;
    bool help_ = false;
};


/// The options that say how to read and place incidents (home area, columns, geocoding, geodata,
/// --quiet), bound to `job`; `take_placement_options` copies the ones without a bound value.
void add_placement_options(boost::program_options::options_description& options, incimap::MapJob& job);
void take_placement_options(const boost::program_options::variables_map& vm, incimap::MapJob& job);

std::unique_ptr<Command> make_map_command();
std::unique_ptr<Command> make_query_command();
std::unique_ptr<Command> make_geocode_command();
std::unique_ptr<Command> make_geodata_command();
std::unique_ptr<Command> make_tiles_command();
std::unique_ptr<Command> make_figure_command();

}  // namespace incimap::cli
