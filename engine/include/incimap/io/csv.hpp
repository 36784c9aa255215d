#pragma once
// CSV fields as RFC 4180 writes them.
#include <string>

namespace incimap {

/// `s` as one CSV field: quoted, with quotes doubled, when it holds a comma, quote or line break.
std::string csv_field(const std::string& s);

}  // namespace incimap
