#pragma once
// Polygon files users give (home areas, custom regions): a local vector file in an allowed
// format, its first layer, and the transformation of its CRS to WGS 84 lon/lat.
#include <string>

#include "incimap/io/gdal.hpp"

namespace incimap {

struct PolygonFile {
    DatasetPtr dataset;
    OGRLayer* layer = nullptr;
    TransformPtr to_wgs84;  ///< null when the layer is already WGS 84 lon/lat (or has no CRS)
};

/// Opens `path` (GeoJSON, GeoPackage, Shapefile or FlatGeobuf; no URLs or /vsi paths). `what`
/// names the file in errors ("home area", "regions"). Throws InputError.
PolygonFile open_polygon_file(const std::string& path, const std::string& what);

}  // namespace incimap
