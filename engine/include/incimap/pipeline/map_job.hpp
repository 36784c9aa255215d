#pragma once
// `incimap map`: incidents in, located and classified layers out.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "incimap/analyze/dbscan.hpp"
#include "incimap/analyze/zoom_clusters.hpp"
#include "incimap/io/ingest.hpp"
#include "incimap/pipeline/heatmap_job.hpp"

namespace incimap {

struct MapJob {
    std::vector<std::string> inputs;
    ColumnMapping columns;
    std::string home_codes;               ///< "AF" or "AF,PK"; or
    std::filesystem::path home_file;      ///< polygons of the home area
    std::string hint_country;             ///< restrict geocoding to one country, empty for none
    std::string bias_countries;           ///< "AF,PK": prefer places there when geocoding, empty for none
    double near_km = 25;                  ///< radius for the nearest populated place of given coordinates
    /// Region x period analysis (regions.geojson, periods.csv, trends.csv): the period unit
    /// (day, week, month, quarter, year; empty for none), the region kind (country, admin1,
    /// subregion; country when empty), or custom polygons and the field that names them.
    std::string period;
    std::string region;
    std::filesystem::path regions_file;
    std::string region_field;
    /// DBSCAN or ST-DBSCAN (clusters.geojson, cluster_id per incident); none when empty.
    std::optional<DbscanParams> clustering;
    /// Zoom-level clusters for web maps (clusters_z{z}.geojson); none when empty.
    std::optional<ZoomClusterParams> zoom_clusters;
    /// Kernel density heatmaps (heatmap.tif and PNG renders; the tile pyramid with tiles).
    std::optional<HeatmapOptions> heatmap;
    /// --gpkg: every vector layer also in DIR/incimap.gpkg, styled through its layer_styles table.
    bool gpkg = false;
    /// `incimap tiles`: only the tile pyramid (and summary.json), none of the other outputs.
    bool tiles_only = false;
    std::filesystem::path output_dir;
    std::string geodata_dir;              ///< empty: see find_geodata_dir
    std::string places_file;              ///< the analyst's own places (user_places.hpp), empty for none
    bool quiet = false;
};

/// The counts written to summary.json; placed + unresolved + rejected == rows.
struct MapCounts {
    std::int64_t rows = 0, placed = 0, unresolved = 0, rejected = 0, domestic = 0, transnational = 0;
};

/// Reads every input first (an unreadable input stops the job before anything is written), then
/// locates, classifies and writes DIR/incidents.geojson, DIR/rejects.csv and DIR/summary.json.
/// Throws UsageError for bad options, InputError for unusable inputs, DataError for missing
/// geodata, IoError when an output cannot be written.
MapCounts run_map_job(const MapJob& job);

}  // namespace incimap
