#pragma once
// The files `incimap map` writes, each atomically.
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "incimap/analyze/zoom_clusters.hpp"
#include "incimap/core/incident.hpp"
#include "incimap/io/geojson_layer.hpp"
#include "incimap/io/geojson_writer.hpp"

namespace incimap {

namespace detail {
class SpillFile;
}

/// The format of the incidents layer: GeoJSON (RFC 7946), GeoJSON text sequences (RFC 8142: a
/// record separator, a feature, a line feed, for streaming tools), or FlatGeobuf with its spatial
/// index (for GIS clients with millions of points). Same properties and types in each.
enum class LayerFormat { geojson, geojsonseq, fgb };
std::optional<LayerFormat> parse_layer_format(std::string_view text);
/// ".geojson", ".geojsons", ".fgb".
std::string_view extension_of(LayerFormat format);
/// Whether a file a run writes is a vector layer: it ends with one of those extensions.
bool is_vector_layer_file(std::string_view file);

/// RFC 7946 GeoJSON FeatureCollection, one Point per placed incident (lon/lat WGS 84, 7 decimals,
/// no `crs` member). Properties: id, date, date_precision, date_start, date_end, event_type,
/// place, matched_name, geonameid, place_source, country, admin1, class, geo_precision, confidence,
/// geocode_status, geocode_method, place_unmatched, footprint, nearest_place, nearest_geonameid,
/// nearest_km, source_file, source_row, then the input's own columns (those that clash with a
/// name above, in any case, get the prefix `src_`).
LayerSchema write_incidents_geojson(const std::filesystem::path& path, const std::vector<PlacedIncident>& incidents);

/// The output name of each pass-through input column of `schemas`, in first-seen order.
struct OutputColumn {
    std::string input_name;
    std::string output_name;
    FieldType type;
};
std::vector<OutputColumn> passthrough_columns(const std::vector<const FieldSchema*>& schemas);

/// The same layer written a chunk of incidents at a time, for runs that place them a chunk at a
/// time. `schemas`: those of the inputs whose incidents the layer will hold, in input order (their
/// pass-through columns become the layer's fields). With `cluster_ids_later`, the incidents'
/// cluster_id is left to commit(). Throws IoError naming the file.
class IncidentLayer {
public:
    /// `path` ends with the format's extension. A FlatGeobuf whose cluster ids come later is
    /// written from a GeoJSON layer beside it (a dot file, removed on commit).
    IncidentLayer(const std::filesystem::path& path, const std::vector<const FieldSchema*>& schemas, bool cluster_ids_later = false,
                  LayerFormat format = LayerFormat::geojson);
    /// Appends the chunk's incidents, in order.
    void add(std::span<const PlacedIncident> chunk);
    /// Closes the file, renames it into place and returns the layer's declared schema. With
    /// cluster ids left for later: `points` has one per feature, in order.
    LayerSchema commit(std::span<const IncidentPoint> points = {});

private:
    /// For an input's schema: the input column of each pass-through field of the layer, or -1.
    const std::vector<int>& columns_of(const FieldSchema& schema);

    std::vector<OutputColumn> extra_;
    bool cluster_ids_later_;
    std::filesystem::path fgb_;  ///< the FlatGeobuf to write on commit from GeoJSON; empty otherwise
    std::size_t features_ = 0;
    std::unique_ptr<PointLayerWriter> writer_;
    GeoJsonPointWriter* geojson_ = nullptr;  ///< writer_, when it writes GeoJSON
    std::unordered_map<const FieldSchema*, std::vector<int>> columns_;
};

/// RFC 7946 GeoJSON, one polygon per DBSCAN cluster: the convex hull of its incidents, widened
/// by a quarter of `eps_km` on the ground when they are all at one place or on a line (so that
/// every cluster is a polygon), with cluster_id, count, domestic, transnational, first_date,
/// last_date, countries (ISO codes, comma-separated).
LayerSchema write_clusters_geojson(const std::filesystem::path& path, std::span<const IncidentPoint> incidents,
                                   std::size_t cluster_count, double eps_km);

/// The same clusters as one Point each (the centroid of its incidents), for labels and symbols
/// sized by count: a layer has one geometry type in QGIS.
LayerSchema write_cluster_points_geojson(const std::filesystem::path& path, std::span<const IncidentPoint> incidents,
                                         std::size_t cluster_count);

/// RFC 7946 GeoJSON of one zoom's clusters: a Point per cluster or single incident, with
/// cluster (true/false), point_count, domestic, transnational, and id (the incident's position in
/// incidents.geojson for a single incident, a cluster number otherwise).
LayerSchema write_zoom_clusters_geojson(const std::filesystem::path& path, const std::vector<ZoomCluster>& level);

/// CSV (RFC 4180, UTF-8): source_file, row, outcome (rejected/unresolved), field, reason, then the
/// union of the columns of the inputs with refused rows, with the row's values.
void write_rejects_csv(const std::filesystem::path& path, const std::vector<RowProblem>& problems);

/// The same file written as rows are refused: they wait in a spill file beside it, since its
/// header is known at the end, so that memory does not grow with them. Throws IoError.
class RejectsFile {
public:
    explicit RejectsFile(const std::filesystem::path& path);
    ~RejectsFile();
    /// Appends these rows, in order.
    void add(std::span<const RowProblem> problems);
    /// Writes the file and renames it into place.
    void commit();

private:
    std::filesystem::path path_;
    std::unique_ptr<detail::SpillFile> spill_;
    std::vector<std::shared_ptr<const FieldSchema>> schemas_;  ///< of the refused rows, in order of the first
    std::string buffer_;
};

}  // namespace incimap
