#pragma once
// incimap's public C++ API: the one header a program includes to place, analyse, render and
// write incident lists, as the `incimap` command line itself does.
//
// Link `incimap::engine` (CMake: find_package(incimap) after installing, or add_subdirectory);
// its GDAL, GEOS and nlohmann_json headers come with it. The geodata (gazetteer.bin,
// boundaries.gpkg) is found by PlacementOptions::geodata_dir, else $INCIMAP_GEODATA, else
// geodata/ beside the executable; styles (colour ramps, QGIS and web styles) by $INCIMAP_STYLES,
// else styles/ beside the executable.
//
// One call does a whole run, as `incimap map`, `tiles`, `query` and `figure` do:
//
//     incimap::MapJob job;
//     job.input.files = {"incidents.csv"};
//     job.placement.home_countries = {"AF"};
//     job.analysis.period = incimap::PeriodUnit::quarter;
//     job.output.dir = "out";
//     const incimap::MapCounts counts = incimap::run_map_job(job, incimap::silent_reporter());
//
// Or the stages one by one, each a function over values (docs/example/place_and_count.cpp):
//
//   1. place    open_job (geodata, home area) -> place_inputs (InputOptions; reads and places a
//               chunk of rows at a time) or read_inputs -> place_incidents: a Placement of
//               IncidentPoint (72 bytes: what the analysis and the maps need), PlacedIncident
//               (located and classified, the whole row; or handed chunk by chunk to an
//               IncidentSink, as `map` writes its incidents layer) and RowProblem (rejected or
//               unresolved rows), every input row accounted for; or IncidentReader and Placer
//               for one chunk at a time.
//   2. analyse  plan_analysis (regions, read before any input) -> analyse over the points: region
//               x period counts and trends, DBSCAN clusters, zoom-level clusters (AnalysisResult).
//   3. render   density_points, heatmap_grid, compute_density (DensityBands on any CRS's grid),
//               render_band / render_classes (RGBA), render_tile_pyramid, FigureDrawing.
//   4. write    output/: write_incidents_geojson, write_rejects_csv, write_regions_geojson,
//               write_periods_csv, write_trends_csv, write_heatmaps, write_tile_pyramid,
//               write_figure_files ..., each file atomic.
//
// Errors: options are checked by each options type's validate() and reported as InvalidOption
// {field, reason} with the field as spelt in the options structs; InputError (a file as a whole,
// naming file, row, field), DataError (geodata) and IoError (writing) stop a run. Expected
// outcomes (an unresolved place, a rejected row) are values. Progress, notes and warnings go to
// the Reporter each stage takes; the engine writes nothing to standard output or error.
#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/gazetteer/geodata_build.hpp"
#include "incimap/geocode/geocoder.hpp"
#include "incimap/output/figure_files.hpp"
#include "incimap/output/vector_layers.hpp"
#include "incimap/pipeline/analysis.hpp"
#include "incimap/pipeline/figure_job.hpp"
#include "incimap/pipeline/geodata.hpp"
#include "incimap/pipeline/heatmap_job.hpp"
#include "incimap/pipeline/map_job.hpp"
#include "incimap/pipeline/options.hpp"
#include "incimap/pipeline/placement.hpp"
#include "incimap/pipeline/query_job.hpp"
#include "incimap/render/tiles.hpp"

namespace incimap {

/// The library's version, as `incimap --version` prints it.
constexpr const char* version = INCIMAP_VERSION;

}  // namespace incimap
