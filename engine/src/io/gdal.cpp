#include "incimap/io/gdal.hpp"

#include <cpl_error.h>
#include <cpl_http.h>
#include <ogr_srs_api.h>

#include <cmath>
#include <mutex>
#include <string>
#include <utility>

#include "incimap/core/error.hpp"

namespace incimap {

namespace {

std::mutex refused_mutex;
std::string refused;

// Every HTTP request GDAL would make (a GeoJSON "crs" link, a remote SRS definition ...) fails
// here: inputs come from anywhere, and reading them must not reach the network.
CPLHTTPResult* refuse_network(const char* url, CSLConstList, GDALProgressFunc, void*, CPLHTTPFetchWriteFunc, void*, void*) {
    {
        const std::lock_guard lock(refused_mutex);
        refused = url ? url : "a URL";
    }
    auto* result = static_cast<CPLHTTPResult*>(CPLCalloc(1, sizeof(CPLHTTPResult)));
    result->nStatus = 1;
    result->pszErrBuf = CPLStrdup((std::string("incimap does not fetch ") + (url ? url : "URLs") + ": network access is off").c_str());
    return result;
}

}  // namespace

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        CPLHTTPSetFetchCallback(refuse_network, nullptr);
        OSRSetPROJEnableNetwork(FALSE);
        // No .aux.xml sidecars: none is read beside an input, none is written beside an output
        // (where it would escape the atomic rename).
        CPLSetConfigOption("GDAL_PAM_ENABLED", "NO");
    });
}

std::string take_refused_url() {
    const std::lock_guard lock(refused_mutex);
    return std::exchange(refused, {});
}

void refuse_if_fetched(const std::string& path) {
    if (const std::string url = take_refused_url(); !url.empty())
        throw InputError(path, "refers to " + url + " (a GeoJSON \"crs\" link?), which incimap does not fetch: give the CRS by name, e.g. EPSG:3857");
}

TransformPtr transform_to_wgs84(const OGRLayer& layer, const std::string& path, const std::string& what) {
    const OGRSpatialReference* srs = const_cast<OGRLayer&>(layer).GetSpatialRef();
    if (srs == nullptr) return nullptr;
    OGRSpatialReference source = *srs;
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (source.IsSame(&wgs84_lonlat())) return nullptr;
    GdalErrorCapture capture;
    TransformPtr to_wgs84(OGRCreateCoordinateTransformation(&source, &wgs84_lonlat()));
    if (!to_wgs84) throw InputError(path, "cannot transform the " + what + " CRS to WGS 84: " + capture.first_error());
    return to_wgs84;
}

bool transform_input_geometry(OGRGeometry& geometry, OGRCoordinateTransformation& transform) {
    constexpr double farthest = 1e9;
    OGREnvelope extent;
    geometry.getEnvelope(&extent);
    for (const double v : {extent.MinX, extent.MaxX, extent.MinY, extent.MaxY})
        if (!std::isfinite(v) || std::abs(v) > farthest) return false;
    return geometry.transform(&transform) == OGRERR_NONE;
}

GdalErrorCapture::GdalErrorCapture() { CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this); }

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorCapture::handler(CPLErr level, CPLErrorNum, const char* message) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self == nullptr || message == nullptr) return;
    if (level >= CE_Failure) {
        if (self->first_error_.empty()) self->first_error_ = message;
    } else if (level == CE_Warning) {
        if (!self->warnings_.empty()) self->warnings_ += '\n';
        self->warnings_ += message;
    }
}

const OGRSpatialReference& wgs84_lonlat() {
    static const OGRSpatialReference srs = [] {
        OGRSpatialReference s;
        s.SetWellKnownGeogCS("WGS84");
        s.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        return s;
    }();
    return srs;
}

}  // namespace incimap
