#include "incimap/core/utf8.hpp"

#include <unicode/utf8.h>

namespace incimap {

std::optional<std::size_t> invalid_utf8_at(std::string_view text) noexcept {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) return static_cast<std::size_t>(start);
    }
    return std::nullopt;
}

std::string with_valid_utf8(std::string_view text) {
    if (!invalid_utf8_at(text)) return std::string(text);
    std::string out;
    out.reserve(text.size() + 8);
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) out += "\xEF\xBF\xBD";
        else out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
    return out;
}

}  // namespace incimap
