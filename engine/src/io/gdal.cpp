#include "incimap/io/gdal.hpp"

#include <cpl_error.h>

#include <mutex>

namespace incimap {

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorCapture::GdalErrorCapture() { CPLPushErrorHandlerEx(&GdalErrorCapture::handler, this); }

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorCapture::handler(CPLErr level, CPLErrorNum, const char* message) {
    auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
    if (self == nullptr || message == nullptr) return;
    if (level >= CE_Failure) {
        self->last_error_ = message;
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
