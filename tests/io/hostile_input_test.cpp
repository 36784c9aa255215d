// Broken and hostile input files: each is read with its good rows kept, its bad rows rejected
// with the field and a reason a user can act on, or refused whole with a message naming it.
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "incimap/analyze/regions.hpp"
#include "incimap/core/error.hpp"
#include "incimap/core/utf8.hpp"
#include "incimap/io/file_hash.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/io/ingest.hpp"
#include "support.hpp"

using namespace incimap;

namespace {

IngestResult read_csv(const test::TempDir& dir, const std::string& name, const std::string& text, ColumnMapping mapping = {}) {
    test::write_text(dir / name, text);
    return read_incidents((dir / name).string(), mapping, silent_reporter());
}

const RowProblem* problem_at(const IngestResult& r, std::int64_t row) {
    for (const RowProblem& p : r.problems)
        if (p.source.row == row) return &p;
    return nullptr;
}

std::string value_of(const Incident& incident, const std::string& column) {
    const FieldSchema& schema = *incident.source.schema;
    for (std::size_t i = 0; i < schema.names.size(); ++i)
        if (schema.names[i] == column) return to_text(incident.source.values[i]);
    FAIL("no column " << column);
    return {};
}

}  // namespace

TEST_CASE("RFC 4180: quoted line breaks, doubled quotes and separators inside quotes", "[ingest][hostile]") {
    const test::TempDir dir;
    const IngestResult r = read_csv(dir, "quotes.csv",
                                    "date,place,notes\r\n"
                                    "2024-03-22,\"Crocus City Hall, Krasnogorsk\",\"first line\r\nsecond line\"\r\n"
                                    "2024-03-23,\"Kabul \"\"city\"\"\",\"\"\r\n"
                                    "2024-03-24,Herat,plain\r\n");
    CHECK(r.rows == 3);
    REQUIRE(r.incidents.size() == 3);
    CHECK(r.incidents[0].place == "Crocus City Hall, Krasnogorsk");
    CHECK(value_of(r.incidents[0], "notes") == "first line\nsecond line");  // the line break as GDAL reads it
    CHECK(r.incidents[1].place == "Kabul \"city\"");
    CHECK(r.incidents[2].place == "Herat");
    CHECK(r.incidents[2].source.row == 3);  // rows count records, not lines
}

TEST_CASE("a UTF-8 byte-order mark does not hide the first column", "[ingest][hostile]") {
    const test::TempDir dir;
    const IngestResult r = read_csv(dir, "bom.csv", "\xEF\xBB\xBF" "event_date,location\n2024-01-01,Kabul\n");
    REQUIRE(r.incidents.size() == 1);
    CHECK(r.incidents[0].date.text == "2024-01-01");
}

TEST_CASE("Windows-1252 bytes in a file read as UTF-8 reject their row, naming the column", "[ingest][hostile]") {
    const test::TempDir dir;
    const IngestResult r = read_csv(dir, "cp1252.csv", "date,place,actor\n2024-01-01,Kabul,ISKP\n2024-01-02,Herat,Caf\xE9 group\n2024-01-03,Kunduz,x\n");
    CHECK(r.incidents.size() == 2);
    const RowProblem* p = problem_at(r, 2);
    REQUIRE(p != nullptr);
    CHECK(p->field == "actor");
    CHECK_THAT(p->reason, Catch::Contains("not valid UTF-8") && Catch::Contains("0xE9") && Catch::Contains("Windows-1252"));
    for (const Incident& i : r.incidents)
        for (const FieldValue& v : i.source.values) CHECK_FALSE(invalid_utf8_at(to_text(v)));
    // In the header, the whole file is in another encoding: refused (found by fuzz_ingest_csv).
    test::write_text(dir / "header.csv", "date,r\xE9gion,place\n2024-01-01,x,Kabul\n");
    CHECK_THROWS_WITH(read_incidents((dir / "header.csv").string(), {}, silent_reporter()),
                      Catch::Contains("header.csv") && Catch::Contains("column 2") && Catch::Contains("not valid UTF-8"));
}

