// End-to-end: the real build/incimap binary on the bundled example and on bad inputs.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <map>
#include <set>
#include <optional>
#include <sstream>
#include <tuple>

#include "incimap/io/gdal.hpp"
#include "support.hpp"

using namespace incimap;
using nlohmann::json;

using test::q;

TEST_CASE("incimap map on the bundled example", "[cli]") {
    const test::TempDir dir;
    const auto r = test::run_incimap("map " + q(test::example_csv()) + " --home AF -o " + q(dir / "out") + " --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());  // --quiet and no unexpected warnings
    const json summary = json::parse(test::read_text(dir / "out/summary.json"));
    CHECK(summary["rows"].get<int>() >= 40);
    CHECK(summary["placed"].get<int>() + summary["unresolved"].get<int>() + summary["rejected"].get<int>() == summary["rows"].get<int>());
    CHECK(summary["domestic"].get<int>() > 20);
    CHECK(summary["transnational"].get<int>() > 10);
    CHECK(summary["placed"].get<int>() >= summary["rows"].get<int>() - 2);

    const json layer = json::parse(test::read_text(dir / "out/incidents.geojson"));
    CHECK(layer["features"].size() == summary["placed"].get<std::size_t>());
    int cyrillic_placed = 0;
    for (const json& f : layer["features"]) {
        const json& p = f["properties"];
        for (const char* key : {"id", "date", "date_precision", "event_type", "place", "matched_name", "geonameid", "country",
                                "admin1", "class", "geo_precision", "confidence", "actor", "fatalities"})
            CHECK(p.contains(key));
        const std::string place = p["place"];
        if (place.find("\xD0") != std::string::npos) ++cyrillic_placed;  // Cyrillic lead byte
        if (place == "Кабул") CHECK(p["class"] == "domestic");
        if (place.rfind("Ternitz", 0) == 0) CHECK(p["country"] == "AT");
    }
    CHECK(cyrillic_placed >= 5);
    // The outputs and nothing else (no temporaries); the QGIS style sits beside the layer; the
    // preview page and style.json come with every run.
    std::set<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(dir / "out")) files.insert(e.path().filename().string());
    CHECK(files == std::set<std::string>{"incidents.geojson", "incidents.qml", "index.html", "lib", "preview.css", "preview.js",
                                         "preview_data.js", "rejects.csv", "style.json", "summary.json"});
    CHECK_THAT(test::read_text(dir / "out/incidents.qml"), Catch::Contains("attr=\"class\""));
}

TEST_CASE("incimap map --period quarter --region-kind admin1 adds the region x period layers", "[cli]") {
    const test::TempDir dir;
    const auto r = test::run_incimap("map " + q(test::example_csv()) + " --home AF -o " + q(dir / "out") +
                                     " --period quarter --region-kind admin1 --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json summary = json::parse(test::read_text(dir / "out/summary.json"));
    CHECK(summary["analysis"]["period"] == "quarter");
    CHECK(summary["analysis"]["trends"]["transnational"].contains("p_value"));
    const json regions = json::parse(test::read_text(dir / "out/regions.geojson"));
    REQUIRE_FALSE(regions["features"].empty());
    const json& first = regions["features"][0];
    CHECK((first["geometry"]["type"] == "MultiPolygon" || first["geometry"]["type"] == "Polygon"));
    for (const char* key : {"region", "region_code", "period", "period_start", "period_end", "total", "domestic", "transnational", "type_attack"})
        CHECK(first["properties"].contains(key));
    // Per period, the layer's totals plus the unassigned rows equal the incidents placed.
    double total = 0;
    std::istringstream csv(test::read_text(dir / "out/periods.csv"));
    std::string line;
    std::getline(csv, line);
    while (std::getline(csv, line)) {
        std::vector<std::string> cells;
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ',')) cells.push_back(cell);
        total += std::stod(cells.at(5));
    }
    CHECK(total == Approx(summary["placed"].get<double>()).epsilon(1e-3));
    CHECK_THAT(test::read_text(dir / "out/trends.csv"), Catch::StartsWith("scope,region_code,region,class,periods"));
}

