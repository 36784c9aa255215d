#include "incimap/pipeline/analysis.hpp"

#include "incimap/analyze/dbscan.hpp"
#include "incimap/core/reporter.hpp"

namespace incimap {

namespace {

// Runs DBSCAN (ST-DBSCAN with eps_days) and numbers each incident's cluster; returns the count.
std::size_t cluster_incidents(std::vector<IncidentPoint>& placed, const DbscanParams& params) {
    std::vector<LonLat> points;
    std::vector<DateSpan> dates;
    points.reserve(placed.size());
    if (params.eps_days) dates.reserve(placed.size());
    for (const IncidentPoint& p : placed) {
        points.push_back(p.position);
        if (params.eps_days) dates.push_back({p.first, p.last, DatePrecision::day, {}});
    }
    const DbscanResult r = dbscan(points, params, &dates);
    for (std::size_t i = 0; i < placed.size(); ++i) placed[i].cluster_id = r.cluster[i];
    return r.cluster_count;
}

ZoomClusterLevels cluster_per_zoom(const std::vector<IncidentPoint>& placed, const ZoomClusterParams& params) {
    std::vector<LonLat> points;
    std::vector<bool> domestic;
    points.reserve(placed.size());
    for (const IncidentPoint& p : placed) {
        points.push_back(p.position);
        domestic.push_back(p.incident_class == IncidentClass::domestic);
    }
    return {params.min_zoom, zoom_clusters(points, domestic, params)};
}

}  // namespace

AnalysisPlan plan_analysis(const AnalysisOptions& options, const std::filesystem::path& geodata_dir, Reporter& reporter) {
    options.validate();
    AnalysisPlan plan{options, std::nullopt};
    if (!options.period) return plan;
    if (options.region_file.empty()) {
        plan.regions = RegionSet::from_boundaries(options.regions(), geodata_dir / "boundaries.gpkg");
        return plan;
    }
    std::vector<std::string> warnings;
    plan.regions = RegionSet::from_file(options.region_file, options.region_field, warnings);
    for (const std::string& w : warnings) reporter.warning(w);
    return plan;
}

AnalysisResult analyse(const AnalysisPlan& plan, std::vector<IncidentPoint>& placed) {
    AnalysisResult result;
    if (plan.options.clustering) result.cluster_count = cluster_incidents(placed, *plan.options.clustering);
    if (plan.regions) {
        RegionPeriodTable table = aggregate(placed, *plan.regions, *plan.options.period);
        std::vector<TrendRow> rows = trends(table, *plan.regions);
        result.regions = RegionPeriodAnalysis{std::move(table), std::move(rows)};
    }
    if (plan.options.zoom_clusters) result.zoom_clusters = cluster_per_zoom(placed, *plan.options.zoom_clusters);
    return result;
}

}  // namespace incimap
