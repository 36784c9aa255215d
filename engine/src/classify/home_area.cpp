#include "incimap/classify/home_area.hpp"

#include "incimap/core/error.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/io/polygon_file.hpp"

namespace incimap {

HomeArea HomeArea::from_codes(const std::vector<std::string>& codes, const Gazetteer& gazetteer) {
    HomeArea home;
    for (const std::string& a2 : alpha2_codes(codes, gazetteer, "placement.home_countries")) home.countries_.insert(a2);
    if (home.countries_.empty()) throw InvalidOption("placement.home_countries", "no country code given");
    for (const std::string& c : home.countries_) home.label_ += (home.label_.empty() ? "" : ",") + c;
    return home;
}

HomeArea HomeArea::from_file(const std::filesystem::path& file, const Boundaries& boundaries) {
    const std::string path = file.string();
    const PolygonFile source = open_polygon_file(path, "home area");
    GEOSContextHandle_t ctx = boundaries.context();
    std::vector<GeosGeometryPtr> parts;
    std::vector<unsigned char> wkb;
    std::vector<std::string> notes;  // repairs that change nothing of the area meant
    const GdalErrorCapture gdal_warnings;
    std::int64_t row = 0;
    for (auto& feature : *source.layer) {
        const std::unique_ptr<OGRGeometry> polygon = source.polygon(*feature, ++row, notes);
        if (!polygon) continue;
        const OGRGeometry* g = polygon.get();
        wkb.resize(static_cast<std::size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        GeosGeometryPtr geom = geometry_from_wkb(ctx, wkb);
        if (!geom) continue;
        if (GeosGeometryPtr valid = make_valid(ctx, geom.get())) parts.push_back(std::move(valid));
    }
    if (parts.empty()) throw InputError(path, "no polygon in the home area file");
    std::vector<GEOSGeometry*> raw;
    for (GeosGeometryPtr& p : parts) raw.push_back(p.release());  // the collection takes ownership
    GeosGeometryPtr collection = own(ctx, GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, raw.data(),
                                                                     static_cast<unsigned>(raw.size())));
    if (!collection) {
        for (GEOSGeometry* g : raw) GEOSGeom_destroy_r(ctx, g);
        throw InputError(path, "cannot collect the home area polygons");
    }
    GEOSGeometry* merged = GEOSUnaryUnion_r(ctx, collection.get());
    if (merged == nullptr) throw InputError(path, "cannot merge the home area polygons");
    const GEOSPreparedGeometry* prepared = GEOSPrepare_r(ctx, merged);
    if (prepared == nullptr) {
        GEOSGeom_destroy_r(ctx, merged);
        throw InputError(path, "cannot prepare the home area polygons");
    }

    HomeArea home;
    home.label_ = file.filename().string();
    home.ctx_ = ctx;
    home.polygon_.reset(merged, GeosGeometryDeleter{ctx});
    home.prepared_.reset(prepared, GeosPreparedDeleter{ctx});
    return home;
}

IncidentClass HomeArea::classify(const Location& where, const Boundaries& boundaries) const {
    if (!polygon_) return countries_.count(where.country) ? IncidentClass::domestic : IncidentClass::transnational;

    if (const GEOSGeometry* footprint = boundaries.footprint(where.footprint)) {
        GeosGeometryPtr inside = own(ctx_, GEOSIntersection_r(ctx_, footprint, polygon_.get()));
        double inside_area = 0, total_area = 0;
        if (inside) GEOSArea_r(ctx_, inside.get(), &inside_area);
        GEOSArea_r(ctx_, footprint, &total_area);
        return total_area > 0 && inside_area > total_area / 2 ? IncidentClass::domestic : IncidentClass::transnational;
    }
    const GeosGeometryPtr point = make_point(ctx_, where.position.lon_deg, where.position.lat_deg);
    return GEOSPreparedIntersects_r(ctx_, prepared_.get(), point.get()) == 1 ? IncidentClass::domestic
                                                                              : IncidentClass::transnational;
}

}  // namespace incimap
