#include "incimap/pipeline/figure_job.hpp"

#include <algorithm>

#include "incimap/analyze/periods.hpp"
#include "incimap/core/error.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/classify/home_area.hpp"
#include "incimap/pipeline/geodata.hpp"
#include "incimap/pipeline/placement.hpp"

namespace incimap {

namespace {

// One panel of every incident, or one per period holding an incident (each incident's weight
// shared over the periods its date spans, as the per-period heatmaps do).
std::vector<FigurePanel> figure_panels(const std::vector<PlacedIncident>& placed, const HeatmapOptions& heatmap, const Boundaries& boundaries) {
    if (!heatmap.per_period) return {{"", density_points(placed, heatmap.weight_column, boundaries), std::vector<bool>(placed.size(), true)}};
    std::vector<FigurePanel> panels;
    for (const PeriodShares& period : shares_by_period(placed, *heatmap.per_period)) {
        FigurePanel panel{period.period.label, density_points(placed, heatmap.weight_column, boundaries, &period),
                          std::vector<bool>(placed.size(), false)};
        for (const auto& [i, share] : period.shares) panel.shown[i] = true;
        panels.push_back(std::move(panel));
    }
    return panels;
}

}  // namespace

std::vector<std::filesystem::path> run_figure_job(FigureJob job) {
    if (job.output_base.empty()) throw UsageError("no output given (-o BASE)");
    if (job.region.empty() == !job.extent_given) throw UsageError("give the figure's extent with either --extent or --region");
    check(job.heatmap);
    check(job.figure);
    if (job.heatmap.per_period && *job.heatmap.per_period != PeriodUnit::quarter && *job.heatmap.per_period != PeriodUnit::year)
        throw UsageError("--per-period: a figure takes quarter or year");
    const JobContext context = open_job(job.placement);
    if (!job.region.empty()) job.figure.extent = region_extent(context.geodata_dir / "boundaries.gpkg", job.region);
    if (job.figure.title.empty()) job.figure.title = "Incidents" + (job.region.empty() ? std::string() : " in " + job.region);
    if (job.figure.credit.empty())  // the input files' names, never their paths: the figure must not depend on where it was made
        for (const std::string& input : job.placement.inputs)
            job.figure.credit += (job.figure.credit.empty() ? "" : ", ") + (input == "-" ? "standard input" : std::filesystem::path(input).filename().string());
    const std::filesystem::path styles = find_styles_dir();
    const ColourRamp domestic = ColourRamp::named("domestic", styles), transnational = ColourRamp::named("transnational", styles);

    Placement placement = place_incidents(job.placement, read_inputs(job.placement), *context.gazetteer, *context.boundaries, *context.home);
    reject_bad_weights(placement, job.heatmap.weight_column);
    const std::vector<FigurePanel> panels = figure_panels(placement.placed, job.heatmap, *context.boundaries);
    DensityParams params = job.heatmap.density;
    params.threads = job.heatmap.threads;
    job.figure.weight_label = job.heatmap.weight_column.empty() ? "incidents" : job.heatmap.weight_column;
    if (const auto dir = job.output_base.parent_path(); !dir.empty()) std::filesystem::create_directories(dir);
    return write_figure(job.output_base, placement.placed, panels, params, context.geodata_dir / "boundaries.gpkg",
                        context.boundaries->context(), job.figure, domestic.at(0.75), transnational.at(0.75));
}

}  // namespace incimap
