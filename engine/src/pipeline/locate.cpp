#include "incimap/pipeline/locate.hpp"

#include <cmath>
#include <cstdio>

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
    loc.place_source = source_name(best.place);
    loc.country = best.place.country;
    loc.admin1 = best.place.admin1_code;
    loc.ambiguous = result.status == GeocodeStatus::ambiguous;
    loc.method = to_string(best.method);
    for (const std::string& part : result.unmatched_parts) loc.unmatched += (loc.unmatched.empty() ? "" : "; ") + part;
    loc.footprint = footprint_of(best);
    return loc;
}

namespace {

GeocodeOptions geocode_options_for(const Incident& incident, const LocateOptions& options) {
    GeocodeOptions geocode_options;
    geocode_options.hint_country = options.hint_country;
    geocode_options.bias_countries = options.bias_countries;
    geocode_options.hints = incident.hints;
    return geocode_options;
}

// Why the row's coordinates look swapped, or empty. The place text is geocoded only when the
// swapped point lies in another country than the given one, which is rare but for swaps.
std::string swapped_coordinates(const Incident& incident, const std::string& given_country, const Geocoder& geocoder,
                                const Boundaries& boundaries, const LocateOptions& options) {
    const LonLat given = *incident.given_position;
    const LonLat swapped{given.lat_deg, given.lon_deg};
    if (incident.place.empty() || std::fabs(swapped.lat_deg) > 90 || given.lon_deg == given.lat_deg) return {};
    const auto swapped_country = boundaries.country_at(swapped);
    if (!swapped_country || swapped_country->code == given_country) return {};
    const GeocodeResult named = geocoder.geocode(incident.place, geocode_options_for(incident, options));
    if (named.status == GeocodeStatus::unresolved || named.best->place.country != swapped_country->code) return {};
    char numbers[96];
    std::snprintf(numbers, sizeof numbers, "latitude %.6g, longitude %.6g", given.lat_deg, given.lon_deg);
    return std::string("latitude and longitude look swapped: ") + numbers + " lies " +
           (given_country.empty() ? std::string("outside every country") : "in " + given_country) + ", but '" + incident.place +
           "' is in " + swapped_country->code + ", where the swapped point lies; correct the row";
}

}  // namespace

LocateOutcome locate(const Incident& incident, const Geocoder& geocoder, const Boundaries& boundaries,
                     const LocateOptions& options) {
    if (incident.given_position) {
        Location loc;
        loc.position = *incident.given_position;
        loc.precision = GeoPrecision::exact;
        loc.confidence = 1;
        if (const auto country = boundaries.country_at(loc.position)) loc.country = country->code;
        if (std::string swapped = swapped_coordinates(incident, loc.country, geocoder, boundaries, options); !swapped.empty())
            return {std::nullopt, std::move(swapped), RowOutcome::rejected};
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
    const GeocodeResult result = geocoder.geocode(incident.place, geocode_options_for(incident, options));
    if (result.status == GeocodeStatus::unresolved) return {std::nullopt, "unresolved place: " + result.reason};
    return {location_from(result), {}};
}

}  // namespace incimap
