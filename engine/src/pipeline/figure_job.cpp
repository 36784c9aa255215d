#include "incimap/pipeline/figure_job.hpp"

#include "incimap/core/error.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/classify/home_area.hpp"
#include "incimap/pipeline/geodata.hpp"
#include "incimap/pipeline/placement.hpp"

namespace incimap {

std::vector<std::filesystem::path> run_figure_job(FigureJob job) {
    if (job.output_base.empty()) throw UsageError("no output given (-o BASE)");
    if (job.region.empty() == !job.extent_given) throw UsageError("give the figure's extent with either --extent or --region");
    check(job.heatmap);
    const JobContext context = open_job(job.placement);
    if (!job.region.empty()) job.figure.extent = region_extent(context.geodata_dir / "boundaries.gpkg", job.region);
    if (job.figure.title.empty()) job.figure.title = "Incidents" + (job.region.empty() ? std::string() : " in " + job.region);
    const std::filesystem::path styles = find_styles_dir();
    const ColourRamp domestic = ColourRamp::named("domestic", styles), transnational = ColourRamp::named("transnational", styles);

    Placement placement = place_incidents(job.placement, read_inputs(job.placement), *context.gazetteer, *context.boundaries, *context.home);
    reject_bad_weights(placement, job.heatmap.weight_column);
    const std::vector<DensityPoint> points = density_points(placement.placed, job.heatmap.weight_column, *context.boundaries);
    DensityParams params = job.heatmap.density;
    params.threads = job.heatmap.threads;
    job.figure.weight_label = job.heatmap.weight_column.empty() ? "incidents" : job.heatmap.weight_column;
    if (const auto dir = job.output_base.parent_path(); !dir.empty()) std::filesystem::create_directories(dir);
    return write_figure(job.output_base, placement.placed, points, params, context.geodata_dir / "boundaries.gpkg",
                        context.boundaries->context(), job.figure, domestic.at(0.75), transnational.at(0.75));
}

}  // namespace incimap
