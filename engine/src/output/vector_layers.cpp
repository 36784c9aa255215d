#include "incimap/core/ascii.hpp"
#include "incimap/output/vector_layers.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>

#include "incimap/core/error.hpp"
#include "incimap/core/utf8.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/checked_gdal_file.hpp"
#include "incimap/io/csv.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/io/geojson_layer.hpp"
#include "incimap/io/geojson_writer.hpp"
#include "../io/spill_file.hpp"

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

LayerSchema incident_schema(const std::vector<OutputColumn>& extra) {
    LayerSchema schema{wkbPoint, {}};
    for (const auto& [name, type] : own_fields()) schema.fields.push_back({name, type, OFSTNone});
    for (const OutputColumn& c : extra) schema.fields.push_back({c.output_name, ogr_type(c.type), OFSTNone});
    return schema;
}

// A pass-through value in its column's type: CSV numbers arrive as text (ingest typed the
// column), and a real column may gather integers from another input. A number beyond a double's
// range is written as null.
void write_typed_value(PointLayerWriter& out, FieldType type, const FieldValue& v) {
    if (std::holds_alternative<std::monostate>(v)) return out.null_value();
    const std::string text = to_text(v);
    const char* end = text.data() + text.size();
    switch (type) {
        case FieldType::integer:
            if (std::int64_t i = 0; std::from_chars(text.data(), end, i).ptr == end) return out.integer_value(i);
            break;
        case FieldType::real: {
            double d = 0;
            const auto [ptr, ec] = std::from_chars(text.data(), end, d);
            return ptr == end && ec == std::errc() ? out.real_value(d) : out.null_value();
        }
        case FieldType::text: break;
    }
    out.text_value(text);
}

// A text property, null when empty.
void write_text_or_null(PointLayerWriter& out, std::string_view s) {
    if (s.empty()) out.null_value();
    else out.text_value(s);
}

}  // namespace

