#pragma once
// A whole small file (a style, a page, a script) as bytes.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

namespace incimap {

/// The file's bytes, or nothing when it cannot be opened.
inline std::optional<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace incimap
