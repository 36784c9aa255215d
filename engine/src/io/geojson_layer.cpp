#include "incimap/io/geojson_layer.hpp"

#include <algorithm>
#include <cstring>

#include "incimap/core/error.hpp"
#include "incimap/io/checked_gdal_file.hpp"

namespace incimap {

GeoJsonLayer::GeoJsonLayer(const std::filesystem::path& path, const char* layer_name, OGRwkbGeometryType geometry_type,
                           int decimals, const Fields& fields, const std::vector<std::string>& booleans)
    : path_(path), output_(path), geometry_type_(geometry_type) {
    ensure_gdal_registered();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GeoJSON");
    if (driver == nullptr) throw IoError("GDAL has no GeoJSON driver");
    ds_.reset(driver->Create(checked_gdal_path(output_.temp_path()).c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds_) throw IoError(path.string() + ": cannot create: " + capture_.first_error());
    const std::string precision = "COORDINATE_PRECISION=" + std::to_string(decimals);
    const char* options[] = {"RFC7946=YES", precision.c_str(), "WRITE_NAME=NO", nullptr};
    layer_ = ds_->CreateLayer(layer_name, const_cast<OGRSpatialReference*>(&wgs84_lonlat()), geometry_type,
                              const_cast<char**>(options));
    if (layer_ == nullptr) throw IoError(path.string() + ": cannot create layer: " + capture_.first_error());
    for (const auto& [name, type] : fields) {
        OGRFieldDefn defn(name.c_str(), type);
        if (std::find(booleans.begin(), booleans.end(), name) != booleans.end()) defn.SetSubType(OFSTBoolean);
        if (layer_->CreateField(&defn) != OGRERR_NONE)
            throw IoError(path.string() + ": cannot create field " + name + ": " + capture_.first_error());
    }
}

int GeoJsonLayer::add_field(const std::string& name, OGRFieldType type) {
    OGRFieldDefn defn(name.c_str(), type);
    if (layer_->CreateField(&defn) != OGRERR_NONE)
        throw IoError(path_.string() + ": cannot create field " + name + ": " + capture_.first_error());
    return layer_->GetLayerDefn()->GetFieldCount() - 1;
}

void GeoJsonLayer::write(OGRFeature& f) {
    if (layer_->CreateFeature(&f) != OGRERR_NONE) throw IoError(path_.string() + ": cannot write feature: " + capture_.first_error());
}

LayerSchema GeoJsonLayer::commit() {
    LayerSchema schema{geometry_type_, {}};
    const OGRFeatureDefn& defn = *layer_->GetLayerDefn();
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const OGRFieldDefn& field = *defn.GetFieldDefn(i);
        schema.fields.push_back({field.GetNameRef(), field.GetType(), field.GetSubType()});
    }
    ds_.reset();
    if (!capture_.first_error().empty()) throw IoError(path_.string() + ": " + capture_.first_error());
    if (const int error = take_write_error(output_.temp_path())) throw IoError(path_.string() + ": write failed: " + std::strerror(error));
    output_.commit();
    return schema;
}

}  // namespace incimap
