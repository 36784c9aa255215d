#pragma once
// DIR/incimap.qgz: a QGIS project that opens every layer of a run, styled, with one double-click.
// Written without QGIS: the .qgs XML is built here (each layer's .qml embedded, paths relative to
// the project) and zipped with fixed timestamps, so that runs stay byte-identical.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "incimap/analyze/periods.hpp"
#include "incimap/core/geo.hpp"

namespace incimap {

struct QgisTimeSettings {
    std::chrono::sys_days first;  ///< first day of the first period
    std::chrono::sys_days last;   ///< last day of the last period (inclusive)
    std::string step_unit;        ///< QGIS's unit: "d", "wk", "mon" or "y"
    int step = 1;                 ///< periods of 3 months are quarters
};

struct QgisProjectSettings {
    std::string raster_crs{web_mercator_crs};  ///< the CRS of the heatmap rasters (and the project's)
    std::optional<LonLatBox> view;         ///< the map view on opening (the incidents)
    std::optional<QgisTimeSettings> time;  ///< QGIS's temporal controller
};

/// The layers among a run's `outputs` (file names in `dir`): GeoJSON layers, GeoTIFFs, PNG images
/// with world files, MBTiles; `X.qml` in `outputs` is the style of `X.geojson` / `X.tif`.
/// Layers are ordered points over polygons over rasters; zoom clusters, per-period heatmaps, PNG
/// renders and the MBTiles start hidden in their own groups.
/// Writes `dir/incimap.qgz` atomically when there is at least one layer and returns true.
bool write_qgis_project(const std::filesystem::path& dir, const std::vector<std::string>& outputs, const QgisProjectSettings& settings);

/// The time settings that step through the periods of `unit` covering the days `first` to `last`.
QgisTimeSettings qgis_time_settings(std::chrono::sys_days first, std::chrono::sys_days last, PeriodUnit unit);

}  // namespace incimap
