#include "incimap/io/polygon_file.hpp"

#include <cmath>

#include "incimap/core/error.hpp"
#include "incimap/io/ingest.hpp"

namespace incimap {

namespace {

// Whether any vertex of `g` (linear: rings, lines, points) has a coordinate that is not a finite
// number: GEOS's overlay and repair fail on them (and GEOS 3.11 leaks as they fail).
bool has_non_finite_coordinate(const OGRGeometry& g) {
    if (const auto* collection = dynamic_cast<const OGRGeometryCollection*>(&g)) {
        for (const OGRGeometry* part : *collection)
            if (has_non_finite_coordinate(*part)) return true;
        return false;
    }
    if (const auto* polygon = dynamic_cast<const OGRCurvePolygon*>(&g)) {
        for (const OGRCurve* ring : *polygon)
            if (has_non_finite_coordinate(*ring)) return true;
        return false;
    }
    if (const auto* line = dynamic_cast<const OGRSimpleCurve*>(&g)) {
        for (int i = 0; i < line->getNumPoints(); ++i)
            if (!std::isfinite(line->getX(i)) || !std::isfinite(line->getY(i))) return true;
        return false;
    }
    if (const auto* point = dynamic_cast<const OGRPoint*>(&g)) return !std::isfinite(point->getX()) || !std::isfinite(point->getY());
    return false;
}

}  // namespace

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
    if (has_non_finite_coordinate(*out)) throw InputError(path, "a polygon with a coordinate that is not a number (NaN or infinite)", row);
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
