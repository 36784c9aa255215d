#include "incimap/analyze/zoom_clusters.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "incimap/core/error.hpp"
#include "incimap/index/radius_grid.hpp"

namespace incimap {

namespace {

// supercluster's projection, in the same double arithmetic.
double lng_x(double lng) { return lng / 360 + 0.5; }
double lat_y(double lat) {
    const double s = std::sin(lat * std::numbers::pi / 180);
    const double y = 0.5 - 0.25 * std::log((1 + s) / (1 - s)) / std::numbers::pi;
    return y < 0 ? 0 : y > 1 ? 1 : y;
}
double x_lng(double x) { return (x - 0.5) * 360; }
double y_lat(double y) {
    const double y2 = (180 - y * 360) * std::numbers::pi / 180;
    return 360 * std::atan(std::exp(y2)) / std::numbers::pi - 90;
}

// As supercluster 8: original points are stored rounded to float32, clusters at full precision,
// and the spatial index of each zoom holds float32 copies. Keeping the same roundings gives the
// same clusters.
double fround(double v) { return static_cast<double>(static_cast<float>(v)); }

struct Node {
    double x, y;
    LonLat position;  // a point's own; a cluster's centre, unprojected once
    std::uint32_t count, domestic;
    int id;
    int zoom;  // the zoom at which the node was last processed (max_zoom + 1: never)
};

}  // namespace

void check(const ZoomClusterParams& params) {
    if (params.min_zoom < 0 || params.max_zoom > 22 || params.min_zoom > params.max_zoom)
        throw InvalidOption("zoom_clusters.zooms", "zooms must lie in 0-22, MIN <= MAX");
    if (!(params.radius > 0)) throw InvalidOption("zoom_clusters.radius", "must be more than 0");
    if (!(params.extent > 0)) throw InvalidOption("zoom_clusters.extent", "must be more than 0");
    if (params.min_points < 2) throw InvalidOption("zoom_clusters.min_points", "a cluster needs at least 2 points");
}

// One function on purpose: supercluster's loop over zooms, each a pass over the previous level's
// nodes with its grid index, kept together as the algorithm is published.
std::vector<std::vector<ZoomCluster>> zoom_clusters(const std::vector<LonLat>& points, const std::vector<bool>& domestic,
                                                    const ZoomClusterParams& params) {
    check(params);
    // ids and counts are 32-bit
    if (points.size() >= (std::size_t{1} << 30)) throw DataError("zoom clusters take fewer than 2^30 points");

    std::vector<Node> level;
    level.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i)
        level.push_back({fround(lng_x(points[i].lon_deg)), fround(lat_y(points[i].lat_deg)), points[i], 1, domestic[i] ? 1u : 0u,
                         static_cast<int>(i), params.max_zoom + 1});

    std::vector<std::vector<ZoomCluster>> result(static_cast<std::size_t>(params.max_zoom - params.min_zoom + 1));
    int next_cluster_id = static_cast<int>(points.size());
    for (int z = params.max_zoom; z >= params.min_zoom; --z) {
        const double r = params.radius / (params.extent * std::pow(2.0, z));
        std::vector<double> xs(level.size()), ys(level.size());
        for (std::size_t i = 0; i < level.size(); ++i) {
            xs[i] = level[i].x;
            ys[i] = level[i].y;
        }
        const RadiusGrid grid(xs, ys, r);  // float coordinates, as supercluster's index holds

        std::vector<Node> next;
        std::vector<std::size_t> neighbours;
        for (std::size_t i = 0; i < level.size(); ++i) {
            if (i + 20 < level.size()) grid.prefetch_cells(level[i + 20].x, level[i + 20].y);
            if (i + 10 < level.size()) grid.prefetch_items(level[i + 10].x, level[i + 10].y);
            Node& p = level[i];
            if (p.zoom <= z) continue;
            p.zoom = z;
            neighbours.clear();
            grid.within(p.x, p.y, [&](std::uint32_t j) {
                if (j != i) neighbours.push_back(j);
            });
            // supercluster visits neighbours in index order
            std::sort(neighbours.begin(), neighbours.end());
            std::uint32_t count = p.count;
            for (std::size_t j : neighbours)
                if (level[j].zoom > z) count += level[j].count;
            if (count > p.count && count >= params.min_points) {
                double wx = p.x * double(p.count), wy = p.y * double(p.count);
                std::uint32_t dom = p.domestic;
                for (std::size_t j : neighbours) {
                    Node& b = level[j];
                    if (b.zoom <= z) continue;
                    b.zoom = z;
                    wx += b.x * double(b.count);
                    wy += b.y * double(b.count);
                    dom += b.domestic;
                }
                const double cx = wx / double(count), cy = wy / double(count);
                next.push_back({cx, cy, {x_lng(cx), y_lat(cy)}, count, dom, next_cluster_id++, z});
            } else {
                next.push_back(p);
                if (count > 1)
                    for (std::size_t j : neighbours) {
                        Node& b = level[j];
                        if (b.zoom <= z) continue;
                        b.zoom = z;
                        next.push_back(b);
                    }
            }
        }
        std::vector<ZoomCluster>& out = result[static_cast<std::size_t>(z - params.min_zoom)];
        out.reserve(next.size());
        for (Node& n : next) {
            out.push_back({n.position, n.count, n.domestic, n.count - n.domestic, n.id});
            n.zoom = params.max_zoom + 1;  // every node is processed afresh at the next zoom down
        }
        level = std::move(next);
    }
    return result;
}

}  // namespace incimap
