#pragma once
// The CLI's options layer. Each group declares its flags once (names, help, defaults), converts
// their text into one typed options struct of the engine, and says which flag sets which field,
// so that an InvalidOption from the engine is reported with the flag the user typed. Commands
// compose the groups they use, as osmium-tool's with_* mixins do.
#include <boost/program_options.hpp>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace incimap::cli {

namespace po = boost::program_options;

/// The flag of each engine field a command fills ("heatmap.bandwidth_km" -> "--bandwidth-km").
/// A field that stands for a rule over several flags maps to "" (the message names them).
class FlagNames {
public:
    void add(std::string field, std::string flag) { flags_[std::move(field)] = std::move(flag); }
    void add(std::initializer_list<std::pair<const char*, const char*>> field_flags) {
        for (const auto& [field, flag] : field_flags) flags_[field] = flag;
    }
    bool knows(const std::string& field) const { return flags_.count(field) > 0; }
    /// The flag, or the field itself when no flag of the command sets it.
    std::string operator()(const std::string& field) const {
        const auto it = flags_.find(field);
        return it == flags_.end() ? field : it->second;
    }

private:
    std::map<std::string, std::string> flags_;
};

class OptionGroup {
public:
    explicit OptionGroup(const char* caption) : options_(caption) {}
    virtual ~OptionGroup() = default;
    OptionGroup(const OptionGroup&) = delete;
    OptionGroup& operator=(const OptionGroup&) = delete;

    /// The group's flags, for parsing and for --help.
    const po::options_description& options() const noexcept { return options_; }
    /// Flags that are parsed but not listed in --help (positional arguments).
    virtual void add_hidden(po::options_description&) {}
    /// Converts the parsed text into the typed options. Throws UsageError naming the flag for a
    /// value that does not parse; the engine's validate() checks what the values mean.
    virtual void take(const po::variables_map& vm) = 0;
    /// Adds the flag of each field the group fills.
    virtual void name_fields(FlagNames& names) const = 0;

protected:
    po::options_description options_;
};

/// Splits "AF, PK" at commas, trimming blanks and dropping empty items.
std::vector<std::string> comma_list(std::string_view text);
/// Reads "MIN-MAX" zooms (0-22, MIN <= MAX); throws UsageError naming `flag`.
std::pair<int, int> parse_zoom_range(std::string_view text, const std::string& flag);
/// Reads `count` comma-separated numbers ("60,29,75,39"); throws UsageError naming `flag`.
std::vector<double> number_list(std::string_view text, std::size_t count, const std::string& flag);

}  // namespace incimap::cli
