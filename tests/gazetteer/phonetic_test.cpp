#include <catch2/catch.hpp>

#include <cstring>
#include <fstream>
#include <iterator>

#include "gazetteer/index_format.hpp"
#include "incimap/gazetteer/normalize.hpp"
#include "incimap/gazetteer/phonetic.hpp"
#include "support.hpp"

using namespace incimap;

TEST_CASE("to_ascii spells Cyrillic by BGN/PCGN and Arabic script letter by letter", "[phonetic]") {
    CHECK(to_ascii(normalize_name("Мазари-Шариф")) == "mazari sharif");
    CHECK(to_ascii(normalize_name("مزار شریف")) == "mzar shryf");
    CHECK(to_ascii(normalize_name("کابل")) == "kabl");
    CHECK(to_ascii(normalize_name("ننگرهار")) == "nngrhar");
    CHECK(to_ascii(normalize_name("kabul")) == "kabul");
    // Mixed with ASCII and digits, and letters outside the table (Pashto tteh, U+067C), which
    // ICU spells.
    for (const char* name : {"کابل 2", "pul-e خمری", "ټانک", "چهار آسیاب", "ژوب", "ڤ", "ء", "عین"})
        CHECK(to_ascii(normalize_name(name)) == to_ascii_by_icu(normalize_name(name)));
}

// The table stands in for ICU only where it gives ICU's answer: checked on every Arabic-script
// key of the built gazetteer (GeoNames names in Arabic, Dari, Pashto, Urdu, Uyghur ...).
TEST_CASE("to_ascii's Arabic table gives ICU's answer for every Arabic-script key in the gazetteer", "[phonetic][gazetteer]") {
    std::ifstream in(test::geodata_dir() / "gazetteer.bin", std::ios::binary);
    REQUIRE(in);
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    detail::FileHeader header{};
    REQUIRE(file.size() >= sizeof header);
    std::memcpy(&header, file.data(), sizeof header);
    REQUIRE(header.strings_offset + header.strings_size <= file.size());
    const std::string_view strings(file.data() + header.strings_offset, header.strings_size);
    std::size_t compared = 0, mismatched = 0;
    for (std::size_t at = 0; at < strings.size();) {
        const std::size_t end = strings.find('\0', at);
        const std::string_view s = strings.substr(at, end - at);
        at = end + 1;
        const bool arabic = s.find("\xD8") != std::string_view::npos || s.find("\xD9") != std::string_view::npos ||
                            s.find("\xDA") != std::string_view::npos || s.find("\xDB") != std::string_view::npos;
        if (!arabic || normalize_name(s) != s) continue;  // keys only, as the index holds them
        ++compared;
        if (to_ascii(s) != to_ascii_by_icu(s)) {
            if (++mismatched <= 10) FAIL_CHECK(std::string(s) << ": table '" << to_ascii(s) << "', ICU '" << to_ascii_by_icu(s) << "'");
        }
    }
    INFO(compared << " keys compared");
    CHECK(compared > 50000);
    CHECK(mismatched == 0);
}
