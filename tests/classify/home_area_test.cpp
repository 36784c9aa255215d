#include <catch2/catch.hpp>

#include "incimap/classify/home_area.hpp"
#include "incimap/core/error.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "support.hpp"

using namespace incimap;

namespace {
Location at(LonLat p, GeoPrecision precision, std::string country, std::string admin1 = {}) {
    Location l;
    l.position = p;
    l.precision = precision;
    l.country = std::move(country);
    l.admin1 = std::move(admin1);
    // the area an admin-1 or country geocode stands for, as the geocoder names it
    if (precision == GeoPrecision::admin1) l.footprint = Footprint::admin1(l.admin1);
    if (precision == GeoPrecision::country) l.footprint = Footprint::country(l.country);
    return l;
}
}  // namespace

TEST_CASE("home as ISO codes: alpha-2, alpha-3, several", "[classify]") {
    const HomeArea af = HomeArea::from_codes({"AF"}, test::gazetteer());
    CHECK(af.classify(at({69.17, 34.53}, GeoPrecision::city, "AF"), test::boundaries()) == IncidentClass::domestic);
    CHECK(af.classify(at({68.78, 38.54}, GeoPrecision::city, "TJ"), test::boundaries()) == IncidentClass::transnational);
    const HomeArea afpk = HomeArea::from_codes({"AFG", "pak"}, test::gazetteer());
    CHECK(afpk.countries() == std::set<std::string>{"AF", "PK"});
    CHECK(afpk.label() == "AF,PK");
    CHECK_THROWS_AS(HomeArea::from_codes({"AF", "XX"}, test::gazetteer()), InvalidOption);
    CHECK_THROWS_AS(HomeArea::from_codes({}, test::gazetteer()), InvalidOption);
}

TEST_CASE("a country-level geocode is decided by its code, not its centroid", "[classify]") {
    const HomeArea af = HomeArea::from_codes({"AF"}, test::gazetteer());
    // A point far from Afghanistan but coded AF is still domestic: the code decides.
    CHECK(af.classify(at({0, 0}, GeoPrecision::country, "AF"), test::boundaries()) == IncidentClass::domestic);
}

TEST_CASE("home as polygons from a file", "[classify]") {
    const test::TempDir dir;
    // Roughly Kabul province and a bit around it.
    test::write_text(dir / "home.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
      "geometry":{"type":"Polygon","coordinates":[[[68.5,34.0],[70.0,34.0],[70.0,35.0],[68.5,35.0],[68.5,34.0]]]}}]})");
    const HomeArea home = HomeArea::from_file(dir / "home.geojson", test::boundaries());
    CHECK(home.label() == "home.geojson");
    CHECK(home.classify(at({69.17, 34.53}, GeoPrecision::exact, "AF"), test::boundaries()) == IncidentClass::domestic);
    CHECK(home.classify(at({62.2, 34.35}, GeoPrecision::city, "AF"), test::boundaries()) == IncidentClass::transnational);
    // Kabul province lies mostly inside the box: domestic. Afghanistan as a whole does not.
    CHECK(home.classify(at({69.1, 34.6}, GeoPrecision::admin1, "AF", "AF-KAB"), test::boundaries()) == IncidentClass::domestic);
    CHECK(home.classify(at({69.1, 34.6}, GeoPrecision::country, "AF"), test::boundaries()) == IncidentClass::transnational);

    test::write_text(dir / "points.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
      "geometry":{"type":"Point","coordinates":[69,34]}}]})");
    CHECK_THROWS_AS(HomeArea::from_file(dir / "points.geojson", test::boundaries()), InputError);
}

TEST_CASE("a home area in a projected CRS is transformed, not read as degrees", "[classify]") {
    const test::TempDir dir;
    // The same box around Kabul in Web Mercator metres.
    test::write_text(dir / "home3857.geojson", R"({"type":"FeatureCollection",
      "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[{"type":"Feature","properties":{},
      "geometry":{"type":"Polygon","coordinates":[[[7625000,4030000],[7792000,4030000],[7792000,4163000],[7625000,4163000],[7625000,4030000]]]}}]})");
    const HomeArea home = HomeArea::from_file(dir / "home3857.geojson", test::boundaries());
    CHECK(home.classify(at({69.17, 34.53}, GeoPrecision::exact, "AF"), test::boundaries()) == IncidentClass::domestic);
    CHECK(home.classify(at({62.2, 34.35}, GeoPrecision::exact, "AF"), test::boundaries()) == IncidentClass::transnational);
}
