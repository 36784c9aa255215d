#include "incimap/io/output_writers.hpp"

#include <algorithm>
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
        {"geonameid", OFTInteger64}, {"country", OFTString}, {"admin1", OFTString}, {"class", OFTString},
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
                std::string lower = name;
                for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                // OGR matches field names case-insensitively, so "Country" would land on "country".
                const std::string out = own_property_names().count(lower) ? "src_" + name : name;
                columns.push_back({name, out, schema->types[i]});
            } else if (columns[it->second].type != schema->types[i]) {
                columns[it->second].type = FieldType::text;  // the inputs disagree: text holds both
            }
        }
    }
    return columns;
}

void write_incidents_geojson(const std::filesystem::path& path, const std::vector<PlacedIncident>& incidents) {
    GeoJsonLayer layer(path, "incidents", wkbPoint, 7, own_fields());
    std::vector<const Incident*> all;
    for (const PlacedIncident& p : incidents) all.push_back(&p.incident);
    const std::vector<OutputColumn> extra = passthrough_columns(all);
    std::unordered_map<std::string, int> extra_index;
    for (const OutputColumn& c : extra) extra_index[c.input_name] = layer.add_field(c.output_name, ogr_type(c.type));

    for (const PlacedIncident& p : incidents) {
        const Incident& inc = p.incident;
        const Location& loc = p.location;
        OGRFeature f = layer.feature();
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
        if (!loc.country.empty()) f.SetField("country", loc.country.c_str());
        if (!loc.admin1.empty()) f.SetField("admin1", loc.admin1.c_str());
        f.SetField("class", std::string(to_string(p.incident_class)).c_str());
        f.SetField("geo_precision", std::string(to_string(loc.precision)).c_str());
        f.SetField("confidence", std::round(loc.confidence * 1000) / 1000);
        f.SetField("geocode_status", loc.precision == GeoPrecision::exact ? "given" : loc.ambiguous ? "ambiguous" : "resolved");
        if (!loc.method.empty()) f.SetField("geocode_method", loc.method.c_str());
        if (!loc.unmatched.empty()) f.SetField("place_unmatched", loc.unmatched.c_str());
        if (!loc.footprint.empty()) f.SetField("footprint", loc.footprint.c_str());
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
            const int out = extra_index.at(schema.names[i]);
            const FieldValue& v = inc.source.values[i];
            if (std::holds_alternative<std::monostate>(v)) continue;
            const OGRFieldType t = defn->GetFieldDefn(out)->GetType();
            if (t == OFTInteger64 && std::holds_alternative<std::int64_t>(v)) f.SetField(out, static_cast<GIntBig>(std::get<std::int64_t>(v)));
            else if (t == OFTReal && std::holds_alternative<double>(v)) f.SetField(out, std::get<double>(v));
            else f.SetField(out, to_text(v).c_str());
        }
        // Every feature carries every property, null when unknown, so that GIS tools see one schema.
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            if (!f.IsFieldSet(i)) f.SetFieldNull(i);
        f.SetGeometryDirectly(new OGRPoint(loc.position.lon_deg, loc.position.lat_deg));
        layer.write(f);
    }
    layer.commit();
}

void write_clusters_geojson(const std::filesystem::path& path, const std::vector<PlacedIncident>& incidents,
                            std::size_t cluster_count) {
    struct Cluster {
        OGRMultiPoint points;
        std::int64_t count = 0, domestic = 0, transnational = 0;
        std::chrono::sys_days first{}, last{};
        std::set<std::string> countries;
    };
    std::vector<Cluster> clusters(cluster_count);
    for (const PlacedIncident& p : incidents) {
        if (p.cluster_id < 0 || static_cast<std::size_t>(p.cluster_id) >= cluster_count) continue;
        Cluster& c = clusters[static_cast<std::size_t>(p.cluster_id)];
        OGRPoint point(p.location.position.lon_deg, p.location.position.lat_deg);
        c.points.addGeometry(&point);
        if (c.count == 0 || p.incident.date.first < c.first) c.first = p.incident.date.first;
        if (c.count == 0 || p.incident.date.last > c.last) c.last = p.incident.date.last;
        ++c.count;
        ++(p.incident_class == IncidentClass::domestic ? c.domestic : c.transnational);
        if (!p.location.country.empty()) c.countries.insert(p.location.country);
    }
    GeoJsonLayer layer(path, "clusters", wkbUnknown, 7,
                       {{"cluster_id", OFTInteger}, {"count", OFTInteger64}, {"domestic", OFTInteger64},
                        {"transnational", OFTInteger64}, {"first_date", OFTString}, {"last_date", OFTString},
                        {"countries", OFTString}});
    for (std::size_t id = 0; id < clusters.size(); ++id) {
        const Cluster& c = clusters[id];
        OGRFeature f = layer.feature();
        f.SetField("cluster_id", static_cast<int>(id));
        f.SetField("count", static_cast<GIntBig>(c.count));
        f.SetField("domestic", static_cast<GIntBig>(c.domestic));
        f.SetField("transnational", static_cast<GIntBig>(c.transnational));
        f.SetField("first_date", format_day(c.first).c_str());
        f.SetField("last_date", format_day(c.last).c_str());
        std::string countries;
        for (const std::string& cc : c.countries) countries += (countries.empty() ? "" : ",") + cc;
        f.SetField("countries", countries.c_str());
        // The convex hull of the members; a cluster whose points are all at one place or on a
        // line is shown as the centroid of its points.
        std::unique_ptr<OGRGeometry> hull(c.points.ConvexHull());
        if (!hull || wkbFlatten(hull->getGeometryType()) != wkbPolygon) {
            OGRPoint centroid;
            c.points.Centroid(&centroid);
            hull = std::make_unique<OGRPoint>(centroid);
        }
        f.SetGeometryDirectly(hull.release());
        layer.write(f);
    }
    layer.commit();
}

void write_zoom_clusters_geojson(const std::filesystem::path& path, const std::vector<ZoomCluster>& level) {
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
    layer.commit();
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
