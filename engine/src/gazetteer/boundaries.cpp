#include "incimap/gazetteer/boundaries.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "incimap/core/error.hpp"
#include "incimap/io/gdal.hpp"

namespace incimap {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {
using BoxPoint = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<BoxPoint>;
using IndexEntry = std::pair<Box, std::uint32_t>;
}  // namespace

struct Boundaries::Layer {
    std::vector<Area> areas;
    std::vector<GeosGeometryPtr> geometries;
    std::vector<GeosPreparedPtr> prepared;
    bgi::rtree<IndexEntry, bgi::rstar<16>> index;
    std::unordered_map<std::string, const GEOSGeometry*> footprint_by_code;
    std::vector<GeosGeometryPtr> merged_footprints;

    Layer(GEOSContextHandle_t ctx, OGRLayer& layer, const char* code_field, const std::string& file) {
        const OGRFeatureDefn* defn = layer.GetLayerDefn();
        const int code_i = defn->GetFieldIndex(code_field);
        const int name_i = defn->GetFieldIndex("name");
        const int country_i = defn->GetFieldIndex("iso_a2");
        if (code_i < 0 || name_i < 0 || country_i < 0)
            throw DataError(file + ": layer " + layer.GetName() + " lacks field " + code_field + ", name or iso_a2");
        std::vector<IndexEntry> entries;
        std::vector<unsigned char> wkb;
        for (auto& feature : layer) {
            const OGRGeometry* g = feature->GetGeometryRef();
            if (g == nullptr || g->IsEmpty()) continue;
            wkb.resize(static_cast<std::size_t>(g->WkbSize()));
            g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
            GeosGeometryPtr geom = geometry_from_wkb(ctx, wkb);
            if (!geom) throw DataError(file + ": unreadable polygon in layer " + layer.GetName());
            OGREnvelope env;
            g->getEnvelope(&env);
            const auto position = static_cast<std::uint32_t>(areas.size());
            entries.emplace_back(Box({env.MinX, env.MinY}, {env.MaxX, env.MaxY}), position);
            areas.push_back({feature->GetFieldAsString(code_i), feature->GetFieldAsString(name_i),
                             feature->GetFieldAsString(country_i)});
            prepared.emplace_back(GEOSPrepare_r(ctx, geom.get()), GeosPreparedDeleter{ctx});
            if (!prepared.back()) throw DataError(file + ": cannot prepare a polygon of layer " + layer.GetName());
            geometries.push_back(std::move(geom));
        }
        index = decltype(index)(entries.begin(), entries.end());  // bulk load (packing)

        std::map<std::string, std::vector<std::uint32_t>> by_code;
        for (std::uint32_t i = 0; i < areas.size(); ++i)
            if (!areas[i].code.empty()) by_code[areas[i].code].push_back(i);
        for (const auto& [code, members] : by_code) {
            if (members.size() == 1) {
                footprint_by_code[code] = geometries[members[0]].get();
                continue;
            }
            std::vector<GEOSGeometry*> parts;
            for (std::uint32_t i : members) parts.push_back(GEOSGeom_clone_r(ctx, geometries[i].get()));
            GeosGeometryPtr collection = own(ctx, GEOSGeom_createCollection_r(ctx, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                                             static_cast<unsigned>(parts.size())));
            if (!collection) {
                for (GEOSGeometry* g : parts) GEOSGeom_destroy_r(ctx, g);
                throw DataError(file + ": cannot collect the polygons of " + code);
            }
            GeosGeometryPtr merged = own(ctx, GEOSUnaryUnion_r(ctx, collection.get()));
            if (!merged) throw DataError(file + ": cannot merge polygons of " + code);
            footprint_by_code[code] = merged.get();
            merged_footprints.push_back(std::move(merged));
        }
    }

