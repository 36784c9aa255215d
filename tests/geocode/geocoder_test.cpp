#include <catch2/catch.hpp>

#include "incimap/geocode/geocoder.hpp"
#include "support.hpp"

using namespace incimap;

namespace {
GeocodeResult geocode(std::string_view q, GeocodeOptions o = {}) {
    static const Geocoder geocoder(test::gazetteer());
    return geocoder.geocode(q, o);
}
}  // namespace

TEST_CASE("a capital in three scripts resolves to the city", "[geocode]") {
    for (const char* q : {"Kabul", "Кабул", "کابل", "KABUL", "kabul "}) {
        INFO(q);
        const GeocodeResult r = geocode(q);
        REQUIRE(r.status == GeocodeStatus::resolved);
        CHECK(r.best->place.geonameid == 1138958);
        CHECK(r.best->precision == GeoPrecision::city);
        CHECK(r.best->place.country == "AF");
        CHECK(r.best->place.admin1_code == "AF-KAB");
        CHECK(r.best->confidence > 0.9);
    }
}

TEST_CASE("admin-1 areas and countries resolve at their precision", "[geocode]") {
    const GeocodeResult nangarhar = geocode("Nangarhar");
    REQUIRE(nangarhar.best);
    CHECK(nangarhar.best->precision == GeoPrecision::admin1);
    CHECK(nangarhar.best->place.admin1_code == "AF-NAN");
    const GeocodeResult tajikistan = geocode("Таджикистан");
    REQUIRE(tajikistan.best);
    CHECK(tajikistan.best->precision == GeoPrecision::country);
    CHECK(tajikistan.best->place.country == "TJ");
    CHECK(tajikistan.best->place.admin1_code.empty());
}

TEST_CASE("later parts of the query restrict the candidates", "[geocode]") {
    const GeocodeResult asadabad = geocode("Asadabad, Kunar");
    REQUIRE(asadabad.best);
    CHECK(asadabad.best->place.country == "AF");
    CHECK(asadabad.best->place.admin1_code == "AF-KNR");
    CHECK(asadabad.alternatives.empty());
    CHECK(asadabad.best->confidence == Approx(1.0));
    // without the hint, Asadabad in Iran competes
    const GeocodeResult bare = geocode("Asadabad");
    REQUIRE_FALSE(bare.alternatives.empty());
    CHECK(bare.alternatives[0].place.country == "IR");
    CHECK(bare.best->confidence < 0.9);

    const GeocodeResult vienna_va = geocode("Vienna, Virginia");
    REQUIRE(vienna_va.best);
    CHECK(vienna_va.best->place.country == "US");
    CHECK(geocode("Vienna").best->place.country == "AT");

    const GeocodeResult ternitz = geocode("Ternitz, Lower Austria");
    REQUIRE(ternitz.best);
    CHECK(ternitz.best->place.name == "Ternitz");
    CHECK(ternitz.best->place.admin1_code == "AT-3");
    CHECK(ternitz.unmatched_parts.empty());
}

TEST_CASE("parts and hints work in any script", "[geocode]") {
    for (const char* q : {"Асадабад, Кунар", "اسعدآباد، کنر", "Asadabad, Kunar Province"}) {
        INFO(q);
        const GeocodeResult r = geocode(q);
        REQUIRE(r.best);
        CHECK(r.best->place.admin1_code == "AF-KNR");
        CHECK(r.unmatched_parts.empty());
    }
    CHECK(geocode("Вена, Австрия").best->place.country == "AT");
    CHECK(geocode("Vienna, Virginia").best->place.admin1_code == "US-VA");
}

TEST_CASE("Tajik and Uzbek Cyrillic letters", "[geocode]") {
    CHECK(geocode("Хуҷанд").best->place.geonameid == 1514879);       // Khujand
    CHECK(geocode("Қӯрғонтеппа").best->place.country == "TJ");        // Bokhtar's former name
    CHECK(geocode("Тошкент").best->place.geonameid == 1512569);      // Tashkent, Uzbek spelling
    CHECK(geocode("Самарқанд").best->place.geonameid == 1216265);    // Samarkand
}

