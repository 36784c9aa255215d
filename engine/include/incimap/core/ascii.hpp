#pragma once
// ASCII case and blanks, for column names, codes and keywords (place names go through
// normalize_name instead). Independent of the C++ locale.
#include <string>
#include <string_view>

namespace incimap {

/// `s` with ASCII letters lowered; other bytes as they are.
inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

/// `s` with ASCII letters raised; other bytes as they are.
inline std::string ascii_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

/// `s` without leading and trailing spaces, tabs and line breaks.
inline std::string trimmed(std::string_view s) {
    constexpr std::string_view blanks = " \t\r\n";
    const std::size_t b = s.find_first_not_of(blanks);
    if (b == std::string_view::npos) return {};
    return std::string(s.substr(b, s.find_last_not_of(blanks) - b + 1));
}

}  // namespace incimap
