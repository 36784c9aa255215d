#pragma once
// Placing every incident of a job's inputs: locate (coordinates or geocoding), classify, and
// count, with every row accounted for. Shared by `incimap map` and `incimap query`.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "incimap/core/incident.hpp"
#include "incimap/io/ingest.hpp"
#include "incimap/pipeline/map_job.hpp"

namespace incimap {

class Boundaries;
class Gazetteer;
class HomeArea;

struct InputCounts {
    std::int64_t rows = 0, placed = 0, unresolved = 0, rejected = 0;
};

struct CountryCounts {
    std::int64_t placed = 0, domestic = 0, transnational = 0;
};

struct Placement {
    std::vector<PlacedIncident> placed;                        ///< in input order
    std::vector<RowProblem> problems;                          ///< rejected and unresolved rows, in input order
    MapCounts counts;
    std::vector<std::pair<std::string, InputCounts>> per_input;
    std::map<std::string, CountryCounts> by_country;           ///< "" for incidents in no country
    std::map<std::string, std::int64_t> by_precision;
    std::int64_t ambiguous = 0;
};

/// What a job needs open: the geodata and the home area, all checked before any input is read.
struct JobContext {
    std::filesystem::path geodata_dir;
    std::unique_ptr<Gazetteer> gazetteer;
    std::unique_ptr<Boundaries> boundaries;
    std::unique_ptr<HomeArea> home;  ///< holds polygons of `boundaries`' GEOS context: destroyed first
    JobContext();
    JobContext(JobContext&&) noexcept;
    ~JobContext();
};

/// Checks the job's inputs, home area and geocoding options (UsageError) and opens the geodata.
JobContext open_job(const MapJob& job);

/// Reads every input of `job` (an unreadable one throws before any work), then places them.
std::vector<IngestResult> read_inputs(const MapJob& job);

Placement place_incidents(const MapJob& job, std::vector<IngestResult> inputs, const Gazetteer& gazetteer,
                          const Boundaries& boundaries, const HomeArea& home);

}  // namespace incimap
