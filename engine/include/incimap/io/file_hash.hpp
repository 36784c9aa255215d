#pragma once
// Content hashes of input files, recorded in outputs so that a map can be traced to its data.
#include <string>
#include <vector>

namespace incimap {

/// Lower-case hex SHA-256 of the files' bytes, one after the other. Throws IoError naming a file
/// that cannot be read.
std::string sha256_of_files(const std::vector<std::string>& paths);

}  // namespace incimap
