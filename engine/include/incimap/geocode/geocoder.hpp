#pragma once
// Place text to a located place: "place, region, country" split into parts, the most specific
// part that matches the gazetteer is the place, later parts (and explicit hints) that name an
// admin-1 area or a country restrict the candidates. Never a silent guess: close competitors make
// the result `ambiguous`, with the alternatives listed, and the confidence says how sure it is.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "incimap/core/footprint.hpp"
#include "incimap/core/geo.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/geocode/name_matcher.hpp"

namespace incimap {

enum class GeocodeStatus { resolved, ambiguous, unresolved };

std::string_view to_string(GeocodeStatus s);

/// A located candidate with its confidence in [0, 1].
struct GeocodeCandidate {
    Place place;
    GeoPrecision precision = GeoPrecision::city;
    double confidence = 0;
    double score = 0;  ///< ranking score (feature class, population, name kind); comparable within one query
    MatchMethod method = MatchMethod::exact;
};

/// The area an admin-1, country or polygon candidate stands for; none for places.
Footprint footprint_of(const GeocodeCandidate& c);

struct GeocodeResult {
    GeocodeStatus status = GeocodeStatus::unresolved;
    std::optional<GeocodeCandidate> best;       ///< set unless unresolved
    std::vector<GeocodeCandidate> alternatives; ///< up to 3 distinct competitors, best first
    std::string matched_part;                   ///< the part of the query that was matched
    std::vector<std::string> unmatched_parts;   ///< parts neither matched nor used as hints
    std::string reason;                         ///< why it is unresolved, or a note
};

struct GeocodeOptions {
    /// Restricts candidates to this country (ISO alpha-2 or alpha-3); empty for none.
    std::string hint_country;
    /// Further region or country names (e.g. ACLED's admin1 and country columns); those that name
    /// an admin-1 area or a country restrict the candidates, others are ignored.
    std::vector<std::string> hints;
    /// Countries (ISO alpha-2) whose places are preferred: a ranking bonus, nobody is excluded.
    std::vector<std::string> bias_countries;
};

/// Stateless over a Gazetteer; thread-safe.
class Geocoder {
public:
    explicit Geocoder(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {}

    GeocodeResult geocode(std::string_view query, const GeocodeOptions& options = {}) const;

    /// Queries longer than this many bytes are refused as unresolved.
    static constexpr std::size_t max_query_bytes = 1000;
    /// Best and runner-up closer than this in score are reported as ambiguous; so are two cities
    /// of 100,000 people or more whose populations are within a factor of five.
    static constexpr double ambiguity_margin = 0.15;
    /// Score bonus for places in a bias country: worth a factor of 50 in population.
    static constexpr double bias_bonus = 0.25;

private:
    const Gazetteer& gazetteer_;
};

}  // namespace incimap
