// Hostile input through the command: every row accounted for, bad rows in rejects.csv with their
// reason, the files valid UTF-8, exit codes as documented (0 ok, 1 a file refused, 2 usage).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "incimap/core/utf8.hpp"
#include "support.hpp"

using namespace incimap;
using nlohmann::json;
using test::q;

TEST_CASE("swapped coordinates and Windows-1252 rows go to rejects.csv, which stays valid UTF-8", "[cli][hostile]") {
    const test::TempDir dir;
    test::write_text(dir / "rows.csv",
                     "date,place,country,lat,lon,notes\n"
                     "2024-01-01,Kabul,Afghanistan,34.53,69.17,fine\n"
                     "2024-01-02,Kabul,Afghanistan,69.17,34.53,swapped\n"    // lies in Russia; Kabul is in AF
                     "2024-01-03,Herat,Afghanistan,,,Caf\xE9 owner\n"       // Windows-1252 byte
                     "2024-01-04,Moscow,Russia,55.75,37.62,fine\n"
                     "2024-01-05,Krasnogorsk,Russia,37.32,55.82,swapped\n");  // lies in Iran
    const auto r = test::run_incimap("map " + q(dir / "rows.csv") + " --home AF -o " + q(dir / "out") + " --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json summary = json::parse(test::read_text(dir / "out/summary.json"));
    CHECK(summary["rows"] == 5);
    CHECK(summary["placed"] == 2);
    CHECK(summary["rejected"] == 3);
    const std::string rejects = test::read_text(dir / "out/rejects.csv");
    CHECK_FALSE(invalid_utf8_at(rejects));
    CHECK_THAT(rejects, Catch::Contains(",2,rejected,lat,") && Catch::Contains("look swapped") && Catch::Contains("'Kabul' is in AF"));
    CHECK_THAT(rejects, Catch::Contains(",5,rejected,lat,") && Catch::Contains("'Krasnogorsk' is in RU"));
    CHECK_THAT(rejects, Catch::Contains(",3,rejected,notes,") && Catch::Contains("Caf\xEF\xBF\xBD owner"));  // U+FFFD in its place
    CHECK_FALSE(invalid_utf8_at(test::read_text(dir / "out/incidents.geojson")));
}

TEST_CASE("numeric dates are read with --date-order, and a bad order is a usage error", "[cli][hostile]") {
    const test::TempDir dir;
    test::write_text(dir / "dates.csv", "date,place\n05/06/2023,Kabul\n");
    const auto ambiguous = test::run_incimap("map " + q(dir / "dates.csv") + " --home AF -o " + q(dir / "a") + " --quiet");
    CHECK(ambiguous.exit_code == 0);
    CHECK_THAT(test::read_text(dir / "a/rejects.csv"), Catch::Contains("ambiguous numeric date"));
    const auto dmy = test::run_incimap("map " + q(dir / "dates.csv") + " --home AF -o " + q(dir / "b") + " --quiet --date-order dmy");
    CHECK(dmy.exit_code == 0);
    CHECK_THAT(test::read_text(dir / "b/incidents.geojson"), Catch::Contains("\"2023-06-05\""));
    const auto bad = test::run_incimap("map " + q(dir / "dates.csv") + " --home AF -o " + q(dir / "c") + " --date-order ymd");
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("--date-order: 'ymd' is not dmy or mdy"));
}

TEST_CASE("refused files exit 1 with one message naming the file", "[cli][hostile]") {
    const test::TempDir dir;
    test::write_text(dir / "vrt.csv", "<OGRVRTDataSource><OGRVRTLayer name=\"x\"><SrcDataSource>/etc/passwd</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>\n");
    test::write_text(dir / "link.geojson",
                     R"({"type":"FeatureCollection","crs":{"type":"link","properties":{"href":"http://192.0.2.1/crs.wkt","type":"ogcwkt"}},)"
                     R"("features":[{"type":"Feature","properties":{"date":"2024-01-01"},"geometry":{"type":"Point","coordinates":[69.2,34.5]}}]})");
    for (const std::string& input : {q(dir / "vrt.csv"), q(dir / "link.geojson"), std::string("/vsizip/") + (dir / "a.zip/a.csv").string(),
                                    std::string("https://example.org/incidents.csv")}) {
        INFO(input);
        const auto r = test::run_incimap("map " + input + " --home AF -o " + q(dir / "out") + " --quiet");
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Catch::StartsWith("incimap map: error: "));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK_FALSE(std::filesystem::exists(dir / "out/incidents.geojson"));
    }
}
