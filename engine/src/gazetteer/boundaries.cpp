#include "incimap/gazetteer/boundaries.hpp"

#include <map>
#include <unordered_map>

#include "incimap/core/ascii.hpp"
#include "incimap/core/error.hpp"
#include "incimap/index/polygon_index.hpp"
#include "incimap/io/gdal.hpp"

namespace incimap {


struct Boundaries::Layer {
    std::vector<Area> areas;
    PolygonIndex index;  // polygon i is areas[i]
    std::unordered_map<std::string, const GEOSGeometry*> footprint_by_code;
    std::vector<GeosGeometryPtr> merged_footprints;

    Layer(GEOSContextHandle_t ctx, OGRLayer& layer, const char* code_field, const std::string& file)
        : index(ctx, read_polygons(ctx, layer, code_field, file, areas)) {
        std::map<std::string, std::vector<std::size_t>> by_code;
        for (std::size_t i = 0; i < areas.size(); ++i)
            if (!areas[i].code.empty()) by_code[areas[i].code].push_back(i);
        for (const auto& [code, members] : by_code) {
            if (members.size() == 1) {
                footprint_by_code[code] = index.polygon(members[0]);
                continue;
            }
            std::vector<GEOSGeometry*> parts;
            for (std::size_t i : members) parts.push_back(GEOSGeom_clone_r(ctx, index.polygon(i)));
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

    // The layer's polygons, and their codes, names and countries into `areas`.
    static std::vector<GeosGeometryPtr> read_polygons(GEOSContextHandle_t ctx, OGRLayer& layer, const char* code_field,
                                                      const std::string& file, std::vector<Area>& areas) {
        const OGRFeatureDefn* defn = layer.GetLayerDefn();
        const int code_i = defn->GetFieldIndex(code_field);
        const int name_i = defn->GetFieldIndex("name");
        const int country_i = defn->GetFieldIndex("iso_a2");
        if (code_i < 0 || name_i < 0 || country_i < 0)
            throw DataError(file + ": layer " + layer.GetName() + " lacks field " + code_field + ", name or iso_a2");
        std::vector<GeosGeometryPtr> polygons;
        std::vector<unsigned char> wkb;
        for (auto& feature : layer) {
            const OGRGeometry* g = feature->GetGeometryRef();
            if (g == nullptr || g->IsEmpty()) continue;
            wkb.resize(static_cast<std::size_t>(g->WkbSize()));
            g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
            GeosGeometryPtr geom = geometry_from_wkb(ctx, wkb);
            if (!geom) throw DataError(file + ": unreadable polygon in layer " + layer.GetName());
            areas.push_back({feature->GetFieldAsString(code_i), feature->GetFieldAsString(name_i), feature->GetFieldAsString(country_i)});
            polygons.push_back(std::move(geom));
        }
        return polygons;
    }

    std::optional<Area> locate(LonLat p) const {
        std::optional<std::size_t> i = index.containing(p);
        if (!i) i = index.nearest_within(p, coast_tolerance_km);
        if (!i) return std::nullopt;
        return areas[*i];
    }

    const GEOSGeometry* footprint(const std::string& code) const {
        const auto it = footprint_by_code.find(code);
        return it == footprint_by_code.end() ? nullptr : it->second;
    }
};

DatasetPtr open_boundaries_file(const std::filesystem::path& gpkg) {
    ensure_gdal_registered();
    GdalErrorCapture capture;
    const char* drivers[] = {"GPKG", nullptr};
    DatasetPtr ds(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
    if (!ds) throw DataError(gpkg.string() + ": cannot open boundaries GeoPackage (run tools/setup.sh): " + capture.first_error());
    return ds;
}

OGRLayer& boundaries_layer(GDALDataset& boundaries, const char* name, const std::filesystem::path& gpkg) {
    OGRLayer* layer = boundaries.GetLayerByName(name);
    if (layer == nullptr) throw DataError(gpkg.string() + ": no layer " + name);
    return *layer;
}

Boundaries::Boundaries(const std::filesystem::path& gpkg) : ctx_(make_geos_context()) {
    const DatasetPtr ds = open_boundaries_file(gpkg);
    admin0_ = std::make_unique<Layer>(ctx_.get(), boundaries_layer(*ds, "admin0", gpkg), "iso_a2", gpkg.string());
    admin1_ = std::make_unique<Layer>(ctx_.get(), boundaries_layer(*ds, "admin1", gpkg), "iso_3166_2", gpkg.string());
}

Boundaries::~Boundaries() {
    // Layers hold geometries made by ctx_; they must go before the context.
    admin1_.reset();
    admin0_.reset();
}

std::optional<Area> Boundaries::country_at(LonLat p) const { return admin0_->locate(p); }
std::optional<Area> Boundaries::admin1_at(LonLat p) const { return admin1_->locate(p); }

const GEOSGeometry* Boundaries::country_footprint(const std::string& iso_a2) const { return admin0_->footprint(iso_a2); }
const GEOSGeometry* Boundaries::admin1_footprint(const std::string& code) const { return admin1_->footprint(code); }

const GEOSGeometry* Boundaries::footprint(const Footprint& footprint) const {
    switch (footprint.kind) {
        case Footprint::Kind::admin1: return admin1_footprint(footprint.code);
        case Footprint::Kind::country: return country_footprint(footprint.code);
        case Footprint::Kind::user: {
            const auto it = user_footprints_.find(footprint.code);
            return it == user_footprints_.end() ? nullptr : it->second.get();
        }
        case Footprint::Kind::none: break;
    }
    return nullptr;
}

void Boundaries::add_user_footprint(std::int64_t row, std::span<const unsigned char> wkb) {
    const Footprint footprint = Footprint::user(row);
    GeosGeometryPtr polygon = geometry_from_wkb(ctx_.get(), wkb);
    if (!polygon) throw DataError(footprint.text() + ": unreadable footprint polygon");
    user_footprints_.insert_or_assign(footprint.code, std::move(polygon));
}

GEOSContextHandle_t Boundaries::context() const noexcept { return ctx_.get(); }
std::size_t Boundaries::country_count() const noexcept { return admin0_->areas.size(); }
std::size_t Boundaries::admin1_count() const noexcept { return admin1_->areas.size(); }

std::optional<LonLatBox> area_extent(const std::filesystem::path& gpkg, const std::string& area, std::vector<std::string>& subregions) {
    const DatasetPtr ds = open_boundaries_file(gpkg);
    const std::string wanted = ascii_lower(area);
    for (const auto& [layer_name, fields] : {std::pair<const char*, std::vector<const char*>>{"subregions", {"name"}},
                                             std::pair<const char*, std::vector<const char*>>{"admin0", {"name", "iso_a2", "iso_a3"}}}) {
        OGRLayer* layer = ds->GetLayerByName(layer_name);
        if (layer == nullptr) continue;
        for (auto& feature : *layer) {
            if (std::string(layer_name) == "subregions") subregions.emplace_back(feature->GetFieldAsString("name"));
            bool match = false;
            for (const char* field : fields) match |= ascii_lower(feature->GetFieldAsString(field)) == wanted;
            if (!match || feature->GetGeometryRef() == nullptr) continue;
            OGREnvelope e;
            feature->GetGeometryRef()->getEnvelope(&e);
            const double mx = (e.MaxX - e.MinX) * 0.05, my = (e.MaxY - e.MinY) * 0.05;
            return LonLatBox{std::max(-180.0, e.MinX - mx), std::max(-85.0, e.MinY - my), std::min(180.0, e.MaxX + mx), std::min(85.0, e.MaxY + my)};
        }
    }
    return std::nullopt;
}

}  // namespace incimap
