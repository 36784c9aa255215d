#pragma once
// Rasters out through GDAL, each written whole or not at all: float GeoTIFF (tiled, DEFLATE, or
// Cloud Optimized) for GIS users, PNG for reports and tiles.
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
};

/// A float32 GeoTIFF on `grid` with one band per entry, band descriptions set, and `metadata`
/// as dataset metadata items. Tiled 256 x 256 and DEFLATE-compressed (floating-point predictor);
/// `cog`: a Cloud Optimized GeoTIFF with overviews. Throws IoError naming the file.
void write_geotiff(const std::filesystem::path& path, const GridSpec& grid, const std::vector<FloatBand>& bands,
                   const std::map<std::string, std::string>& metadata, bool cog);

/// PNG bytes of an RGBA image (row-major, 4 bytes a pixel), by GDAL's PNG driver, at zlib
/// level `zlevel` (1-9: faster to smaller).
std::vector<std::uint8_t> encode_png(int width, int height, const std::vector<std::uint8_t>& rgba, int zlevel = 6);

/// An RGBA image as a PNG file.
void write_png(const std::filesystem::path& path, int width, int height, const std::vector<std::uint8_t>& rgba);

}  // namespace incimap
