#include "incimap/pipeline/placement.hpp"

#include <algorithm>
#include <memory>

#include "incimap/classify/home_area.hpp"
#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/gazetteer/nearest_places.hpp"
#include "incimap/pipeline/geodata.hpp"

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

Placer::Placer(const PlacementOptions& options, const JobContext& context, bool any_coordinates)
    : context_(context), geocoder_(*context.gazetteer) {
    locate_.hint_country = options.hint_country;
    locate_.bias_countries = alpha2_codes(options.bias_countries, *context.gazetteer, "placement.bias_countries");
    locate_.near_km = options.near_km;
    if (any_coordinates && options.near_km > 0) {
        nearest_ = std::make_unique<NearestPlaces>(*context.gazetteer);
        locate_.nearest = nearest_.get();
    }
}

Placer::~Placer() = default;

void Placer::place(IngestResult chunk, Placement& into, Progress& progress) const {
    InputCounts ic;
    ic.rows = chunk.rows;
    ic.rejected = static_cast<std::int64_t>(chunk.problems.size());
    std::vector<RowProblem> problems = std::move(chunk.problems);
    for (Incident& inc : chunk.incidents) {
        progress.advance();
        LocateOutcome where = locate(inc, geocoder_, *context_.boundaries, locate_);
        if (!where.location) {
            const bool rejected = where.outcome == RowOutcome::rejected;
            ++(rejected ? ic.rejected : ic.unresolved);
            // A rejected row is at fault for its coordinates, an unresolved one for its place.
            problems.push_back({std::move(inc.source), where.outcome, rejected ? inc.position_column : inc.place_column, where.reason});
            continue;
        }
        ++ic.placed;
        PlacedIncident p{std::move(inc), *where.location, context_.home->classify(*where.location, *context_.boundaries)};
        CountryCounts& cc = into.by_country[p.location.country];
        ++cc.placed;
        if (p.incident_class == IncidentClass::domestic) ++cc.domestic, ++into.counts.domestic;
        else ++cc.transnational, ++into.counts.transnational;
        ++into.by_precision[std::string(to_string(p.location.precision))];
        into.ambiguous += p.location.ambiguous;
        into.placed.push_back(std::move(p));
    }
    // rejects.csv lists rows in input order, whatever the mix of rejected and unresolved.
    std::stable_sort(problems.begin(), problems.end(), [](const RowProblem& a, const RowProblem& b) { return a.source.row < b.source.row; });
    std::move(problems.begin(), problems.end(), std::back_inserter(into.problems));
    into.counts.rows += ic.rows;
    into.counts.placed += ic.placed;
    into.counts.unresolved += ic.unresolved;
    into.counts.rejected += ic.rejected;
    into.per_input.emplace_back(chunk.file, ic);
}

Placement place_incidents(const PlacementOptions& options, std::vector<IngestResult> inputs, const JobContext& context,
                          Reporter& reporter) {
    const bool any_coordinates = std::any_of(inputs.begin(), inputs.end(), [](const IngestResult& in) {
        return std::any_of(in.incidents.begin(), in.incidents.end(), [](const Incident& i) { return i.given_position.has_value(); });
    });
    const Placer placer(options, context, any_coordinates);
    std::size_t total = 0;
    for (const IngestResult& in : inputs) total += in.incidents.size();
    Placement placement;
    placement.placed.reserve(total);  // growing by doubling would hold two copies at once
    Progress progress(reporter, "locating", total);
    for (IngestResult& in : inputs) placer.place(std::move(in), placement, progress);
    progress.finish("incidents");
    return placement;
}

}  // namespace incimap
