#include "incimap/core/incident.hpp"

#include <charconv>

namespace incimap {

std::string to_text(const FieldValue& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    char buf[32];
    if (const auto* i = std::get_if<std::int64_t>(&v)) return {buf, std::to_chars(buf, buf + sizeof buf, *i).ptr};
    if (const auto* d = std::get_if<double>(&v)) return {buf, std::to_chars(buf, buf + sizeof buf, *d).ptr};
    return {};
}

const std::string& SourceRow::file() const {
    static const std::string none;
    return schema ? schema->file : none;
}

}  // namespace incimap
