#include "incimap/io/raster_writers.hpp"

#include <atomic>
#include <cinttypes>
#include <cstdio>

#include <cpl_vsi.h>

#include "incimap/core/error.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/gdal.hpp"

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

void copy_to(GDALDataset& source, const char* driver_name, const std::filesystem::path& path, const std::vector<std::string>& options) {
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
    if (driver == nullptr) throw IoError(path.string() + ": GDAL has no " + driver_name + " driver");
    std::vector<char*> opts;
    for (const std::string& o : options) opts.push_back(const_cast<char*>(o.c_str()));
    opts.push_back(nullptr);
    const GdalErrorCapture errors;
    DatasetPtr out(driver->CreateCopy(path.c_str(), &source, false, opts.data(), nullptr, nullptr));
    if (!out) throw IoError(path.string() + ": cannot write: " + errors.last_error());
    out.reset();  // flushes and closes
    if (!errors.last_error().empty()) throw IoError(path.string() + ": cannot write: " + errors.last_error());
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
    for (std::size_t i = 0; i < bands.size(); ++i) mem->GetRasterBand(static_cast<int>(i) + 1)->SetDescription(bands[i].description.c_str());
    for (const auto& [key, value] : metadata) mem->SetMetadataItem(key.c_str(), value.c_str());

    AtomicOutput out(path);
    if (cog)
        copy_to(*mem, "COG", out.temp_path(), {"COMPRESS=DEFLATE", "PREDICTOR=YES", "BLOCKSIZE=256", "OVERVIEWS=AUTO", "RESAMPLING=AVERAGE", "BIGTIFF=IF_SAFER"});
    else
        copy_to(*mem, "GTiff", out.temp_path(), {"TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE", "PREDICTOR=3", "BIGTIFF=IF_SAFER"});
    out.commit();
}

std::vector<std::uint8_t> encode_png(int width, int height, const std::vector<std::uint8_t>& rgba, int zlevel) {
    const std::uint8_t* base = rgba.data();
    DatasetPtr mem = wrap_pixels(width, height, GDT_Byte, {base, base + 1, base + 2, base + 3}, 4, 4L * width);
    mem->GetRasterBand(4)->SetColorInterpretation(GCI_AlphaBand);
    static std::atomic<std::uint64_t> counter{0};
    char name[64];
    std::snprintf(name, sizeof name, "/vsimem/incimap-%" PRIu64 ".png", counter++);
    copy_to(*mem, "PNG", name, {"ZLEVEL=" + std::to_string(zlevel)});
    vsi_l_offset size = 0;
    GByte* bytes = VSIGetMemFileBuffer(name, &size, false);
    std::vector<std::uint8_t> png(bytes, bytes + size);
    VSIUnlink(name);
    VSIUnlink((std::string(name) + ".aux.xml").c_str());
    return png;
}

void write_png(const std::filesystem::path& path, int width, int height, const std::vector<std::uint8_t>& rgba) {
    const std::vector<std::uint8_t> png = encode_png(width, height, rgba);
    write_file_atomically(path, std::string(png.begin(), png.end()));
}

}  // namespace incimap
