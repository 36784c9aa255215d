#pragma once
// DBSCAN and ST-DBSCAN over incident points with distances in kilometres on the ground.
//
// Memory is proportional to the number of points: purely spatial DBSCAN keeps the points in cubes
// and, per cube, the occupied cubes within reach (grid algorithm); ST-DBSCAN and eps under ~20 m
// use a KD-tree, a label and a state per point, and a queue. Neighbourhoods of points are found
// when needed and never all stored.
#include <cstddef>
#include <optional>
#include <vector>

#include "incimap/core/date.hpp"
#include "incimap/core/geo.hpp"

namespace incimap {

enum class DistanceModel {
    geodesic,   ///< WGS 84 ellipsoid (PROJ/Karney); exact
    haversine,  ///< sphere of mean Earth radius, as scikit-learn's haversine metric
};

struct DbscanParams {
    double eps_km = 10;                ///< neighbourhood radius; must be > 0
    std::size_t min_points = 5;        ///< neighbours (the point itself included) that make a core point; >= 1
    std::optional<double> eps_days;    ///< ST-DBSCAN: neighbours also lie within this many days (>= 0)
    DistanceModel distance = DistanceModel::geodesic;
};

struct DbscanResult {
    std::vector<int> cluster;    ///< per point: cluster number from 0, or -1 for noise
    std::vector<bool> core;      ///< per point: a core point
    std::size_t cluster_count = 0;
};

/// Throws InvalidOption for eps_km <= 0, min_points < 1 or eps_days < 0.
void check(const DbscanParams& params);

/// Clusters numbered in order of their first point. Points must be valid (`is_valid`), as ingest
/// makes them. `dates` (same size as `points`) is needed
/// only with eps_days: two incidents are that close in time when the gap between their date
/// spans (0 when they overlap) is at most eps_days. Throws InvalidOption on eps_km <= 0,
/// min_points < 1, eps_days < 0, or missing dates.
DbscanResult dbscan(const std::vector<LonLat>& points, const DbscanParams& params,
                    const std::vector<DateSpan>* dates = nullptr);

}  // namespace incimap