TEST_CASE("bad analysis options are usage errors, a regions file without the field is an input error", "[cli]") {
    const test::TempDir dir;
    const std::string base = "map " + q(test::example_csv()) + " --home AF -o " + q(dir / "out") + " --quiet ";
    CHECK(test::run_incimap(base + "--period fortnight").exit_code == 2);
    CHECK(test::run_incimap(base + "--period month --region-kind planet").exit_code == 2);
    CHECK(test::run_incimap(base + "--region-kind admin1").exit_code == 2);
    test::write_text(dir / "zones.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"zone":"a"},
      "geometry":{"type":"Polygon","coordinates":[[[68,33],[72,33],[72,37],[68,37],[68,33]]]}}]})");
    CHECK(test::run_incimap(base + "--period month --region-file " + q(dir / "zones.geojson")).exit_code == 2);
    const auto missing = test::run_incimap(base + "--period month --region-file " + q(dir / "zones.geojson") + " --region-field name");
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.err, Catch::Contains("zones.geojson") && Catch::Contains("name") && Catch::Contains("(--region-field)"));
    CHECK(test::run_incimap(base + "--period month --region-file " + q(dir / "zones.geojson") + " --region-field zone").exit_code == 0);
}

TEST_CASE("incimap query: near Kabul, domestic, from 2023", "[cli]") {
    const test::TempDir dir;
    const auto r = test::run_incimap("query " + q(test::example_csv()) + " --home AF --near 34.53,69.17,50 --from 2023 --class domestic --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json layer = json::parse(r.out);
    REQUIRE_FALSE(layer["features"].empty());
    for (const json& f : layer["features"]) {
        CHECK(f["properties"]["class"] == "domestic");
        CHECK(f["properties"]["date_end"].get<std::string>() >= "2023-01-01");
        CHECK(f["properties"]["admin1"] == "AF-KAB");
    }
    const auto to_file = test::run_incimap("query " + q(test::example_csv()) + " --home AF --bbox 170,-10,-170,10 -o " + q(dir / "empty.geojson") + " --quiet");
    CHECK(to_file.exit_code == 0);
    CHECK(json::parse(test::read_text(dir / "empty.geojson"))["features"].empty());
    const std::string base = "query " + q(test::example_csv()) + " --home AF --quiet ";
    CHECK(test::run_incimap(base + "--near 34,69,0").exit_code == 2);
    CHECK(test::run_incimap(base + "--near 34,69").exit_code == 2);
    CHECK(test::run_incimap(base + "--bbox 60,40,70,30").exit_code == 2);  // south > north
    CHECK(test::run_incimap(base + "--bbox 60,30,70,40 --near 34,69,5").exit_code == 2);
    CHECK(test::run_incimap(base + "--class foreign").exit_code == 2);
    CHECK(test::run_incimap(base + "--from 2024 --to 2023").exit_code == 2);
}

TEST_CASE("incimap map with DBSCAN and zoom clusters", "[cli]") {
    const test::TempDir dir;
    const auto r = test::run_incimap("map " + q(test::example_csv()) + " --home AF -o " + q(dir / "out") +
                                     " --eps-km 30 --min-points 3 --zoom-clusters 0-3 --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json clusters = json::parse(test::read_text(dir / "out/clusters.geojson"));
    REQUIRE_FALSE(clusters["features"].empty());
    const json& kabul = clusters["features"][0]["properties"];
    for (const char* key : {"cluster_id", "count", "domestic", "transnational", "first_date", "last_date", "countries"})
        CHECK(kabul.contains(key));
    CHECK(kabul["countries"] == "AF");
    // Every cluster is a polygon, those at one place too (widened by a quarter of eps: 7.5 km,
    // about 0.067 degrees of latitude), with one labelled point per cluster beside it.
    const json points = json::parse(test::read_text(dir / "out/cluster_points.geojson"));
    REQUIRE(points["features"].size() == clusters["features"].size());
    for (std::size_t i = 0; i < clusters["features"].size(); ++i) {
        const json& hull = clusters["features"][i];
        const json& point = points["features"][i];
        INFO("cluster " << i);
        CHECK(hull["geometry"]["type"] == "Polygon");
        CHECK(point["geometry"]["type"] == "Point");
        CHECK(point["properties"] == hull["properties"]);
        double south = 90, north = -90;
        for (const json& c : hull["geometry"]["coordinates"][0]) {
            south = std::min(south, c[1].get<double>());
            north = std::max(north, c[1].get<double>());
        }
        const double lat = point["geometry"]["coordinates"][1].get<double>();
        CHECK(south < lat);
        CHECK(north > lat);
        CHECK(north - south >= 2 * 7.5 / 111.3 * 0.99);
    }
    const json incidents = json::parse(test::read_text(dir / "out/incidents.geojson"));
    int clustered = 0;
    for (const json& f : incidents["features"]) clustered += !f["properties"]["cluster_id"].is_null();
    CHECK(clustered == kabul["count"].get<int>() + [&] {
        int rest = 0;
        for (std::size_t i = 1; i < clusters["features"].size(); ++i) rest += clusters["features"][i]["properties"]["count"].get<int>();
        return rest;
    }());
    for (int z = 0; z <= 3; ++z) {
        const json level = json::parse(test::read_text(dir / ("out/clusters_z" + std::to_string(z) + ".geojson")));
        int counted = 0;
        for (const json& f : level["features"]) counted += f["properties"]["point_count"].get<int>();
        CHECK(static_cast<std::size_t>(counted) == incidents["features"].size());
    }
    const std::string base = "map " + q(test::example_csv()) + " --home AF -o " + q(dir / "bad") + " --quiet ";
    CHECK(test::run_incimap(base + "--eps-km 0").exit_code == 2);
    CHECK(test::run_incimap(base + "--eps-km -5").exit_code == 2);
    CHECK(test::run_incimap(base + "--eps-days 3").exit_code == 2);
    CHECK(test::run_incimap(base + "--zoom-clusters 0-23").exit_code == 2);
    CHECK(test::run_incimap(base + "--zoom-clusters 5-2").exit_code == 2);
    CHECK(test::run_incimap(base + "--zoom-clusters x").exit_code == 2);
}

TEST_CASE("usage errors exit 2 with a hint, --help exits 0", "[cli]") {
    CHECK(test::run_incimap("").exit_code == 2);
    const auto help = test::run_incimap("--help");
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Catch::Contains("map") && Catch::Contains("geocode"));
    const auto map_help = test::run_incimap("map --help");
    CHECK(map_help.exit_code == 0);
    CHECK_THAT(map_help.out, Catch::Contains("--home") && Catch::Contains("--date-col"));
    CHECK(test::run_incimap("frobnicate").exit_code == 2);
    const auto bad_option = test::run_incimap("map x.csv --home AF -o out --no-such-option");
    CHECK(bad_option.exit_code == 2);
    CHECK_THAT(bad_option.err, Catch::Contains("Try 'incimap map --help'"));
    CHECK(test::run_incimap("map x.csv -o out").exit_code == 2);           // no home
    CHECK(test::run_incimap("map x.csv --home AF").exit_code == 2);        // no output
    CHECK(test::run_incimap("map " + q(test::example_csv()) + " --home XX -o /tmp/never").exit_code == 2);
}

TEST_CASE("bad input files exit 1 with one message naming file and column", "[cli]") {
    const test::TempDir dir;
    auto expect_failure = [&](const std::string& input, const std::string& needle) {
        const auto r = test::run_incimap("map " + input + " --home AF -o " + q(dir / "out") + " --quiet");
        INFO(r.err);
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Catch::Contains(needle));
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
        CHECK_FALSE(std::filesystem::exists(dir / "out/incidents.geojson"));
    };
    expect_failure(q(dir / "missing.csv"), "missing.csv: no such file");
    test::write_text(dir / "nodate.csv", "place,type\nKabul,attack\n");
    expect_failure(q(dir / "nodate.csv"), "nodate.csv: field 'date'");
    expect_failure(q(dir / "nodate.csv"), "name it with --date-col)");  // the engine names the option, the CLI its flag
    test::write_text(dir / "blob.bin", std::string("\0\1\2\3 binary", 11));
    expect_failure(q(dir / "blob.bin"), "unknown format");
    expect_failure("/vsicurl/http://127.0.0.1:9/x.csv", "remote and virtual paths are not read");
    expect_failure("http://127.0.0.1:9/x.csv", "remote and virtual paths are not read");
    test::write_text(dir / "cols.csv", "when,where\n2024,Kabul\n");
    const auto r = test::run_incimap("map " + q(dir / "cols.csv") + " --home AF -o " + q(dir / "out") + " --quiet --date-col when --place-col nowhere");
    CHECK(r.exit_code == 1);
    CHECK_THAT(r.err, Catch::Contains("cols.csv") && Catch::Contains("nowhere"));
}

