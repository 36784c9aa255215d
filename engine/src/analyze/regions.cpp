#include "incimap/analyze/regions.hpp"

#include <map>
#include <unordered_map>

#include "incimap/core/error.hpp"
#include "incimap/core/geos.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/index/polygon_index.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/io/polygon_file.hpp"

namespace incimap {

namespace {
// About 1 km: plenty for a choropleth, and it keeps regions.geojson small.
constexpr double output_tolerance_deg = 0.01;

std::shared_ptr<const OGRGeometry> simplified(const OGRGeometry& g) {
    std::unique_ptr<OGRGeometry> s(g.Simplify(output_tolerance_deg));
    if (!s) s.reset(g.clone());
    return std::shared_ptr<const OGRGeometry>(std::move(s));
}
}  // namespace

std::optional<RegionKind> parse_region_kind(std::string_view text) {
    if (text == "country") return RegionKind::country;
    if (text == "admin1") return RegionKind::admin1;
    if (text == "subregion") return RegionKind::subregion;
    return std::nullopt;
}

std::string_view to_string(RegionKind kind) {
    switch (kind) {
        case RegionKind::country: return "country";
        case RegionKind::admin1: return "admin1";
        case RegionKind::subregion: return "subregion";
        case RegionKind::custom: return "custom";
    }
    return "?";
}

struct RegionSet::Impl {
    RegionKind kind = RegionKind::country;
    std::vector<Region> regions;
    std::unordered_map<std::string, std::size_t> by_code;     // countries, admin-1 areas
    std::unordered_map<std::string, std::size_t> by_country;  // subregions: member country -> region
    // custom polygons: polygon i is regions[i]
    GeosContextPtr ctx;
    std::optional<PolygonIndex> polygons;
    mutable std::vector<std::shared_ptr<const OGRGeometry>> simplified;  // output_geometry's, by region
};

RegionSet::RegionSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RegionSet::RegionSet(RegionSet&&) noexcept = default;
RegionSet& RegionSet::operator=(RegionSet&&) noexcept = default;
RegionSet::~RegionSet() {
    if (impl_) impl_->polygons.reset();  // GEOS objects go before their context
}

RegionKind RegionSet::kind() const noexcept { return impl_->kind; }
std::size_t RegionSet::size() const noexcept { return impl_->regions.size(); }
const Region& RegionSet::region(std::size_t i) const { return impl_->regions.at(i); }

std::shared_ptr<const OGRGeometry> RegionSet::output_geometry(std::size_t i) const {
    const Region& r = region(i);
    if (!r.geometry) return nullptr;
    impl_->simplified.resize(impl_->regions.size());
    if (!impl_->simplified[i]) impl_->simplified[i] = simplified(*r.geometry);
    return impl_->simplified[i];
}

RegionSet RegionSet::from_boundaries(RegionKind kind, const std::filesystem::path& gpkg) {
    const DatasetPtr ds = open_boundaries_file(gpkg);
    const char* layer_name = kind == RegionKind::country ? "admin0" : kind == RegionKind::admin1 ? "admin1" : "subregions";
    OGRLayer* layer = &boundaries_layer(*ds, layer_name, gpkg);

    auto impl = std::make_unique<Impl>();
    impl->kind = kind;
    const char* code_field = kind == RegionKind::country ? "iso_a2" : kind == RegionKind::admin1 ? "iso_3166_2" : "name";
    // Several Natural Earth polygons can share one admin-1 code: their parts are gathered.
    std::map<std::string, std::pair<std::string, OGRMultiPolygon>> gathered;
    std::map<std::string, std::string> members;
    for (auto& f : *layer) {
        const std::string code = f->GetFieldAsString(code_field);
        const OGRGeometry* g = f->GetGeometryRef();
        if (code.empty() || g == nullptr) continue;
        auto& [name, parts] = gathered[code];
        name = f->GetFieldAsString(kind == RegionKind::admin1 && f->GetFieldIndex("name_en") >= 0 ? "name_en" : "name");
        if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon)
            for (const OGRPolygon* p : *g->toMultiPolygon()) parts.addGeometry(p);
        else if (wkbFlatten(g->getGeometryType()) == wkbPolygon)
            parts.addGeometry(g);
        if (kind == RegionKind::subregion) members[code] = f->GetFieldAsString("countries");
    }
    for (auto& [code, entry] : gathered) {
        const std::size_t i = impl->regions.size();
        impl->regions.push_back({code, entry.first, std::make_shared<const OGRMultiPolygon>(std::move(entry.second))});
        impl->by_code[code] = i;
        if (kind == RegionKind::subregion) {
            const std::string& list = members[code];
            for (std::size_t start = 0; start < list.size();) {
                const std::size_t comma = list.find(',', start);
                impl->by_country[list.substr(start, comma == std::string::npos ? std::string::npos : comma - start)] = i;
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        }
    }
    return RegionSet(std::move(impl));
}

RegionSet RegionSet::from_file(const std::filesystem::path& file, const std::string& field, std::vector<std::string>& warnings) {
    const std::string path = file.string();
    const PolygonFile source = open_polygon_file(path, "regions");
    OGRLayer* layer = source.layer;
    const int field_index = layer->GetLayerDefn()->GetFieldIndex(field.c_str());
    if (field_index < 0) throw InputError(path, "no field named '" + field + "' ({analysis.region_field})", 0, field);
    auto impl = std::make_unique<Impl>();
    impl->kind = RegionKind::custom;
    impl->ctx = make_geos_context();
    GEOSContextHandle_t ctx = impl->ctx.get();
    std::vector<GeosGeometryPtr> polygons;
    std::vector<unsigned char> wkb;
    std::int64_t row = 0;
    const GdalErrorCapture gdal_warnings;  // reported through `warnings`, not on stderr
    for (auto& f : *layer) {
        ++row;
        const std::unique_ptr<OGRGeometry> polygon = source.polygon(*f, row, warnings);
        if (!polygon) continue;
        OGRGeometry* g = polygon.get();
        wkb.resize(static_cast<std::size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
        GeosGeometryPtr geom = geometry_from_wkb(ctx, wkb);
        if (!geom) throw InputError(path, "unreadable polygon", row);
        const std::string code = f->GetFieldAsString(field_index);
        std::shared_ptr<const OGRGeometry> output(g->clone());
        if (GEOSisValid_r(ctx, geom.get()) != 1) {
            warnings.push_back(path + ": row " + std::to_string(row) + ": invalid polygon of region '" + code + "' repaired (GEOS MakeValid)");
            geom = make_valid(ctx, geom.get());
            if (!geom) throw InputError(path, "cannot repair polygon", row);
            std::unique_ptr<OGRGeometry> fixed(g->MakeValid());
            if (fixed) output = std::move(fixed);
        }
        impl->regions.push_back({code, code, std::move(output)});
        polygons.push_back(std::move(geom));
    }
    if (impl->regions.empty()) throw InputError(path, "no polygon in the regions file");
    impl->polygons.emplace(ctx, std::move(polygons));
    return RegionSet(std::move(impl));
}

std::optional<std::size_t> RegionSet::region_of(const IncidentPoint& incident) const {
    auto lookup = [](const auto& map, const std::string& key) -> std::optional<std::size_t> {
        const auto it = map.find(key);
        if (it == map.end()) return std::nullopt;
        return it->second;
    };
    switch (impl_->kind) {
        case RegionKind::country: return lookup(impl_->by_code, *incident.country);
        case RegionKind::admin1: return lookup(impl_->by_code, *incident.admin1);
        case RegionKind::subregion: return lookup(impl_->by_country, *incident.country);
        case RegionKind::custom: break;
    }
    return impl_->polygons->containing(incident.position);
}

}  // namespace incimap
