#include "incimap/pipeline/placement.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

#include "incimap/classify/home_area.hpp"
#include "incimap/core/error.hpp"
#include "incimap/pipeline/geodata.hpp"
#include "incimap/core/progress.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/gazetteer/nearest_places.hpp"
#include "incimap/geocode/geocoder.hpp"
#include "incimap/pipeline/locate.hpp"

namespace incimap {

JobContext::JobContext() = default;
JobContext::JobContext(JobContext&&) noexcept = default;
JobContext::~JobContext() { home.reset(); }

JobContext open_job(const MapJob& job) {
    if (job.inputs.empty()) throw UsageError("no input file given");
    if (job.home_codes.empty() == job.home_file.empty()) throw UsageError("give the home area with either --home or --home-file");
    JobContext context;
    context.geodata_dir = find_geodata_dir(job.geodata_dir);
    context.gazetteer = open_gazetteer(context.geodata_dir);
    if (!job.hint_country.empty() && context.gazetteer->country_alpha2(job.hint_country).empty())
        throw UsageError("--hint-country: unknown ISO 3166-1 country code '" + job.hint_country + "'");
    parse_country_codes(job.bias_countries, *context.gazetteer, "--bias-country");
    context.boundaries = open_boundaries(context.geodata_dir);
    if (!job.places_file.empty()) add_user_places(job.places_file, *context.gazetteer, *context.boundaries, job.quiet);
    context.home = std::make_unique<HomeArea>(job.home_file.empty() ? HomeArea::from_codes(job.home_codes, *context.gazetteer)
                                                                   : HomeArea::from_file(job.home_file, *context.boundaries));
    return context;
}

std::vector<IngestResult> read_inputs(const MapJob& job) {
    std::vector<IngestResult> inputs;
    for (const std::string& path : job.inputs) {
        inputs.push_back(read_incidents(path, job.columns, !job.quiet));
        if (!job.quiet)
            for (const std::string& w : inputs.back().warnings) std::cerr << "incimap: warning: " << path << ": " << w << "\n";
    }
    return inputs;
}

Placement place_incidents(const MapJob& job, std::vector<IngestResult> inputs, const Gazetteer& gazetteer,
                          const Boundaries& boundaries, const HomeArea& home) {
    const Geocoder geocoder(gazetteer);
    LocateOptions locate_options;
    locate_options.hint_country = job.hint_country;
    locate_options.bias_countries = parse_country_codes(job.bias_countries, gazetteer, "--bias-country");
    locate_options.near_km = job.near_km;
    std::unique_ptr<NearestPlaces> nearest;
    const bool any_coordinates = std::any_of(inputs.begin(), inputs.end(), [](const IngestResult& in) {
        return std::any_of(in.incidents.begin(), in.incidents.end(), [](const Incident& i) { return i.given_position.has_value(); });
    });
    if (any_coordinates && job.near_km > 0) {
        nearest = std::make_unique<NearestPlaces>(gazetteer);
        locate_options.nearest = nearest.get();
    }
    Placement result;
    auto& [placed, problems, counts, per_input, by_country, by_precision, ambiguous] = result;

    std::size_t total = 0;
    for (const IngestResult& in : inputs) total += in.incidents.size();
    placed.reserve(total);  // growing by doubling would hold two copies at once
    Progress progress("locating", !job.quiet, total);
    for (std::size_t k = 0; k < inputs.size(); ++k) {
        IngestResult& in = inputs[k];
        InputCounts ic;
        ic.rows = in.rows;
        ic.rejected = static_cast<std::int64_t>(in.problems.size());
        std::vector<RowProblem> input_problems = std::move(in.problems);
        for (Incident& inc : in.incidents) {
            progress.advance();
            LocateOutcome where = locate(inc, geocoder, boundaries, locate_options);
            if (!where.location) {
                const bool rejected = where.outcome == RowOutcome::rejected;
                ++(rejected ? ic.rejected : ic.unresolved);
                // A rejected row is at fault for its coordinates, an unresolved one for its place.
                input_problems.push_back({std::move(inc.source), where.outcome,
                                          rejected ? inc.position_column : inc.place_column,
                                          where.reason});
                continue;
            }
            ++ic.placed;
            PlacedIncident p{std::move(inc), *where.location, home.classify(*where.location, boundaries)};
            CountryCounts& cc = by_country[p.location.country];
            ++cc.placed;
            if (p.incident_class == IncidentClass::domestic) ++cc.domestic, ++counts.domestic;
            else ++cc.transnational, ++counts.transnational;
            ++by_precision[std::string(to_string(p.location.precision))];
            ambiguous += p.location.ambiguous;
            placed.push_back(std::move(p));
        }
        // rejects.csv lists rows in input order, whatever the mix of rejected and unresolved.
        std::stable_sort(input_problems.begin(), input_problems.end(),
                         [](const RowProblem& a, const RowProblem& b) { return a.source.row < b.source.row; });
        std::move(input_problems.begin(), input_problems.end(), std::back_inserter(problems));
        counts.rows += ic.rows;
        counts.placed += ic.placed;
        counts.unresolved += ic.unresolved;
        counts.rejected += ic.rejected;
        per_input.emplace_back(job.inputs[k], ic);
    }
    progress.finish("incidents");

    return result;
}

}  // namespace incimap
