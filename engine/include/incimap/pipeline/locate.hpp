#pragma once
// Locating one incident: given coordinates are kept and reverse-looked-up; place text is geocoded.
#include <optional>
#include <string>
#include <variant>

#include "incimap/core/incident.hpp"
#include "incimap/geocode/geocoder.hpp"

namespace incimap {

class Boundaries;

/// Where the incident is, or why it could not be placed (an unresolved place).
struct LocateOutcome {
    std::optional<Location> location;
    std::string reason;
};

/// `hint_country`: restricts geocoding to one country (ISO code), empty for none.
LocateOutcome locate(const Incident& incident, const Geocoder& geocoder, const Boundaries& boundaries,
                     const std::string& hint_country);

/// A Location from a geocoding result's best candidate.
Location location_from(const GeocodeResult& result);

}  // namespace incimap
