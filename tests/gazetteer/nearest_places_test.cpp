#include <catch2/catch.hpp>

#include "incimap/gazetteer/nearest_places.hpp"
#include "support.hpp"

using namespace incimap;

TEST_CASE("the nearest populated place within a radius", "[nearest]") {
    const NearestPlaces nearest(test::gazetteer());
    // 2 km east of Kabul's GeoNames point
    const auto kabul = nearest.nearest({69.17233 + 0.022, 34.52813}, 10);
    REQUIRE(kabul);
    CHECK(kabul->distance_km == Approx(haversine_km({69.19433, 34.52813}, kabul->place.position)));
    CHECK(kabul->distance_km < 5);
    // Mid-Atlantic: nothing within 50 km
    CHECK_FALSE(nearest.nearest({-30, 30}, 50));
    // Radius 0 or negative finds nothing
    CHECK_FALSE(nearest.nearest({69.17233, 34.52813}, 0));
    CHECK_FALSE(nearest.nearest({69.17233, 34.52813}, -5));
}

TEST_CASE("the nearest place is the nearest by great-circle distance, also near the poles", "[nearest]") {
    const NearestPlaces nearest(test::gazetteer());
    // Longyearbyen, Svalbard (78 N): a degree of longitude is only 23 km there
    const auto svalbard = nearest.nearest({15.6, 78.22}, 30);
    REQUIRE(svalbard);
    CHECK(svalbard->place.country == "SJ");
}
