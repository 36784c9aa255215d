#pragma once
// Exceptions of incimap. Expected outcomes (a rejected row, an unresolved place) are values,
// not exceptions; these are for problems that stop a whole run.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace incimap {

/// Base of every incimap exception.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The command line was wrong (unknown option, missing argument). Thrown by the CLI only; the
/// engine reports a bad option value as InvalidOption. The CLI exits with 2.
class UsageError : public Error {
public:
    using Error::Error;
};

/// An option's value cannot be used. `field` names it in the engine's terms, as the options
/// structs spell it ("heatmap.bandwidth_km"); `reason` may name other fields in braces ("needs
/// {analysis.period}"). what() spells fields as they are; the CLI names its flags instead
/// (with_flags). Thrown before any output is written.
class InvalidOption : public Error {
public:
    InvalidOption(std::string field, std::string reason);
    const std::string& field() const noexcept { return field_; }
    const std::string& reason() const noexcept { return reason_; }
    /// "FIELD: REASON" with every field, in front and in braces, spelt by `name_of`.
    template <typename NameOf>
    std::string with_flags(NameOf name_of) const {
        return spell(field_, reason_, name_of);
    }

private:
    template <typename NameOf>
    static std::string spell(const std::string& field, const std::string& reason, NameOf name_of) {
        std::string text = name_of(field) + ": ";
        for (std::size_t i = 0; i < reason.size(); ++i) {
            const std::size_t close = reason[i] == '{' ? reason.find('}', i) : std::string::npos;
            if (close == std::string::npos) {
                text += reason[i];
                continue;
            }
            text += name_of(reason.substr(i + 1, close - i - 1));
            i = close;
        }
        return text;
    }
    std::string field_, reason_;
};

/// An input file cannot be used as a whole: missing, unreadable, unknown format, missing column.
/// The message names the file, and the row and field when there is one.
class InputError : public Error {
public:
    InputError(std::string file, std::string message, std::int64_t row = 0, std::string field = {});
    const std::string& file() const noexcept { return file_; }
    std::int64_t row() const noexcept { return row_; }
    const std::string& field() const noexcept { return field_; }

private:
    std::string file_;
    std::int64_t row_;
    std::string field_;
};

/// The gazetteer or boundary data is missing, corrupt or of another format version.
class DataError : public Error {
public:
    using Error::Error;
};

/// Writing an output failed (disk full, permissions, rename).
class IoError : public Error {
public:
    using Error::Error;
};

}  // namespace incimap
