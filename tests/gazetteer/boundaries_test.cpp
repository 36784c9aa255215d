#include <catch2/catch.hpp>

#include "incimap/gazetteer/boundaries.hpp"
#include "support.hpp"

using namespace incimap;

TEST_CASE("points fall in their country and admin-1 area", "[boundaries]") {
    const Boundaries& b = test::boundaries();
    struct Case {
        LonLat p;
        const char* country;
        const char* admin1;
    };
    for (const Case& c : {Case{{69.17233, 34.52813}, "AF", "AF-KAB"}, Case{{70.45153, 34.42647}, "AF", "AF-NAN"},
                          Case{{68.77905, 38.53575}, "TJ", "TJ-DU"}, Case{{16.37208, 48.20849}, "AT", "AT-9"},
                          Case{{67.27833, 37.22417}, "UZ", "UZ-SU"}, Case{{-97.51643, 35.46756}, "US", "US-OK"}}) {
        INFO(c.country << " " << c.admin1);
        const auto country = b.country_at(c.p);
        REQUIRE(country);
        CHECK(country->code == c.country);
        const auto admin1 = b.admin1_at(c.p);
        REQUIRE(admin1);
        CHECK(admin1->code == c.admin1);
    }
}

TEST_CASE("the open sea is in no country, a point on the shore is in its country", "[boundaries]") {
    const Boundaries& b = test::boundaries();
    CHECK_FALSE(b.country_at({-30.0, 30.0}));  // mid-Atlantic
    CHECK_FALSE(b.country_at({65.0, 15.0}));   // Arabian Sea
    // Karachi harbour mouth, just off Natural Earth's generalised coastline
    const auto karachi = b.country_at({66.97, 24.80});
    REQUIRE(karachi);
    CHECK(karachi->code == "PK");
}

TEST_CASE("footprints of countries and admin-1 areas", "[boundaries]") {
    const Boundaries& b = test::boundaries();
    CHECK(b.country_footprint("AF") != nullptr);
    CHECK(b.admin1_footprint("AF-NAN") != nullptr);
    // Natural Earth splits some provinces into several polygons; the footprint is their union.
    CHECK(b.admin1_footprint("AF-PAR") != nullptr);
    CHECK(b.country_footprint("ZZ") == nullptr);
}
