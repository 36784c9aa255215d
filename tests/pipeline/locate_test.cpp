#include <catch2/catch.hpp>

#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/nearest_places.hpp"
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

TEST_CASE("given coordinates are kept and get country, admin-1 and the nearest place", "[locate]") {
    const Geocoder geocoder(test::gazetteer());
    const NearestPlaces nearest(test::gazetteer());
    LocateOptions options;
    options.nearest = &nearest;
    options.near_km = 25;
    // The place text disagrees on purpose: coordinates win, the text is not geocoded.
    const LocateOutcome r = locate(incident_at("Herat", LonLat{69.2, 34.5}), geocoder, test::boundaries(), options);
    REQUIRE(r.location);
    CHECK(r.location->precision == GeoPrecision::exact);
    CHECK(r.location->position.lon_deg == 69.2);
    CHECK(r.location->confidence == 1);
    CHECK(r.location->country == "AF");
    CHECK(r.location->admin1 == "AF-KAB");
    CHECK(r.location->geonameid == 0);
    CHECK(r.location->method == "given");
    CHECK(r.location->nearest_km >= 0);
    CHECK(r.location->nearest_km <= 25);
    CHECK_FALSE(r.location->nearest_name.empty());
    CHECK(r.location->footprint.empty());
}

TEST_CASE("coordinates at sea get no country", "[locate]") {
    const Geocoder geocoder(test::gazetteer());
    const LocateOutcome r = locate(incident_at("", LonLat{-30, 30}), geocoder, test::boundaries(), {});
    REQUIRE(r.location);
    CHECK(r.location->country.empty());
}

TEST_CASE("place text is geocoded with the row's hints", "[locate]") {
    const Geocoder geocoder(test::gazetteer());
    const LocateOutcome r = locate(incident_at("Jalalabad", std::nullopt, {"Punjab", "India"}), geocoder, test::boundaries(), {});
    REQUIRE(r.location);
    CHECK(r.location->country == "IN");
    CHECK(r.location->admin1 == "IN-PB");
    CHECK(r.location->precision == GeoPrecision::city);
    CHECK(r.location->geonameid > 0);
    CHECK(r.location->matched_name == "Jalālābād");
    CHECK(r.location->method == "exact");
    CHECK(r.location->nearest_km < 0);  // only for given coordinates
}

TEST_CASE("area geocodes carry their footprint, and unused parts are kept", "[locate]") {
    const Geocoder geocoder(test::gazetteer());
    const LocateOutcome province = locate(incident_at("Nangarhar"), geocoder, test::boundaries(), {});
    REQUIRE(province.location);
    CHECK(province.location->footprint == Footprint::admin1("AF-NAN"));
    const LocateOutcome country = locate(incident_at("Таджикистан"), geocoder, test::boundaries(), {});
    CHECK(country.location->footprint == Footprint::country("TJ"));
    const LocateOutcome crocus = locate(incident_at("Crocus City Hall, Krasnogorsk"), geocoder, test::boundaries(), {});
    CHECK(crocus.location->unmatched == "Crocus City Hall");
    CHECK(crocus.location->footprint.empty());
}

TEST_CASE("an unresolved place says why", "[locate]") {
    const Geocoder geocoder(test::gazetteer());
    const LocateOutcome r = locate(incident_at("Qwxzv Plrtk"), geocoder, test::boundaries(), {});
    CHECK_FALSE(r.location);
    CHECK_THAT(r.reason, Catch::StartsWith("unresolved place") && Catch::Contains("Qwxzv Plrtk"));
}
