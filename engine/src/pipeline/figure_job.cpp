#include "incimap/pipeline/figure_job.hpp"

#include <algorithm>

#include "incimap/analyze/periods.hpp"
#include "incimap/core/error.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/classify/home_area.hpp"
#include "incimap/output/figure_files.hpp"
#include "incimap/pipeline/geodata.hpp"
#include "incimap/pipeline/heatmap_job.hpp"
#include "incimap/pipeline/placement.hpp"

namespace incimap {

namespace {

// One panel of every incident, or one per period holding an incident (each incident's weight
// shared over the periods its date spans, as the per-period heatmaps do).
std::vector<FigurePanel> figure_panels(std::span<const IncidentPoint> placed, const HeatmapOptions& heatmap, const Boundaries& boundaries) {
    if (!heatmap.per_period) return {{"", density_points(placed, boundaries), std::vector<bool>(placed.size(), true)}};
    std::vector<FigurePanel> panels;
    for (const PeriodShares& period : shares_by_period(placed, *heatmap.per_period)) {
        FigurePanel panel{period.period.label, density_points(placed, boundaries, &period),
                          std::vector<bool>(placed.size(), false)};
        for (const auto& [i, share] : period.shares) panel.shown[i] = true;
        panels.push_back(std::move(panel));
    }
    return panels;
}

// The box of a subregion or a country; throws InvalidOption naming the subregions.
LonLatBox extent_of_area(const std::filesystem::path& boundaries_gpkg, const std::string& area) {
    std::vector<std::string> subregions;
    if (const std::optional<LonLatBox> box = area_extent(boundaries_gpkg, area, subregions)) return *box;
    std::string choices;
    for (const std::string& name : subregions) choices += (choices.empty() ? "" : ", ") + name;
    throw InvalidOption("figure.area", "no subregion or country '" + area + "' (subregions: " + choices + ")");
}

}  // namespace

void FigureJob::validate() const {
    input.validate();
    placement.validate();
    if (output_base.empty()) throw InvalidOption("output.base", "no output given");
    if (area.empty() == !extent_given) throw InvalidOption("figure.where", "give the figure's extent with either {figure.extent} or {figure.area}");
    heatmap.validate();
    check(figure);
    pdf_creation_date();  // a bad SOURCE_DATE_EPOCH is found before the work
    if (heatmap.per_period && *heatmap.per_period != PeriodUnit::quarter && *heatmap.per_period != PeriodUnit::year)
        throw InvalidOption("heatmap.per_period", "a figure takes quarter or year");
}

std::vector<std::filesystem::path> run_figure_job(FigureJob job, Reporter& reporter) {
    job.validate();
    const JobContext context = open_job(job.placement, reporter);
    if (!job.area.empty()) job.figure.extent = extent_of_area(context.geodata_dir / "boundaries.gpkg", job.area);
    if (job.figure.title.empty()) job.figure.title = "Incidents" + (job.area.empty() ? std::string() : " in " + job.area);
    if (job.figure.credit.empty())  // the input files' names, never their paths: the figure must not depend on where it was made
        for (const std::string& input : job.input.files)
            job.figure.credit += (job.figure.credit.empty() ? "" : ", ") + (input == "-" ? "standard input" : std::filesystem::path(input).filename().string());
    const std::filesystem::path styles = find_styles_dir();
    const ColourRamp domestic = ColourRamp::named("domestic", styles), transnational = ColourRamp::named("transnational", styles);

    // The figure draws points: the rows go as they are placed or refused.
    struct Discard : IncidentSink {
        void open(const std::vector<std::shared_ptr<const FieldSchema>>&) override {}
        void take(std::span<const PlacedIncident>) override {}
        void take_refused(std::span<const RowProblem>) override {}
    } discard;
    const Placement placement = place_inputs(job.placement, job.input, context, reporter, {job.heatmap.weight_column, &discard});
    const std::vector<FigurePanel> panels = figure_panels(placement.points, job.heatmap, *context.boundaries);
    DensityParams params = job.heatmap.density;
    params.threads = job.heatmap.threads;
    job.figure.weight_label = job.heatmap.weight_column.empty() ? "incidents" : job.heatmap.weight_column;
    if (const auto dir = job.output_base.parent_path(); !dir.empty()) std::filesystem::create_directories(dir);
    const FigurePalette palette{class_colours(styles), domestic.at(0.75), transnational.at(0.75)};
    const FigureDrawing figure(placement.points, panels, params, context.geodata_dir / "boundaries.gpkg", context.boundaries->context(),
                               job.figure, palette);
    return write_figure_files(job.output_base, figure, job.figure.formats);
}

}  // namespace incimap
