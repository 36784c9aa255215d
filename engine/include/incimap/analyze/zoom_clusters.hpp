#pragma once
// Zoom-level point clusters for web maps, with the semantics of supercluster (mapbox): points
// in Web Mercator's unit square, clustered from the highest zoom down, each zoom merging the
// points and clusters of the zoom above that lie within `radius` pixels of a tile `extent` wide.
#include <cstddef>
#include <vector>

#include "incimap/core/geo.hpp"

namespace incimap {

struct ZoomClusterParams {
    int min_zoom = 0;
    int max_zoom = 16;
    double radius = 40;           ///< in pixels of a tile `extent` pixels wide
    double extent = 512;
    std::size_t min_points = 2;   ///< points that make a cluster
};

/// One point or cluster at one zoom. `members` of the original points are counted in
/// point_count and in the per-class counts.
struct ZoomCluster {
    LonLat position;
    std::size_t point_count = 1;
    std::size_t domestic = 0;
    std::size_t transnational = 0;
    int id = -1;                  ///< original point index for a single point, else a cluster id
};

/// Throws InvalidOption for zooms outside 0..22, min > max, radius <= 0, extent <= 0 or
/// min_points < 2.
void check(const ZoomClusterParams& params);

/// Clusters for every zoom from min_zoom to max_zoom: result[z - min_zoom]. `domestic[i]` tells
/// the class of point i. Throws as check() does, and DataError for 2^30 points or more.
std::vector<std::vector<ZoomCluster>> zoom_clusters(const std::vector<LonLat>& points, const std::vector<bool>& domestic,
                                                    const ZoomClusterParams& params);

}  // namespace incimap
