#pragma once
// RAII for the GEOS reentrant C API. One context per thread; geometries and prepared geometries
// are owned by unique_ptrs whose deleters carry the context that made them.
#include <geos_c.h>

#include <memory>
#include <span>
#include <string>

namespace incimap {

struct GeosContextDeleter {
    void operator()(GEOSContextHandle_t ctx) const noexcept { GEOS_finish_r(ctx); }
};
using GeosContextPtr = std::unique_ptr<std::remove_pointer_t<GEOSContextHandle_t>, GeosContextDeleter>;

/// A new GEOS context whose notices and errors are kept, not printed.
GeosContextPtr make_geos_context();

struct GeosGeometryDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const noexcept { GEOSGeom_destroy_r(ctx, g); }
};
using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

struct GeosPreparedDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(const GEOSPreparedGeometry* g) const noexcept { GEOSPreparedGeom_destroy_r(ctx, g); }
};
using GeosPreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

/// Wraps a geometry that `ctx` created; null stays null.
inline GeosGeometryPtr own(GEOSContextHandle_t ctx, GEOSGeometry* g) { return GeosGeometryPtr(g, {ctx}); }

/// Reads WKB; returns null on invalid WKB.
GeosGeometryPtr geometry_from_wkb(GEOSContextHandle_t ctx, std::span<const unsigned char> wkb);

/// A point geometry at (x, y).
GeosGeometryPtr make_point(GEOSContextHandle_t ctx, double x, double y);

/// A valid copy of `g`: `g` itself cloned when valid, else repaired with MakeValid.
GeosGeometryPtr make_valid(GEOSContextHandle_t ctx, const GEOSGeometry* g);

}  // namespace incimap
