#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/io/ingest.hpp"
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

TEST_CASE("a run over several chunks accounts for every row as one read of the whole file does", "[pipeline]") {
    // 150,000 rows: three chunks of 65,536. Every 1000th row has a bad date, every 997th (of the
    // others) only a place that is nowhere; column n holds integers but for the last placed row
    // (149,999), so that its type is only known at the end of the file.
    const test::TempDir dir;
    constexpr int rows = 150000;
    int rejected = 0, unresolved = 0;
    std::string text = "id,date,place,latitude,longitude,n,w\n";
    for (int i = 1; i <= rows; ++i) {
        const bool bad_date = i % 1000 == 0, nowhere = !bad_date && i % 997 == 0;
        rejected += bad_date;
        unresolved += nowhere;
        text += std::to_string(i) + (bad_date ? ",someday" : ",2024-01-02") + (nowhere ? ",Qwxzv Plrtk,," : i % 2 ? ",,34.5,69.2" : ",,33.7,73.0") +
                "," + (i == rows - 1 ? std::string("x") : std::to_string(i)) + "," + std::to_string(i % 7) + "\n";
    }
    test::write_text(dir / "a.csv", text);
    test::write_text(dir / "b.csv", "id,date,latitude,longitude\n1,2024-01-01,34.5,69.2\n2,bad,34.5,69.2\n3,2024-01-03,55.7,37.6\n");
    MapJob job;
    job.input.files = {(dir / "a.csv").string(), (dir / "b.csv").string()};
    job.placement.home_countries = {"AF"};
    job.placement.geodata_dir = test::geodata_dir();
    job.output.dir = dir / "out";
    const MapCounts c = run_map_job(job, silent_reporter());
    CHECK(c.rows == rows + 3);
    CHECK(c.rejected == rejected + 1);
    CHECK(c.unresolved == unresolved);
    CHECK(c.placed == rows - rejected - unresolved + 2);

    const json summary = json::parse(test::read_text(dir / "out/summary.json"));
    REQUIRE(summary["inputs"].size() == 2);  // one entry per file, whatever its chunks
    CHECK(summary["inputs"][0]["rows"] == rows);
    CHECK(summary["inputs"][0]["rejected"] == rejected);
    CHECK(summary["inputs"][0]["unresolved"] == unresolved);
    CHECK(summary["inputs"][1]["rows"] == 3);
    CHECK(summary["inputs"][1]["placed"] == 2);

    // the same rows as one read of the whole file finds them
    const IngestResult whole = read_incidents((dir / "a.csv").string(), {}, silent_reporter());
    CHECK(whole.rows == rows);
    CHECK(static_cast<int>(whole.problems.size()) == rejected);
    CHECK(whole.schema->types[5] == FieldType::text);
    CHECK(whole.schema->types[6] == FieldType::integer);

    // rejects.csv in row order across chunks; the layer with every placed row, in order, its
    // column n typed as text from the file's last row on
    const std::string rejects = test::read_text(dir / "out/rejects.csv");
    CHECK(rejects.find(",997,unresolved,") < rejects.find(",1000,rejected,date,"));
    CHECK(rejects.find(",149000,rejected,") < rejects.find(",149550,unresolved,"));
    const json layer = json::parse(test::read_text(dir / "out/incidents.geojson"));
    REQUIRE(layer["features"].size() == static_cast<std::size_t>(c.placed));
    CHECK(layer["features"][0]["properties"]["n"] == "1");
    CHECK(layer["features"][0]["properties"]["w"] == 1);
    std::int64_t last_row = 0;
    bool in_order = true;
    for (const json& f : layer["features"]) {
        if (f["properties"]["source_file"] != (dir / "a.csv").string()) break;
        in_order = in_order && f["properties"]["source_row"].get<std::int64_t>() > last_row;
        last_row = f["properties"]["source_row"].get<std::int64_t>();
    }
    CHECK(in_order);
    CHECK(last_row == rows - 1);  // the last row (150000) has a bad date
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
