#include <catch2/catch.hpp>

#include "incimap/gazetteer/gazetteer.hpp"
#include "support.hpp"

using namespace incimap;

TEST_CASE("the real gazetteer holds every cities500 place, admin-1 area and country", "[gazetteer]") {
    const Gazetteer& g = test::gazetteer();
    CHECK(g.size() > 199000);
    CHECK(g.name_count() > 800000);
    CHECK(g.country("AF")->name == "Afghanistan");
    CHECK(g.country("tjk")->country == "TJ");
    CHECK(g.country_alpha2("PAK") == "PK");
    CHECK(g.country_alpha2("XX").empty());
    const auto nangarhar = g.admin1("AF-NAN");
    REQUIRE(nangarhar);
    CHECK(nangarhar->kind == PlaceKind::admin1);
    CHECK(nangarhar->name == "Nangarhar");
}

TEST_CASE("alternate names in Latin, Cyrillic and Arabic script find the same place", "[gazetteer]") {
    const Gazetteer& g = test::gazetteer();
    for (const char* name : {"Krasnogorsk", "Красногорск", "Dushanbe", "Душанбе", "Kabul", "کابل", "Herat", "هرات"}) {
        INFO(name);
        CHECK_FALSE(g.find(name).empty());
    }
    CHECK(g.find("Xq7 zzptl").empty());
    CHECK(g.find("").empty());
}
