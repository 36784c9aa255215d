#pragma once
// An RFC 7946 GeoJSON layer written through GDAL into a temporary file and renamed into place on
// commit(): the one way incimap writes its GeoJSON outputs.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "incimap/io/atomic_file.hpp"
#include "incimap/io/gdal.hpp"

namespace incimap {

/// A written layer's geometry type and fields as declared: a reader of the GeoJSON guesses them
/// from the values (a field null in every feature comes back as text, a layer of polygons and
/// multipolygons as any geometry), so copies into typed formats take them from here.
struct LayerSchema {
    struct Field {
        std::string name;
        OGRFieldType type;
        OGRFieldSubType subtype;
    };
    OGRwkbGeometryType geometry_type = wkbUnknown;
    std::vector<Field> fields;
};

class GeoJsonLayer {
public:
    using Fields = std::vector<std::pair<std::string, OGRFieldType>>;

    /// Creates the layer (WGS 84 lon/lat, no `crs` member, `decimals` coordinate decimals) with
    /// `fields`; a field named in `booleans` gets the boolean subtype. Throws IoError.
    GeoJsonLayer(const std::filesystem::path& path, const char* layer_name, OGRwkbGeometryType geometry_type,
                 int decimals, const Fields& fields, const std::vector<std::string>& booleans = {});

    /// A new feature of the layer's schema.
    OGRFeature feature() const { return OGRFeature(layer_->GetLayerDefn()); }
    /// Field position by name, for hot loops.
    int field(const std::string& name) const { return layer_->GetLayerDefn()->GetFieldIndex(name.c_str()); }
    /// Adds a field after construction and returns its position.
    int add_field(const std::string& name, OGRFieldType type);

    void write(OGRFeature& f);
    /// Closes the dataset (the driver writes on close), renames the file into place and returns
    /// the layer's declared schema.
    LayerSchema commit();

private:
    std::filesystem::path path_;
    GdalErrorCapture capture_;
    AtomicOutput output_;
    DatasetPtr ds_;
    OGRLayer* layer_ = nullptr;
    OGRwkbGeometryType geometry_type_;
};

}  // namespace incimap
