#include <catch2/catch.hpp>

#include "incimap/core/error.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/io/ingest.hpp"
#include "support.hpp"

using namespace incimap;

namespace {

const char* const acled_csv =
    "event_id_cnty,event_date,year,time_precision,event_type,actor1,admin1,location,latitude,longitude,geo_precision,fatalities,country\n"
    "AFG1,26 August 2021,2021,1,Explosions/Remote violence,ISKP,Kabul,Kabul,34.5167,69.1833,1,183,Afghanistan\n"
    "AFG2,2022-04,2022,3,Battles,ISKP,Balkh,Mazar-e-Sharif,,,2,11,Afghanistan\n"
    "AFG3,not a date,2022,1,Battles,ISKP,Balkh,Mazar-e-Sharif,36.7,67.1,1,0,Afghanistan\n"
    "AFG4,2022-05-01,2022,1,Battles,ISKP,Kunar,Asadabad,95.2,71.1,1,0,Afghanistan\n"
    "AFG5,2022-05-02,2022,1,Battles,ISKP,Kunar,Asadabad,abc,71.1,1,0,Afghanistan\n"
    "AFG6,2022-05-03,2022,1,Battles,ISKP,Kunar,,,,1,0,Afghanistan\n"
    "AFG7,2022-05-04,2022,1,Battles,ISKP,Kunar,Asadabad,nan,71.1,1,0,Afghanistan\n";

const RowProblem& problem_at(const IngestResult& r, std::int64_t row) {
    for (const RowProblem& p : r.problems)
        if (p.source.row == row) return p;
    FAIL("no problem at row " << row);
    throw;
}

}  // namespace

TEST_CASE("ACLED exports are read with no column options", "[ingest]") {
    const test::TempDir dir;
    test::write_text(dir / "acled.csv", acled_csv);
    const IngestResult r = read_incidents((dir / "acled.csv").string(), {}, silent_reporter());
    CHECK(r.rows == 7);
    REQUIRE(r.incidents.size() == 2);
    CHECK(r.incidents.size() + r.problems.size() == 7);

    const Incident& first = r.incidents[0];
    CHECK(first.id == "AFG1");
    CHECK(first.date.text == "2021-08-26");
    CHECK(first.event_type == "Explosions/Remote violence");
    CHECK(first.place == "Kabul");
    REQUIRE(first.given_position);
    CHECK(first.given_position->lat_deg == Approx(34.5167));
    CHECK(first.given_position->lon_deg == Approx(69.1833));
    CHECK(first.hints == std::vector<std::string>{"Kabul", "Afghanistan"});
    CHECK(first.source.row == 1);

    const Incident& second = r.incidents[1];
    CHECK(second.date.precision == DatePrecision::month);  // a month stays a month
    CHECK_FALSE(second.given_position);
    CHECK(second.place == "Mazar-e-Sharif");

    // pass-through: every column but the ones used for id, date, type, place and coordinates
    const FieldSchema& schema = *first.source.schema;
    std::vector<std::string> passed;
    for (std::size_t i = 0; i < schema.names.size(); ++i)
        if (schema.passthrough[i]) passed.push_back(schema.names[i]);
    CHECK(passed == std::vector<std::string>{"year", "time_precision", "actor1", "admin1", "geo_precision", "fatalities", "country"});
}

TEST_CASE("bad rows are rejected with the field and the reason", "[ingest]") {
    const test::TempDir dir;
    test::write_text(dir / "acled.csv", acled_csv);
    const IngestResult r = read_incidents((dir / "acled.csv").string(), {}, silent_reporter());
    CHECK(problem_at(r, 3).field == "event_date");
    CHECK_THAT(problem_at(r, 3).reason, Catch::Contains("not a date"));
    CHECK(problem_at(r, 4).field == "latitude");
    CHECK_THAT(problem_at(r, 4).reason, Catch::Contains("outside -90..90"));
    CHECK_THAT(problem_at(r, 5).reason, Catch::Contains("'abc' is not a number"));
    CHECK_THAT(problem_at(r, 6).reason, Catch::Contains("no place and no coordinates"));
    CHECK(problem_at(r, 7).field == "latitude");
    for (const RowProblem& p : r.problems) CHECK(p.outcome == RowOutcome::rejected);
}

TEST_CASE("other files map their columns by name", "[ingest]") {
    const test::TempDir dir;
    test::write_text(dir / "list.csv", "Ref;When;Where;Kind\nR1;2024-03;\"Crocus City Hall, Krasnogorsk\";attack\n");
    ColumnMapping m;
    m.id = "Ref";
    m.date = "When";
    m.place = "where";  // case-insensitive
    m.type = "Kind";
    const IngestResult r = read_incidents((dir / "list.csv").string(), m, silent_reporter());
    REQUIRE(r.incidents.size() == 1);
    CHECK(r.incidents[0].id == "R1");
    CHECK(r.incidents[0].place == "Crocus City Hall, Krasnogorsk");
    CHECK(r.incidents[0].event_type == "attack");

    m.type = "Category";
    CHECK_THROWS_WITH(read_incidents((dir / "list.csv").string(), m, silent_reporter()),
                      Catch::Contains("list.csv") && Catch::Contains("Category"));
}

