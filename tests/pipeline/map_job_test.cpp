#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/pipeline/map_job.hpp"
#include "support.hpp"

using namespace incimap;
using nlohmann::json;

TEST_CASE("map job: every row is placed, unresolved or rejected", "[pipeline]") {
    const test::TempDir dir;
    test::write_text(dir / "in.csv",
                     "id,date,place,latitude,longitude,type\n"
                     "1,2024-03-22,\"Crocus City Hall, Krasnogorsk\",,,attack\n"
                     "2,2023,Nangarhar,,,raid\n"
                     "3,2022-09,,34.5,69.2,attack\n"
                     "4,2022-09-05,Qwxzv Plrtk,,,attack\n"
                     "5,someday,Kabul,,,attack\n"
                     "6,2022-09-05,Termez,,,rocket fire\n");
    MapJob job;
    job.input.files = {(dir / "in.csv").string()};
    job.placement.home_countries = {"AF"};
    job.output.dir = dir / "out";
    job.placement.geodata_dir = test::geodata_dir();
    const MapCounts c = run_map_job(job, silent_reporter());
    CHECK(c.rows == 6);
    CHECK(c.placed == 4);
    CHECK(c.unresolved == 1);
    CHECK(c.rejected == 1);
    CHECK(c.domestic == 2);
    CHECK(c.transnational == 2);

    const json summary = json::parse(test::read_text(dir / "out/summary.json"));
    CHECK(summary["rows"] == 6);
    CHECK(summary["placed"].get<int>() + summary["unresolved"].get<int>() + summary["rejected"].get<int>() == 6);
    CHECK(summary["by_country"]["AF"]["domestic"] == 2);
    CHECK(summary["by_country"]["RU"]["transnational"] == 1);
    CHECK(summary["by_country"]["UZ"]["transnational"] == 1);
    CHECK(summary["home"]["countries"] == json::array({"AF"}));

    const json layer = json::parse(test::read_text(dir / "out/incidents.geojson"));
    REQUIRE(layer["features"].size() == 4);
    const json& exact = layer["features"][2]["properties"];
    CHECK(exact["id"] == "3");
    CHECK(exact["geo_precision"] == "exact");
    CHECK(exact["country"] == "AF");
    CHECK(exact["admin1"] == "AF-KAB");
    CHECK(exact["class"] == "domestic");
    CHECK(layer["features"][1]["properties"]["geo_precision"] == "admin1");

    const std::string rejects = test::read_text(dir / "out/rejects.csv");
    CHECK_THAT(rejects, Catch::Contains(",4,unresolved,place,") && Catch::Contains(",5,rejected,date,"));
}

TEST_CASE("map job refuses bad options before reading anything", "[pipeline]") {
    MapJob job;
    job.input.files = {"whatever.csv"};
    job.output.dir = "out";
    job.placement.geodata_dir = test::geodata_dir();
    CHECK_THROWS_MATCHES(run_map_job(job, silent_reporter()), InvalidOption,  // no home area
                         Catch::Predicate<InvalidOption>([](const InvalidOption& e) { return e.field() == "placement.home"; }));
    job.placement.home_countries = {"QQ"};
    CHECK_THROWS_WITH(run_map_job(job, silent_reporter()), "placement.home_countries: unknown ISO 3166-1 country code 'QQ'");
    job.placement.home_countries = {"AF"};
    job.analysis.region_kind = RegionKind::admin1;
    CHECK_THROWS_WITH(run_map_job(job, silent_reporter()), "analysis.region_kind: needs analysis.period");
    job.analysis.region_kind.reset();
    job.tiles = TileOptions{};
    CHECK_THROWS_WITH(run_map_job(job, silent_reporter()), "tiles: needs heatmap");
    job.tiles.reset();
    job.placement.geodata_dir = "/nonexistent";
    CHECK_THROWS_AS(run_map_job(job, silent_reporter()), DataError);
}
