#pragma once
// Heatmap options shared by `incimap map --heatmap` and `incimap tiles`.
#include <boost/program_options.hpp>
#include <string>
#include <utility>

namespace incimap {
struct HeatmapOptions;
}

namespace incimap::cli {

void add_heatmap_options(boost::program_options::options_description& options, incimap::HeatmapOptions& heatmap);
/// Reads the options without a bound value and checks them all; throws UsageError.
void take_heatmap_options(const boost::program_options::variables_map& vm, incimap::HeatmapOptions& heatmap);
/// "MIN-MAX" zooms in 0-22; throws UsageError naming `option`.
std::pair<int, int> parse_zoom_range(const std::string& text, const std::string& option);

}  // namespace incimap::cli
