#pragma once
// Rasters out, each written whole or not at all: float GeoTIFF through GDAL (tiled, DEFLATE, or
// Cloud Optimized) for GIS users, PNG files for reports.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "incimap/render/raster_grid.hpp"

namespace incimap {

struct FloatBand {
    std::string description;
    const std::vector<float>* values;
    std::string unit;  ///< the band's unit type ("incidents per 1000 km2")
};

/// A float32 GeoTIFF on `grid` with one band per entry, band descriptions and units set, NaN as
/// the nodata value of every band, and `metadata` as dataset metadata items. Tiled 256 x 256 and DEFLATE-compressed (floating-point predictor);
/// `cog`: a Cloud Optimized GeoTIFF with overviews. Throws IoError naming the file.
void write_geotiff(const std::filesystem::path& path, const GridSpec& grid, const std::vector<FloatBand>& bands,
                   const std::map<std::string, std::string>& metadata, bool cog);

/// An RGBA image as a PNG file.
void write_png(const std::filesystem::path& path, int width, int height, const std::vector<std::uint8_t>& rgba);

/// The georeferencing of an image on `grid`, written on purpose beside it (GDAL's own sidecars
/// are off in the process): a world file (`X.png` -> `X.pgw`: cell size, rotation and the centre
/// of the top-left cell) and `X.png.aux.xml` with the CRS as WKT, as GDAL's PAM reads it.
/// Returns the two file names (without directory).
std::vector<std::string> write_georeferencing_sidecars(const std::filesystem::path& image, const GridSpec& grid);

}  // namespace incimap
