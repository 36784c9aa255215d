#pragma once
// The populated place nearest to a point, for incidents that come with coordinates.
#include <memory>
#include <optional>

#include "incimap/core/geo.hpp"
#include "incimap/gazetteer/gazetteer.hpp"

namespace incimap {

struct NearbyPlace {
    Place place;
    double distance_km = 0;  ///< great-circle distance from the query point
};

/// An R-tree (bulk-loaded) over the gazetteer's populated places. Building it takes about
/// 100 ms for cities500, so it is made only when a job has coordinates. Queries are thread-safe.
/// Search windows do not wrap across the antimeridian.
class NearestPlaces {
public:
    explicit NearestPlaces(const Gazetteer& gazetteer);
    ~NearestPlaces();
    NearestPlaces(const NearestPlaces&) = delete;
    NearestPlaces& operator=(const NearestPlaces&) = delete;

    /// The nearest populated place within `max_km`, or none. A negative or zero radius finds none.
    std::optional<NearbyPlace> nearest(LonLat p, double max_km) const;

private:
    struct Index;
    const Gazetteer& gazetteer_;
    std::unique_ptr<Index> index_;
};

}  // namespace incimap
