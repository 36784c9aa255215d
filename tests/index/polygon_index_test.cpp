#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "incimap/core/geos.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/index/polygon_index.hpp"
#include "support.hpp"

using namespace incimap;

namespace {

GeosGeometryPtr box(GEOSContextHandle_t ctx, double west, double south, double east, double north) {
    return own(ctx, GEOSGeom_createRectangle_r(ctx, west, south, east, north));
}

// What `containing` must say: the first polygon, in order, that intersects the point.
std::optional<std::size_t> first_covering(GEOSContextHandle_t ctx, const std::vector<GeosPreparedPtr>& polygons, LonLat p) {
    const GeosGeometryPtr point = make_point(ctx, p.lon_deg, p.lat_deg);
    for (std::size_t i = 0; i < polygons.size(); ++i)
        if (GEOSPreparedIntersects_r(ctx, polygons[i].get(), point.get()) == 1) return i;
    return std::nullopt;
}

}  // namespace

// The index keeps one answer per grid cell that no boundary touches; these points try it where it
// could go wrong: borders, coasts, lakes, shared cell edges and the order points come in.
TEST_CASE("polygon lookups answer as a test of every polygon, on real borders and on cell edges", "[index][polygons]") {
    const Boundaries& b = test::boundaries();
    GEOSContextHandle_t ctx = b.context();
    std::vector<GeosGeometryPtr> polygons;
    for (const char* code : {"AF", "PK", "IR", "TJ", "UZ", "TM", "KG", "CN", "IN"})
        polygons.push_back(own(ctx, GEOSGeom_clone_r(ctx, b.country_footprint(code))));
    // Two squares whose shared edge and corners lie on cell edges (multiples of 1/8 degree), the
    // second overlapping the first: where both cover a point, the first wins. A square with a hole.
    polygons.push_back(box(ctx, 10.0, 20.0, 10.5, 20.25));
    polygons.push_back(box(ctx, 10.5, 20.0, 11.0, 20.25));
    polygons.push_back(box(ctx, 10.25, 20.125, 10.75, 20.5));
    polygons.push_back(own(ctx, GEOSDifference_r(ctx, box(ctx, 12.0, 20.0, 13.0, 21.0).get(), box(ctx, 12.3, 20.3, 12.7, 20.7).get())));
    const std::size_t count = polygons.size();
    const PolygonIndex index(ctx, std::move(polygons));
    REQUIRE(index.size() == count);
    std::vector<GeosPreparedPtr> each;
    for (std::size_t i = 0; i < count; ++i) each.emplace_back(GEOSPrepare_r(ctx, index.polygon(i)), GeosPreparedDeleter{ctx});

    std::vector<LonLat> points;
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> lon(60, 80), lat(24, 42), fine(-0.2, 1.2);
    for (int i = 0; i < 10000; ++i) points.push_back({lon(rng), lat(rng)});
    for (int i = 0; i < 3000; ++i) points.push_back({10 + 3 * fine(rng), 20 + fine(rng)});
    for (int i = 0; i <= 40; ++i)
        for (int j = 0; j <= 12; ++j) points.push_back({9.75 + i / 8.0, 19.75 + j / 8.0});  // cell corners and edges
    points.push_back({10.5, 20.1});   // on the shared edge: the first square
    points.push_back({12.5, 20.5});   // in the hole
    points.push_back({-180, -90});    // the grid's corners
    points.push_back({180, 90});

    // Twice, in two orders: answers kept for a cell must hold for every later point in it.
    for (int pass = 0; pass < 2; ++pass) {
        std::size_t disagree = 0, covered = 0;
        for (const LonLat& p : points) {
            const auto expected = first_covering(ctx, each, p);
            covered += expected.has_value();
            if (index.containing(p) != expected) {
                ++disagree;
                UNSCOPED_INFO("lon " << p.lon_deg << " lat " << p.lat_deg);
            }
        }
        CHECK(disagree == 0);
        CHECK(covered > points.size() / 2);
        std::shuffle(points.begin(), points.end(), rng);
    }
    CHECK(index.containing({10.5, 20.1}) == std::optional<std::size_t>(9));
    CHECK_FALSE(index.containing({12.5, 20.5}));
}
