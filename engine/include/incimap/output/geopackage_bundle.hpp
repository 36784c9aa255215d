#pragma once
// All vector layers of an output directory in one GeoPackage, with their QGIS and SLD styles in
// its layer_styles table, so that QGIS opens every layer styled.
#include <filesystem>
#include <string>
#include <vector>

#include "incimap/io/geojson_layer.hpp"

namespace incimap {

struct BundledLayer {
    std::string name;                 ///< layer name in the GeoPackage ("incidents")
    std::filesystem::path source;     ///< the GeoJSON written before
    std::string style;                ///< style base name in the styles directory ("incidents"), empty for none
    LayerSchema schema;               ///< the geometry type and fields the writer declared
};

/// Writes `path` (atomically) with one table per layer and a layer_styles table as QGIS reads
/// it (styleQML, styleSLD, useAsDefault). Throws IoError naming the file.
void write_geopackage_bundle(const std::filesystem::path& path, const std::vector<BundledLayer>& layers,
                             const std::filesystem::path& styles_dir);

}  // namespace incimap
