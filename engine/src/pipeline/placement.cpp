#include "incimap/pipeline/placement.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>

#include "incimap/classify/home_area.hpp"
#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/gazetteer/nearest_places.hpp"
#include "incimap/pipeline/geodata.hpp"
#include "../core/parallel.hpp"

namespace incimap {

JobContext::JobContext() = default;
JobContext::JobContext(JobContext&&) noexcept = default;
JobContext::~JobContext() { home.reset(); }

JobContext open_job(const PlacementOptions& options, Reporter& reporter) {
    options.validate();
    JobContext context;
    context.geodata_dir = find_geodata_dir(options.geodata_dir.string());
    context.gazetteer = open_gazetteer(context.geodata_dir);
    if (!options.hint_country.empty()) alpha2_codes({options.hint_country}, *context.gazetteer, "placement.hint_country");
    alpha2_codes(options.bias_countries, *context.gazetteer, "placement.bias_countries");
    context.boundaries = open_boundaries(context.geodata_dir);
    if (!options.places_file.empty()) add_user_places(options.places_file.string(), *context.gazetteer, *context.boundaries, reporter);
    context.home = std::make_unique<HomeArea>(options.home_file.empty() ? HomeArea::from_codes(options.home_countries, *context.gazetteer)
                                                                       : HomeArea::from_file(options.home_file, *context.boundaries));
    return context;
}

std::vector<IngestResult> read_inputs(const InputOptions& input, Reporter& reporter) {
    input.validate();
    std::vector<IngestResult> inputs;
    for (const std::string& path : input.files) {
        inputs.push_back(read_incidents(path, input.columns, reporter));
        for (const std::string& w : inputs.back().warnings) reporter.warning(path + ": " + w);
    }
    return inputs;
}

Placer::Placer(const PlacementOptions& options, const JobContext& context, PlacementUse use)
    : context_(context), use_(std::move(use)), geocoder_(*context.gazetteer), threads_(thread_count(options.threads)) {
    locate_.hint_country = options.hint_country;
    locate_.bias_countries = alpha2_codes(options.bias_countries, *context.gazetteer, "placement.bias_countries");
    locate_.near_km = options.near_km;
}

Placer::~Placer() = default;

namespace {

// Rows are read a chunk at a time: a run holds the raw rows of one chunk besides what it keeps.
constexpr std::size_t chunk_rows = 1 << 16;
// Incidents are located a block at a time, so that progress moves and the keys stay few.
constexpr std::size_t block_size = 1 << 16;
// Beyond this many distinct place texts (a list of free text, or a hostile one), new ones are
// geocoded without being kept.
constexpr std::size_t max_remembered_places = 1 << 18;

// Room for the incidents the rest of a file will give, foreseen from the share of it read: a
// vector that doubles holds its old and new blocks at once, which past a power of two (1.1M
// incidents) raised the peak by half.
template <typename T>
void reserve_for_file(std::vector<T>& placed, std::size_t placed_before, std::size_t chunk_incidents, std::optional<double> share_read) {
    if (!share_read || *share_read <= 0) return;
    const std::size_t so_far = placed.size() - placed_before + chunk_incidents;
    const auto foreseen = placed_before + static_cast<std::size_t>(static_cast<double>(so_far) / *share_read * 1.02) + chunk_incidents;
    if (foreseen > placed.capacity()) placed.reserve(foreseen);
}

// The weight in a row's field, or why there is none.
std::optional<double> weight_of(const FieldValue& v, std::string& why) {
    double w = 0;
    if (const auto* i = std::get_if<std::int64_t>(&v)) w = double(*i);
    else if (const auto* d = std::get_if<double>(&v)) w = *d;
    else if (const auto* s = std::get_if<std::string>(&v)) {
        const auto first = s->find_first_not_of(" \t"), last = s->find_last_not_of(" \t");
        if (first == std::string::npos) {
            why = "no weight";
            return std::nullopt;
        }
        const char* end = s->data() + last + 1;
        const auto [ptr, ec] = std::from_chars(s->data() + first, end, w);
        if (ec != std::errc() || ptr != end) {
            why = "weight '" + *s + "' is not a number";
            return std::nullopt;
        }
    } else {
        why = "no weight";
        return std::nullopt;
    }
    if (!std::isfinite(w) || w < 0) {
        why = "weight " + to_text(v) + " is not a number of 0 or more";
        return std::nullopt;
    }
    return w;
}

std::optional<std::size_t> column_index(const FieldSchema& schema, const std::string& column) {
    for (std::size_t i = 0; i < schema.names.size(); ++i)
        if (schema.names[i] == column) return i;
    return std::nullopt;
}

// Refuses an input without the weight column before any work.
void check_weight_column(const FieldSchema& schema, const std::string& column) {
    if (!column.empty() && !column_index(schema, column))
        throw InvalidOption("heatmap.weight_column", schema.file + " has no column '" + column + "'");
}

// What a place text geocodes to depends on the text and the row's hints, nothing else.
std::string geocode_key(const Incident& incident) {
    std::string key = incident.place;
    for (const std::string& hint : incident.hints) key.append(1, '\x1f').append(hint);
    return key;
}

}  // namespace

std::vector<LocateOutcome> Placer::locate_block(std::span<const Incident> incidents) {
    std::vector<LocateOutcome> where(incidents.size());
    // The place texts not geocoded before, each with the first row that has it.
    std::vector<std::string> keys(incidents.size());
    std::unordered_map<std::string_view, std::size_t> fresh;
    for (std::size_t i = 0; i < incidents.size(); ++i)
        if (!incidents[i].given_position) {
            keys[i] = geocode_key(incidents[i]);
            if (!geocoded_.contains(keys[i])) fresh.try_emplace(keys[i], i);
        }
    // Given coordinates and fresh place texts are located in parallel, each result in its slot.
    std::vector<std::size_t> work;
    for (const auto& [key, i] : fresh) work.push_back(i);
    for (std::size_t i = 0; i < incidents.size(); ++i)
        if (incidents[i].given_position) work.push_back(i);
    for_each_index(work.size(), threads_, 64,
                   [&](std::size_t k) { where[work[k]] = locate(incidents[work[k]], geocoder_, *context_.boundaries, locate_); });
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        if (incidents[i].given_position) continue;
        if (const auto known = geocoded_.find(keys[i]); known != geocoded_.end()) where[i] = known->second;
        else if (const std::size_t first = fresh.at(keys[i]); first != i) where[i] = where[first];
        else if (geocoded_.size() < max_remembered_places) geocoded_.emplace(keys[i], where[i]);
    }
    return where;
}

