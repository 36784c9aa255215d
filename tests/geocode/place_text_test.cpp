// Descriptors and case forms in place text, read by rule and then geocoded against the real
// gazetteer: the forms are as Russian, Tajik, Uzbek, Dari, Urdu, Arabic, French, German and
// English news text writes them.
#include <catch2/catch.hpp>

#include <algorithm>

#include "incimap/gazetteer/normalize.hpp"
#include "incimap/geocode/geocoder.hpp"
#include "incimap/geocode/place_text.hpp"
#include "support.hpp"

using namespace incimap;

namespace {

GeocodeResult geocode(std::string_view q, GeocodeOptions o = {}) {
    static const Geocoder geocoder(test::gazetteer());
    return geocoder.geocode(q, o);
}

bool lists(const std::vector<std::string>& forms, std::string_view form) {
    return std::find(forms.begin(), forms.end(), normalize_name(form)) != forms.end();
}

}  // namespace

TEST_CASE("Russian case forms list their nominatives", "[geocode][place_text]") {
    const std::pair<const char*, const char*> forms[] = {
        {"Кабуле", "Кабул"},       {"Кабула", "Кабул"},         {"Кабулу", "Кабул"},       {"Кабулом", "Кабул"},
        {"Москвы", "Москва"},      {"Москве", "Москва"},        {"Москвой", "Москва"},     {"Москву", "Москва"},
        {"Вене", "Вена"},          {"Веной", "Вена"},           {"Термезе", "Термез"},     {"Ташкента", "Ташкент"},
        {"Бухары", "Бухара"},      {"Тюмени", "Тюмень"},        {"Турции", "Турция"},      {"Анталье", "Анталья"},
        {"Красногорске", "Красногорск"}, {"Домодедова", "Домодедово"}, {"Дубая", "Дубай"}, {"Праги", "Прага"},
        {"Ленинградской", "Ленинградская"}, {"Нижнем", "Нижний"}, {"Тошкентда", "Тошкент"}, {"Самарқанддан", "Самарқанд"},
    };
    for (const auto& [declined, nominative] : forms) {
        INFO(declined);
        CHECK(lists(cyrillic_nominatives(normalize_name(declined)), nominative));
    }
    CHECK(lists(cyrillic_nominatives(normalize_name("Уфе")), "Уфа"));
    CHECK(lists(cyrillic_nominatives(normalize_name("Оше")), "Ош"));
    // two-letter words and other scripts have none
    CHECK(cyrillic_nominatives(normalize_name("Ош")).empty());
    CHECK(cyrillic_nominatives(normalize_name("Kabule")).empty());
}

TEST_CASE("descriptors are read off both ends of a part", "[geocode][place_text]") {
    const PlaceTextReading airport = read_place_text(normalize_name("Kabul International Airport"));
    CHECK(airport.name_key == "kabul");
    CHECK(airport.reported == std::vector<std::string>{"international airport"});
    CHECK_FALSE(airport.kind);

    const PlaceTextReading near = read_place_text(normalize_name("near the city of Herat"));
    CHECK(near.name_key == "herat");
    CHECK(near.reported == std::vector<std::string>{"near"});
    CHECK(near.kind == PlaceKind::city);

    const PlaceTextReading province = read_place_text(normalize_name("ولایت ننگرهار"));
    CHECK(province.name_key == normalize_name("ننگرهار"));
    CHECK(province.kind == PlaceKind::admin1);
    CHECK(province.reported.empty());

    const PlaceTextReading oblast = read_place_text(normalize_name("в Ленинградской области"));
    CHECK(oblast.kind == PlaceKind::admin1);
    CHECK(lists(oblast.nominatives, "Ленинградская"));

    const PlaceTextReading city = read_place_text(normalize_name("в Нижнем Новгороде"));
    CHECK(lists(city.nominatives, "Нижний Новгород"));

    // a part that is nothing but a descriptor keeps it as its name
    CHECK(read_place_text(normalize_name("airport")).name_key == "airport");

    // stripping stops where what is left names a place, whichever end that takes
    const auto listed = [](std::string_view name) { return name == "la viste" || name == "hill country village"; };
    const PlaceTextReading article = read_place_text(normalize_name("La Viste airport"), listed);
    CHECK(article.name_key == "la viste");
    CHECK(article.reported == std::vector<std::string>{"airport"});
    const PlaceTextReading village = read_place_text(normalize_name("near Hill Country Village"), listed);
    CHECK(village.name_key == "hill country village");
    CHECK_FALSE(village.kind);
    CHECK(read_place_text(normalize_name("La Viste airport")).name_key == "viste");  // nothing listed: all go
}

