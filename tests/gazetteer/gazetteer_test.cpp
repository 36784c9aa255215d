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

TEST_CASE("Natural Earth's swapped Moscow codes are corrected", "[gazetteer]") {
    const Gazetteer& g = test::gazetteer();
    bool oblast_found = false;
    for (const NameHit& h : g.find("Moscow Oblast")) {
        const Place p = g.place(h.place);
        if (p.kind != PlaceKind::admin1) continue;
        oblast_found = true;
        CHECK(p.admin1_code == "RU-MOS");
    }
    CHECK(oblast_found);
    for (const NameHit& h : g.find("Krasnogorsk")) {
        const Place p = g.place(h.place);
        if (p.geonameid == 542374) CHECK(p.admin1_code == "RU-MOS");
    }
}