TEST_CASE("a hint country and column hints restrict the same way", "[geocode]") {
    GeocodeOptions india;
    india.hint_country = "IND";
    const GeocodeResult r = geocode("Jalalabad", india);
    REQUIRE(r.best);
    CHECK(r.best->place.country == "IN");
    CHECK(geocode("Jalalabad").best->place.country == "AF");
    GeocodeOptions acled;
    acled.hints = {"Kunar", "Afghanistan"};
    CHECK(geocode("Asadabad", acled).best->place.country == "AF");
    GeocodeOptions elsewhere;
    elsewhere.hint_country = "FR";
    const GeocodeResult none = geocode("Kabul", elsewhere);
    CHECK(none.status == GeocodeStatus::unresolved);
    CHECK_THAT(none.reason, Catch::Contains("none in the hinted area"));
    // A bias prefers, it does not exclude
    GeocodeOptions toward_kyrgyzstan;
    toward_kyrgyzstan.bias_countries = {"KG"};
    CHECK(geocode("Jalalabad", toward_kyrgyzstan).best->place.country == "KG");
    CHECK(geocode("Kabul", toward_kyrgyzstan).best->place.country == "AF");
    GeocodeOptions unknown;
    unknown.hint_country = "ZZ";
    CHECK(geocode("Kabul", unknown).status == GeocodeStatus::unresolved);
}

TEST_CASE("the most specific resolvable part wins and the rest is reported", "[geocode]") {
    const GeocodeResult r = geocode("Crocus City Hall, Krasnogorsk");
    REQUIRE(r.best);
    CHECK(r.best->place.name == "Krasnogorsk");
    CHECK(r.best->place.country == "RU");
    CHECK(r.best->precision == GeoPrecision::city);
    CHECK(r.matched_part == "Krasnogorsk");
    REQUIRE(r.unmatched_parts.size() == 1);
    CHECK(r.unmatched_parts[0] == "Crocus City Hall");

    // The region part removes the other Krasnogorsk (Sakhalin) from the competition.
    const GeocodeResult full = geocode("Crocus City Hall, Krasnogorsk, Moscow Oblast");
    REQUIRE(full.best);
    CHECK(full.best->place.geonameid == 542374);
    CHECK(full.best->place.admin1_code == "RU-MOS");
    CHECK(full.alternatives.empty());
    CHECK(full.unmatched_parts == std::vector<std::string>{"Crocus City Hall"});
}

TEST_CASE("close candidates in different places are ambiguous, with alternatives", "[geocode]") {
    for (const char* name : {"Punjab", "Valencia"}) {
        INFO(name);
        const GeocodeResult r = geocode(name);
        CHECK(r.status == GeocodeStatus::ambiguous);
        REQUIRE(r.best);
        REQUIRE_FALSE(r.alternatives.empty());
        CHECK(r.alternatives.size() <= 3);
        CHECK(r.best->place.country != r.alternatives[0].place.country);
        CHECK(r.best->confidence < 0.75);
        CHECK(r.alternatives[0].confidence <= r.best->confidence);
    }
    GeocodeOptions india;
    india.hint_country = "IN";
    const GeocodeResult hinted = geocode("Punjab", india);
    CHECK(hinted.status == GeocodeStatus::resolved);
    CHECK(hinted.best->place.admin1_code == "IN-PB");
}

TEST_CASE("a city and its own province are one place, not an ambiguity", "[geocode]") {
    const GeocodeResult r = geocode("Kunduz");
    CHECK(r.status == GeocodeStatus::resolved);
    CHECK(r.best->precision == GeoPrecision::city);
}

TEST_CASE("nonsense and hostile strings resolve to nothing, with a reason", "[geocode]") {
    const std::string long_text(10000, 'x');
    for (const std::string& q : {std::string(), std::string("   "), std::string(",,,"), std::string("Qwxzv Plrtk"),
                                 long_text, std::string("Kab\x01ul"), std::string("\xff\xfe\xfd", 3)}) {
        const GeocodeResult r = geocode(q);
        CHECK(r.status == GeocodeStatus::unresolved);
        CHECK_FALSE(r.best);
        CHECK_FALSE(r.reason.empty());
    }
}