std::optional<double> Placer::weight(const SourceRow& row, std::string& why) const {
    if (use_.weight_column.empty()) return 1.0;
    const auto i = column_index(*row.schema, use_.weight_column);
    if (!i) {
        check_weight_column(*row.schema, use_.weight_column);
        return std::nullopt;
    }
    return weight_of(row.values[*i], why);
}

void Placer::place(IngestResult chunk, Placement& into, Progress& progress, bool new_input) {
    // The nearest populated places are indexed (100 ms) only for a run with coordinates.
    if (!nearest_ && locate_.near_km > 0 &&
        std::any_of(chunk.incidents.begin(), chunk.incidents.end(), [](const Incident& i) { return i.given_position.has_value(); })) {
        nearest_ = std::make_unique<NearestPlaces>(*context_.gazetteer);
        locate_.nearest = nearest_.get();
    }
    InputCounts ic;
    ic.rows = chunk.rows;
    ic.rejected = static_cast<std::int64_t>(chunk.problems.size());
    std::vector<RowProblem> problems = std::move(chunk.problems);
    std::vector<PlacedIncident> placed;
    std::vector<LocateOutcome> block;
    for (std::size_t i = 0; i < chunk.incidents.size(); ++i) {
        if (i % block_size == 0) {
            progress.advance(block.size());
            block = locate_block(std::span(chunk.incidents).subspan(i, std::min(block_size, chunk.incidents.size() - i)));
        }
        Incident& inc = chunk.incidents[i];
        LocateOutcome& where = block[i % block_size];
        if (!where.location) {
            const bool rejected = where.outcome == RowOutcome::rejected;
            ++(rejected ? ic.rejected : ic.unresolved);
            // A rejected row is at fault for its coordinates, an unresolved one for its place.
            problems.push_back({std::move(inc.source), where.outcome, std::string(rejected ? inc.position_column : inc.place_column), where.reason});
            continue;
        }
        std::string why;
        const std::optional<double> weight = this->weight(inc.source, why);
        if (!weight) {
            ++ic.rejected;
            problems.push_back({std::move(inc.source), RowOutcome::rejected, use_.weight_column, why});
            continue;
        }
        ++ic.placed;
        PlacedIncident p{std::move(inc), std::move(*where.location), IncidentClass::transnational};
        p.incident_class = context_.home->classify(p.location, *context_.boundaries);
        CountryCounts& cc = into.by_country[p.location.country];
        ++cc.placed;
        if (p.incident_class == IncidentClass::domestic) ++cc.domestic, ++into.counts.domestic;
        else ++cc.transnational, ++into.counts.transnational;
        ++into.by_precision[std::string(to_string(p.location.precision))];
        into.ambiguous += p.location.ambiguous;
        into.points.push_back(point_of(p, into.text, *weight));
        placed.push_back(std::move(p));
    }
    progress.advance(block.size());
    if (use_.sink) use_.sink->take(placed);
    else std::move(placed.begin(), placed.end(), std::back_inserter(into.placed));
    // rejects.csv lists rows in input order, whatever the mix of rejected and unresolved.
    std::stable_sort(problems.begin(), problems.end(), [](const RowProblem& a, const RowProblem& b) { return a.source.row < b.source.row; });
    if (use_.sink) use_.sink->take_refused(problems);
    else std::move(problems.begin(), problems.end(), std::back_inserter(into.problems));
    into.counts.rows += ic.rows;
    into.counts.placed += ic.placed;
    into.counts.unresolved += ic.unresolved;
    into.counts.rejected += ic.rejected;
    if (new_input || into.per_input.empty()) {
        into.per_input.emplace_back(chunk.file, ic);
        return;
    }
    InputCounts& input = into.per_input.back().second;
    input.rows += ic.rows, input.placed += ic.placed, input.unresolved += ic.unresolved, input.rejected += ic.rejected;
}

