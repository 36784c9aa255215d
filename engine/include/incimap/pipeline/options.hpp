#pragma once
// The typed options of each stage. Text is parsed into these once, at the top (the CLI, or a
// program that fills them in directly); each type's validate() checks it before any input is
// read or any output written, and throws InvalidOption naming the field as spelt here
// ("placement.near_km"), never a command-line flag.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "incimap/analyze/dbscan.hpp"
#include "incimap/analyze/periods.hpp"
#include "incimap/analyze/regions.hpp"
#include "incimap/analyze/zoom_clusters.hpp"
#include "incimap/core/geo.hpp"
#include "incimap/io/ingest.hpp"
#include "incimap/output/vector_layers.hpp"
#include "incimap/render/density.hpp"

namespace incimap {

/// What to read: the incident files and which of their columns hold what.
struct InputOptions {
    std::vector<std::string> files;  ///< CSV, TSV, XLSX, ODS, GeoJSON, GeoPackage
    ColumnMapping columns;
    void validate() const;
};

/// How incidents are placed (given coordinates or geocoded place text) and classified.
struct PlacementOptions {
    /// The home area: ISO 3166-1 alpha-2 or alpha-3 codes, or polygons from a vector file; one of
    /// the two. Codes are checked against the gazetteer when it opens.
    std::vector<std::string> home_countries;
    std::filesystem::path home_file;
    std::string hint_country;                 ///< geocode within this country only; empty: anywhere
    std::vector<std::string> bias_countries;  ///< prefer places here when a name is shared
    double near_km = 25;                      ///< nearest populated place of given coordinates; 0: off
    std::filesystem::path places_file;        ///< the analyst's own places (user_places.hpp); empty: none
    std::filesystem::path geodata_dir;        ///< empty: find_geodata_dir's search
    unsigned threads = 0;                     ///< for locating; 0: all cores; the result is the same for any number
    void validate() const;
};

/// What is computed from the placed incidents besides their layers.
struct AnalysisOptions {
    /// Region x period counts and trends (regions.geojson, periods.csv, trends.csv): the period,
    /// and the regions, either of a kind from the boundaries (country when neither is given) or
    /// the polygons of a file with the field that names them.
    std::optional<PeriodUnit> period;
    std::optional<RegionKind> region_kind;
    std::filesystem::path region_file;
    std::string region_field;
    std::optional<DbscanParams> clustering;           ///< DBSCAN or ST-DBSCAN (clusters.geojson)
    std::optional<ZoomClusterParams> zoom_clusters;   ///< web-map clusters per zoom (clusters_z{z}.geojson)
    void validate() const;
    /// The region kind the analysis counts in.
    RegionKind regions() const noexcept { return !region_file.empty() ? RegionKind::custom : region_kind.value_or(RegionKind::country); }
};

/// Kernel density heatmaps of domestic and transnational incidents.
struct HeatmapOptions {
    DensityParams density;
    std::string weight_column;         ///< empty: every incident weighs 1
    std::string crs{web_mercator_crs};
    int size = 2048;                   ///< cells on the grid's longer side
    std::optional<LonLatBox> extent;   ///< default: the incidents, with a kernel's reach around them
    bool cog = false;
    std::string ramp = "magma";
    std::optional<PeriodUnit> per_period;
    unsigned threads = 0;              ///< 0: all cores; outputs are the same for any number
    void validate() const;
};

/// The XYZ/MBTiles pyramid of the heatmap.
struct TileOptions {
    int min_zoom = 0, max_zoom = 8;  ///< in 0-22
    void validate() const;
};

/// Which files a map run writes, and where.
struct OutputPlan {
    std::filesystem::path dir;
    /// incidents.geojson, rejects.csv, the analysis and cluster layers, styles, the preview
    /// page and the QGIS project; off for `incimap tiles`, which writes tiles and summary.json.
    bool layers = true;
    bool gpkg = false;             ///< every vector layer also in incimap.gpkg
    LayerFormat layer_format = LayerFormat::geojson;  ///< of the incidents layer
    bool heatmap_rasters = true;   ///< heatmap.tif and its renders, when there is a heatmap
    void validate() const;
};

}  // namespace incimap
