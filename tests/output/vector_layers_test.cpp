#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "incimap/io/atomic_file.hpp"
#include "incimap/output/vector_layers.hpp"
#include "support.hpp"

using namespace incimap;
namespace fs = std::filesystem;

namespace {

PlacedIncident sample() {
    auto schema = std::make_shared<FieldSchema>(FieldSchema{{"event_date", "country", "fatalities", "note"},
                                                            {FieldType::text, FieldType::text, FieldType::integer, FieldType::text},
                                                            "in.csv",
                                                            {false, true, true, true}});
    PlacedIncident p;
    p.incident.source = {4, schema, {std::string("2024-03"), std::string("Russia"), std::int64_t{145}, std::monostate{}}};
    p.incident.id = "X1";
    p.incident.date = *parse_date("2024-03").span;
    p.incident.place = "Крокус Сити Холл, Красногорск";
    p.location.position = {37.330170123456789, 55.820360987654321};
    p.location.precision = GeoPrecision::city;
    p.location.confidence = 0.8884;
    p.location.matched_name = "Krasnogorsk";
    p.location.geonameid = 542374;
    p.location.country = "RU";
    p.location.admin1 = "RU-MOS";
    return p;
}

}  // namespace

TEST_CASE("incidents.geojson is RFC 7946 with all properties", "[output]") {
    const test::TempDir dir;
    write_incidents_geojson(dir / "incidents.geojson", {sample()});
    const std::string text = test::read_text(dir / "incidents.geojson");
    const auto doc = nlohmann::json::parse(text);
    CHECK(doc["type"] == "FeatureCollection");
    CHECK_FALSE(doc.contains("crs"));
    REQUIRE(doc["features"].size() == 1);
    const auto& f = doc["features"][0];
    CHECK(f["geometry"]["type"] == "Point");
    CHECK(f["geometry"]["coordinates"][0].get<double>() == Approx(37.3301701).margin(1e-9));
    CHECK(text.find("37.330170123") == std::string::npos);  // at most 7 decimals
    const auto& p = f["properties"];
    CHECK(p["id"] == "X1");
    CHECK(p["date"] == "2024-03");
    CHECK(p["date_precision"] == "month");
    CHECK(p["date_start"] == "2024-03-01");
    CHECK(p["date_end"] == "2024-03-31");
    CHECK(p["place"] == "Крокус Сити Холл, Красногорск");
    CHECK(p["matched_name"] == "Krasnogorsk");
    CHECK(p["geonameid"] == 542374);
    CHECK(p["country"] == "RU");
    CHECK(p["admin1"] == "RU-MOS");
    CHECK(p["class"] == "transnational");
    CHECK(p["geo_precision"] == "city");
    CHECK(p["confidence"].get<double>() == Approx(0.888));
    CHECK(p["event_type"].is_null());  // unknown values are null, not missing
    // input columns pass through; a clash with our own names gets src_
    CHECK(p["src_country"] == "Russia");
    CHECK(p["fatalities"] == 145);
    CHECK(p["note"].is_null());
    CHECK_FALSE(p.contains("event_date"));
}

TEST_CASE("input columns never overwrite incimap's own properties, whatever their case", "[output]") {
    PlacedIncident p = sample();
    auto schema = std::make_shared<FieldSchema>(FieldSchema{{"Country", "CLASS"}, {FieldType::text, FieldType::text}, "in.csv", {true, true}});
    p.incident.source = {1, schema, {std::string("Russia"), std::string("terror")}};
    const test::TempDir dir;
    write_incidents_geojson(dir / "out.geojson", {p});
    const auto props = nlohmann::json::parse(test::read_text(dir / "out.geojson"))["features"][0]["properties"];
    CHECK(props["country"] == "RU");
    CHECK(props["class"] == "transnational");
    CHECK(props["src_Country"] == "Russia");
    CHECK(props["src_CLASS"] == "terror");
}

TEST_CASE("incidents written a chunk at a time make the same file as written at once", "[output]") {
    // two inputs with their own columns, as a run of two files places them
    std::vector<PlacedIncident> all;
    for (int i = 0; i < 5; ++i) {
        all.push_back(sample());
        all.back().incident.id = "A" + std::to_string(i);
    }
    auto other = std::make_shared<FieldSchema>(FieldSchema{{"source", "fatalities"}, {FieldType::text, FieldType::real}, "other.csv", {true, true}});
    for (int i = 0; i < 4; ++i) {
        PlacedIncident p = sample();
        p.incident.id = "B" + std::to_string(i);
        p.incident.source = {i + 2, other, {std::string("report ") + std::to_string(i), 1.5 * i}};
        all.push_back(std::move(p));
    }
    for (std::size_t i = 0; i < all.size(); ++i) all[i].cluster_id = i % 3 == 0 ? static_cast<int>(i) : -1;
    const test::TempDir dir;
    write_incidents_geojson(dir / "whole.geojson", all);
    const std::span<const PlacedIncident> incidents(all);
    for (const bool later : {false, true}) {
        // Cluster ids left for later (DBSCAN runs once every row is placed) wait in a spill file.
        INFO("cluster ids later: " << later);
        IncidentLayer layer(dir / "chunks.geojson", {all[0].incident.source.schema.get(), other.get()}, later);
        std::vector<PlacedIncident> unclustered = all;
        for (PlacedIncident& p : unclustered) p.cluster_id = later ? -1 : p.cluster_id;
        for (std::size_t at = 0; at < incidents.size(); at += 3)
            layer.add(std::span<const PlacedIncident>(unclustered).subspan(at, std::min<std::size_t>(3, incidents.size() - at)));
        TextPool text;
        later ? layer.commit(points_of(all, text)) : layer.commit();
        CHECK(test::read_text(dir / "chunks.geojson") == test::read_text(dir / "whole.geojson"));
        CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 2);  // no spill left
    }
    const auto doc = nlohmann::json::parse(test::read_text(dir / "whole.geojson"));
    CHECK(doc["features"].size() == 9);
    CHECK(doc["features"][8]["properties"]["source"] == "report 3");
    CHECK(doc["features"][8]["properties"]["fatalities"].get<double>() == 4.5);  // integer and real columns meet as real
}

TEST_CASE("rejects.csv quotes fields per RFC 4180 and keeps the row", "[output]") {
    const test::TempDir dir;
    auto schema = std::make_shared<FieldSchema>(FieldSchema{{"date", "place"}, {FieldType::text, FieldType::text}, "in.csv", {}});
    RowProblem p{{7, schema, {std::string("05/06/2023"), std::string("Kabul, \"west\"\nside")}},
                 RowOutcome::rejected, "date", "ambiguous numeric date"};
    write_rejects_csv(dir / "rejects.csv", {p});
    CHECK(test::read_text(dir / "rejects.csv") ==
          "source_file,row,outcome,field,reason,date,place\r\n"
          "in.csv,7,rejected,date,ambiguous numeric date,05/06/2023,\"Kabul, \"\"west\"\"\nside\"\r\n");
}

TEST_CASE("atomic outputs leave the old file until commit and no temporary after", "[output]") {
    const test::TempDir dir;
    write_file_atomically(dir / "a.json", "old");
    {
        AtomicTextFile f(dir / "a.json");
        f.stream() << "new";
        CHECK(test::read_text(dir / "a.json") == "old");  // not committed yet
    }  // dropped without commit
    CHECK(test::read_text(dir / "a.json") == "old");
    write_file_atomically(dir / "a.json", "new");
    CHECK(test::read_text(dir / "a.json") == "new");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++files;
    CHECK(files == 1);
}