TEST_CASE("bad rows go to rejects.csv and the run goes on", "[cli]") {
    const test::TempDir dir;
    test::write_text(dir / "rows.csv",
                     "date,place,lat,lon\n"
                     "2024-01-03,Kerman,,\n"
                     "2024-13-01,Kabul,,\n"
                     "2024-01-05,,91,69\n"
                     "2024-01-06,,NaN,69\n"
                     "2024-01-07,Nowhereville Qx,,\n");
    const auto r = test::run_incimap("map " + q(dir / "rows.csv") + " --home AF -o " + q(dir / "out") + " --quiet");
    REQUIRE(r.exit_code == 0);
    const json summary = json::parse(test::read_text(dir / "out/summary.json"));
    CHECK(summary["rows"] == 5);
    CHECK(summary["placed"] == 1);
    CHECK(summary["rejected"] == 3);
    CHECK(summary["unresolved"] == 1);
    std::istringstream rejects(test::read_text(dir / "out/rejects.csv"));
    std::string line;
    std::vector<std::string> lines;
    while (std::getline(rejects, line)) lines.push_back(line);
    REQUIRE(lines.size() == 5);
    CHECK_THAT(lines[1], Catch::StartsWith(q(dir / "rows.csv").substr(1, (dir / "rows.csv").string().size()) + ",2,rejected,date,"));
    CHECK_THAT(lines[2], Catch::Contains(",3,rejected,lat,") && Catch::Contains("outside -90..90"));
    CHECK_THAT(lines[3], Catch::Contains(",4,rejected,lat,"));
    CHECK_THAT(lines[4], Catch::Contains(",5,unresolved,place,"));
}