    std::optional<Area> locate(GEOSContextHandle_t ctx, LonLat p) const {
        if (!is_valid(p)) return std::nullopt;
        const GeosGeometryPtr point = make_point(ctx, p.lon_deg, p.lat_deg);
        const BoxPoint bp(p.lon_deg, p.lat_deg);
        // Where polygons overlap (rare, at borders) the first in file order wins, so candidates are
        // tested in that order and the first hit ends the search.
        thread_local std::vector<std::uint32_t> candidates;
        candidates.clear();
        for (auto it = index.qbegin(bgi::intersects(bp)); it != index.qend(); ++it) candidates.push_back(it->second);
        std::sort(candidates.begin(), candidates.end());
        for (std::uint32_t c : candidates)
            if (GEOSPreparedIntersects_r(ctx, prepared[c].get(), point.get()) == 1) return areas[c];
        std::optional<std::uint32_t> found;

        // Not inside any polygon: take the nearest one within the coastal tolerance. Distances
        // are in degrees of the data's lon/lat plane; a degree is at most 111.32 km, so the
        // window in degrees is widened by 1/cos(latitude) to cover the tolerance east-west.
        const double km_per_degree = 111.32;
        const double window_deg = coast_tolerance_km / km_per_degree /
                                  std::max(0.05, std::cos(p.lat_deg * 3.14159265358979 / 180));
        const Box window({p.lon_deg - window_deg, p.lat_deg - window_deg}, {p.lon_deg + window_deg, p.lat_deg + window_deg});
        double best_deg = window_deg;
        for (auto it = index.qbegin(bgi::intersects(window)); it != index.qend(); ++it) {
            double d = 0;
            if (GEOSPreparedDistance_r(ctx, prepared[it->second].get(), point.get(), &d) != 1) continue;
            if (d < best_deg || (d == best_deg && found && it->second < *found)) {
                best_deg = d;
                found = it->second;
            }
        }
        if (found && haversine_km(p, nearest_point(ctx, *found, point.get())) <= coast_tolerance_km) return areas[*found];
        return std::nullopt;
    }

    LonLat nearest_point(GEOSContextHandle_t ctx, std::uint32_t area, const GEOSGeometry* point) const {
        GEOSCoordSequence* nearest = GEOSPreparedNearestPoints_r(ctx, prepared[area].get(), point);
        double x = 0, y = 0;
        if (nearest != nullptr) {
            GEOSCoordSeq_getXY_r(ctx, nearest, 0, &x, &y);
            GEOSCoordSeq_destroy_r(ctx, nearest);
        }
        return {x, y};
    }

    const GEOSGeometry* footprint(const std::string& code) const {
        const auto it = footprint_by_code.find(code);
        return it == footprint_by_code.end() ? nullptr : it->second;
    }
};

Boundaries::Boundaries(const std::filesystem::path& gpkg) : ctx_(make_geos_context()) {
    ensure_gdal_registered();
    GdalErrorCapture capture;
    const char* drivers[] = {"GPKG", nullptr};
    DatasetPtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
    if (!ds) throw DataError(gpkg.string() + ": cannot open boundaries GeoPackage (run tools/setup.sh): " + capture.last_error());
    OGRLayer* admin0 = ds->GetLayerByName("admin0");
    OGRLayer* admin1 = ds->GetLayerByName("admin1");
    if (admin0 == nullptr || admin1 == nullptr) throw DataError(gpkg.string() + ": layers admin0 and admin1 are required");
    admin0_ = std::make_unique<Layer>(ctx_.get(), *admin0, "iso_a2", gpkg.string());
    admin1_ = std::make_unique<Layer>(ctx_.get(), *admin1, "iso_3166_2", gpkg.string());
}

Boundaries::~Boundaries() {
    // Layers hold geometries made by ctx_; they must go before the context.
    admin1_.reset();
    admin0_.reset();
}

std::optional<Area> Boundaries::country_at(LonLat p) const { return admin0_->locate(ctx_.get(), p); }
std::optional<Area> Boundaries::admin1_at(LonLat p) const { return admin1_->locate(ctx_.get(), p); }

const GEOSGeometry* Boundaries::country_footprint(const std::string& iso_a2) const { return admin0_->footprint(iso_a2); }
const GEOSGeometry* Boundaries::admin1_footprint(const std::string& code) const { return admin1_->footprint(code); }

GEOSContextHandle_t Boundaries::context() const noexcept { return ctx_.get(); }
std::size_t Boundaries::country_count() const noexcept { return admin0_->areas.size(); }
std::size_t Boundaries::admin1_count() const noexcept { return admin1_->areas.size(); }

}  // namespace incimap