std::vector<OutputColumn> passthrough_columns(const std::vector<const FieldSchema*>& schemas) {
    std::vector<OutputColumn> columns;
    std::unordered_map<std::string, std::size_t> by_name;
    std::set<const FieldSchema*> seen;
    for (const FieldSchema* schema : schemas) {
        if (!seen.insert(schema).second) continue;
        for (std::size_t i = 0; i < schema->names.size(); ++i) {
            if (i >= schema->passthrough.size() || !schema->passthrough[i]) continue;
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

namespace {

std::size_t cluster_id_field() {
    const GeoJsonLayer::Fields& fields = own_fields();
    return static_cast<std::size_t>(std::find_if(fields.begin(), fields.end(), [](const auto& f) { return f.first == "cluster_id"; }) - fields.begin());
}

// Where the GeoJSON a FlatGeobuf is made from waits: a dot file beside it.
std::filesystem::path fgb_source(const std::filesystem::path& fgb) {
    return fgb.parent_path() / ("." + fgb.stem().string() + "-source.geojson");
}

// The points of a GeoJSON layer into a FlatGeobuf with its spatial index, with the declared
// fields (a column null in every row keeps its type; dates stay the text they are), atomically;
// stops at the first failed write.
void write_flatgeobuf(const std::filesystem::path& source, std::size_t features, const LayerSchema& schema, const std::filesystem::path& path) {
    ensure_gdal_registered();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("FlatGeobuf");
    if (driver == nullptr) throw IoError(path.string() + ": GDAL has no FlatGeobuf driver");
    AtomicOutput out(path);
    const GdalErrorCapture errors;
    auto fail = [&](const std::string& what) { throw IoError(path.string() + ": " + what + (errors.first_error().empty() ? "" : ": " + errors.first_error())); };
    {
        DatasetPtr fgb(driver->Create(checked_gdal_path(out.temp_path()).c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!fgb) fail("cannot create");
        const char* options[] = {"SPATIAL_INDEX=YES", nullptr};
        OGRLayer* layer = fgb->CreateLayer("incidents", const_cast<OGRSpatialReference*>(&wgs84_lonlat()), wkbPoint, const_cast<char**>(options));
        if (layer == nullptr) fail("cannot create the layer");
        for (const LayerSchema::Field& field : schema.fields) {
            OGRFieldDefn defn(field.name.c_str(), field.type);
            if (layer->CreateField(&defn) != OGRERR_NONE) fail("cannot create field " + field.name);
        }
        if (features > 0) {
            const char* allowed[] = {"GeoJSON", nullptr};
            const char* as_written[] = {"DATE_AS_STRING=YES", nullptr};
            DatasetPtr geojson(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, allowed, as_written, nullptr));
            if (!geojson || geojson->GetLayerCount() < 1) fail("cannot read back " + source.string());
            for (auto& feature : *geojson->GetLayer(0)) {
                OGRFeature copy(layer->GetLayerDefn());
                copy.SetFrom(feature.get());
                if (layer->CreateFeature(&copy) != OGRERR_NONE) fail("cannot write a feature");
            }
        }
    }
    if (!errors.first_error().empty()) fail("cannot write");
    if (const int error = take_write_error(out.temp_path())) fail(std::string("write failed: ") + std::strerror(error));
    out.commit();
}

}  // namespace

std::optional<LayerFormat> parse_layer_format(std::string_view text) {
    if (text == "geojson") return LayerFormat::geojson;
    if (text == "geojsonseq") return LayerFormat::geojsonseq;
    if (text == "fgb") return LayerFormat::fgb;
    return std::nullopt;
}

std::string_view extension_of(LayerFormat format) {
    switch (format) {
        case LayerFormat::geojson: break;
        case LayerFormat::geojsonseq: return ".geojsons";
        case LayerFormat::fgb: return ".fgb";
    }
    return ".geojson";
}

bool is_vector_layer_file(std::string_view file) {
    for (const LayerFormat format : {LayerFormat::geojson, LayerFormat::geojsonseq, LayerFormat::fgb})
        if (file.ends_with(extension_of(format))) return true;
    return false;
}

IncidentLayer::IncidentLayer(const std::filesystem::path& path, const std::vector<const FieldSchema*>& schemas, bool cluster_ids_later,
                             LayerFormat format)
    : extra_(passthrough_columns(schemas)), cluster_ids_later_(cluster_ids_later) {
    if (format == LayerFormat::fgb && !cluster_ids_later) {
        writer_ = std::make_unique<OgrPointWriter>(path, "FlatGeobuf", "incidents", incident_schema(extra_), std::vector<std::string>{"SPATIAL_INDEX=YES"});
        return;
    }
    // A FlatGeobuf cannot take values after its features: with cluster ids to come, GeoJSON first.
    if (format == LayerFormat::fgb) fgb_ = path;
    auto geojson = std::make_unique<GeoJsonPointWriter>(fgb_.empty() ? path : fgb_source(path), incident_schema(extra_),
                                                        cluster_ids_later ? std::optional(cluster_id_field()) : std::nullopt,
                                                        format == LayerFormat::geojsonseq);
    geojson_ = geojson.get();
    writer_ = std::move(geojson);
}

const std::vector<int>& IncidentLayer::columns_of(const FieldSchema& schema) {
    auto [it, inserted] = columns_.try_emplace(&schema);
    if (inserted)
        for (const OutputColumn& c : extra_) {
            const auto at = std::find(schema.names.begin(), schema.names.end(), c.input_name);
            it->second.push_back(at == schema.names.end() ? -1 : static_cast<int>(at - schema.names.begin()));
        }
    return it->second;
}

void IncidentLayer::add(std::span<const PlacedIncident> chunk) {
    PointLayerWriter& out = *writer_;
    for (const PlacedIncident& p : chunk) {
        const Incident& inc = p.incident;
        const Location& loc = p.location;
        // Every feature carries every property, null when unknown, so that GIS tools see one schema.
        out.begin_feature();
        out.text_value(inc.id);
        out.text_value(inc.date.text);
        out.text_value(to_string(inc.date.precision));
        out.text_value(format_day(inc.date.first));
        out.text_value(format_day(inc.date.last));
        write_text_or_null(out, inc.event_type);
        write_text_or_null(out, inc.place);
        write_text_or_null(out, loc.matched_name);
        if (loc.geonameid > 0) out.integer_value(loc.geonameid);
        else out.null_value();
        write_text_or_null(out, loc.place_source);
        write_text_or_null(out, loc.country);
        write_text_or_null(out, loc.admin1);
        out.text_value(to_string(p.incident_class));
        out.text_value(to_string(loc.precision));
        out.real_value(std::round(loc.confidence * 1000) / 1000);
        out.text_value(loc.precision == GeoPrecision::exact ? "given" : loc.ambiguous ? "ambiguous" : "resolved");
        write_text_or_null(out, loc.method);
        write_text_or_null(out, loc.unmatched);
        if (loc.footprint.empty()) out.null_value();
        else out.text_value(loc.footprint.text());
        if (loc.nearest_km >= 0) {
            out.text_value(loc.nearest_name);
            if (loc.nearest_geonameid > 0) out.integer_value(loc.nearest_geonameid);
            else out.null_value();
            out.real_value(std::round(loc.nearest_km * 100) / 100);
        } else {
            out.null_value(), out.null_value(), out.null_value();
        }
        if (cluster_ids_later_) geojson_->deferred_value();
        else if (p.cluster_id >= 0) out.integer_value(p.cluster_id);
        else out.null_value();
        out.text_value(inc.source.file());
        out.integer_value(inc.source.row);
        const std::vector<int>& columns = columns_of(*inc.source.schema);
        for (std::size_t k = 0; k < extra_.size(); ++k) {
            const int i = columns[k];
            if (i < 0 || !inc.source.passes_through(static_cast<std::size_t>(i))) out.null_value();
            else write_typed_value(out, extra_[k].type, inc.source.values[static_cast<std::size_t>(i)]);
        }
        out.end_feature(loc.position);
    }
    features_ += chunk.size();
}

LayerSchema IncidentLayer::commit(std::span<const IncidentPoint> points) {
    if (cluster_ids_later_ && points.size() != features_) throw std::logic_error("IncidentLayer: a cluster id for each feature is needed");
    const LayerSchema schema = !cluster_ids_later_ ? writer_->commit() : geojson_->commit([points](std::size_t i) -> std::optional<std::int64_t> {
        if (points[i].cluster_id < 0) return std::nullopt;
        return points[i].cluster_id;
    });
    if (fgb_.empty()) return schema;
    write_flatgeobuf(fgb_source(fgb_), features_, schema, fgb_);
    std::filesystem::remove(fgb_source(fgb_));
    return schema;
}

LayerSchema write_incidents_geojson(const std::filesystem::path& path, const std::vector<PlacedIncident>& incidents) {
    std::vector<const FieldSchema*> schemas;  // of the inputs with incidents, in order
    for (const PlacedIncident& p : incidents)
        if (schemas.empty() || schemas.back() != p.incident.source.schema.get()) schemas.push_back(p.incident.source.schema.get());
    IncidentLayer layer(path, schemas);
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

std::vector<ClusterSummary> summarise_clusters(std::span<const IncidentPoint> incidents, std::size_t cluster_count) {
    std::vector<ClusterSummary> clusters(cluster_count);
    for (const IncidentPoint& p : incidents) {
        if (p.cluster_id < 0 || static_cast<std::size_t>(p.cluster_id) >= cluster_count) continue;
        ClusterSummary& c = clusters[static_cast<std::size_t>(p.cluster_id)];
        OGRPoint point(p.position.lon_deg, p.position.lat_deg);
        c.points.addGeometry(&point);
        if (c.count == 0 || p.first < c.first) c.first = p.first;
        if (c.count == 0 || p.last > c.last) c.last = p.last;
        ++c.count;
        ++(p.incident_class == IncidentClass::domestic ? c.domestic : c.transnational);
        if (!p.country->empty()) c.countries.insert(*p.country);
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

LayerSchema write_clusters_geojson(const std::filesystem::path& path, std::span<const IncidentPoint> incidents,
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

LayerSchema write_cluster_points_geojson(const std::filesystem::path& path, std::span<const IncidentPoint> incidents,
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

// A refused row in the spill: u32 schema number, u32 byte count, then the CSV text of its first
// five fields, and its values each as u32 byte count and CSV text.
namespace {

void append_u32(std::string& out, std::size_t v) {
    if (v > 0xffffffffu) throw IoError("a refused row of more than 4 GiB");
    const auto u = static_cast<std::uint32_t>(v);
    out.append(reinterpret_cast<const char*>(&u), sizeof u);
}


}  // namespace

RejectsFile::RejectsFile(const std::filesystem::path& path) : path_(path), spill_(std::make_unique<detail::SpillFile>(path)) {}

RejectsFile::~RejectsFile() = default;

void RejectsFile::add(std::span<const RowProblem> problems) {
    for (const RowProblem& p : problems) {
        const auto at = std::find(schemas_.begin(), schemas_.end(), p.source.schema);
        const std::size_t schema = static_cast<std::size_t>(at - schemas_.begin());
        if (at == schemas_.end()) schemas_.push_back(p.source.schema);
        std::string head = csv_field(with_valid_utf8(p.source.file())) + ',' + std::to_string(p.source.row) + ',' +
                           (p.outcome == RowOutcome::rejected ? "rejected" : "unresolved") + ',' + csv_field(p.field) + ',' +
                           csv_field(with_valid_utf8(p.reason));
        std::string record;
        append_u32(record, head.size());
        record += head;
        for (const FieldValue& v : p.source.values) {
            const std::string text = csv_field(with_valid_utf8(to_text(v)));
            append_u32(record, text.size());
            record += text;
        }
        append_u32(buffer_, schema);
        append_u32(buffer_, record.size());
        buffer_ += record;
        if (buffer_.size() >= (1 << 20)) spill_->write(buffer_), buffer_.clear();
    }
}

void RejectsFile::commit() {
    // The header: the union of the refused rows' columns, by name, in order of first sight.
    std::vector<std::string> columns;
    std::unordered_map<std::string, std::size_t> column_index;
    std::vector<std::vector<std::size_t>> position(schemas_.size());  // of each schema's columns in the header
    for (std::size_t s = 0; s < schemas_.size(); ++s)
        for (const std::string& name : schemas_[s]->names) {
            const auto [it, fresh] = column_index.try_emplace(name, columns.size());
            if (fresh) columns.push_back(name);
            position[s].push_back(it->second);
        }
    spill_->write(buffer_);
    buffer_.clear();
    AtomicTextFile file(path_);
    std::ostream& out = file.stream();
    out << "source_file,row,outcome,field,reason";
    for (const std::string& c : columns) out << ',' << csv_field(c);
    out << "\r\n";
    const std::string empty = csv_field("");
    std::vector<std::string_view> row(columns.size());
    spill_->read_records([&](std::uint32_t schema, std::string_view record) {
        auto next_field = [&record] {  // u32 byte count, then the bytes
            std::uint32_t n = 0;
            std::memcpy(&n, record.data(), sizeof n);
            const std::string_view field = record.substr(sizeof n, n);
            record.remove_prefix(sizeof n + n);
            return field;
        };
        out << next_field();
        std::fill(row.begin(), row.end(), std::string_view(empty));
        for (std::size_t i = 0; !record.empty(); ++i)
            if (const std::string_view v = next_field(); i < position[schema].size()) row[position[schema][i]] = v;
        for (const std::string_view v : row) out << ',' << v;
        out << "\r\n";
    });
    file.commit();
}

void write_rejects_csv(const std::filesystem::path& path, const std::vector<RowProblem>& problems) {
    RejectsFile file(path);
    file.add(problems);
    file.commit();
}

}  // namespace incimap
