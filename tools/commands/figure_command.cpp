#include <iostream>
#include <sstream>

#include "command.hpp"
#include "heatmap_options.hpp"
#include "incimap/core/error.hpp"
#include "incimap/pipeline/figure_job.hpp"

namespace incimap::cli {

namespace po = boost::program_options;

namespace {

class FigureCommand final : public Command {
public:
    FigureCommand() {
        usage_ = "incimap figure INPUT... (--home CODES | --home-file FILE) (--extent W,S,E,N | --region NAME) -o BASE [OPTIONS]";
        add_placement_options(options_, job_.placement);
        options_.add_options()
            ("output,o", po::value<std::string>(), "output path without extension: writes BASE.png, BASE.svg and BASE.pdf")
            ("region", po::value(&job_.region), "extent of a UN subregion (\"Central Asia\") or a country (name or ISO code)")
            ("title", po::value(&job_.figure.title), "figure title (default: Incidents in REGION)")
            ("page-mm", po::value<std::string>()->default_value("160x110"), "printed size WxH in millimetres (PDF and SVG pages; PNG at --dpi)")
            ("dpi", po::value(&job_.figure.dpi)->default_value(300), "PNG resolution in dots per inch, and the heatmap's")
            ("credit", po::value(&job_.figure.credit), "credit line for the incident data (default: the input files' names)")
            ("format", po::value<std::string>()->default_value("png,svg,pdf"), "formats to write: png, svg, pdf, comma-separated");
        add_heatmap_options(options_, job_.heatmap);
        hidden_.add_options()("input", po::value(&job_.placement.inputs), "input files");
    }
    const char* name() const override { return "figure"; }
    const char* synopsis() const override {
        return "Places and classifies incidents as `incimap map` does and draws a report figure of one\n"
               "extent for a printed report (--page-mm, --dpi; text in points): country outlines and names,\n"
               "graticule, the heatmap of both classes, incidents by class, title and date range, legend,\n"
               "inset locator map, scale bar, credits (Cairo: PNG, SVG, PDF). --per-period quarter|year\n"
               "draws one panel per period on one colour scale.\n"
               "Exit codes: 0 ok, 1 failed, 2 usage.";
    }
    void setup(const std::vector<std::string>& args) override {
        const po::variables_map vm = parse(args, "input");
        if (help_) return;
        if (!vm.count("output")) throw UsageError("figure: no output given (-o BASE)");
        job_.output_base = vm["output"].as<std::string>();
        take_placement_options(vm, job_.placement);
        take_heatmap_options(vm, job_.heatmap);
        if (job_.heatmap.extent) {
            job_.figure.extent = *job_.heatmap.extent;
            job_.extent_given = true;
        }
        const std::string page = vm["page-mm"].as<std::string>();
        char x = 0, extra = 0;
        std::istringstream size(page);
        if (!(size >> job_.figure.page_width_mm >> x >> job_.figure.page_height_mm) || (x != 'x' && x != 'X') || (size >> extra))
            throw UsageError("--page-mm: expected WxH in millimetres, e.g. 160x110, not '" + page + "'");
        job_.figure.formats.clear();
        std::istringstream formats(vm["format"].as<std::string>());
        for (std::string f; std::getline(formats, f, ',');) {
            if (f != "png" && f != "svg" && f != "pdf") throw UsageError("--format: '" + f + "' is not png, svg or pdf");
            job_.figure.formats.push_back(f);
        }
        if (job_.region.empty() == !job_.extent_given) throw UsageError("figure: give the extent with either --extent or --region");
    }
    int run() override {
        const auto files = run_figure_job(job_);
        if (!job_.placement.quiet)
            for (const auto& f : files) std::cerr << "figure: " << f.string() << "\n";
        return 0;
    }

private:
    FigureJob job_;
};

}  // namespace

std::unique_ptr<Command> make_figure_command() { return std::make_unique<FigureCommand>(); }

}  // namespace incimap::cli
