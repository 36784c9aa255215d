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
    std::vector<IncidentPoint> points;                         ///< of every placed incident, in input order
    TextPool text;                                             ///< what the points' text members point to
    std::vector<PlacedIncident> placed;                        ///< in input order; empty when a sink took them
    std::vector<RowProblem> problems;                          ///< rejected and unresolved rows, in input order; empty when a sink took them
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

/// Takes a run's placed incidents chunk by chunk, so that the run keeps only their points.
class IncidentSink {
public:
    virtual ~IncidentSink() = default;
    /// Before any row is read: the schema of every input (its columns typed), in input order.
    virtual void open(const std::vector<std::shared_ptr<const FieldSchema>>& schemas) = 0;
    /// The placed incidents of a chunk, in input order.
    virtual void take(std::span<const PlacedIncident> chunk) = 0;
    /// The refused rows (rejected and unresolved) of a chunk, in input order.
    virtual void take_refused(std::span<const RowProblem> rows) = 0;
};

/// What placing does with placed incidents besides counting them and keeping their points.
struct PlacementUse {
    /// The heatmap's weight column: a placed row whose value there is missing, not a number,
    /// negative or infinite is rejected naming it, and points carry it as their weight. An input
    /// without the column is refused (InvalidOption heatmap.weight_column) before any work.
    std::string weight_column;
    /// Takes the placed incidents and refused rows, which Placement.placed and .problems keep
    /// otherwise.
    IncidentSink* sink = nullptr;
};

/// Places the incidents of one input (a chunk of a run) at a time, appending to a Placement.
class Placer {
public:
    /// `context` and `use.sink` must outlive the Placer.
    Placer(const PlacementOptions& options, const JobContext& context, PlacementUse use = {});
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

    /// The weight of a placed row, or why it has none: rejected then.
    std::optional<double> weight(const SourceRow& row, std::string& why) const;

    const JobContext& context_;
    PlacementUse use_;
    Geocoder geocoder_;
    std::unique_ptr<NearestPlaces> nearest_;  ///< made for the first chunk with coordinates
    LocateOptions locate_;
    unsigned threads_;
    std::unordered_map<std::string, LocateOutcome> geocoded_;  ///< by place text and hints
};

/// Reads and places every input a chunk of rows at a time, so that raw rows of one chunk are held
/// at once. Every input is opened first, so that an unreadable one throws InputError before any
/// work; GDAL's warnings about a file go to `reporter`.
Placement place_inputs(const PlacementOptions& options, const InputOptions& input, const JobContext& context, Reporter& reporter,
                       PlacementUse use = {});

/// Places every input read already, in order.
Placement place_incidents(const PlacementOptions& options, std::vector<IngestResult> inputs, const JobContext& context,
                          Reporter& reporter, PlacementUse use = {});

}  // namespace incimap
