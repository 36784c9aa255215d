#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
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

TEST_CASE("map job reports through its reporter and writes nothing to stdout or stderr", "[pipeline]") {
    const test::TempDir dir;
    test::write_text(dir / "in.csv", "id,date,place,lat,lon,type\n1,2024-03-22,Kabul,,,attack\n2,2023,Nangarhar,,,raid\n");
    test::write_text(dir / "places.csv", "name,lat,lon,country\nCamp Alpha,34.5,69.2,AF\nNo Coordinates,,,AF\n");
    MapJob job;
    job.input.files = {(dir / "in.csv").string()};
    job.placement.home_countries = {"AF"};
    job.placement.places_file = dir / "places.csv";
    job.placement.geodata_dir = test::geodata_dir();
    job.output.dir = dir / "out";
    job.heatmap = HeatmapOptions{};
    job.heatmap->size = 64;
    ::setenv("INCIMAP_STYLES", (test::source_dir() / "styles").c_str(), 1);  // the colour ramps

    // standard output and error go to a file while the job runs
    std::fflush(stdout);
    std::fflush(stderr);
    const int saved_out = ::dup(1), saved_err = ::dup(2);
    const int sink = ::open((dir / "printed.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(sink >= 0);
    ::dup2(sink, 1);
    ::dup2(sink, 2);
    test::RecordingReporter reporter;
    MapCounts counts;
    std::string failure;
    try {
        counts = run_map_job(job, reporter);
    } catch (const std::exception& e) {
        failure = e.what();
    }
    std::fflush(stdout);
    std::fflush(stderr);
    ::dup2(saved_out, 1);
    ::dup2(saved_err, 2);
    ::close(sink);
    ::close(saved_out);
    ::close(saved_err);
    INFO(failure);
    REQUIRE(failure.empty());
    CHECK(counts.placed == 2);
    CHECK(test::read_text(dir / "printed.txt").empty());

    std::vector<std::string> labels;
    for (const auto& step : reporter.finished) labels.push_back(step.label);
    CHECK(labels == std::vector<std::string>{"reading in.csv", "locating", "heatmap"});
    CHECK(reporter.finished[1].done == 2);
    CHECK(reporter.finished[1].note == "incidents");
    REQUIRE(reporter.lost_data.size() == 1);  // the place without coordinates, even when quiet
    CHECK_THAT(reporter.lost_data[0], Catch::Contains("places.csv") && Catch::Contains("row skipped"));
    REQUIRE(reporter.infos.size() == 1);
    CHECK_THAT(reporter.infos[0], Catch::Contains("1 of 2 places added"));
}