TEST_CASE("ragged rows are rejected, and the rows after them keep their columns", "[ingest][hostile]") {
    const test::TempDir dir;
    const IngestResult r = read_csv(dir, "ragged.csv",
                                    "date,place,lat,lon\n"
                                    "2024-01-01,Kabul,34.5,69.2\n"
                                    "2024-01-02,Crocus City Hall, Krasnogorsk,55.8,37.3\n"  // separator left unquoted
                                    "2024-01-03,Herat\n"
                                    "\n"                                                     // blank lines are skipped
                                    "2024-01-04,Kunduz,36.7,68.9\n");
    CHECK(r.rows == 4);
    REQUIRE(r.incidents.size() == 2);
    CHECK(r.incidents[1].place == "Kunduz");
    CHECK(r.incidents[1].given_position->lat_deg == Approx(36.7));
    REQUIRE(problem_at(r, 2) != nullptr);
    CHECK(problem_at(r, 2)->field == "(row)");
    CHECK_THAT(problem_at(r, 2)->reason, Catch::Contains("5 fields, the header 4") && Catch::Contains("unquoted"));
    REQUIRE(problem_at(r, 3) != nullptr);
    CHECK_THAT(problem_at(r, 3)->reason, Catch::Contains("2 fields, the header 4"));
}

TEST_CASE("coordinates: decimal commas, NaN, Inf, empty, -999 and swapped axes", "[ingest][hostile]") {
    const test::TempDir dir;
    const IngestResult r = read_csv(dir, "coords.csv",
                                    "date;place;latitude;longitude\n"
                                    "2024-01-01;Kabul;34,5553;69,2075\n"  // decimal commas, as European spreadsheets write
                                    "2024-01-02;Kabul;NaN;69.2\n"
                                    "2024-01-03;Kabul;34.5;inf\n"
                                    "2024-01-04;Kabul;;\n"                // empty: geocoded from the place
                                    "2024-01-05;Kabul;-999;-999\n"
                                    "2024-01-06;Kabul;120.5;34.5\n"
                                    "2024-01-07;Kabul;1,234,5;69\n");
    REQUIRE(r.incidents.size() == 2);
    REQUIRE(r.incidents[0].given_position);
    CHECK(r.incidents[0].given_position->lat_deg == Approx(34.5553));
    CHECK(r.incidents[0].given_position->lon_deg == Approx(69.2075));
    CHECK_FALSE(r.incidents[1].given_position);
    CHECK(r.incidents[1].place == "Kabul");
    CHECK(problem_at(r, 2)->field == "latitude");
    CHECK_THAT(problem_at(r, 2)->reason, Catch::Contains("not a finite number"));
    CHECK(problem_at(r, 3)->field == "longitude");
    CHECK_THAT(problem_at(r, 3)->reason, Catch::Contains("not a finite number"));
    CHECK_THAT(problem_at(r, 5)->reason, Catch::Contains("-999") && Catch::Contains("missing-value code"));
    CHECK_THAT(problem_at(r, 6)->reason, Catch::Contains("outside -90..90") && Catch::Contains("swapped?"));
    CHECK_THAT(problem_at(r, 7)->reason, Catch::Contains("is not a number"));
}

TEST_CASE("numeric day/month dates are ambiguous unless --date-order is given", "[ingest][hostile]") {
    const test::TempDir dir;
    const std::string text = "date,place\n05/06/2023,Kabul\n25.06.2023,Kabul\n2023-06-05,Kabul\n";
    const IngestResult unknown = read_csv(dir, "dates.csv", text);
    CHECK(unknown.incidents.size() == 1);
    for (std::int64_t row : {1, 2}) {
        REQUIRE(problem_at(unknown, row) != nullptr);
        CHECK_THAT(problem_at(unknown, row)->reason, Catch::Contains("ambiguous") && Catch::Contains("dmy or mdy"));
    }
    ColumnMapping dmy;
    dmy.date_order = DateOrder::day_first;
    const IngestResult day_first = read_csv(dir, "dates.csv", text, dmy);
    REQUIRE(day_first.incidents.size() == 3);
    CHECK(day_first.incidents[0].date.text == "2023-06-05");
    CHECK(day_first.incidents[1].date.text == "2023-06-25");
    ColumnMapping mdy;
    mdy.date_order = DateOrder::month_first;
    const IngestResult month_first = read_csv(dir, "dates.csv", text, mdy);
    REQUIRE(month_first.incidents.size() == 2);
    CHECK(month_first.incidents[0].date.text == "2023-05-06");
    CHECK_THAT(problem_at(month_first, 2)->reason, Catch::Contains("month out of range"));
}

