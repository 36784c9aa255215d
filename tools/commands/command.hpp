#pragma once
// One class per subcommand, as in osmium-tool: setup() parses and checks the arguments without
// touching any file, run() does the work through the engine. main() maps exceptions to exit codes.
#include <boost/program_options.hpp>
#include <memory>
#include <string>
#include <vector>

#include "../options/option_group.hpp"

namespace incimap {
class InvalidOption;
}

namespace incimap::cli {

/// An old spelling of a flag, still read (with a warning) until a later change removes it.
struct DeprecatedFlag {
    std::string old_flag, new_flag;  ///< "--region", "--region-kind"
    /// Also true when the old flag took a value that the new one does not: `--tiles 0-4` becomes
    /// `--tiles --zoom 0-4` (old_flag --tiles, new_flag --zoom, keep_old).
    bool keep_old = false;
};

class Command {
public:
    virtual ~Command() = default;
    virtual const char* name() const = 0;
    virtual const char* synopsis() const = 0;
    /// Parses the arguments into the command's typed options and validates them. Throws
    /// UsageError, InvalidOption or a boost::program_options error on bad arguments.
    virtual void setup(const std::vector<std::string>& args) = 0;
    /// Returns the exit code.
    virtual int run() = 0;
    /// Full help text for `incimap NAME --help`.
    std::string help() const;
    bool help_requested() const noexcept { return help_; }
    /// The warnings of setup() (deprecated flags), for stderr.
    const std::vector<std::string>& warnings() const noexcept { return warnings_; }
    /// The message for an engine error about an option, naming the command's flags.
    std::string describe(const InvalidOption& error) const;
    /// Another error's message, with the options it names in braces spelt as the command's flags.
    std::string describe(const std::exception& error) const;

protected:
    /// Adds an option group; its flags are listed in --help in the order added.
    void add(OptionGroup& group);
    /// Flags the command accepted without using them: still read, with a warning, not in --help.
    /// `switches` take no value.
    void ignore(std::vector<std::string> flags, std::vector<std::string> switches = {});
    /// Rewrites deprecated spellings, parses `args` against the command's options plus --help
    /// (positional arguments go to `positional_name`, may be empty for none), and lets each group
    /// take its values.
    boost::program_options::variables_map parse(std::vector<std::string> args, const char* positional_name, int max_positional = -1);

    boost::program_options::options_description options_{"Options"};
    boost::program_options::options_description hidden_;  ///< positional arguments, not in --help
    std::vector<DeprecatedFlag> deprecated_;
    std::string usage_;
    bool help_ = false;
    bool quiet_ = false;
    FlagNames flags_;
    std::vector<std::string> warnings_;

private:
    // `text` with each field the command knows, in braces, spelt as its flag; other braces (from
    // file or place names) stay.
    std::string with_flags(const std::string& text) const;

    std::vector<OptionGroup*> groups_;
    std::vector<std::string> ignored_;
};

/// Adds --quiet to `options`, bound to `quiet`.
void add_quiet_option(boost::program_options::options_description& options, bool& quiet, const char* help = "no progress output");

std::unique_ptr<Command> make_map_command();
std::unique_ptr<Command> make_query_command();
std::unique_ptr<Command> make_geocode_command();
std::unique_ptr<Command> make_geodata_command();
std::unique_ptr<Command> make_tiles_command();
std::unique_ptr<Command> make_figure_command();

}  // namespace incimap::cli
