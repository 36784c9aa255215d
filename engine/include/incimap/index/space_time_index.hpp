#pragma once
// A space-time index over placed incidents: a bulk-loaded R-tree on their points and their
// date spans in time order, answering box, radius and period queries with class and type filters.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "incimap/core/incident.hpp"

namespace incimap {

struct QueryFilter {
    std::optional<std::chrono::sys_days> from;  ///< incidents whose date span ends on or after
    std::optional<std::chrono::sys_days> to;    ///< incidents whose date span starts on or before
    std::optional<IncidentClass> incident_class;
    std::optional<std::string> event_type;      ///< exact match

    /// A partial date matches when its span overlaps [from, to]: "2024-03" is found by
    /// --from 2024-03-15.
    bool accepts(const PlacedIncident& p) const;
};

/// Answers in input order (ascending incident index). The incidents must outlive the index.
class SpaceTimeIndex {
public:
    explicit SpaceTimeIndex(const std::vector<PlacedIncident>& incidents);
    ~SpaceTimeIndex();
    SpaceTimeIndex(const SpaceTimeIndex&) = delete;
    SpaceTimeIndex& operator=(const SpaceTimeIndex&) = delete;

    std::vector<std::size_t> in_box(const LonLatBox& box, const QueryFilter& filter = {}) const;
    /// Within `radius_km` of `center` by geodesic distance on the WGS 84 ellipsoid. A radius of
    /// zero or less finds nothing.
    std::vector<std::size_t> near(LonLat center, double radius_km, const QueryFilter& filter = {}) const;
    /// By time (and class, type) alone, using the time order.
    std::vector<std::size_t> in_time(const QueryFilter& filter) const;

private:
    struct Tree;
    const std::vector<PlacedIncident>& incidents_;
    std::unique_ptr<Tree> tree_;
    std::vector<std::size_t> by_start_;  ///< indices sorted by the first day of their span
};

/// Geodesic distance on the WGS 84 ellipsoid (PROJ's geodesic routines, after Karney).
double geodesic_km(LonLat a, LonLat b);

}  // namespace incimap