TEST_CASE("a 10 MB single line is one rejected row, and reading goes on", "[ingest][hostile]") {
    const test::TempDir dir;
    const IngestResult r = read_csv(dir, "long.csv", "date,place\n2024-01-01,Kabul\n2024-01-02," + std::string(10'500'000, 'x') + "\n2024-01-03,Herat\n");
    CHECK(r.rows == 3);
    REQUIRE(r.incidents.size() == 2);
    CHECK(r.incidents[1].place == "Herat");
    const RowProblem* p = problem_at(r, 2);
    REQUIRE(p != nullptr);
    CHECK(p->field == "place");
    CHECK_THAT(p->reason, Catch::Contains("10500000 bytes"));
    CHECK(to_text(p->source.values[1]).size() < 300);  // rejects.csv gets the start, not 10 MB
}

TEST_CASE("GeoJSON: a crs member is honoured, a crs link is refused without fetching it", "[ingest][hostile]") {
    const test::TempDir dir;
    test::write_text(dir / "mercator.geojson",
                     R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},)"
                     R"("features":[{"type":"Feature","properties":{"date":"2024-01-01"},"geometry":{"type":"Point","coordinates":[7703000,4097000]}}]})");
    const IngestResult r = read_incidents((dir / "mercator.geojson").string(), {}, silent_reporter());
    REQUIRE(r.incidents.size() == 1);
    CHECK(r.incidents[0].given_position->lon_deg == Approx(69.197).margin(0.001));
    CHECK(r.incidents[0].given_position->lat_deg == Approx(34.506).margin(0.001));

    test::write_text(dir / "link.geojson",
                     R"({"type":"FeatureCollection","crs":{"type":"link","properties":{"href":"http://127.0.0.1:9/crs.wkt","type":"ogcwkt"}},)"
                     R"("features":[{"type":"Feature","properties":{"date":"2024-01-01"},"geometry":{"type":"Point","coordinates":[69.2,34.5]}}]})");
    CHECK_THROWS_WITH(read_incidents((dir / "link.geojson").string(), {}, silent_reporter()),
                      Catch::Contains("link.geojson") && Catch::Contains("http://127.0.0.1:9/crs.wkt") && Catch::Contains("does not fetch"));
}

TEST_CASE("projected coordinates beyond any real CRS are refused, not wrapped for ever", "[ingest][regions][hostile]") {
    // GDAL 3.6 brings Web Mercator longitudes into range one turn at a time: 1e20 m never ends.
    const test::TempDir dir;
    const std::string mercator = R"({"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[)";
    test::write_text(dir / "points.geojson", mercator + R"({"type":"Feature","properties":{"date":"2024-01-01"},"geometry":{"type":"Point","coordinates":[1e20,4097000]}},)"
                                                        R"({"type":"Feature","properties":{"date":"2024-01-01"},"geometry":{"type":"Point","coordinates":[7703000,4097000]}}]})");
    const IngestResult r = read_incidents((dir / "points.geojson").string(), {}, silent_reporter());
    CHECK(r.incidents.size() == 1);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].field == "geometry");
    CHECK_THAT(r.problems[0].reason, Catch::Contains("cannot transform"));

    test::write_text(dir / "regions.geojson", mercator + R"({"type":"Feature","properties":{"name":"m"},"geometry":{"type":"Polygon",)"
                                                         R"("coordinates":[[[7600000,4000000],[1e20,4000000],[7800000,4200000],[7600000,4000000]]]}}]})");
    std::vector<std::string> warnings;
    CHECK_THROWS_WITH(RegionSet::from_file(dir / "regions.geojson", "name", warnings),
                      Catch::Contains("regions.geojson") && Catch::Contains("cannot transform a polygon"));
}