Placement place_inputs(const PlacementOptions& options, const InputOptions& input, const JobContext& context, Reporter& reporter,
                       PlacementUse use) {
    input.validate();
    // Every input is opened (and its columns typed) before any work, so that a bad one stops the run first.
    std::vector<std::unique_ptr<IncidentReader>> readers;
    std::vector<std::shared_ptr<const FieldSchema>> schemas;
    for (const std::string& path : input.files) {
        readers.push_back(std::make_unique<IncidentReader>(path, input.columns, reporter));
        schemas.push_back(readers.back()->schema());
        check_weight_column(*schemas.back(), use.weight_column);
    }
    if (use.sink) use.sink->open(schemas);
    const bool keep_placed = use.sink == nullptr;
    Placer placer(options, context, std::move(use));
    Placement placement;
    // Reading shows the progress (rows, rate, time left from bytes read); locating follows each chunk.
    Progress quiet(silent_reporter(), "locating");
    std::size_t located = 0;
    for (std::size_t k = 0; k < readers.size(); ++k) {
        IncidentReader& reader = *readers[k];
        const std::string& path = input.files[k];
        bool first = true;
        const std::size_t points_before = placement.points.size(), placed_before = placement.placed.size();
        while (std::optional<IngestResult> chunk = reader.next_chunk(chunk_rows)) {
            located += chunk->incidents.size();
            reserve_for_file(placement.points, points_before, chunk->incidents.size(), reader.share_read());
            if (keep_placed) reserve_for_file(placement.placed, placed_before, chunk->incidents.size(), reader.share_read());
            placer.place(std::move(*chunk), placement, quiet, first);
            first = false;
        }
        if (first) placer.place(IngestResult{path, reader.schema(), {}, {}, 0, {}}, placement, quiet);  // an empty input is listed too
        for (const std::string& w : reader.warnings()) reporter.warning(path + ": " + w);
        readers[k].reset();
    }
    Progress locating(reporter, "locating", located);
    locating.advance(located);
    locating.finish("incidents");
    return placement;
}

Placement place_incidents(const PlacementOptions& options, std::vector<IngestResult> inputs, const JobContext& context,
                          Reporter& reporter, PlacementUse use) {
    std::vector<std::shared_ptr<const FieldSchema>> schemas;
    for (const IngestResult& in : inputs) {
        schemas.push_back(in.schema);
        check_weight_column(*in.schema, use.weight_column);
    }
    if (use.sink) use.sink->open(schemas);
    const bool keep_placed = use.sink == nullptr;
    Placer placer(options, context, std::move(use));
    std::size_t total = 0;
    for (const IngestResult& in : inputs) total += in.incidents.size();
    Placement placement;
    placement.points.reserve(total);  // growing by doubling would hold two copies at once
    if (keep_placed) placement.placed.reserve(total);
    Progress progress(reporter, "locating", total);
    for (IngestResult& in : inputs) placer.place(std::move(in), placement, progress);
    progress.finish("incidents");
    return placement;
}

}  // namespace incimap
