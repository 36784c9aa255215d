#pragma once
// Heatmap options shared by `incimap map --heatmap` and `incimap tiles`.
#include <boost/program_options.hpp>

namespace incimap {
struct HeatmapOptions;
}

namespace incimap::cli {

void add_heatmap_options(boost::program_options::options_description& options, incimap::HeatmapOptions& heatmap);
/// Reads the options without a bound value and checks them all; throws UsageError.
void take_heatmap_options(const boost::program_options::variables_map& vm, incimap::HeatmapOptions& heatmap);

}  // namespace incimap::cli