TEST_CASE("descriptive and inflected place text geocodes to the place it names", "[geocode][place_text]") {
    struct Case {
        const char* query;
        std::int64_t geonameid;  // 0: an admin-1 area, given by its code
        const char* admin1;
        const char* reported;  // a descriptor reported as unmatched, or ""
    };
    const Case cases[] = {
        {"Kabul airport", 1138958, "", "airport"},
        {"near Kabul", 1138958, "", "near"},
        {"outskirts of Kunduz", 1135689, "", "outskirts of"},
        {"شهر کابل", 1138958, "", ""},
        {"в Кабуле", 1138958, "", ""},
        {"под Москвой", 524901, "", "под"},
        {"из Москвы", 524901, "", ""},
        {"в Термезе", 1215957, "", ""},
        {"в Красногорске", 542374, "", ""},
        {"Kunar Province", 0, "AF-KNR", ""},
        {"ولایت ننگرهار", 0, "AF-NAN", ""},
        {"Kabul province", 0, "AF-KAB", ""},
        {"près de Lyon", 2996944, "", "pres de"},
        {"bei München", 2867714, "", "bei"},
        // names that begin or end with a descriptor's word keep it
        {"La Viste airport", 11919786, "", "airport"},
        {"near Hill Country Village", 4697744, "", "near"},
        {"Le Thillot district", 2999185, "", "district"},
    };
    for (const Case& c : cases) {
        INFO(c.query);
        const GeocodeResult r = geocode(c.query);
        REQUIRE(r.best);
        if (c.geonameid != 0) {
            CHECK(r.best->place.geonameid == c.geonameid);
            CHECK(r.best->precision == GeoPrecision::city);
        } else {
            CHECK(r.best->precision == GeoPrecision::admin1);
            CHECK(r.best->place.admin1_code == c.admin1);
        }
        CHECK(r.status == GeocodeStatus::resolved);
        if (*c.reported != '\0') CHECK(std::find(r.unmatched_parts.begin(), r.unmatched_parts.end(), c.reported) != r.unmatched_parts.end());
    }
}

TEST_CASE("hints that name nothing near the answer leave it unconfirmed", "[geocode]") {
    // Bajaur is a district the gazetteer lacks; Khar is also the Russian spelling of a Bavarian town.
    const GeocodeResult khar = geocode("Khar, Bajaur");
    REQUIRE(khar.best);
    CHECK(khar.status == GeocodeStatus::ambiguous);
    CHECK(khar.best->confidence <= 0.5);
    CHECK(std::find(khar.unmatched_parts.begin(), khar.unmatched_parts.end(), "Bajaur") != khar.unmatched_parts.end());
    CHECK_THAT(khar.reason, Catch::Contains("Bajaur"));

    // a hint column naming nothing does the same; one naming the answer's area confirms it
    GeocodeOptions o;
    o.hints = {"Bajaur Agency"};
    CHECK(geocode("Khar", o).status != GeocodeStatus::resolved);
    o.hints = {"Nangarhar"};
    const GeocodeResult jalalabad = geocode("Jalalabad", o);
    CHECK(jalalabad.status == GeocodeStatus::resolved);
    CHECK(jalalabad.best->confidence > 0.9);
    // a town named as a hint confirms places near it
    const GeocodeResult krasnogorsk = geocode("Krasnogorsk, near Moscow");
    REQUIRE(krasnogorsk.best);
    CHECK(krasnogorsk.best->place.geonameid == 542374);
    CHECK(krasnogorsk.status == GeocodeStatus::resolved);
}

TEST_CASE("a city's own name outranks another city's alternate name", "[geocode]") {
    // "Philadelphia" is also an ancient name of Amman, a capital; the US city is meant.
    const GeocodeResult philadelphia = geocode("Philadelphia");
    REQUIRE(philadelphia.best);
    CHECK(philadelphia.best->place.geonameid == 4560349);
    CHECK(philadelphia.status == GeocodeStatus::resolved);
}
