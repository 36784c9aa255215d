#include "incimap/pipeline/query_job.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>

#include "incimap/core/error.hpp"
#include "incimap/io/output_writers.hpp"
#include "incimap/pipeline/placement.hpp"

namespace incimap {

std::size_t run_query_job(const QueryJob& job) {
    if (job.box && job.near_center) throw UsageError("give --bbox or --near, not both");
    const JobContext context = open_job(job.source);
    Placement placement = place_incidents(job.source, read_inputs(job.source), *context.gazetteer, *context.boundaries, *context.home);

    const SpaceTimeIndex index(placement.placed);
    const std::vector<std::size_t> hits = job.box           ? index.in_box(*job.box, job.filter)
                                          : job.near_center ? index.near(*job.near_center, job.near_km, job.filter)
                                                            : index.in_time(job.filter);
    std::vector<PlacedIncident> selected;
    selected.reserve(hits.size());
    for (std::size_t i : hits) selected.push_back(std::move(placement.placed[i]));

    if (job.output != "-") {
        write_incidents_geojson(job.output, selected);
    } else {
        // The GeoJSON driver writes files; the layer goes through one to standard output.
        const std::filesystem::path temp = std::filesystem::temp_directory_path() / ("incimap-query-" + std::to_string(::getpid()) + ".geojson");
        write_incidents_geojson(temp, selected);
        std::ifstream in(temp, std::ios::binary);
        std::cout << in.rdbuf();
        std::cout.flush();
        std::filesystem::remove(temp);
        if (!std::cout) throw IoError("query: cannot write to standard output");
    }
    if (!job.source.quiet)
        std::cerr << "query: " << selected.size() << " of " << placement.placed.size() << " placed incidents\n";
    return selected.size();
}

}  // namespace incimap
