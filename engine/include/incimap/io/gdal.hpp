#pragma once
// RAII for GDAL/OGR handles and GDAL error capture. Every dataset lives in a unique_ptr with a
// named deleter; GDAL errors are turned into exceptions that name the file.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

namespace incimap {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const noexcept { GDALClose(GDALDataset::ToHandle(ds)); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* ct) const noexcept { OGRCoordinateTransformation::DestroyCT(ct); }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

/// Registers GDAL drivers once and switches GDAL's and PROJ's network access off; cheap to call
/// again.
void ensure_gdal_registered();

/// The URL GDAL last tried to fetch (and was refused) since the last call, or empty.
std::string take_refused_url();

/// Throws InputError naming `path` when GDAL tried to fetch a URL while opening it.
void refuse_if_fetched(const std::string& path);

/// While alive, GDAL errors and warnings are collected instead of printed, so that they can be
/// reported with the file they belong to. Nests; restores the previous handler when destroyed.
class GdalErrorCapture {
public:
    GdalErrorCapture();
    ~GdalErrorCapture();
    GdalErrorCapture(const GdalErrorCapture&) = delete;
    GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;

    /// The first error (CE_Failure or worse) message, or empty: the cause, where later errors
    /// (a failed write, then every statement after it) only follow from it.
    const std::string& first_error() const noexcept { return first_error_; }
    /// Warnings collected, one per line.
    const std::string& warnings() const noexcept { return warnings_; }

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum code, const char* message);
    std::string first_error_;
    std::string warnings_;
};

/// The transformation from the layer's CRS to WGS 84 lon/lat; null when it is that already or has
/// none. Throws InputError naming `path` and `what` when PROJ cannot make it.
TransformPtr transform_to_wgs84(const OGRLayer& layer, const std::string& path, const std::string& what);

/// Transforms a geometry read from an input file in place; false when PROJ fails or when a
/// coordinate is not finite or lies beyond 1e9 units from the origin, which no real CRS reaches
/// (GDAL 3.6 brings Web Mercator longitudes back into range one turn at a time, so a coordinate
/// of 1e20 m would never finish).
bool transform_input_geometry(OGRGeometry& geometry, OGRCoordinateTransformation& transform);

/// The WGS 84 spatial reference with longitude, latitude axis order.
const OGRSpatialReference& wgs84_lonlat();

}  // namespace incimap
