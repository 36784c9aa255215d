#include <catch2/catch.hpp>
#include <proj.h>

#include <cmath>
#include <limits>

#include "incimap/core/geo.hpp"

using namespace incimap;

namespace {
// Geodesic distance on the WGS 84 ellipsoid from PROJ, as the reference.
double geodesic_km(LonLat a, LonLat b) {
    PJ_CONTEXT* ctx = proj_context_create();
    PJ* geod = proj_create(ctx, "+proj=longlat +ellps=WGS84");
    const PJ_COORD pa = proj_coord(proj_torad(a.lon_deg), proj_torad(a.lat_deg), 0, 0);
    const PJ_COORD pb = proj_coord(proj_torad(b.lon_deg), proj_torad(b.lat_deg), 0, 0);
    const double metres = proj_lp_dist(geod, pa, pb);
    proj_destroy(geod);
    proj_context_destroy(ctx);
    return metres / 1000;
}
}  // namespace

TEST_CASE("haversine is within 0.5% of the WGS 84 geodesic", "[geo]") {
    const LonLat kabul{69.17233, 34.52813}, moscow{37.61556, 55.75222}, vienna{16.37208, 48.20849};
    for (auto [a, b] : {std::pair{kabul, moscow}, std::pair{kabul, vienna}, std::pair{moscow, vienna}}) {
        const double reference = geodesic_km(a, b);
        CHECK(haversine_km(a, b) == Approx(reference).epsilon(0.005));
    }
    CHECK(haversine_km(kabul, kabul) == 0);
}

TEST_CASE("coordinate validity", "[geo]") {
    CHECK(is_valid({69.2, 34.5}));
    CHECK(is_valid({-180, -90}));
    CHECK_FALSE(is_valid({181, 0}));
    CHECK_FALSE(is_valid({0, 90.0001}));
    CHECK_FALSE(is_valid({std::nan(""), 0}));
    CHECK_FALSE(is_valid({0, std::numeric_limits<double>::infinity()}));
}
