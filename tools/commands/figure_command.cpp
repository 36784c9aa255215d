#include <sstream>

#include "commands.hpp"
#include "incimap/incimap.hpp"
#include "../terminal_reporter.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

FigureCommand::FigureCommand() {
    usage_ = "incimap figure INPUT... (--home CODES | --home-file FILE) (--extent W,S,E,N | --area NAME) -o BASE [OPTIONS]";
    FigureOptions& f = job_.figure;
    options_.add_options()
        ("area", po::value(&job_.area), "extent of a UN subregion (\"Central Asia\") or a country (name or ISO code)")
        ("extent", po::value<std::string>(), "extent W,S,E,N in degrees, instead of --area")
        ("title", po::value(&f.title), "figure title (default: Incidents in AREA)")
        ("page-mm", po::value<std::string>()->default_value("160x110"), "printed size WxH in millimetres (PDF and SVG pages; PNG at --dpi)")
        ("dpi", po::value(&f.dpi)->default_value(300), "PNG resolution in dots per inch, and the heatmap's")
        ("credit", po::value(&f.credit), "credit line for the incident data (default: the input files' names)")
        ("format", po::value<std::string>()->default_value("png,svg,pdf"), "formats to write: png, svg, pdf, comma-separated");
    ignore({"crs", "size", "ramp"}, {"cog"});  // raster options a figure never used
    for (OptionGroup* group : std::initializer_list<OptionGroup*>{&input_, &placement_, &output_, &density_}) add(*group);
    deprecated_ = {{"--region", "--area"}};
    flags_.add({{"figure.where", ""},
               {"figure.area", "--area"},
               {"figure.extent", "--extent"},
               {"figure.page_mm", "--page-mm"},
               {"figure.dpi", "--dpi"},
               {"figure.formats", "--format"}});
}

const char* FigureCommand::synopsis() const {
    return "Places and classifies incidents as `incimap map` does and draws a report figure of one\n"
           "extent for a printed report (--page-mm, --dpi; text in points): country outlines and names,\n"
           "graticule, the heatmap of both classes, incidents by class, title and date range, legend,\n"
           "inset locator map, scale bar, credits (Cairo: PNG, SVG, PDF). --per-period quarter|year\n"
           "draws one panel per period on one colour scale.\n"
           "Exit codes: 0 ok, 1 failed, 2 usage.";
}

void FigureCommand::setup(const std::vector<std::string>& args) {
    const po::variables_map vm = parse(args, "input");
    if (help_) return;
    if (vm.count("extent")) {
        const std::vector<double> e = number_list(vm["extent"].as<std::string>(), 4, "--extent");
        job_.figure.extent = LonLatBox{e[0], e[1], e[2], e[3]};
        job_.extent_given = true;
    }
    const std::string page = vm["page-mm"].as<std::string>();
    char x = 0, extra = 0;
    std::istringstream size(page);
    if (!(size >> job_.figure.page_width_mm >> x >> job_.figure.page_height_mm) || (x != 'x' && x != 'X') || (size >> extra))
        throw UsageError("--page-mm: expected WxH in millimetres, e.g. 160x110, not '" + page + "'");
    job_.figure.formats = comma_list(vm["format"].as<std::string>());
    for (const std::string& f : job_.figure.formats)
        if (f != "png" && f != "svg" && f != "pdf") throw UsageError("--format: '" + f + "' is not png, svg or pdf");
    job_.placement.threads = job_.heatmap.threads;  // --threads is for every stage
    job_.validate();
}

int FigureCommand::run() {
    TerminalReporter reporter(quiet_);
    for (const auto& f : run_figure_job(job_, reporter)) reporter.info("figure: " + f.string());
    return 0;
}

std::unique_ptr<Command> make_figure_command() { return std::make_unique<FigureCommand>(); }

}  // namespace incimap::cli