TEST_CASE("files that cannot be read as a whole are refused with their name", "[ingest]") {
    const test::TempDir dir;
    CHECK_THROWS_WITH(read_incidents((dir / "missing.csv").string(), {}, silent_reporter()), Catch::Contains("missing.csv") && Catch::Contains("no such file"));
    test::write_text(dir / "nodate.csv", "place,type\nKabul,attack\n");
    CHECK_THROWS_WITH(read_incidents((dir / "nodate.csv").string(), {}, silent_reporter()), Catch::Contains("nodate.csv") && Catch::Contains("date"));
    test::write_text(dir / "noplace.csv", "date,type\n2024,attack\n");
    CHECK_THROWS_WITH(read_incidents((dir / "noplace.csv").string(), {}, silent_reporter()), Catch::Contains("no place column"));
    test::write_text(dir / "image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
    CHECK_THROWS_WITH(read_incidents((dir / "image.png").string(), {}, silent_reporter()), Catch::Contains("unknown format"));
    for (const char* remote : {"/vsicurl/http://example.org/a.csv", "http://example.org/a.csv", "/vsizip/a.zip/a.csv", "s3://bucket/a.csv"})
        CHECK_THROWS_WITH(read_incidents(remote, {}, silent_reporter()), Catch::Contains("remote and virtual paths"));
}

TEST_CASE("XLSX, ODS, GeoJSON and GeoPackage inputs", "[ingest]") {
    ensure_gdal_registered();
    const test::TempDir dir;
    for (const char* driver_name : {"XLSX", "ODS", "GeoJSON", "GPKG"}) {
        INFO(driver_name);
        const std::string ext = std::string(driver_name) == "GPKG" ? "gpkg" : std::string(driver_name) == "GeoJSON" ? "geojson"
                                                                                                             : std::string(driver_name) == "XLSX" ? "xlsx" : "ods";
        const std::string path = (dir / ("in." + ext)).string();
        {
            GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
            REQUIRE(driver != nullptr);
            DatasetPtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
            REQUIRE(ds);
            const bool spatial = ext == "gpkg" || ext == "geojson";
            OGRSpatialReference mercator;
            mercator.importFromEPSG(3857);
            OGRLayer* layer = ds->CreateLayer("incidents", spatial ? (ext == "gpkg" ? &mercator : const_cast<OGRSpatialReference*>(&wgs84_lonlat())) : nullptr,
                                              spatial ? wkbPoint : wkbNone, nullptr);
            OGRFieldDefn date("date", spatial ? OFTDate : OFTString), place("place", OFTString), deaths("deaths", OFTInteger);
            layer->CreateField(&date);
            layer->CreateField(&place);
            layer->CreateField(&deaths);
            OGRFeature f(layer->GetLayerDefn());
            if (spatial) f.SetField("date", 2024, 3, 22);
            else f.SetField("date", "2024-03-22");
            f.SetField("place", "Krasnogorsk");
            f.SetField("deaths", 145);
            if (ext == "gpkg") f.SetGeometryDirectly(new OGRPoint(4152385.0, 7526680.0));  // Krasnogorsk in Web Mercator
            if (ext == "geojson") f.SetGeometryDirectly(new OGRPoint(37.33, 55.82));
            REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
        }
        const IngestResult r = read_incidents(path, {}, silent_reporter());
        REQUIRE(r.incidents.size() == 1);
        const Incident& inc = r.incidents[0];
        CHECK(inc.date.text == "2024-03-22");
        CHECK(inc.place == "Krasnogorsk");
        if (ext == "gpkg" || ext == "geojson") {
            REQUIRE(inc.given_position);
            CHECK(inc.given_position->lon_deg == Approx(37.30).margin(0.05));
            CHECK(inc.given_position->lat_deg == Approx(55.82).margin(0.05));
        }
        const FieldSchema& schema = *inc.source.schema;
        const auto deaths = std::find(schema.names.begin(), schema.names.end(), "deaths") - schema.names.begin();
        CHECK(to_text(inc.source.values[static_cast<std::size_t>(deaths)]) == "145");
    }
}

TEST_CASE("CSV columns of numbers are typed over every row, codes stay text, values stay as written", "[ingest]") {
    // Typed before the first row is read, so that the incidents layer can be written as rows are
    // placed: every row with the header's field count counts, placed or not.
    const test::TempDir dir;
    test::write_text(dir / "typed.csv",
                     "date,place,fatalities,share,code,phone,mixed,late_text,huge\n"
                     "2023-01-01,Kabul,3,0.5,007,+93,1,2,99999999999999999999\n"
                     "2023-01-02,Kabul,,1e3,012,+92,1.25,3,1\n"
                     "2023-01-03,Kabul,-12,-2,5,+1,-7,n/a,2\n"
                     "bad date,Kabul,,,x,x,,x,\n"
                     "2023-01-04,Kabul,x,x,x,x,x,x,x,too many\n");
    const IngestResult r = read_incidents((dir / "typed.csv").string(), {}, silent_reporter());
    REQUIRE(r.incidents.size() == 3);
    REQUIRE(r.problems.size() == 2);
    const FieldSchema& schema = *r.schema;
    auto type_of = [&](const std::string& name) {
        for (std::size_t i = 0; i < schema.names.size(); ++i)
            if (schema.names[i] == name) return schema.types[i];
        FAIL("no column " << name);
        return FieldType::text;
    };
    CHECK(type_of("fatalities") == FieldType::integer);  // empty cells do not count, nor does a row of the wrong width
    CHECK(type_of("share") == FieldType::real);
    CHECK(type_of("code") == FieldType::text);   // leading zeros mark a code
    CHECK(type_of("phone") == FieldType::text);  // so does a plus sign
    CHECK(type_of("mixed") == FieldType::real);
    CHECK(type_of("late_text") == FieldType::text);  // decided over the whole column, not its first rows
    CHECK(type_of("huge") == FieldType::real);       // beyond 64 bits
    CHECK(to_text(r.incidents[0].source.values[4]) == "007");
    CHECK(to_text(r.problems[0].source.values[4]) == "x");
}
