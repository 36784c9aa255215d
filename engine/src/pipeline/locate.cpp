#include "incimap/pipeline/locate.hpp"

#include "incimap/gazetteer/boundaries.hpp"

namespace incimap {

Location location_from(const GeocodeResult& result) {
    const GeocodeCandidate& best = *result.best;
    Location loc;
    loc.position = best.place.position;
    loc.precision = best.precision;
    loc.confidence = best.confidence;
    loc.matched_name = best.place.name;
    loc.geonameid = best.place.geonameid;
    loc.country = best.place.country;
    loc.admin1 = best.place.admin1_code;
    loc.ambiguous = result.status == GeocodeStatus::ambiguous;
    return loc;
}

LocateOutcome locate(const Incident& incident, const Geocoder& geocoder, const Boundaries& boundaries,
                     const std::string& hint_country) {
    if (incident.given_position) {
        Location loc;
        loc.position = *incident.given_position;
        loc.precision = GeoPrecision::exact;
        loc.confidence = 1;
        if (const auto country = boundaries.country_at(loc.position)) loc.country = country->code;
        if (const auto admin1 = boundaries.admin1_at(loc.position)) loc.admin1 = admin1->code;
        return {loc, {}};
    }
    GeocodeOptions options;
    options.hint_country = hint_country;
    options.hints = incident.hints;
    const GeocodeResult result = geocoder.geocode(incident.place, options);
    if (result.status == GeocodeStatus::unresolved) return {std::nullopt, "unresolved place: " + result.reason};
    return {location_from(result), {}};
}

}  // namespace incimap