TEST_CASE("incimap geocode writes one JSON object per input line, in order", "[cli]") {
    const auto r = test::run_incimap("geocode", "Kabul\nPunjab\n\nXqzv Plrtk\nMazar-i-Sharif, Balkh\n");
    REQUIRE(r.exit_code == 0);
    std::istringstream out(r.out);
    std::vector<json> rows;
    std::string line;
    while (std::getline(out, line)) rows.push_back(json::parse(line));
    REQUIRE(rows.size() == 5);
    CHECK(rows[0]["query"] == "Kabul");
    CHECK(rows[0]["status"] == "resolved");
    CHECK(rows[0]["geonameid"] == 1138958);
    CHECK(rows[0]["precision"] == "city");
    for (const char* key : {"lat", "lon", "country", "admin1", "name", "confidence", "alternatives"}) CHECK(rows[0].contains(key));
    CHECK(rows[1]["status"] == "ambiguous");
    CHECK_FALSE(rows[1]["alternatives"].empty());
    CHECK(rows[1]["alternatives"][0].contains("geonameid"));
    CHECK(rows[2]["status"] == "unresolved");
    CHECK(rows[3]["status"] == "unresolved");
    CHECK(rows[3]["lat"].is_null());
    CHECK(rows[4]["admin1"] == "AF-BAL");

    const auto hinted = test::run_incimap("geocode --hint-country IN", "Jalalabad\n");
    REQUIRE(hinted.exit_code == 0);
    CHECK(json::parse(hinted.out)["country"] == "IN");
    CHECK(test::run_incimap("geocode --hint-country ZZ", "Kabul\n").exit_code == 2);
}

