#include "incimap/io/polygon_file.hpp"

#include "incimap/core/error.hpp"
#include "incimap/io/ingest.hpp"

namespace incimap {

PolygonFile open_polygon_file(const std::string& path, const std::string& what) {
    check_local_path(path);
    ensure_gdal_registered();
    take_refused_url();  // forget what an earlier file asked for
    GdalErrorCapture capture;
    const char* drivers[] = {"GeoJSON", "GPKG", "ESRI Shapefile", "FlatGeobuf", nullptr};
    PolygonFile file;
    file.path = path;
    file.dataset.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
    if (!file.dataset || file.dataset->GetLayerCount() == 0)
        throw InputError(path, "cannot open " + what + " as a vector file" + (capture.first_error().empty() ? "" : ": " + capture.first_error()));
    refuse_if_fetched(path);
    file.layer = file.dataset->GetLayer(0);
    file.to_wgs84 = transform_to_wgs84(*file.layer, path, what);
    return file;
}

std::unique_ptr<OGRGeometry> PolygonFile::polygon(const OGRFeature& feature, std::int64_t row, std::vector<std::string>& notes) const {
    const OGRGeometry* g = feature.GetGeometryRef();
    if (g == nullptr) return nullptr;
    const OGRwkbGeometryType type = wkbFlatten(g->getGeometryType());
    if (!OGR_GT_IsSurface(type) && !OGR_GT_IsSubClassOf(type, wkbMultiSurface)) return nullptr;
    std::unique_ptr<OGRGeometry> out(g->hasCurveGeometry() ? g->getLinearGeometry() : g->clone());
    if (!out) throw InputError(path, "unreadable polygon", row);
    if (to_wgs84 && !transform_input_geometry(*out, *to_wgs84)) throw InputError(path, "cannot transform a polygon to WGS 84", row);
    const std::size_t size = out->WkbSize();
    out->closeRings();
    if (out->WkbSize() != size) notes.push_back(path + ": row " + std::to_string(row) + ": a ring was not closed; closed it");
    const char* wrap[] = {"WRAPDATELINE=YES", nullptr};
    OGRGeometryFactory::TransformWithOptionsCache cache;
    if (std::unique_ptr<OGRGeometry> cut{OGRGeometryFactory::transformWithOptions(out.get(), nullptr, const_cast<char**>(wrap), cache)})
        out = std::move(cut);
    return out;
}

}  // namespace incimap
