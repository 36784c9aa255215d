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

/// The command line was wrong (unknown option, bad value). The CLI exits with 2.
class UsageError : public Error {
public:
    using Error::Error;
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
