#pragma once
// `incimap query`: the incidents of the inputs that lie in a box or within a distance, in a
// period, of a class or type.
#include <optional>
#include <vector>

#include "incimap/index/space_time_index.hpp"
#include "incimap/pipeline/options.hpp"

namespace incimap {

class Reporter;

struct QueryJob {
    InputOptions input;
    PlacementOptions placement;
    std::optional<LonLatBox> box;       ///< west > east crosses the antimeridian; or
    std::optional<LonLat> near_center;  ///< within near_km of this point (geodesic)
    double near_km = 0;
    QueryFilter filter;
    /// Throws InvalidOption for a box and a centre both, coordinates out of range, a distance of
    /// 0 or less, or a period that ends before it starts.
    void validate() const;
};

struct QueryResult {
    std::vector<PlacedIncident> selected;  ///< in input order
    std::size_t placed = 0;                ///< incidents placed, selected or not
};

/// Places the inputs' incidents as run_map_job does and selects those the job asks for. Throws
/// as run_map_job does.
QueryResult run_query_job(const QueryJob& job, Reporter& reporter);

}  // namespace incimap
