// An analyst's own places (--places): read from CSV or a vector layer, bad rows reported and
// skipped, added to the gazetteer so that an exact match ranks above GeoNames.
#include <catch2/catch.hpp>

#include <ogrsf_frmts.h>

#include "incimap/core/error.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/user_places.hpp"
#include "incimap/geocode/geocoder.hpp"
#include "incimap/io/gdal.hpp"
#include "support.hpp"

using namespace incimap;

namespace {

// Places in Bajaur that cities500 lacks, as a monitoring group lists them (2006 Damadola and
// Chenagai strikes, the district headquarters Khar).
const char* const bajaur_places =
    "name,alt_names,lat,lon,country,admin1,kind,population\n"
    "Khar,Khar Bajaur|خار,34.7297,71.5231,,,place,\n"
    "Damadola,Damadolah|ډمه ډوله,34.8167,71.4333,PK,,,\n"
    "Chenagai,,34.7900,71.5000,Pakistan,,place,\n"
    "Bajaur,Bajaur Agency|باجوړ,34.78,71.53,PK,Khyber Pakhtunkhwa,district,1093684\n";

struct Loaded {
    Gazetteer gazetteer{test::geodata_dir() / "gazetteer.bin"};
    Boundaries boundaries{test::geodata_dir() / "boundaries.gpkg"};
    UserPlacesFile file;
    explicit Loaded(const std::filesystem::path& places) : file(read_user_places(places.string(), gazetteer, boundaries)) {
        for (const UserPlace& p : file.places)
            if (!p.footprint_wkb.empty()) boundaries.add_user_footprint(p.row, p.footprint_wkb);
        gazetteer.add_user_places(file.places);
    }
};

}  // namespace

TEST_CASE("an analyst's places rank above the gazetteer and keep their kind", "[gazetteer][places]") {
    const test::TempDir dir;
    test::write_text(dir / "places.csv", bajaur_places);
    const Loaded loaded(dir / "places.csv");
    REQUIRE(loaded.file.places.size() == 4);
    CHECK(loaded.file.problems.empty());
    const Geocoder geocoder(loaded.gazetteer);

    // Without the list "Khar" is Haar in Bavaria (its Russian name); with it, the town in Bajaur.
    for (const char* q : {"Khar", "خار", "Khar Bajaur", "Khar, Bajaur", "KHAR"}) {
        INFO(q);
        const GeocodeResult r = geocoder.geocode(q);
        REQUIRE(r.status == GeocodeStatus::resolved);
        CHECK(r.best->place.source == PlaceSource::user);
        CHECK(r.best->place.geonameid == 0);
        CHECK(source_name(r.best->place) == "user");
        CHECK(r.best->place.country == "PK");  // from where the point lies
        CHECK(r.best->precision == GeoPrecision::city);
        CHECK(r.best->confidence > 0.9);
    }
    const GeocodeResult district = geocoder.geocode("Bajaur district");
    REQUIRE(district.best);
    CHECK(district.best->precision == GeoPrecision::district);
    CHECK(district.best->place.admin1_code == "PK-KP");  // the admin1 column named, not coded
    CHECK(district.unmatched_parts == std::vector<std::string>{"district"});

    // A spelling variant of a listed name is found as GeoNames names are.
    const GeocodeResult variant = geocoder.geocode("Damadolla, Bajaur");
    REQUIRE(variant.best);
    CHECK(variant.best->place.name == "Damadola");
    CHECK(variant.best->method != MatchMethod::exact);

    // Hints still exclude: Khar in Kunar is not the town in Bajaur.
    const GeocodeResult kunar = geocoder.geocode("Khar, Kunar");
    REQUIRE(kunar.best);
    CHECK(kunar.best->place.source == PlaceSource::gazetteer);
    CHECK(kunar.best->place.country == "AF");
    // Names the list lacks are answered by the gazetteer as before.
    const GeocodeResult kabul = geocoder.geocode("Kabul");
    REQUIRE(kabul.best);
    CHECK(kabul.best->place.geonameid == 1138958);
    CHECK(source_name(kabul.best->place) == "geonames");
}

