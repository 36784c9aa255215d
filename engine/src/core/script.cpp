#include "incimap/core/script.hpp"

#include <algorithm>
#include <iterator>

namespace incimap {

Script script_of(std::string_view text) noexcept {
    bool non_ascii = false;
    for (char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0xD0 && b <= 0xD3) return Script::cyrillic;  // lead bytes of U+0400-U+04FF
        if (b >= 0xD8 && b <= 0xDB) return Script::arabic;    // lead bytes of U+0600-U+06FF
        non_ascii |= b >= 0x80;
    }
    return non_ascii ? Script::other : Script::latin;
}

bool writes_script(std::string_view country, Script script) noexcept {
    // Cyrillic: the Slavic countries that write it and the former Soviet states where Russian
    // is widely read. Arabic script: the Arab states, and Persian, Dari, Pashto and Urdu.
    static constexpr std::string_view cyrillic[] = {"RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "TM", "MN", "BG",
                                                    "RS", "MK", "ME", "BA", "MD", "AZ", "AM", "GE"};
    static constexpr std::string_view arabic[] = {"AF", "PK", "IR", "IQ", "SA", "AE", "EG", "SY", "JO", "LB", "YE",
                                                  "OM", "KW", "QA", "BH", "LY", "TN", "DZ", "MA", "SD", "PS",
                                                  "TJ"};  // Tajik in Persian script, as Afghan sources write it
    if (script == Script::cyrillic) return std::find(std::begin(cyrillic), std::end(cyrillic), country) != std::end(cyrillic);
    if (script == Script::arabic) return std::find(std::begin(arabic), std::end(arabic), country) != std::end(arabic);
    return false;
}

}  // namespace incimap
