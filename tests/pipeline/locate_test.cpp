#include <catch2/catch.hpp>

#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/pipeline/locate.hpp"
#include "support.hpp"

using namespace incimap;

namespace {
Incident incident_at(std::string place, std::optional<LonLat> position = std::nullopt, std::vector<std::string> hints = {}) {
    Incident inc;
    inc.place = std::move(place);
    inc.given_position = position;
    inc.hints = std::move(hints);
    return inc;
}
}  // namespace

TEST_CASE("given coordinates are kept and get country and admin-1 by reverse lookup", "[locate]") {
    const Geocoder geocoder(test::gazetteer());
    // The place text disagrees on purpose: coordinates win, the text is not geocoded.
    const LocateOutcome r = locate(incident_at("Herat", LonLat{69.2, 34.5}), geocoder, test::boundaries(), "");
    REQUIRE(r.location);
    CHECK(r.location->precision == GeoPrecision::exact);
    CHECK(r.location->position.lon_deg == 69.2);
    CHECK(r.location->confidence == 1);
    CHECK(r.location->country == "AF");
    CHECK(r.location->admin1 == "AF-KAB");
    CHECK(r.location->geonameid == 0);
}

TEST_CASE("coordinates at sea get no country", "[locate]") {
    const Geocoder geocoder(test::gazetteer());
    const LocateOutcome r = locate(incident_at("", LonLat{-30, 30}), geocoder, test::boundaries(), "");
    REQUIRE(r.location);
    CHECK(r.location->country.empty());
}

TEST_CASE("place text is geocoded with the row's hints", "[locate]") {
    const Geocoder geocoder(test::gazetteer());
    const LocateOutcome r = locate(incident_at("Jalalabad", std::nullopt, {"Punjab", "India"}), geocoder, test::boundaries(), "");
    REQUIRE(r.location);
    CHECK(r.location->country == "IN");
    CHECK(r.location->admin1 == "IN-PB");
    CHECK(r.location->precision == GeoPrecision::city);
    CHECK(r.location->geonameid > 0);
    CHECK(r.location->matched_name == "Jalālābād");
}

TEST_CASE("an unresolved place says why", "[locate]") {
    const Geocoder geocoder(test::gazetteer());
    const LocateOutcome r = locate(incident_at("Qwxzv Plrtk"), geocoder, test::boundaries(), "");
    CHECK_FALSE(r.location);
    CHECK_THAT(r.reason, Catch::StartsWith("unresolved place") && Catch::Contains("Qwxzv Plrtk"));
}
