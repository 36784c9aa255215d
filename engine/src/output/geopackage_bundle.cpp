#include "incimap/output/geopackage_bundle.hpp"

#include <cstdlib>
#include <ctime>

#include "incimap/core/error.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/io/read_file.hpp"

namespace incimap {

namespace {

std::string read_style(const std::filesystem::path& path) { return read_file(path).value_or(""); }

// $SOURCE_DATE_EPOCH (the reproducible-builds convention) as ISO 8601, else the Unix epoch.
std::string source_date() {
    std::time_t t = 0;
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) t = static_cast<std::time_t>(std::strtoll(epoch, nullptr, 10));
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S.000Z", &utc);
    return text;
}

// Feature by feature, stopping at the first failure: GDAL's CopyLayer goes on after failed
// writes (on a full disk it was seen to loop for good). The table takes the schema the writer
// declared, so a column null in every row keeps its type and a polygon layer is MULTIPOLYGON.
template <typename Fail>
void copy_layer(GDALDataset& to, OGRLayer& from, const BundledLayer& bundled, const Fail& fail) {
    const std::string& name = bundled.name;
    const OGRwkbGeometryType geometry_type = bundled.schema.geometry_type;
    const char* options[] = {"SPATIAL_INDEX=YES", nullptr};
    OGRLayer* layer = to.CreateLayer(name.c_str(), from.GetSpatialRef(), geometry_type, const_cast<char**>(options));
    if (layer == nullptr) fail("cannot create layer " + name);
    for (const LayerSchema::Field& field : bundled.schema.fields) {
        OGRFieldDefn defn(field.name.c_str(), field.type);
        defn.SetSubType(field.subtype);
        if (layer->CreateField(&defn) != OGRERR_NONE) fail("cannot create the fields of " + name);
    }
    if (to.StartTransaction() != OGRERR_NONE) fail("cannot write layer " + name);
    for (auto& feature : from) {
        OGRFeature copy(layer->GetLayerDefn());
        copy.SetFrom(feature.get());
        if (OGR_GT_IsSubClassOf(geometry_type, wkbGeometryCollection) && copy.GetGeometryRef() != nullptr)
            copy.SetGeometryDirectly(OGRGeometryFactory::forceTo(copy.StealGeometry(), geometry_type));
        if (layer->CreateFeature(&copy) != OGRERR_NONE) fail("cannot write layer " + name);
    }
    if (to.CommitTransaction() != OGRERR_NONE) fail("cannot write layer " + name);
}

}  // namespace

void write_geopackage_bundle(const std::filesystem::path& path, const std::vector<BundledLayer>& layers,
                             const std::filesystem::path& styles_dir) {
    ensure_gdal_registered();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (driver == nullptr) throw IoError(path.string() + ": GDAL has no GeoPackage driver");
    AtomicOutput out(path);
    std::filesystem::remove(out.temp_path());
    const GdalErrorCapture errors;
    // GDAL stamps each table with the time of writing; the same layers must give the same bytes.
    const CPLConfigOptionSetter fixed_time("OGR_CURRENT_DATE", source_date().c_str(), /*bSetOnlyIfUndefined=*/false);
    auto fail = [&](const std::string& what) { throw IoError(path.string() + ": " + what + (errors.first_error().empty() ? "" : ": " + errors.first_error())); };
    {
        DatasetPtr gpkg(driver->Create(out.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!gpkg) fail("cannot create");
        for (const BundledLayer& layer : layers) {
            const char* allowed[] = {"GeoJSON", "GeoJSONSeq", "FlatGeobuf", nullptr};
            DatasetPtr source(GDALDataset::Open(layer.source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed, nullptr, nullptr));
            if (!source || source->GetLayerCount() < 1) fail("cannot read " + layer.source.string());
            copy_layer(*gpkg, *source->GetLayer(0), layer, fail);
        }
        // layer_styles as QGIS writes it (QgsOgrProviderUtils), an attributes table.
        OGRLayer* styles = gpkg->CreateLayer("layer_styles", nullptr, wkbNone, nullptr);
        if (styles == nullptr) fail("cannot create layer_styles");
        for (const char* text : {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName", "styleQML",
                                 "styleSLD", "description", "owner", "ui"}) {
            OGRFieldDefn field(text, OFTString);
            styles->CreateField(&field);
        }
        OGRFieldDefn use_as_default("useAsDefault", OFTInteger);
        use_as_default.SetSubType(OFSTBoolean);
        styles->CreateField(&use_as_default);
        OGRFieldDefn update_time("update_time", OFTDateTime);
        styles->CreateField(&update_time);
        for (const BundledLayer& layer : layers) {
            if (layer.style.empty()) continue;
            const std::string qml = read_style(styles_dir / (layer.style + ".qml"));
            if (qml.empty()) continue;
            OGRFeature feature(styles->GetLayerDefn());
            feature.SetField("f_table_catalog", "");
            feature.SetField("f_table_schema", "");
            feature.SetField("f_table_name", layer.name.c_str());
            feature.SetField("f_geometry_column", "geom");
            feature.SetField("styleName", ("incimap " + layer.style).c_str());
            feature.SetField("styleQML", qml.c_str());
            feature.SetField("styleSLD", read_style(styles_dir / (layer.style + ".sld")).c_str());
            feature.SetField("useAsDefault", 1);
            feature.SetField("description", "incimap default style");
            if (styles->CreateFeature(&feature) != OGRERR_NONE) fail("cannot write the style of " + layer.name);
        }
        gpkg->FlushCache();
    }
    if (!errors.first_error().empty()) fail("cannot write");
    out.commit();
}

}  // namespace incimap
