#include "incimap/pipeline/query_job.hpp"

#include <cmath>

#include "incimap/core/error.hpp"
#include "incimap/pipeline/placement.hpp"

namespace incimap {

void QueryJob::validate() const {
    input.validate();
    placement.validate();
    if (box && near_center) throw InvalidOption("query.where", "give {query.box} or {query.near}, not both");
    if (box && (box->south < -90 || box->north > 90 || box->south > box->north))
        throw InvalidOption("query.box", "south and north must be in -90..90, south <= north");
    if (box && (box->west < -180 || box->west > 180 || box->east < -180 || box->east > 180))
        throw InvalidOption("query.box", "west and east must be in -180..180");
    if (near_center && !is_valid(*near_center)) throw InvalidOption("query.near", "latitude must be in -90..90 and longitude in -180..180");
    if (near_center && !(near_km > 0 && std::isfinite(near_km))) throw InvalidOption("query.near", "the distance must be more than 0 km");
    if (filter.from && filter.to && *filter.to < *filter.from) throw InvalidOption("query.to", "is before {query.from}");
}

QueryResult run_query_job(const QueryJob& job, Reporter& reporter) {
    job.validate();
    const JobContext context = open_job(job.placement, reporter);
    Placement placement = place_inputs(job.placement, job.input, context, reporter);

    const SpaceTimeIndex index(placement.placed);
    const std::vector<std::size_t> hits = job.box           ? index.in_box(*job.box, job.filter)
                                          : job.near_center ? index.near(*job.near_center, job.near_km, job.filter)
                                                            : index.in_time(job.filter);
    QueryResult result;
    result.placed = placement.placed.size();
    result.selected.reserve(hits.size());
    for (std::size_t i : hits) result.selected.push_back(std::move(placement.placed[i]));
    return result;
}

}  // namespace incimap
