#include "incimap/core/geos.hpp"

namespace incimap {

GeosContextPtr make_geos_context() {
    GEOSContextHandle_t ctx = GEOS_init_r();
    // Errors come back as null results that callers check; GEOS's own text is not printed.
    GEOSContext_setNoticeHandler_r(ctx, nullptr);
    GEOSContext_setErrorHandler_r(ctx, nullptr);
    return GeosContextPtr(ctx);
}

GeosGeometryPtr geometry_from_wkb(GEOSContextHandle_t ctx, std::span<const unsigned char> wkb) {
    return own(ctx, GEOSGeomFromWKB_buf_r(ctx, wkb.data(), wkb.size()));
}

GeosGeometryPtr make_point(GEOSContextHandle_t ctx, double x, double y) {
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx, 1, 2);
    GEOSCoordSeq_setXY_r(ctx, seq, 0, x, y);
    return own(ctx, GEOSGeom_createPoint_r(ctx, seq));
}

GeosGeometryPtr make_valid(GEOSContextHandle_t ctx, const GEOSGeometry* g) {
    if (GEOSisValid_r(ctx, g) == 1) return own(ctx, GEOSGeom_clone_r(ctx, g));
    return own(ctx, GEOSMakeValid_r(ctx, g));
}

}  // namespace incimap
