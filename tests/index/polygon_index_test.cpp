#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <thread>

#include "incimap/core/geos.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/index/polygon_index.hpp"
#include "support.hpp"

using namespace incimap;

namespace {

GeosGeometryPtr box(GEOSContextHandle_t ctx, double west, double south, double east, double north) {
    return own(ctx, GEOSGeom_createRectangle_r(ctx, west, south, east, north));
}

// What `nearest_within` must say, from GEOS: the polygon at the least planar distance (the first
// of equals), if its nearest point is within `km` on the sphere.
std::optional<std::size_t> nearest_by_geos(GEOSContextHandle_t ctx, const std::vector<GeosPreparedPtr>& polygons, LonLat p, double km) {
    const GeosGeometryPtr point = make_point(ctx, p.lon_deg, p.lat_deg);
    std::optional<std::size_t> best;
    double best_d = 0;
    for (std::size_t i = 0; i < polygons.size(); ++i) {
        double d = 0;
        if (GEOSPreparedDistance_r(ctx, polygons[i].get(), point.get(), &d) == 1 && (!best || d < best_d)) best = i, best_d = d;
    }
    if (!best) return std::nullopt;
    GEOSCoordSequence* seq = GEOSPreparedNearestPoints_r(ctx, polygons[*best].get(), point.get());
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(ctx, seq, 0, &x, &y);
    GEOSCoordSeq_destroy_r(ctx, seq);
    return haversine_km(p, {x, y}) <= km ? best : std::nullopt;
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
    // Near coasts and borders, and off them: the nearest polygon within 10 km.
    std::vector<LonLat> coastal(points.begin(), points.begin() + 3000);
    std::uniform_real_distribution<double> sea_lon(57, 75), sea_lat(20, 26);  // the Makran and Sindh coasts
    for (int i = 0; i < 3000; ++i) coastal.push_back({sea_lon(rng), sea_lat(rng)});
    std::size_t near_disagree = 0, near_found = 0, offshore = 0;
    for (const LonLat& p : coastal) {
        const auto expected = nearest_by_geos(ctx, each, p, 10);
        near_found += expected.has_value();
        offshore += expected.has_value() && !first_covering(ctx, each, p);
        if (index.nearest_within(p, 10) != expected) {
            ++near_disagree;
            UNSCOPED_INFO("nearest: lon " << p.lon_deg << " lat " << p.lat_deg);
        }
    }
    CHECK(near_disagree == 0);
    CHECK(near_found > 1000);
    CHECK(offshore > 50);
    CHECK(index.containing({10.5, 20.1}) == std::optional<std::size_t>(9));
    CHECK_FALSE(index.containing({12.5, 20.5}));
}

// Lookups from several threads at once on a fresh index, so that its cells' answers and each
// polygon's edges are first made while other threads look: every thread must get the answers of
// a lone thread.
TEST_CASE("polygon lookups from several threads at once answer as from one", "[index][polygons]") {
    const Boundaries& b = test::boundaries();
    GEOSContextHandle_t ctx = b.context();
    const auto make_index = [&] {
        std::vector<GeosGeometryPtr> polygons;
        for (const char* code : {"AF", "PK", "IR", "TJ", "UZ", "TM", "KG", "CN", "IN", "OM", "AE"})
            polygons.push_back(own(ctx, GEOSGeom_clone_r(ctx, b.country_footprint(code))));
        return PolygonIndex(ctx, std::move(polygons));
    };
    std::vector<LonLat> points;
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> lon(55, 80), lat(22, 42);
    for (int i = 0; i < 20000; ++i) points.push_back({lon(rng), lat(rng)});
    const PolygonIndex alone = make_index();
    std::vector<std::optional<std::size_t>> inside, near;
    for (const LonLat& p : points) {
        inside.push_back(alone.containing(p));
        near.push_back(alone.nearest_within(p, 10));
    }
    const PolygonIndex shared = make_index();
    constexpr unsigned threads = 4;
    std::vector<std::size_t> disagree(threads, 0);
    {
        std::vector<std::jthread> pool;
        for (unsigned k = 0; k < threads; ++k)
            pool.emplace_back([&, k] {
                // each thread in its own order
                constexpr std::size_t stride[threads] = {1, 3, 7, 9};  // prime to the point count
                for (std::size_t n = 0; n < points.size(); ++n) {
                    const std::size_t i = (n * stride[k] + k * 977) % points.size();
                    disagree[k] += shared.containing(points[i]) != inside[i];
                    disagree[k] += shared.nearest_within(points[i], 10) != near[i];
                }
            });
    }
    for (unsigned k = 0; k < threads; ++k) CHECK(disagree[k] == 0);
    CHECK(std::count_if(inside.begin(), inside.end(), [](const auto& a) { return a.has_value(); }) > 10000);
    CHECK(std::count_if(near.begin(), near.end(), [](const auto& a) { return a.has_value(); }) > 10000);
}
