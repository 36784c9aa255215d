#pragma once
// `incimap figure`: incidents placed as `incimap map` places them, drawn as a report figure.
#include <filesystem>
#include <string>
#include <vector>

#include "incimap/pipeline/heatmap_job.hpp"
#include "incimap/pipeline/map_job.hpp"
#include "incimap/render/figure.hpp"

namespace incimap {

struct FigureJob {
    MapJob placement;          ///< inputs, home area, columns, geocoding options, quiet
    HeatmapOptions heatmap;    ///< kernel, bandwidth, weight, imprecise handling
    FigureOptions figure;
    std::string region;        ///< a subregion or country for the extent, instead of figure.extent
    bool extent_given = false;
    std::filesystem::path output_base;  ///< writes output_base.png/.svg/.pdf
};

/// Returns the files written. Throws as run_map_job does.
std::vector<std::filesystem::path> run_figure_job(FigureJob job);

}  // namespace incimap
