#include "incimap/core/ascii.hpp"
#include "incimap/output/vector_layers.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "incimap/core/error.hpp"
#include "incimap/core/utf8.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/csv.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/io/geojson_layer.hpp"

namespace incimap {

namespace {

// incimap's own properties of incidents.geojson, in order.
const GeoJsonLayer::Fields& own_fields() {
    static const GeoJsonLayer::Fields fields = {
        {"id", OFTString}, {"date", OFTString}, {"date_precision", OFTString}, {"date_start", OFTString},
        {"date_end", OFTString}, {"event_type", OFTString}, {"place", OFTString}, {"matched_name", OFTString},
        {"geonameid", OFTInteger64}, {"place_source", OFTString}, {"country", OFTString}, {"admin1", OFTString}, {"class", OFTString},
        {"geo_precision", OFTString}, {"confidence", OFTReal}, {"geocode_status", OFTString},
        {"geocode_method", OFTString}, {"place_unmatched", OFTString}, {"footprint", OFTString},
        {"nearest_place", OFTString}, {"nearest_geonameid", OFTInteger64}, {"nearest_km", OFTReal},
        {"cluster_id", OFTInteger}, {"source_file", OFTString}, {"source_row", OFTInteger64}};
    return fields;
}

const std::set<std::string>& own_property_names() {
    static const std::set<std::string> names = [] {
        std::set<std::string> out;
        for (const auto& field : own_fields()) out.insert(field.first);
        return out;
    }();
    return names;
}

OGRFieldType ogr_type(FieldType t) {
    switch (t) {
        case FieldType::integer: return OFTInteger64;
        case FieldType::real: return OFTReal;
        case FieldType::text: return OFTString;
    }
    return OFTString;
}

// A passthrough value in its column's type: CSV numbers arrive as text (ingest typed the column),
// and a real column may gather integers from another input.
void set_typed_field(OGRFeature& f, int field, const FieldValue& v) {
    const std::string text = to_text(v);
    const char* end = text.data() + text.size();
    switch (f.GetFieldDefnRef(field)->GetType()) {
        case OFTInteger64:
            if (std::int64_t i = 0; std::from_chars(text.data(), end, i).ptr == end) return f.SetField(field, static_cast<GIntBig>(i));
            break;
        case OFTReal:
            if (double d = 0; std::from_chars(text.data(), end, d).ptr == end) return f.SetField(field, d);
            break;
        default: break;
    }
    f.SetField(field, text.c_str());
}

}  // namespace

std::vector<OutputColumn> passthrough_columns(const std::vector<const Incident*>& incidents) {
    std::vector<OutputColumn> columns;
    std::unordered_map<std::string, std::size_t> by_name;
    std::set<const FieldSchema*> seen;
    for (const Incident* inc : incidents) {
        const FieldSchema* schema = inc->source.schema.get();
        if (!seen.insert(schema).second) continue;
        for (std::size_t i = 0; i < schema->names.size(); ++i) {
            if (!inc->passthrough[i]) continue;
            const std::string& name = schema->names[i];
            const auto [it, inserted] = by_name.try_emplace(name, columns.size());
            if (inserted) {
                const std::string lower = ascii_lower(name);
                // OGR matches field names case-insensitively, so "Country" would land on "country".
                const std::string out = own_property_names().count(lower) ? "src_" + name : name;
                columns.push_back({name, out, schema->types[i]});
            } else if (FieldType& type = columns[it->second].type; type != schema->types[i]) {
                // The inputs disagree: a real holds integers too, text holds anything.
                const bool numbers = type != FieldType::text && schema->types[i] != FieldType::text;
                type = numbers ? FieldType::real : FieldType::text;
            }
        }
    }
    return columns;
}

IncidentLayer::IncidentLayer(const std::filesystem::path& path, const std::vector<const Incident*>& firsts)
    : layer_(path, "incidents", wkbPoint, 7, own_fields()) {
    for (const OutputColumn& c : passthrough_columns(firsts)) extra_index_[c.input_name] = layer_.add_field(c.output_name, ogr_type(c.type));
}

void IncidentLayer::add(std::span<const PlacedIncident> chunk) {
    for (const PlacedIncident& p : chunk) {
        const Incident& inc = p.incident;
        const Location& loc = p.location;
        OGRFeature f = layer_.feature();
        const OGRFeatureDefn* defn = f.GetDefnRef();
        f.SetField("id", inc.id.c_str());
        f.SetField("date", inc.date.text.c_str());
        f.SetField("date_precision", std::string(to_string(inc.date.precision)).c_str());
        f.SetField("date_start", format_day(inc.date.first).c_str());
        f.SetField("date_end", format_day(inc.date.last).c_str());
        if (!inc.event_type.empty()) f.SetField("event_type", inc.event_type.c_str());
        if (!inc.place.empty()) f.SetField("place", inc.place.c_str());
        if (!loc.matched_name.empty()) f.SetField("matched_name", loc.matched_name.c_str());
        if (loc.geonameid > 0) f.SetField("geonameid", static_cast<GIntBig>(loc.geonameid));
        if (!loc.place_source.empty()) f.SetField("place_source", std::string(loc.place_source).c_str());
        if (!loc.country.empty()) f.SetField("country", loc.country.c_str());
        if (!loc.admin1.empty()) f.SetField("admin1", loc.admin1.c_str());
        f.SetField("class", std::string(to_string(p.incident_class)).c_str());
        f.SetField("geo_precision", std::string(to_string(loc.precision)).c_str());
        f.SetField("confidence", std::round(loc.confidence * 1000) / 1000);
        f.SetField("geocode_status", loc.precision == GeoPrecision::exact ? "given" : loc.ambiguous ? "ambiguous" : "resolved");
        if (!loc.method.empty()) f.SetField("geocode_method", loc.method.c_str());
        if (!loc.unmatched.empty()) f.SetField("place_unmatched", loc.unmatched.c_str());
        if (!loc.footprint.empty()) f.SetField("footprint", loc.footprint.text().c_str());
        if (loc.nearest_km >= 0) {
            f.SetField("nearest_place", loc.nearest_name.c_str());
            if (loc.nearest_geonameid > 0) f.SetField("nearest_geonameid", static_cast<GIntBig>(loc.nearest_geonameid));
            f.SetField("nearest_km", std::round(loc.nearest_km * 100) / 100);
        }
        if (p.cluster_id >= 0) f.SetField("cluster_id", p.cluster_id);
        f.SetField("source_file", inc.source.file.c_str());
        f.SetField("source_row", static_cast<GIntBig>(inc.source.row));
        const FieldSchema& schema = *inc.source.schema;
        for (std::size_t i = 0; i < schema.names.size(); ++i) {
            if (!inc.passthrough[i]) continue;
            const int out = extra_index_.at(schema.names[i]);
            const FieldValue& v = inc.source.values[i];
            if (std::holds_alternative<std::monostate>(v)) continue;
            set_typed_field(f, out, v);
        }
        // Every feature carries every property, null when unknown, so that GIS tools see one schema.
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            if (!f.IsFieldSet(i)) f.SetFieldNull(i);
        f.SetGeometryDirectly(new OGRPoint(loc.position.lon_deg, loc.position.lat_deg));
        layer_.write(f);
    }
}

LayerSchema write_incidents_geojson(const std::filesystem::path& path, const std::vector<PlacedIncident>& incidents) {
    std::vector<const Incident*> firsts;  // passthrough_columns reads one incident of each input
    for (const PlacedIncident& p : incidents)
        if (firsts.empty() || firsts.back()->source.schema != p.incident.source.schema) firsts.push_back(&p.incident);
    IncidentLayer layer(path, firsts);
    layer.add(incidents);
    return layer.commit();
}

namespace {

struct ClusterSummary {
    OGRMultiPoint points;
    std::int64_t count = 0, domestic = 0, transnational = 0;
    std::chrono::sys_days first{}, last{};
    std::set<std::string> countries;
};

std::vector<ClusterSummary> summarise_clusters(const std::vector<PlacedIncident>& incidents, std::size_t cluster_count) {
    std::vector<ClusterSummary> clusters(cluster_count);
    for (const PlacedIncident& p : incidents) {
        if (p.cluster_id < 0 || static_cast<std::size_t>(p.cluster_id) >= cluster_count) continue;
        ClusterSummary& c = clusters[static_cast<std::size_t>(p.cluster_id)];
        OGRPoint point(p.location.position.lon_deg, p.location.position.lat_deg);
        c.points.addGeometry(&point);
        if (c.count == 0 || p.incident.date.first < c.first) c.first = p.incident.date.first;
        if (c.count == 0 || p.incident.date.last > c.last) c.last = p.incident.date.last;
        ++c.count;
        ++(p.incident_class == IncidentClass::domestic ? c.domestic : c.transnational);
        if (!p.location.country.empty()) c.countries.insert(p.location.country);
    }
    return clusters;
}

const GeoJsonLayer::Fields& cluster_fields() {
    static const GeoJsonLayer::Fields fields = {
        {"cluster_id", OFTInteger}, {"count", OFTInteger64}, {"domestic", OFTInteger64}, {"transnational", OFTInteger64},
        {"first_date", OFTString}, {"last_date", OFTString}, {"countries", OFTString}};
    return fields;
}

void set_cluster_fields(OGRFeature& f, std::size_t id, const ClusterSummary& c) {
    f.SetField("cluster_id", static_cast<int>(id));
    f.SetField("count", static_cast<GIntBig>(c.count));
    f.SetField("domestic", static_cast<GIntBig>(c.domestic));
    f.SetField("transnational", static_cast<GIntBig>(c.transnational));
    f.SetField("first_date", format_day(c.first).c_str());
    f.SetField("last_date", format_day(c.last).c_str());
    std::string countries;
    for (const std::string& cc : c.countries) countries += (countries.empty() ? "" : ",") + cc;
    f.SetField("countries", countries.c_str());
}

// A point or line widened by `radius_m` on the ground: buffered in an azimuthal equidistant
// projection centred on it, back in lon/lat, cut at the antimeridian when it crosses it.
std::unique_ptr<OGRGeometry> widened(const OGRGeometry& degenerate, const OGRPoint& centre, double radius_m) {
    OGRSpatialReference local;
    local.SetWellKnownGeogCS("WGS84");
    local.SetAE(centre.getY(), centre.getX(), 0, 0);
    local.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const TransformPtr to_local(OGRCreateCoordinateTransformation(&wgs84_lonlat(), &local));
    const TransformPtr to_lonlat(OGRCreateCoordinateTransformation(&local, &wgs84_lonlat()));
    if (!to_local || !to_lonlat) throw IoError("cannot set up a local projection for a cluster hull");
    std::unique_ptr<OGRGeometry> projected(degenerate.clone());
    if (projected->transform(to_local.get()) != OGRERR_NONE) throw IoError("cannot project a cluster hull");
    const std::unique_ptr<OGRGeometry> buffer(projected->Buffer(radius_m, 8));
    const char* options[] = {"WRAPDATELINE=YES", nullptr};
    std::unique_ptr<OGRGeometry> back(
        buffer ? OGRGeometryFactory::transformWithOptions(buffer.get(), to_lonlat.get(), const_cast<char**>(options)) : nullptr);
    if (!back) throw IoError("cannot widen a cluster hull");
    return back;
}

}  // namespace

LayerSchema write_clusters_geojson(const std::filesystem::path& path, const std::vector<PlacedIncident>& incidents,
                                   std::size_t cluster_count, double eps_km) {
    GeoJsonLayer layer(path, "clusters", wkbMultiPolygon, 7, cluster_fields());
    const std::vector<ClusterSummary> clusters = summarise_clusters(incidents, cluster_count);
    for (std::size_t id = 0; id < clusters.size(); ++id) {
        const ClusterSummary& c = clusters[id];
        OGRFeature f = layer.feature();
        set_cluster_fields(f, id, c);
        // The convex hull of the members; members at one place or on a line have a hull without
        // area, which a polygon layer cannot draw, so it is widened by a quarter of eps.
        std::unique_ptr<OGRGeometry> hull(c.points.ConvexHull());
        if (!hull || wkbFlatten(hull->getGeometryType()) != wkbPolygon) {
            OGRPoint centre;
            c.points.Centroid(&centre);
            hull = widened(hull ? *hull : static_cast<const OGRGeometry&>(c.points), centre, eps_km * 1000 / 4);
        }
        f.SetGeometryDirectly(hull.release());
        layer.write(f);
    }
    return layer.commit();
}

LayerSchema write_cluster_points_geojson(const std::filesystem::path& path, const std::vector<PlacedIncident>& incidents,
                                         std::size_t cluster_count) {
    GeoJsonLayer layer(path, "cluster_points", wkbPoint, 7, cluster_fields());
    const std::vector<ClusterSummary> clusters = summarise_clusters(incidents, cluster_count);
    for (std::size_t id = 0; id < clusters.size(); ++id) {
        OGRFeature f = layer.feature();
        set_cluster_fields(f, id, clusters[id]);
        auto centre = std::make_unique<OGRPoint>();
        clusters[id].points.Centroid(centre.get());
        f.SetGeometryDirectly(centre.release());
        layer.write(f);
    }
    return layer.commit();
}

LayerSchema write_zoom_clusters_geojson(const std::filesystem::path& path, const std::vector<ZoomCluster>& level) {
    GeoJsonLayer layer(path, "clusters", wkbPoint, 6,
                       {{"cluster", OFTInteger}, {"point_count", OFTInteger64}, {"domestic", OFTInteger64},
                        {"transnational", OFTInteger64}, {"id", OFTInteger64}},
                       {"cluster"});
    for (const ZoomCluster& c : level) {
        OGRFeature f = layer.feature();
        f.SetField("cluster", c.point_count > 1 ? 1 : 0);
        f.SetField("point_count", static_cast<GIntBig>(c.point_count));
        f.SetField("domestic", static_cast<GIntBig>(c.domestic));
        f.SetField("transnational", static_cast<GIntBig>(c.transnational));
        f.SetField("id", static_cast<GIntBig>(c.id));
        f.SetGeometryDirectly(new OGRPoint(c.position.lon_deg, c.position.lat_deg));
        layer.write(f);
    }
    return layer.commit();
}

void write_rejects_csv(const std::filesystem::path& path, const std::vector<RowProblem>& problems) {
    std::vector<std::string> columns;
    std::unordered_map<std::string, std::size_t> column_index;
    std::set<const FieldSchema*> seen;
    for (const RowProblem& p : problems) {
        if (!seen.insert(p.source.schema.get()).second) continue;
        for (const std::string& name : p.source.schema->names)
            if (column_index.try_emplace(name, columns.size()).second) columns.push_back(name);
    }
    AtomicTextFile file(path);
    std::ostream& out = file.stream();
    out << "source_file,row,outcome,field,reason";
    for (const std::string& c : columns) out << ',' << csv_field(c);
    out << "\r\n";
    std::vector<std::string> row(columns.size());
    for (const RowProblem& p : problems) {
        std::fill(row.begin(), row.end(), std::string());
        for (std::size_t i = 0; i < p.source.schema->names.size(); ++i)
            row[column_index.at(p.source.schema->names[i])] = with_valid_utf8(to_text(p.source.values[i]));
        out << csv_field(with_valid_utf8(p.source.file)) << ',' << p.source.row << ','
            << (p.outcome == RowOutcome::rejected ? "rejected" : "unresolved") << ',' << csv_field(p.field) << ','
            << csv_field(with_valid_utf8(p.reason));
        for (const std::string& v : row) out << ',' << csv_field(v);
        out << "\r\n";
    }
    file.commit();
}

}  // namespace incimap
