#include "incimap/output/raster_files.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include <cpl_vsi.h>

#include "incimap/core/error.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/io/xml_text.hpp"
#include "incimap/render/png.hpp"

namespace incimap {

namespace {

// A MEM dataset over caller-owned pixels (no copy): `bands` planes of `type`, each starting at
// `planes[b]`, with the given pixel and line strides in bytes.
DatasetPtr wrap_pixels(int width, int height, GDALDataType type, const std::vector<const void*>& planes, int pixel_stride, long line_stride) {
    ensure_gdal_registered();
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("MEM");
    if (mem == nullptr) throw IoError("GDAL has no MEM driver");
    DatasetPtr ds(mem->Create("", width, height, 0, type, nullptr));
    if (!ds) throw IoError("cannot create an in-memory raster");
    for (const void* plane : planes) {
        char pointer[64], pixel[32], line[32];
        std::snprintf(pointer, sizeof pointer, "DATAPOINTER=%p", plane);
        std::snprintf(pixel, sizeof pixel, "PIXELOFFSET=%d", pixel_stride);
        std::snprintf(line, sizeof line, "LINEOFFSET=%ld", line_stride);
        const char* options[] = {pointer, pixel, line, nullptr};
        if (ds->AddBand(type, const_cast<char**>(options)) != CE_None) throw IoError("cannot wrap pixels in an in-memory raster");
    }
    return ds;
}

// Copies `source` with the driver into the output's temporary file; errors name the final path.
void copy_to(GDALDataset& source, const char* driver_name, const AtomicOutput& output, const std::vector<std::string>& options) {
    const std::filesystem::path& path = output.final_path();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (driver == nullptr) throw IoError(path.string() + ": GDAL has no " + driver_name + " driver");
    std::vector<char*> opts;
    for (const std::string& o : options) opts.push_back(const_cast<char*>(o.c_str()));
    opts.push_back(nullptr);
    const GdalErrorCapture errors;
    DatasetPtr out(driver->CreateCopy(output.temp_path().c_str(), &source, false, opts.data(), nullptr, nullptr));
    if (!out) throw IoError(path.string() + ": cannot write: " + errors.first_error());
    out.reset();  // flushes and closes
    if (!errors.first_error().empty()) throw IoError(path.string() + ": cannot write: " + errors.first_error());
}

}  // namespace

void write_geotiff(const std::filesystem::path& path, const GridSpec& grid, const std::vector<FloatBand>& bands,
                   const std::map<std::string, std::string>& metadata, bool cog) {
    std::vector<const void*> planes;
    for (const FloatBand& b : bands) planes.push_back(b.values->data());
    DatasetPtr mem = wrap_pixels(grid.width, grid.height, GDT_Float32, planes, sizeof(float), long(sizeof(float)) * grid.width);
    std::array<double, 6> transform = grid.geo_transform();
    mem->SetGeoTransform(transform.data());
    OGRSpatialReference srs;
    srs.SetFromUserInput(grid.crs.c_str());
    mem->SetSpatialRef(&srs);
    for (std::size_t i = 0; i < bands.size(); ++i) {
        GDALRasterBand* band = mem->GetRasterBand(static_cast<int>(i) + 1);
        band->SetDescription(bands[i].description.c_str());
        band->SetUnitType(bands[i].unit.c_str());
        // where a band has no value (no density): GIS clients draw nothing there
        band->SetNoDataValue(std::numeric_limits<double>::quiet_NaN());
    }
    for (const auto& [key, value] : metadata) mem->SetMetadataItem(key.c_str(), value.c_str());

    AtomicOutput out(path);
    if (cog)
        copy_to(*mem, "COG", out, {"COMPRESS=DEFLATE", "PREDICTOR=YES", "BLOCKSIZE=256", "OVERVIEWS=AUTO", "RESAMPLING=AVERAGE", "BIGTIFF=IF_SAFER"});
    else
        copy_to(*mem, "GTiff", out, {"TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE", "PREDICTOR=3", "BIGTIFF=IF_SAFER"});
    out.commit();
}

void write_png(const std::filesystem::path& path, int width, int height, const std::vector<std::uint8_t>& rgba) {
    const std::vector<std::uint8_t> png = encode_png(width, height, rgba);
    write_file_atomically(path, std::string(png.begin(), png.end()));
}

std::vector<std::string> write_georeferencing_sidecars(const std::filesystem::path& image, const GridSpec& grid) {
    const std::array<double, 6> t = grid.geo_transform();
    char world[256];
    // ESRI world file: x size, rotations, y size (negative: rows go south), centre of the top-left cell
    std::snprintf(world, sizeof world, "%.10f\n0.0000000000\n0.0000000000\n%.10f\n%.10f\n%.10f\n", t[1], t[5], t[0] + t[1] / 2,
                  t[3] + t[5] / 2);
    std::filesystem::path world_path = image;
    world_path.replace_extension(".pgw");
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(grid.crs.c_str()) != OGRERR_NONE) throw IoError(image.string() + ": cannot read the CRS " + grid.crs);
    char* wkt = nullptr;
    srs.exportToWkt(&wkt);
    const std::string wkt_text = wkt ? wkt : "";
    CPLFree(wkt);
    const std::string aux = "<PAMDataset>\n  <SRS dataAxisToSRSAxisMapping=\"1,2\">" + xml_escaped(wkt_text) + "</SRS>\n</PAMDataset>\n";
    const std::filesystem::path aux_path = image.string() + ".aux.xml";
    write_file_atomically(world_path, world);
    write_file_atomically(aux_path, aux);
    return {world_path.filename().string(), aux_path.filename().string()};
}

}  // namespace incimap
