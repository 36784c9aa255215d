#pragma once
// Locating one incident: given coordinates are kept and reverse-looked-up; place text is geocoded.
#include <optional>
#include <string>
#include <variant>

#include "incimap/core/incident.hpp"
#include "incimap/geocode/geocoder.hpp"

namespace incimap {

class Boundaries;
class NearestPlaces;

/// Where the incident is, or why it could not be placed: an unresolved place, or coordinates
/// rejected (latitude and longitude that look swapped).
struct LocateOutcome {
    std::optional<Location> location;
    std::string reason;
    RowOutcome outcome = RowOutcome::unresolved;  ///< when there is no location
};

struct LocateOptions {
    std::string hint_country;                 ///< restrict geocoding to one country (ISO code), empty for none
    std::vector<std::string> bias_countries;  ///< prefer places in these countries (ISO alpha-2)
    const NearestPlaces* nearest = nullptr;   ///< for given coordinates; null to skip
    double near_km = 25;                      ///< radius for the nearest populated place
};

/// Given coordinates are kept as given, except that a row whose latitude and longitude look
/// swapped is rejected, never silently swapped: the given point lies in one country, the swapped
/// point in another, and the row's own place text (with its admin1/country hints) geocodes to
/// the swapped point's country.
LocateOutcome locate(const Incident& incident, const Geocoder& geocoder, const Boundaries& boundaries,
                     const LocateOptions& options);

/// A Location from a geocoding result's best candidate.
Location location_from(const GeocodeResult& result);

}  // namespace incimap