TEST_CASE("incimap map and geocode take the analyst's own places", "[cli][places]") {
    const test::TempDir dir;
    // A monitoring group's list: two Bajaur villages the gazetteer lacks, and the district as a
    // WKT polygon.
    test::write_text(dir / "places.csv",
                     "name,alt_names,lat,lon,kind,geometry\n"
                     "Khar,خار,34.7297,71.5231,place,\n"
                     "Damadola,,34.8167,71.4333,,\n"
                     "Bajaur,Bajaur Agency,,,district,\"POLYGON ((71.30 34.62,71.75 34.62,71.80 34.95,71.35 34.98,71.30 34.62))\"\n"
                     "Nowhere,,95,0,,\n");
    test::write_text(dir / "incidents.csv",
                     "id,date,place\n"
                     "1,2024-01-05,\"Khar, Bajaur\"\n"
                     "2,2024-02-01,Damadola\n"
                     "3,2024-03-01,Bajaur district\n"
                     "4,2024-03-02,Kabul\n");
    const auto r = test::run_incimap("map " + q(dir / "incidents.csv") + " --home PK --places " + q(dir / "places.csv") + " -o " +
                                     q(dir / "out") + " --heatmap --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    // the bad row is reported even when quiet
    CHECK_THAT(r.err, Catch::Contains((dir / "places.csv").string() + ": row 4: field 'lat'"));
    const json layer = json::parse(test::read_text(dir / "out/incidents.geojson"));
    REQUIRE(layer["features"].size() == 4);
    std::map<std::string, json> by_id;
    for (const json& f : layer["features"]) by_id[f["properties"]["id"].get<std::string>()] = f["properties"];
    CHECK(by_id["1"]["place_source"] == "user");
    CHECK(by_id["1"]["geonameid"].is_null());
    CHECK(by_id["1"]["country"] == "PK");
    CHECK(by_id["1"]["class"] == "domestic");
    CHECK(by_id["2"]["matched_name"] == "Damadola");
    CHECK(by_id["3"]["geo_precision"] == "district");
    CHECK(by_id["3"]["footprint"] == "user:3");
    CHECK(by_id["3"]["class"] == "domestic");  // most of the polygon lies in PK
    CHECK(by_id["4"]["place_source"] == "geonames");
    CHECK(by_id["4"]["class"] == "transnational");

    const auto g = test::run_incimap("geocode --quiet --places " + q(dir / "places.csv"), "Khar\n");
    REQUIRE(g.exit_code == 0);
    CHECK(json::parse(g.out)["place_source"] == "user");
    CHECK(json::parse(g.out)["geonameid"].is_null());

    // A file with no usable row is an error naming it.
    test::write_text(dir / "bad.csv", "name,lat,lon\nNowhere,95,0\n");
    const auto bad = test::run_incimap("geocode --places " + q(dir / "bad.csv"), "Khar\n");
    CHECK(bad.exit_code == 1);
    CHECK_THAT(bad.err, Catch::Contains((dir / "bad.csv").string()) && Catch::Contains("no usable place"));
}

TEST_CASE("the incidents layer written as GeoJSON, GeoJSON text sequences or FlatGeobuf (layer-format) reads back alike", "[cli][formats]") {
    const test::TempDir dir;
    ensure_gdal_registered();
    // Every feature's fields as text and its point, and each field's kind, as GDAL reads them.
    struct Read {
        std::vector<std::string> features;
        std::map<std::string, char> kinds;  // i(nteger), r(eal), s(tring), of fields with a value (GeoJSON types none of the others)
        std::string driver;
    };
    auto read_back = [](const std::filesystem::path& path) {
        Read r;
        DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
        REQUIRE(ds);
        r.driver = ds->GetDriver()->GetDescription();
        OGRLayer& layer = *ds->GetLayer(0);
        const OGRFeatureDefn& defn = *layer.GetLayerDefn();
        for (auto& f : layer) {
            std::string text;
            for (int i = 0; i < f->GetFieldCount(); ++i) {
                if (const OGRFieldType t = defn.GetFieldDefn(i)->GetType(); f->IsFieldSetAndNotNull(i))
                    r.kinds[defn.GetFieldDefn(i)->GetNameRef()] = t == OFTInteger || t == OFTInteger64 ? 'i' : t == OFTReal ? 'r' : 's';
                // GDAL's GeoJSON readers take ISO dates for dates and print them with slashes.
                std::string value = f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "null";
                if (f->GetFieldDefnRef(i)->GetType() == OFTDate) std::replace(value.begin(), value.end(), '/', '-');
                text += std::string(f->GetFieldDefnRef(i)->GetNameRef()) + "=" + value + ";";
            }
            const OGRPoint* p = f->GetGeometryRef()->toPoint();
            text += std::to_string(p->getX()) + "," + std::to_string(p->getY());
            r.features.push_back(text);
        }
        std::sort(r.features.begin(), r.features.end());  // FlatGeobuf's spatial index orders features its own way
        return r;
    };
    // With DBSCAN the cluster ids are filled in once every row is placed (a FlatGeobuf is then
    // made from GeoJSON); without it each format is written as rows are placed.
    for (const std::string clustering : {"--eps-km 50", ""}) {
        std::optional<Read> first;
        for (const auto& [format, file, driver] : {std::tuple{"geojson", "incidents.geojson", "GeoJSON"},
                                                  std::tuple{"geojsonseq", "incidents.geojsons", "GeoJSONSeq"},
                                                  std::tuple{"fgb", "incidents.fgb", "FlatGeobuf"}}) {
            INFO(format << " " << clustering);
            const std::filesystem::path out = dir / (format + std::string(clustering.empty() ? "" : "-dbscan"));
            const auto r = test::run_incimap("map " + q(test::example_csv()) + " --home AF --gpkg " + clustering + " --layer-format " + format +
                                             " -o " + q(out) + " --quiet");
            REQUIRE(r.exit_code == 0);
            const Read read = read_back(out / file);
            CHECK(read.driver == driver);
            CHECK(read.features.size() > 40);
            const auto summary = json::parse(test::read_text(out / "summary.json"));
            CHECK(std::count(summary["outputs"].begin(), summary["outputs"].end(), file) == 1);
            CHECK(std::filesystem::exists(out / "incimap.qgz"));
            const auto hidden = std::count_if(std::filesystem::directory_iterator(out), std::filesystem::directory_iterator(),
                                              [](const auto& e) { return e.path().filename().string().front() == '.'; });
            CHECK(hidden == 0);  // the GeoJSON a FlatGeobuf is made from is gone
            if (!first) {
                first = read;
                continue;
            }
            CHECK(read.kinds == first->kinds);
            REQUIRE(read.features.size() == first->features.size());
            for (std::size_t i = 0; i < read.features.size(); ++i) CHECK(read.features[i] == first->features[i]);
        }
    }
    CHECK(test::run_incimap("map " + q(test::example_csv()) + " --home AF --layer-format shp -o " + q(dir / "x")).exit_code == 2);
}