TEST_CASE("a GeoPackage with triggers is read without running them or changing the file", "[ingest][hostile]") {
    ensure_gdal_registered();
    const test::TempDir dir;
    const std::string path = (dir / "triggers.gpkg").string();
    {
        DatasetPtr ds(GetGDALDriverManager()->GetDriverByName("GPKG")->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        REQUIRE(ds);
        OGRLayer* layer = ds->CreateLayer("incidents", const_cast<OGRSpatialReference*>(&wgs84_lonlat()), wkbPoint, nullptr);
        OGRFieldDefn date("date", OFTString);
        layer->CreateField(&date);
        OGRFeature f(layer->GetLayerDefn());
        f.SetField("date", "2024-01-01");
        f.SetGeometryDirectly(new OGRPoint(69.2, 34.5));
        REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
    }
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    // Triggers that would write if anything touched the table, and a view over it.
    const char* sql =
        "CREATE TABLE trap (what TEXT);"
        "CREATE TRIGGER on_update AFTER UPDATE ON incidents BEGIN INSERT INTO trap VALUES ('update'); DELETE FROM incidents; END;"
        "CREATE TRIGGER on_insert AFTER INSERT ON incidents BEGIN INSERT INTO trap VALUES ('insert'); END;"
        "CREATE TRIGGER on_delete BEFORE DELETE ON incidents BEGIN INSERT INTO trap VALUES ('delete'); END;";
    REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const std::string before = sha256_of_files({path});

    const IngestResult r = read_incidents(path, {}, silent_reporter());
    REQUIRE(r.incidents.size() == 1);
    CHECK(r.incidents[0].given_position->lon_deg == Approx(69.2));
    CHECK(sha256_of_files({path}) == before);
}

TEST_CASE("URLs, /vsizip/ paths and a VRT disguised as .csv are refused", "[ingest][hostile]") {
    const test::TempDir dir;
    for (const std::string remote : {"https://example.org/incidents.csv", "/vsizip//tmp/a.zip/a.csv", "/vsicurl/http://127.0.0.1:9/a.csv", "ftp://host/a.csv"})
        CHECK_THROWS_WITH(read_incidents(remote, {}, silent_reporter()), Catch::Contains(remote) && Catch::Contains("remote and virtual paths"));
    // A VRT that would pull in a real incident list (and could name a URL) is not read as a VRT.
    test::write_text(dir / "real.csv", "date,place\n2024-01-01,Kabul\n");
    test::write_text(dir / "disguised.csv", "<OGRVRTDataSource><OGRVRTLayer name=\"real\"><SrcDataSource>" + (dir / "real.csv").string() +
                                                "</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>\n");
    CHECK_THROWS_WITH(read_incidents((dir / "disguised.csv").string(), {}, silent_reporter()), Catch::Contains("disguised.csv") && Catch::Contains("no date column") &&
                                                                                              Catch::Contains("{input.columns.date}"));
    test::write_text(dir / "disguised.vrt", test::read_text(dir / "disguised.csv"));
    CHECK_THROWS_WITH(read_incidents((dir / "disguised.vrt").string(), {}, silent_reporter()), Catch::Contains("unknown format"));
}

TEST_CASE("region polygons: wrong winding, unclosed rings and the antimeridian", "[regions][hostile]") {
    const test::TempDir dir;
    auto regions_of = [&](const std::string& name, const std::string& coordinates, std::vector<std::string>& warnings) {
        test::write_text(dir / name, R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"r"},)"
                                     R"("geometry":{"type":"Polygon","coordinates":[)" + coordinates + "]}}]}");
        return RegionSet::from_file(dir / name, "name", warnings);
    };
    auto inside = [](const RegionSet& regions, double lon, double lat) {
        TextPool text;
        PlacedIncident at;
        at.location.position = {lon, lat};
        return regions.region_of(point_of(at, text)).has_value();
    };
    std::vector<std::string> warnings;
    const RegionSet clockwise = regions_of("cw.geojson", "[[68.9,34.3],[68.9,34.7],[69.5,34.7],[69.5,34.3],[68.9,34.3]]", warnings);
    CHECK(inside(clockwise, 69.2, 34.5));
    CHECK_FALSE(inside(clockwise, 70.2, 34.5));

    const RegionSet unclosed = regions_of("open.geojson", "[[68.9,34.3],[69.5,34.3],[69.5,34.7],[68.9,34.7]]", warnings);
    CHECK(inside(unclosed, 69.2, 34.5));
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains("open.geojson") && Catch::Contains("not closed"));

    // Fiji across 180°, written both ways GIS files do: longitudes jumping from 177 to -178, and
    // longitudes running on past 180.
    for (const auto& [name, ring] : {std::pair{"jump.geojson", "[[177,-19],[-178,-19],[-178,-15],[177,-15],[177,-19]]"},
                                     std::pair{"past.geojson", "[[177,-19],[182,-19],[182,-15],[177,-15],[177,-19]]"}}) {
        INFO(name);
        const RegionSet fiji = regions_of(name, ring, warnings);
        CHECK(inside(fiji, 178.44, -18.14));   // Suva
        CHECK(inside(fiji, -179.9, -17.68));   // east of 180°
        CHECK_FALSE(inside(fiji, 0, -17));     // not the long way round
        CHECK_FALSE(inside(fiji, -171.8, -13.8));
    }
}
