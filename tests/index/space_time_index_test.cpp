#include <catch2/catch.hpp>

#include "incimap/index/space_time_index.hpp"

using namespace incimap;

namespace {
PlacedIncident at(double lon, double lat, const char* date, IncidentClass c = IncidentClass::domestic, const char* type = "attack") {
    PlacedIncident p;
    p.location.position = {lon, lat};
    p.incident.date = *parse_date(date).span;
    p.incident_class = c;
    p.incident.event_type = type;
    return p;
}
}  // namespace

TEST_CASE("geodesic distances on the WGS 84 ellipsoid", "[index]") {
    // One degree of latitude at the equator is 110.574 km on WGS 84; of longitude, 111.320 km.
    CHECK(geodesic_km({0, 0}, {0, 1}) == Approx(110.574).epsilon(1e-4));
    CHECK(geodesic_km({0, 0}, {1, 0}) == Approx(111.320).epsilon(1e-4));
}

TEST_CASE("box queries, also across the antimeridian", "[index]") {
    const std::vector<PlacedIncident> v = {at(69.2, 34.5, "2023-01-01"), at(179.5, 0, "2023-01-02"), at(-179.5, 0, "2023-01-03"),
                                           at(0, 0, "2023-01-04")};
    const SpaceTimeIndex index(v);
    CHECK(index.in_box({68, 34, 70, 35}) == std::vector<std::size_t>{0});
    CHECK(index.in_box({170, -10, -170, 10}) == std::vector<std::size_t>{1, 2});
    CHECK(index.in_box({-180, -90, 180, 90}).size() == 4);
    CHECK(index.in_box({10, 10, 11, 11}).empty());
}

TEST_CASE("radius queries are geodesic, across the antimeridian and near the poles", "[index]") {
    const std::vector<PlacedIncident> v = {at(179.9, 0, "2023-01-01"), at(-179.9, 0, "2023-01-02"), at(0, 89.9, "2023-01-03"),
                                           at(180 - 0.001, 89.9, "2023-01-04")};
    const SpaceTimeIndex index(v);
    CHECK(index.near({179.9, 0}, 25) == std::vector<std::size_t>{0, 1});  // 22.3 km apart across 180
    CHECK(index.near({179.9, 0}, 20) == std::vector<std::size_t>{0});
    CHECK(index.near({90, 89.95}, 20) == std::vector<std::size_t>{2, 3});  // the pole is near everything
    CHECK(index.near({0, 0}, 0).empty());
    CHECK(index.near({0, 0}, -5).empty());
}

TEST_CASE("period, class and type filters, and partial dates overlap", "[index]") {
    const std::vector<PlacedIncident> v = {at(69, 34, "2024-03"), at(69, 34, "2024-04-02", IncidentClass::transnational, "arrest"),
                                           at(69, 34, "2023", IncidentClass::domestic, "raid")};
    const SpaceTimeIndex index(v);
    QueryFilter mid_march;
    mid_march.from = parse_date("2024-03-15").span->first;
    CHECK(index.in_time(mid_march) == std::vector<std::size_t>{0, 1});
    QueryFilter to_2023;
    to_2023.to = parse_date("2023").span->last;
    CHECK(index.in_time(to_2023) == std::vector<std::size_t>{2});
    QueryFilter transnational;
    transnational.incident_class = IncidentClass::transnational;
    CHECK(index.in_box({60, 30, 70, 40}, transnational) == std::vector<std::size_t>{1});
    QueryFilter raids;
    raids.event_type = "raid";
    CHECK(index.near({69, 34}, 1, raids) == std::vector<std::size_t>{2});
    CHECK(SpaceTimeIndex(std::vector<PlacedIncident>{}).in_box({-180, -90, 180, 90}).empty());
}
