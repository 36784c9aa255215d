#include <catch2/catch.hpp>

#include "incimap/analyze/aggregate.hpp"
#include "support.hpp"

using namespace incimap;

namespace {
PlacedIncident incident(const char* date, const char* country, const char* admin1, IncidentClass c, const char* type) {
    PlacedIncident p;
    p.incident.date = *parse_date(date).span;
    p.incident.event_type = type;
    p.location.country = country;
    p.location.admin1 = admin1;
    p.incident_class = c;
    return p;
}

// The points the analysis sees; their text lives as long as the tests.
IncidentPoint point(const PlacedIncident& p) {
    static TextPool text;
    return point_of(p, text);
}
}  // namespace

TEST_CASE("Mann-Kendall on known series", "[trends]") {
    // Strictly increasing, n = 10: S = 45, Var = 10*9*25/18 = 125, Z = 44/sqrt(125)
    std::vector<double> up{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const MannKendall inc = mann_kendall(up);
    CHECK(inc.s == 45);
    CHECK(inc.variance == Approx(125));
    CHECK(inc.z == Approx(44 / std::sqrt(125.0)));
    CHECK(inc.p_value < 0.001);
    CHECK(inc.direction == "increasing");
    std::vector<double> down(up.rbegin(), up.rend());
    CHECK(mann_kendall(down).direction == "decreasing");
    // All ties: no trend, no division by zero
    const MannKendall flat = mann_kendall({2, 2, 2, 2});
    CHECK(flat.s == 0);
    CHECK(flat.direction == "no trend");
    CHECK(mann_kendall({1, 2}).direction == "too few periods");
    // Ties lower the variance: {1,1,2,3}: t=2 group removes 2*1*9 = 18 -> (4*3*13 - 18)/18 = 7.667
    CHECK(mann_kendall({1, 1, 2, 3}).variance == Approx((156.0 - 18.0) / 18.0));
}

TEST_CASE("counts per region and period add up, partial dates spread", "[aggregate]") {
    const RegionSet admin1 = RegionSet::from_boundaries(RegionKind::admin1, test::geodata_dir() / "boundaries.gpkg");
    const std::vector<PlacedIncident> incidents = {
        incident("2023-01-15", "AF", "AF-KAB", IncidentClass::domestic, "attack"),
        incident("2023-02", "AF", "AF-NAN", IncidentClass::domestic, "raid"),
        incident("2023", "TJ", "TJ-KT", IncidentClass::transnational, "arrest"),
        incident("2023-05-01", "XX", "", IncidentClass::transnational, "attack"),  // in no region
    };
    std::vector<IncidentPoint> points;
    for (const PlacedIncident& p : incidents) points.push_back(point(p));
    const RegionPeriodTable t = aggregate(points, admin1, PeriodUnit::quarter);
    REQUIRE(t.periods.size() == 4);
    CHECK(t.periods[0].label == "2023-Q1");
    // Every admin-1 area of the countries with incidents (AF and TJ) has a row, by code; those
    // without incidents count zero.
    auto row_of = [&](const std::string& code) {
        for (std::size_t r = 0; r < t.regions.size(); ++r)
            if (admin1.region(t.regions[r]).code == code) return r;
        FAIL("no row for " << code);
        return std::size_t(0);
    };
    for (std::size_t r = 0; r < t.regions.size(); ++r) {
        const std::string code = admin1.region(t.regions[r]).code;
        CHECK((code.rfind("AF-", 0) == 0 || code.rfind("TJ-", 0) == 0));
        CHECK(without_incidents(t, r) == (code != "AF-KAB" && code != "AF-NAN" && code != "TJ-KT"));
    }
    CHECK(t.regions.size() > 30);
    CHECK(admin1.region(t.regions[0]).code == "AF-BAL");
    double total = 0;
    for (const CellCounts& c : t.overall) total += c.total;
    CHECK(total == Approx(4.0));
    CHECK(t.overall[0].domestic == Approx(2.0 + 0.0));
    // the year-level arrest is spread over the quarters by days: 90/365 in Q1
    CHECK(t.cells[row_of("TJ-KT")][0].transnational == Approx(90.0 / 365));
    CHECK(t.cells[row_of("TJ-KT")][0].by_type.at("arrest") == Approx(90.0 / 365));
    CHECK(t.cells[row_of("AF-KAB")][0].total == Approx(1.0));
    CHECK(t.unassigned[1].total == Approx(1.0));
    CHECK(t.event_types == std::vector<std::string>{"arrest", "attack", "raid"});
}

TEST_CASE("subregions group countries, custom regions go by the point", "[aggregate]") {
    const RegionSet subregions = RegionSet::from_boundaries(RegionKind::subregion, test::geodata_dir() / "boundaries.gpkg");
    PlacedIncident tj = incident("2023-01-15", "TJ", "", IncidentClass::transnational, "attack");
    const auto r = subregions.region_of(point(tj));
    REQUIRE(r);
    CHECK(subregions.region(*r).code == "Central Asia");

    const test::TempDir dir;
    // Two boxes; the second is a bow-tie (self-intersecting) that must be repaired with a warning.
    test::write_text(dir / "zones.geojson", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"zone":"east"},"geometry":{"type":"Polygon","coordinates":[[[68,33],[72,33],[72,37],[68,37],[68,33]]]}},
      {"type":"Feature","properties":{"zone":"bowtie"},"geometry":{"type":"Polygon","coordinates":[[[60,30],[64,34],[64,30],[60,34],[60,30]]]}}]})");
    std::vector<std::string> warnings;
    const RegionSet zones = RegionSet::from_file(dir / "zones.geojson", "zone", warnings);
    CHECK(zones.size() == 2);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("bowtie") && Catch::Contains("repaired"));
    PlacedIncident kabul = incident("2023-01-15", "AF", "AF-KAB", IncidentClass::domestic, "attack");
    kabul.location.position = {69.17, 34.53};
    CHECK(zones.region(*zones.region_of(point(kabul))).code == "east");
    kabul.location.position = {10, 10};
    CHECK_FALSE(zones.region_of(point(kabul)));
    CHECK_THROWS_WITH(RegionSet::from_file(dir / "zones.geojson", "name", warnings), Catch::Contains("no field named 'name'"));

    // A vertex that is not a number (GDAL reads NaN) is refused with its row, before GEOS sees it.
    test::write_text(dir / "nan.geojson", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"zone":"east"},"geometry":{"type":"Polygon","coordinates":[[[68,33],[72,33],[72,37],[68,37],[68,33]]]}},
      {"type":"Feature","properties":{"zone":"bad"},"geometry":{"type":"Polygon","coordinates":[[[175,-19],[182,-19],[182,-15],[NaN,-18],[175,-19]]]}}]})");
    CHECK_THROWS_WITH(RegionSet::from_file(dir / "nan.geojson", "zone", warnings),
                      Catch::Contains("row 2") && Catch::Contains("not a number"));
}
