#include <catch2/catch.hpp>

#include "incimap/geocode/name_matcher.hpp"
#include "support.hpp"

using namespace incimap;

namespace {
// The method and GeoNames id of the most populous match.
std::pair<MatchMethod, std::int64_t> best(std::string_view text) {
    const auto matches = match_name(test::gazetteer(), text);
    REQUIRE_FALSE(matches.empty());
    const NameMatch* top = &matches[0];
    for (const NameMatch& m : matches)
        if (test::gazetteer().place(m.place).population > test::gazetteer().place(top->place).population) top = &m;
    return {top->method, test::gazetteer().place(top->place).geonameid};
}
}  // namespace

TEST_CASE("listed names match exactly", "[matcher]") {
    CHECK(best("Mazar-i-Sharif") == std::pair{MatchMethod::exact, std::int64_t{1133616}});
    CHECK(best("Кабул").first == MatchMethod::exact);
}

TEST_CASE("Latin spelling variants match phonetically", "[matcher]") {
    // Only spacing differs: the same name
    CHECK(best("Mazari Sharif") == std::pair{MatchMethod::exact, std::int64_t{1133616}});
    for (const char* variant : {"Mazar Sharif", "Mazaar-e-Shareef", "Mazar-e-Sharief"}) {
        INFO(variant);
        CHECK(best(variant) == std::pair{MatchMethod::phonetic, std::int64_t{1133616}});
    }
    CHECK(best("Kandahaar").second == 1138336);
    CHECK(best("Dushanbeh").second == 1221874);
}

TEST_CASE("one typo in a long name matches fuzzily, never a short one", "[matcher]") {
    CHECK(best("Islamanad") == std::pair{MatchMethod::fuzzy, std::int64_t{1176615}});
    CHECK(best("Tashkemt") == std::pair{MatchMethod::fuzzy, std::int64_t{1512569}});
    CHECK(best("Mazar-i-Sharik") == std::pair{MatchMethod::fuzzy, std::int64_t{1133616}});
    MatchOptions strict;
    strict.allow_fuzzy = false;
    CHECK(match_name(test::gazetteer(), "Islamanad", strict).empty());
    CHECK(match_name(test::gazetteer(), "Kabil").size() < 50);  // short: never a one-edit match
}

TEST_CASE("unlisted names in other scripts match by transliteration", "[matcher]") {
    // Cyrillic for a town whose Cyrillic name GeoNames may not list
    const auto m = match_name(test::gazetteer(), "Пули-Хумри");
    REQUIRE_FALSE(m.empty());
    bool found = false;
    for (const NameMatch& x : m) found |= test::gazetteer().place(x.place).geonameid == 1130490;
    CHECK(found);
}

TEST_CASE("nonsense finds nothing", "[matcher]") {
    for (const char* junk : {"Zorbakhistan", "Qwxzv Plrtk", "asdfghjkl", "کتاب", "Привет мир", "!!!", "12345"}) {
        INFO(junk);
        CHECK(match_name(test::gazetteer(), junk).empty());
    }
}
