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
    file.dataset.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
    if (!file.dataset || file.dataset->GetLayerCount() == 0)
        throw InputError(path, "cannot open " + what + " as a vector file" + (capture.last_error().empty() ? "" : ": " + capture.last_error()));
    refuse_if_fetched(path);
    file.layer = file.dataset->GetLayer(0);
    if (const OGRSpatialReference* srs = file.layer->GetSpatialRef()) {
        OGRSpatialReference source = *srs;
        source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (!source.IsSame(&wgs84_lonlat())) {
            file.to_wgs84.reset(OGRCreateCoordinateTransformation(&source, &wgs84_lonlat()));
            if (!file.to_wgs84) throw InputError(path, "cannot transform the " + what + " CRS to WGS 84: " + capture.last_error());
        }
    }
    return file;
}

}  // namespace incimap
