#include "incimap/output/maplibre_style.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "incimap/core/error.hpp"

using namespace incimap;
using nlohmann::json;
using namespace std::chrono;

namespace {

const char* const template_text = R"({
  "version": 8,
  "sources": {
    "heatmap": {"type": "raster", "tiles": ["tiles/{z}/{x}/{y}.png"], "tileSize": 256, "minzoom": 0, "maxzoom": 8},
    "incidents": {"type": "geojson", "data": "incidents.geojson"},
    "clusters": {"type": "geojson", "data": "clusters.geojson"},
    "clusters_z{z}": {"type": "geojson", "data": "clusters_z{z}.geojson"}
  },
  "layers": [
    {"id": "background", "type": "background"},
    {"id": "heatmap", "type": "raster", "source": "heatmap"},
    {"id": "clusters", "type": "line", "source": "clusters"},
    {"id": "clusters_z{z}", "type": "circle", "source": "clusters_z{z}"},
    {"id": "incidents", "type": "circle", "source": "incidents"},
    {"id": "incidents_{period}", "type": "circle", "source": "incidents", "metadata": {"incimap:per-period": true}}
  ]
})";

std::vector<std::string> ids(const json& style) {
    std::vector<std::string> out;
    for (const json& l : style["layers"]) out.push_back(l["id"]);
    return out;
}

Period calendar_year(int y) {
    return {sys_days(std::chrono::year(y) / January / 1), sys_days(std::chrono::year(y) / December / 31), std::to_string(y)};
}

}  // namespace

TEST_CASE("style.json keeps only what the run wrote", "[pipeline][style]") {
    StyleRun run;
    run.outputs = {"incidents.geojson", "summary.json"};
    const json style = json::parse(maplibre_style(template_text, run));
    CHECK(style["sources"].size() == 1);
    CHECK(style["sources"]["incidents"]["data"] == "incidents.geojson");
    CHECK(ids(style) == std::vector<std::string>{"background", "incidents"});  // no periods: no per-period layers
    CHECK(style["zoom"] == 1.0);  // no data: the world
}

TEST_CASE("style.json: tile zooms, a layer per zoom-cluster level and per period, a view of the data", "[pipeline][style]") {
    StyleRun run;
    run.outputs = {"incidents.geojson", "clusters.geojson", "clusters_z3.geojson", "clusters_z4.geojson", "tiles/"};
    run.tiles = std::pair(2, 5);
    run.zoom_cluster_zooms = {3, 4};
    run.data_bounds = LonLatBox{60, 29, 75, 39};
    run.periods = {calendar_year(2021), calendar_year(2022)};
    const json style = json::parse(maplibre_style(template_text, run));
    CHECK(ids(style) == std::vector<std::string>{"background", "heatmap", "clusters", "clusters_z3", "clusters_z4", "incidents",
                                                 "incidents_2021", "incidents_2022"});
    CHECK(style["sources"]["heatmap"]["minzoom"] == 2);
    CHECK(style["sources"]["heatmap"]["maxzoom"] == 5);
    CHECK(style["sources"]["clusters_z4"]["data"] == "clusters_z4.geojson");
    CHECK_FALSE(style["sources"].contains("clusters_z{z}"));
    const json& z3 = style["layers"][3];
    CHECK(z3["source"] == "clusters_z3");
    CHECK(z3["minzoom"] == 3);
    CHECK(z3["maxzoom"] == 4);
    const json& p2021 = style["layers"][6];
    CHECK(p2021["layout"]["visibility"] == "none");
    CHECK(p2021["filter"] == json::parse(R"(["all", ["<=", ["get", "date_start"], "2021-12-31"], [">=", ["get", "date_end"], "2021-01-01"]])"));
    CHECK(style["center"] == json::array({67.5, 34.0}));
    // Afghanistan's 15 x 10 degrees fit about 1000 x 700 pixels near zoom 5
    CHECK(style["zoom"].get<double>() > 4.5);
    CHECK(style["zoom"].get<double>() < 6);
}

TEST_CASE("style.json: too many periods give no per-period layers, and says so", "[pipeline][style]") {
    StyleRun run;
    run.outputs = {"incidents.geojson"};
    for (int y = 1900; y < 1900 + static_cast<int>(style_period_limit) + 1; ++y) run.periods.push_back(calendar_year(y));
    const json style = json::parse(maplibre_style(template_text, run));
    CHECK(ids(style) == std::vector<std::string>{"background", "incidents"});
    CHECK(style["metadata"]["incimap:periods"].get<std::string>().find("more than 60") != std::string::npos);
}

TEST_CASE("style.json refuses a template that is not a style", "[pipeline][style]") {
    CHECK_THROWS_AS(maplibre_style("{\"version\": 8}", StyleRun{}), DataError);
    CHECK_THROWS_AS(maplibre_style("not json", StyleRun{}), DataError);
}
