#include "incimap/core/utf8.hpp"

#include <unicode/utf8.h>

namespace incimap {

namespace {

// Calls visit(start, end, valid) for each UTF-8 sequence of `text`, as ICU reads them, until
// visit returns false.
template <typename Visit>
void each_sequence(std::string_view text, Visit visit) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    const auto length = static_cast<int32_t>(text.size());
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (!visit(static_cast<std::size_t>(start), static_cast<std::size_t>(i), c >= 0)) return;
    }
}

}  // namespace

std::optional<std::size_t> invalid_utf8_at(std::string_view text) noexcept {
    std::optional<std::size_t> at;
    each_sequence(text, [&](std::size_t start, std::size_t, bool valid) {
        if (!valid) at = start;
        return valid;
    });
    return at;
}

std::string with_valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    each_sequence(text, [&](std::size_t start, std::size_t end, bool valid) {
        if (valid) out.append(text.substr(start, end - start));
        else out += "\xEF\xBF\xBD";  // U+FFFD
        return true;
    });
    return out;
}

}  // namespace incimap
