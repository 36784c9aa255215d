// Styles for GIS and the web: the files in styles/, the .qml beside each layer, and the
// GeoPackage bundle that QGIS opens styled.
#include <catch2/catch.hpp>
#include <cpl_minixml.h>
#include <gdal_priv.h>

#include <nlohmann/json.hpp>
#include <set>

#include "incimap/io/gdal.hpp"
#include "support.hpp"

using namespace incimap;
using nlohmann::json;

using test::q;

namespace {

// The name of the document's root element, or empty when the text is not well-formed XML.
std::string xml_root(const std::string& text) {
    CPLXMLNode* tree = CPLParseXMLString(text.c_str());
    if (tree == nullptr) return {};
    std::string root;
    for (CPLXMLNode* n = tree; n != nullptr; n = n->psNext)
        if (n->eType == CXT_Element) root = n->pszValue;
    CPLDestroyXMLNode(tree);
    return root;
}
}  // namespace

TEST_CASE("the QGIS, SLD and MapLibre styles are well-formed and name the fields incimap writes", "[styles]") {
    const auto styles = test::source_dir() / "styles";
    const std::vector<std::pair<std::string, std::string>> fields = {
        {"incidents", "class"}, {"regions", "total"}, {"clusters", ""}, {"cluster_points", "count"}, {"zoom_clusters", "point_count"}};
    for (const auto& [name, field] : fields) {
        INFO(name);
        const std::string qml = test::read_text(styles / (name + ".qml"));
        const std::string sld = test::read_text(styles / (name + ".sld"));
        CHECK(xml_root(qml) == "qgis");
        CHECK(xml_root(sld) == "StyledLayerDescriptor");
        if (!field.empty()) {
            CHECK_THAT(qml, Catch::Contains(field));
            CHECK_THAT(sld, Catch::Contains("<ogc:PropertyName>" + field + "</ogc:PropertyName>"));
        }
    }
    CHECK_THAT(test::read_text(styles / "regions.qml"), Catch::Contains("startField=\"period_start\""));
    const json maplibre = json::parse(test::read_text(styles / "maplibre.json"));
    CHECK(maplibre["version"] == 8);
    CHECK(maplibre["sources"]["heatmap"]["tiles"][0] == "tiles/{z}/{x}/{y}.png");
    for (const char* layer : {"incidents", "regions", "clusters", "cluster_points"}) CHECK(maplibre["sources"][layer]["data"] == std::string(layer) + ".geojson");
    for (const json& layer : maplibre["layers"])
        if (layer.contains("source")) CHECK(maplibre["sources"].contains(layer["source"].get<std::string>()));
}

TEST_CASE("incimap map puts each layer's QGIS style beside it, and --gpkg bundles the layers with their styles", "[styles][cli]") {
    const test::TempDir dir;
    const auto r = test::run_incimap("map " + q(test::example_csv()) + " --home AF -o " + q(dir / "out") +
                                     " --gpkg --period quarter --eps-km 50 --min-points 3 --zoom-clusters 0-1 --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    for (const char* layer : {"incidents", "regions", "clusters", "cluster_points", "clusters_z0", "clusters_z1"}) {
        INFO(layer);
        CHECK(std::filesystem::exists(dir / "out" / (std::string(layer) + ".geojson")));
        CHECK(xml_root(test::read_text(dir / "out" / (std::string(layer) + ".qml"))) == "qgis");
    }
    ensure_gdal_registered();
    const DatasetPtr gpkg(GDALDataset::Open((dir / "out/incimap.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    REQUIRE(gpkg);
    for (const char* layer : {"incidents", "regions", "clusters", "cluster_points", "clusters_z0", "clusters_z1", "layer_styles"}) {
        INFO(layer);
        CHECK(gpkg->GetLayerByName(layer) != nullptr);
    }
    // The tables declare what the writers declared, not what a reader guesses from the GeoJSON:
    // polygon layers are MULTIPOLYGON, integer input columns integers, a column null in every
    // row (nearest_km: the example has no coordinates) keeps its type.
    CHECK(gpkg->GetLayerByName("regions")->GetGeomType() == wkbMultiPolygon);
    CHECK(gpkg->GetLayerByName("clusters")->GetGeomType() == wkbMultiPolygon);
    CHECK(gpkg->GetLayerByName("cluster_points")->GetGeomType() == wkbPoint);
    const OGRFeatureDefn& incident_fields = *gpkg->GetLayerByName("incidents")->GetLayerDefn();
    CHECK(incident_fields.GetFieldDefn(incident_fields.GetFieldIndex("fatalities"))->GetType() == OFTInteger64);
    CHECK(incident_fields.GetFieldDefn(incident_fields.GetFieldIndex("nearest_km"))->GetType() == OFTReal);
    CHECK(incident_fields.GetFieldDefn(incident_fields.GetFieldIndex("nearest_geonameid"))->GetType() == OFTInteger64);
    CHECK(incident_fields.GetFieldDefn(incident_fields.GetFieldIndex("summary"))->GetType() == OFTString);
    CHECK(gpkg->GetLayerByName("incidents")->GetFeatureCount() ==
          json::parse(test::read_text(dir / "out/summary.json"))["placed"].get<GIntBig>());
    OGRLayer* styles = gpkg->GetLayerByName("layer_styles");
    std::set<std::string> styled;
    for (auto& feature : *styles) {
        CHECK(feature->GetFieldAsInteger("useAsDefault") == 1);
        CHECK(std::string(feature->GetFieldAsString("f_geometry_column")) == "geom");
        CHECK(xml_root(feature->GetFieldAsString("styleQML")) == "qgis");
        CHECK(xml_root(feature->GetFieldAsString("styleSLD")) == "StyledLayerDescriptor");
        styled.insert(feature->GetFieldAsString("f_table_name"));
    }
    CHECK(styled == std::set<std::string>{"incidents", "regions", "clusters", "cluster_points", "clusters_z0", "clusters_z1"});
}
