#pragma once
// Polygon files users give (home areas, custom regions): a local vector file in an allowed
// format, its first layer, and the transformation of its CRS to WGS 84 lon/lat.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "incimap/io/gdal.hpp"

namespace incimap {

struct PolygonFile {
    std::string path;
    DatasetPtr dataset;
    OGRLayer* layer = nullptr;
    TransformPtr to_wgs84;  ///< null when the layer is already WGS 84 lon/lat (or has no CRS)

    /// The feature's (multi)polygon in WGS 84 lon/lat: curves made linear, rings closed (with a
    /// note on `notes`), and cut in two where it crosses the antimeridian, whether written with
    /// longitudes that jump from 179 to -179 or run past 180 (GDAL's WRAPDATELINE). Null when
    /// the feature has no polygon. Throws InputError naming the row.
    std::unique_ptr<OGRGeometry> polygon(const OGRFeature& feature, std::int64_t row, std::vector<std::string>& notes) const;
};

/// Opens `path` (GeoJSON, GeoPackage, Shapefile or FlatGeobuf; no URLs or /vsi paths). `what`
/// names the file in errors ("home area", "regions"). Throws InputError.
PolygonFile open_polygon_file(const std::string& path, const std::string& what);

}  // namespace incimap
