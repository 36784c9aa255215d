#include "incimap/pipeline/locate.hpp"

#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/nearest_places.hpp"

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
    loc.method = std::string(to_string(best.method));
    for (const std::string& part : result.unmatched_parts) loc.unmatched += (loc.unmatched.empty() ? "" : "; ") + part;
    loc.footprint = footprint_of(best);
    return loc;
}

LocateOutcome locate(const Incident& incident, const Geocoder& geocoder, const Boundaries& boundaries,
                     const LocateOptions& options) {
    if (incident.given_position) {
        Location loc;
        loc.position = *incident.given_position;
        loc.precision = GeoPrecision::exact;
        loc.confidence = 1;
        if (const auto country = boundaries.country_at(loc.position)) loc.country = country->code;
        if (const auto admin1 = boundaries.admin1_at(loc.position)) loc.admin1 = admin1->code;
        loc.method = "given";
        if (options.nearest != nullptr)
            if (const auto near = options.nearest->nearest(loc.position, options.near_km)) {
                loc.nearest_name = near->place.name;
                loc.nearest_geonameid = near->place.geonameid;
                loc.nearest_km = near->distance_km;
            }
        return {loc, {}};
    }
    GeocodeOptions geocode_options;
    geocode_options.hint_country = options.hint_country;
    geocode_options.bias_countries = options.bias_countries;
    geocode_options.hints = incident.hints;
    const GeocodeResult result = geocoder.geocode(incident.place, geocode_options);
    if (result.status == GeocodeStatus::unresolved) return {std::nullopt, "unresolved place: " + result.reason};
    return {location_from(result), {}};
}

}  // namespace incimap