TEST_CASE("bad rows of a places file are reported with file, row and field, and skipped", "[gazetteer][places]") {
    const test::TempDir dir;
    test::write_text(dir / "places.csv",
                     "name,alt_names,lat,lon,country,admin1,kind,population\n"
                     "Khar,,34.7297,71.5231,PK,,,\n"        // 1 good
                     "Nowhere,,95,10,,,,\n"                  // 2 latitude out of range
                     ",,34.7,71.5,,,,\n"                     // 3 no name
                     "Khar,,34.7297,71.5231,PK,,village,\n"  // 4 unknown kind
                     "Khar,,34.7297,71.5231,ZZ,,,\n"         // 5 unknown country
                     "Khar,,34.7297,71.5231,PK,Bavaria,,\n"  // 6 admin-1 area of another country
                     "Khar,,71.5231,34.7297,PK,,,\n"         // 7 latitude and longitude swapped
                     "Khar,,34.7297,71.5231,PK,,,-5\n"       // 8 negative population
                     "Khar,,,,PK,,,\n"                       // 9 no position
                     "1234,,34.7,71.5,PK,,,\n"               // 10 a number, not a name
                     "Khar,Khar|\x01,34.7,71.5,PK,,,\n");    // 11 control character in an alternate
    const Loaded loaded(dir / "places.csv");
    CHECK(loaded.file.rows == 11);
    REQUIRE(loaded.file.places.size() == 1);
    const std::vector<std::string>& problems = loaded.file.problems;
    REQUIRE(problems.size() == 10);
    const std::string file = (dir / "places.csv").string();
    const char* expected[] = {"row 2: field 'lat'",        "row 3: field 'name'",    "row 4: field 'kind'",
                              "row 5: field 'country'",    "row 6: field 'admin1'",  "row 7: field 'lat'",
                              "row 8: field 'population'", "row 9: field 'lat'",     "row 10: field 'name'",
                              "row 11: field 'alt_names'"};
    for (std::size_t i = 0; i < problems.size(); ++i) {
        INFO(problems[i]);
        CHECK(problems[i].rfind(file + ": " + expected[i], 0) == 0);
    }
    CHECK_THAT(problems[5], Catch::Contains("swapped"));
}

TEST_CASE("a places file without a usable row or a name column is an input error", "[gazetteer][places]") {
    const test::TempDir dir;
    const Gazetteer gazetteer(test::geodata_dir() / "gazetteer.bin");
    test::write_text(dir / "bad.csv", "name,lat,lon\n,1,2\nX,95,0\n");
    CHECK_THROWS_WITH(read_user_places((dir / "bad.csv").string(), gazetteer, test::boundaries()),
                      Catch::Contains("no usable place in 2 rows") && Catch::Contains("row 1: field 'name'"));
    test::write_text(dir / "noname.csv", "place,lat,lon\nKhar,34.7,71.5\n");
    CHECK_THROWS_AS(read_user_places((dir / "noname.csv").string(), gazetteer, test::boundaries()), InputError);
    test::write_text(dir / "empty.csv", "name,lat,lon\n");
    CHECK_THROWS_WITH(read_user_places((dir / "empty.csv").string(), gazetteer, test::boundaries()), Catch::Contains("no places"));
    CHECK_THROWS_AS(read_user_places((dir / "missing.csv").string(), gazetteer, test::boundaries()), InputError);
    CHECK_THROWS_AS(read_user_places("/vsicurl/http://example.invalid/p.csv", gazetteer, test::boundaries()), InputError);
}

TEST_CASE("a district layer in a projected CRS gives footprints", "[gazetteer][places]") {
    const test::TempDir dir;
    // Bajaur district, roughly, in UTM zone 42N, as a district layer from a GIS would be.
    ensure_gdal_registered();
    {
        GDALDriver* gpkg = GetGDALDriverManager()->GetDriverByName("GPKG");
        DatasetPtr ds(gpkg->Create((dir / "districts.gpkg").c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        REQUIRE(ds);
        OGRSpatialReference utm;
        utm.importFromEPSG(32642);
        OGRLayer* layer = ds->CreateLayer("districts", &utm, wkbPolygon, nullptr);
        OGRFieldDefn name("name", OFTString), kind("kind", OFTString);
        layer->CreateField(&name);
        layer->CreateField(&kind);
        OGRPolygon polygon;
        OGRLinearRing ring;
        for (const auto& [lon, lat] : {std::pair{71.30, 34.62}, {71.75, 34.62}, {71.80, 34.95}, {71.35, 34.98}, {71.30, 34.62}})
            ring.addPoint(lon, lat);
        polygon.addRing(&ring);
        OGRSpatialReference wgs84 = wgs84_lonlat();
        polygon.assignSpatialReference(&wgs84);
        REQUIRE(polygon.transformTo(&utm) == OGRERR_NONE);
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("name", "Bajaur");
        f.SetField("kind", "district");
        f.SetGeometry(&polygon);
        REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
    }
    const Loaded loaded(dir / "districts.gpkg");
    REQUIRE(loaded.file.places.size() == 1);
    const UserPlace& bajaur = loaded.file.places.front();
    CHECK(bajaur.kind == PlaceKind::district);
    CHECK(bajaur.country == "PK");
    CHECK(bajaur.position.lon_deg > 71.30);  // the point on surface, back in lon/lat
    CHECK(bajaur.position.lon_deg < 71.80);
    CHECK(bajaur.position.lat_deg > 34.62);
    CHECK(bajaur.position.lat_deg < 34.98);
    CHECK(loaded.boundaries.footprint(Footprint::user(1)) != nullptr);

    const GeocodeResult r = Geocoder(loaded.gazetteer).geocode("Bajaur");
    REQUIRE(r.best);
    CHECK(r.best->precision == GeoPrecision::district);
    CHECK(footprint_of(*r.best) == Footprint::user(1));
}
