#pragma once
// The files `incimap map` writes, each atomically.
#include <filesystem>
#include <vector>

#include "incimap/analyze/zoom_clusters.hpp"
#include "incimap/core/incident.hpp"

namespace incimap {

/// RFC 7946 GeoJSON FeatureCollection, one Point per placed incident (lon/lat WGS 84, 7 decimals,
/// no `crs` member). Properties: id, date, date_precision, date_start, date_end, event_type,
/// place, matched_name, geonameid, country, admin1, class, geo_precision, confidence,
/// geocode_status, geocode_method, place_unmatched, footprint, nearest_place, nearest_geonameid,
/// nearest_km, source_file, source_row, then the input's own columns (those that clash with a
/// name above, in any case, get the prefix `src_`).
void write_incidents_geojson(const std::filesystem::path& path, const std::vector<PlacedIncident>& incidents);

/// RFC 7946 GeoJSON, one feature per DBSCAN cluster: the convex hull of its incidents (their
/// centroid when they are all at one place or on a line), cluster_id, count, domestic,
/// transnational, first_date, last_date, countries (ISO codes, comma-separated).
void write_clusters_geojson(const std::filesystem::path& path, const std::vector<PlacedIncident>& incidents,
                            std::size_t cluster_count);

/// RFC 7946 GeoJSON of one zoom's clusters: a Point per cluster or single incident, with
/// cluster (true/false), point_count, domestic, transnational, and id (the incident's position in
/// incidents.geojson for a single incident, a cluster number otherwise).
void write_zoom_clusters_geojson(const std::filesystem::path& path, const std::vector<ZoomCluster>& level);

/// CSV (RFC 4180, UTF-8): source_file, row, outcome (rejected/unresolved), field, reason, then the
/// union of all input columns with the row's values.
void write_rejects_csv(const std::filesystem::path& path, const std::vector<RowProblem>& problems);

/// The output name of each pass-through input column of `schemas`, in first-seen order.
struct OutputColumn {
    std::string input_name;
    std::string output_name;
    FieldType type;
};
std::vector<OutputColumn> passthrough_columns(const std::vector<const Incident*>& incidents);

}  // namespace incimap
