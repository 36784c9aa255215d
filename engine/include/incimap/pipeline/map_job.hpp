#pragma once
// `incimap map` (and `incimap tiles`): incidents in; located and classified layers, analyses,
// heatmaps, tiles and views out.
#include <optional>

#include "incimap/pipeline/options.hpp"
#include "incimap/pipeline/placement.hpp"

namespace incimap {

class Reporter;

struct MapJob {
    InputOptions input;
    PlacementOptions placement;
    AnalysisOptions analysis;
    std::optional<HeatmapOptions> heatmap;  ///< heatmap.tif and PNG renders
    std::optional<TileOptions> tiles;       ///< the heatmap's tile pyramid; needs `heatmap`
    OutputPlan output;
    /// Validates every part, and that tiles come with a heatmap and that something is written.
    void validate() const;
};

/// Validates the job and opens the geodata, reads every input (an unreadable input stops the job
/// before anything is written), then locates, classifies, analyses and writes what
/// `job.output` plans, summary.json last. Throws InvalidOption for bad options, InputError for
/// unusable inputs, DataError for missing geodata, IoError when an output cannot be written.
MapCounts run_map_job(const MapJob& job, Reporter& reporter);

}  // namespace incimap
