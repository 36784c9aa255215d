#pragma once
// Analysing placed incidents: region x period counts and their trends, DBSCAN or ST-DBSCAN
// clusters, and zoom-level clusters for web maps. Values only; output/ writes them.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <vector>

#include "incimap/analyze/aggregate.hpp"
#include "incimap/analyze/zoom_clusters.hpp"
#include "incimap/pipeline/options.hpp"

namespace incimap {

class Reporter;

/// What the analysis needs before any input is read: the regions to count in, read (and refused
/// when unusable) first, so that a bad regions file stops the run before any work.
struct AnalysisPlan {
    AnalysisOptions options;
    std::optional<RegionSet> regions;  ///< with options.period
};

/// Reads the regions of `options` (from the geodata's boundaries or a file); repairs of invalid
/// polygons go to `reporter` as warnings. Throws InvalidOption, InputError for a regions file
/// that cannot be used.
AnalysisPlan plan_analysis(const AnalysisOptions& options, const std::filesystem::path& geodata_dir, Reporter& reporter);

struct RegionPeriodAnalysis {
    RegionPeriodTable table;
    std::vector<TrendRow> trends;
};

struct ZoomClusterLevels {
    int min_zoom = 0;
    std::vector<std::vector<ZoomCluster>> levels;  ///< levels[z - min_zoom]
};

struct AnalysisResult {
    std::optional<RegionPeriodAnalysis> regions;
    /// DBSCAN: the number of clusters; each placed incident's cluster_id is set (-1: noise).
    std::optional<std::size_t> cluster_count;
    std::optional<ZoomClusterLevels> zoom_clusters;
};

/// Runs what the plan asks for over the placed incidents (setting their cluster_id for DBSCAN).
AnalysisResult analyse(const AnalysisPlan& plan, std::vector<IncidentPoint>& placed);

}  // namespace incimap
