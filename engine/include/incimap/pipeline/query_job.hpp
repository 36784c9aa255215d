#pragma once
// `incimap query`: the incidents of the inputs that lie in a box or within a distance, in a
// period, of a class or type, as a GeoJSON layer like incidents.geojson.
#include <optional>
#include <string>

#include "incimap/index/space_time_index.hpp"
#include "incimap/pipeline/map_job.hpp"

namespace incimap {

struct QueryJob {
    MapJob source;  ///< inputs, columns, home area, geocoding options, geodata, quiet (output_dir unused)
    std::optional<LonLatBox> box;
    std::optional<LonLat> near_center;
    double near_km = 0;
    QueryFilter filter;
    std::string output = "-";  ///< file path, or "-" for standard output
};

/// Returns the number of incidents written. Throws like run_map_job.
std::size_t run_query_job(const QueryJob& job);

}  // namespace incimap
