#pragma once
// Placing incidents: locate (given coordinates or geocoded place text), classify, and count, with
// every row accounted for. Shared by `incimap map`, `query` and `figure`.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "incimap/core/incident.hpp"
#include "incimap/geocode/geocoder.hpp"
#include "incimap/io/ingest.hpp"
#include "incimap/pipeline/locate.hpp"
#include "incimap/pipeline/options.hpp"

namespace incimap {

class Boundaries;
class Gazetteer;
class HomeArea;
class NearestPlaces;
class Progress;
class Reporter;

/// The counts written to summary.json; placed + unresolved + rejected == rows.
struct MapCounts {
    std::int64_t rows = 0, placed = 0, unresolved = 0, rejected = 0, domestic = 0, transnational = 0;
};

struct InputCounts {
    std::int64_t rows = 0, placed = 0, unresolved = 0, rejected = 0;
};

struct CountryCounts {
    std::int64_t placed = 0, domestic = 0, transnational = 0;
};

/// The placed incidents and the refused rows of a run, with their counts. Placements of chunks
/// add up (append) in input order.
struct Placement {
    std::vector<PlacedIncident> placed;                        ///< in input order
    std::vector<RowProblem> problems;                          ///< rejected and unresolved rows, in input order
    MapCounts counts;
    std::vector<std::pair<std::string, InputCounts>> per_input;
    std::map<std::string, CountryCounts> by_country;           ///< "" for incidents in no country
    std::map<std::string, std::int64_t> by_precision;
    std::int64_t ambiguous = 0;
};

/// What placing needs open: the geodata (with the analyst's places) and the home area.
struct JobContext {
    std::filesystem::path geodata_dir;
    std::unique_ptr<Gazetteer> gazetteer;
    std::unique_ptr<Boundaries> boundaries;
    std::unique_ptr<HomeArea> home;  ///< holds polygons of `boundaries`' GEOS context: destroyed first
    JobContext();
    JobContext(JobContext&&) noexcept;
    ~JobContext();
};

/// Opens the geodata and the home area, and checks the options' country codes against it
/// (InvalidOption). Validates `options` first.
JobContext open_job(const PlacementOptions& options, Reporter& reporter);

/// Reads every input (an unreadable one throws InputError before any work); GDAL's warnings
/// about a file go to `reporter`.
std::vector<IngestResult> read_inputs(const InputOptions& input, Reporter& reporter);

/// Places the incidents of one input (a chunk of a run) at a time, appending to a Placement.
class Placer {
public:
    /// `context` must outlive the Placer.
    Placer(const PlacementOptions& options, const JobContext& context);
    ~Placer();
    Placer(const Placer&) = delete;
    Placer& operator=(const Placer&) = delete;

    /// Locates and classifies every incident of `chunk`, appends them and its refused rows (in
    /// row order) to `into`, and adds its counts: to a new input's, or to the last input's when
    /// the chunk continues it.
    void place(IngestResult chunk, Placement& into, Progress& progress, bool new_input = true);

private:
    /// Where each incident of a block is, located on all cores; a place text with the same hints
    /// is geocoded once a run.
    std::vector<LocateOutcome> locate_block(std::span<const Incident> incidents);

    const JobContext& context_;
    Geocoder geocoder_;
    std::unique_ptr<NearestPlaces> nearest_;  ///< made for the first chunk with coordinates
    LocateOptions locate_;
    unsigned threads_;
    std::unordered_map<std::string, LocateOutcome> geocoded_;  ///< by place text and hints
};

/// Reads and places every input a chunk of rows at a time, so that raw rows of one chunk are held
/// at once. Every input is opened first, so that an unreadable one throws InputError before any
/// work; GDAL's warnings about a file go to `reporter`.
Placement place_inputs(const PlacementOptions& options, const InputOptions& input, const JobContext& context, Reporter& reporter);

/// Places every input read already, in order.
Placement place_incidents(const PlacementOptions& options, std::vector<IngestResult> inputs, const JobContext& context,
                          Reporter& reporter);

}  // namespace incimap
