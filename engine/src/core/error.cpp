#include "incimap/core/error.hpp"

namespace incimap {

namespace {
std::string locate(const std::string& file, std::int64_t row, const std::string& field,
                   const std::string& message) {
    std::string where = file;
    if (row > 0) where += ": row " + std::to_string(row);
    if (!field.empty()) where += ": field '" + field + "'";
    return where + ": " + message;
}
}  // namespace

InputError::InputError(std::string file, std::string message, std::int64_t row, std::string field)
    : Error(locate(file, row, field, message)),
      file_(std::move(file)),
      row_(row),
      field_(std::move(field)) {}

InvalidOption::InvalidOption(std::string field, std::string reason)
    : Error(spell(field, reason, [](const std::string& f) { return f; })), field_(std::move(field)), reason_(std::move(reason)) {}

}  // namespace incimap
