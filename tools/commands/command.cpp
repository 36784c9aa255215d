#include "command.hpp"

#include <algorithm>
#include <sstream>

#include "incimap/incimap.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

namespace {

// `args` with each deprecated spelling (alone or as --flag=value) replaced by the new one.
std::vector<std::string> without_deprecated(const std::vector<std::string>& args, const std::vector<DeprecatedFlag>& deprecated,
                                            std::vector<std::string>& warnings) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const auto found = std::find_if(deprecated.begin(), deprecated.end(), [&](const DeprecatedFlag& d) {
            return arg == d.old_flag || arg.starts_with(d.old_flag + "=");
        });
        // a flag that keeps its name but no longer takes a value is today's switch when no value follows
        const bool switch_alone = found != deprecated.end() && found->keep_old && arg == found->old_flag &&
                                  (i + 1 == args.size() || args[i + 1].starts_with("-"));
        if (found == deprecated.end() || switch_alone) {
            out.push_back(arg);
            continue;
        }
        warnings.push_back(found->old_flag + " is deprecated: use " + (found->keep_old ? found->old_flag + " " : "") + found->new_flag);
        if (found->keep_old) out.push_back(found->old_flag);
        out.push_back(arg == found->old_flag ? found->new_flag : found->new_flag + arg.substr(found->old_flag.size()));
    }
    return out;
}

}  // namespace

void add_quiet_option(po::options_description& options, bool& quiet, const char* help) {
    options.add_options()("quiet,q", po::bool_switch(&quiet), help);
}

std::string Command::help() const {
    std::ostringstream out;
    out << "Usage: " << usage_ << "\n\n" << synopsis() << "\n\n" << options_;
    for (const OptionGroup* group : groups_) out << "\n" << group->options();
    if (!deprecated_.empty()) {
        out << "\nDeprecated spellings (read with a warning):\n";
        for (const DeprecatedFlag& d : deprecated_)
            out << "  " << d.old_flag << (d.keep_old ? " VALUE" : "") << " -> " << (d.keep_old ? d.old_flag + " " : "") << d.new_flag
                << (d.keep_old ? " VALUE" : "") << "\n";
    }
    return out.str();
}

std::string Command::describe(const InvalidOption& error) const {
    const std::string flag = flags_(error.field());
    return (flag.empty() ? "" : flag + ": ") + with_flags(error.reason());
}

void Command::ignore(std::vector<std::string> flags, std::vector<std::string> switches) {
    for (const std::string& f : flags) hidden_.add_options()(f.c_str(), po::value<std::string>());
    for (const std::string& f : switches) hidden_.add_options()(f.c_str(), po::bool_switch());
    ignored_.insert(ignored_.end(), flags.begin(), flags.end());
    ignored_.insert(ignored_.end(), switches.begin(), switches.end());
}

std::string Command::describe(const std::exception& error) const { return with_flags(error.what()); }

std::string Command::with_flags(const std::string& text) const {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::size_t close = text[i] == '{' ? text.find('}', i) : std::string::npos;
        const std::string field = close == std::string::npos ? std::string() : text.substr(i + 1, close - i - 1);
        if (!flags_.knows(field)) {
            out += text[i];
            continue;
        }
        out += flags_(field);
        i = close;
    }
    return out;
}

void Command::add(OptionGroup& group) {
    groups_.push_back(&group);
    group.add_hidden(hidden_);
    group.name_fields(flags_);
}

po::variables_map Command::parse(std::vector<std::string> args, const char* positional_name, int max_positional) {
    options_.add_options()("help,h", "show this help and exit");
    add_quiet_option(options_, quiet_);
    args = without_deprecated(args, deprecated_, warnings_);
    po::positional_options_description positional;
    if (positional_name != nullptr) positional.add(positional_name, max_positional);
    po::options_description all;
    all.add(options_).add(hidden_);
    for (const OptionGroup* group : groups_) all.add(group->options());
    po::variables_map vm;
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
    help_ = vm.count("help") > 0;
    for (const std::string& f : ignored_)
        if (vm.count(f) && !vm[f].defaulted())
            warnings_.push_back("--" + f + " has no effect on 'incimap " + name() + "' and will be removed");
    if (!help_)
        for (OptionGroup* group : groups_) group->take(vm);
    return vm;
}

}  // namespace incimap::cli
