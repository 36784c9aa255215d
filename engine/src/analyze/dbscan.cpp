#include "incimap/analyze/dbscan.hpp"

#include <algorithm>
#include <array>
#include <boost/range/irange.hpp>
#include <cmath>
#include <memory>
#include <numbers>

#include "cube_grid.hpp"
#include "incimap/core/error.hpp"
#include "incimap/index/kd_index.hpp"
#include "incimap/index/space_time_index.hpp"

namespace incimap {

namespace {

// The ellipsoid and the sphere disagree by less than 0.6% of a distance, so the sphere decides
// all but the pairs near eps, for which the exact geodesic is computed.
constexpr double sphere_margin = 0.006;

// The grid's cube side on the unit sphere: its diagonal is the chord of the distance that surely
// means "neighbour" in both distance models.
double cube_side(const DbscanParams& params) {
    const double safe_km = params.distance == DistanceModel::haversine ? params.eps_km : params.eps_km * (1 - sphere_margin);
    const double half_angle = std::min(std::numbers::pi / 2, safe_km / (2 * mean_earth_radius_km));
    return 2 * std::sin(half_angle) / std::sqrt(3.0);
}

// Cube coordinates are packed in 21 bits each: the grid serves an eps of more than ~20 m; the
// expanding algorithm on a KD-tree serves smaller ones and ST-DBSCAN.
bool grid_serves(const DbscanParams& params) { return !params.eps_days && 1 / cube_side(params) < (1 << 19); }

class Neighbourhoods {
public:
    Neighbourhoods(const std::vector<LonLat>& points, const DbscanParams& params, const std::vector<DateSpan>* dates)
        : points_(points), params_(params), dates_(dates) {
        unit_.reserve(points.size());
        for (const LonLat& p : points) {
            const double lat = p.lat_deg * std::numbers::pi / 180, lon = p.lon_deg * std::numbers::pi / 180;
            unit_.push_back({std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)});
        }
        // Only the expanding algorithm asks for windows; the grid needs no tree.
        if (!grid_serves(params)) {
            std::vector<double> lons, lats;
            for (const LonLat& p : points) {
                lons.push_back(p.lon_deg);
                lats.push_back(p.lat_deg);
            }
            tree_ = std::make_unique<KdIndex>(lons, lats);
        }
        // On the sphere, great-circle distance d and chord length c are tied by c = 2 sin(d / 2R):
        // comparing squared chords needs no trigonometry per pair.
        auto chord2 = [](double km) {
            const double half_angle = std::min(std::numbers::pi / 2, km / (2 * mean_earth_radius_km));
            return 4 * std::sin(half_angle) * std::sin(half_angle);
        };
        eps_chord2_ = chord2(params.eps_km);
        const double margin = params.distance == DistanceModel::haversine ? 0 : sphere_margin;
        inner_chord2_ = chord2(params.eps_km * (1 - margin));
        outer_chord2_ = chord2(params.eps_km * (1 + margin));
    }

    /// Calls `visit(j)` for every neighbour j of point i (i itself included).
    template <typename Visit>
    void for_each(std::uint32_t i, Visit visit) const {
        const LonLat p = points_[i];
        // A window that surely holds the eps circle (a degree of latitude is at least 110.5 km).
        const double dlat = params_.eps_km * (1 + sphere_margin) / 110.5;
        const double south = std::max(-90.0, p.lat_deg - dlat), north = std::min(90.0, p.lat_deg + dlat);
        const double cos_lat = std::cos(std::max(std::fabs(south), std::fabs(north)) * std::numbers::pi / 180);
        const double dlon = cos_lat > 1e-6 ? dlat / cos_lat : 360;
        // The index holds float coordinates: the window is widened by their rounding (1e-5
        // degrees at most) so that no point on its edge is lost; `close` decides exactly.
        constexpr double float_slack = 1e-4;
        auto query = [&](double west, double east) {
            tree_->range(west - float_slack, south - float_slack, east + float_slack, north + float_slack, [&](std::uint32_t j) {
                if (close(i, j)) visit(j);
            });
        };
        if (dlon >= 180) {
            query(-180, 180);
        } else {
            query(std::max(-180.0, p.lon_deg - dlon), std::min(180.0, p.lon_deg + dlon));
            if (p.lon_deg - dlon < -180) query(p.lon_deg - dlon + 360, 180);   // across the antimeridian
            if (p.lon_deg + dlon > 180) query(-180, p.lon_deg + dlon - 360);
        }
    }

    const std::vector<std::array<double, 3>>& units() const { return unit_; }

    bool close(std::uint32_t i, std::uint32_t j) const {
        if (dates_ != nullptr && params_.eps_days && !close_in_time(i, j)) return false;
        const auto& a = unit_[i];
        const auto& b = unit_[j];
        const double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        return decide(i, j, dx * dx + dy * dy + dz * dz);
    }

    /// Whether points i and j, whose unit vectors are `chord2` apart (squared), lie within eps.
    bool decide(std::uint32_t i, std::uint32_t j, double chord2) const {
        if (chord2 < inner_chord2_) return true;
        if (chord2 > outer_chord2_) return false;
        return near_eps(i, j, chord2);
    }

private:
    bool close_in_time(std::uint32_t i, std::uint32_t j) const {
        const DateSpan& a = (*dates_)[i];
        const DateSpan& b = (*dates_)[j];
        const auto gap = std::max({0L, long((a.first - b.last).count()), long((b.first - a.last).count())});
        return double(gap) <= *params_.eps_days;
    }

    // The pairs the sphere cannot decide (for the haversine model: those exactly at eps).
    [[gnu::noinline]] bool near_eps(std::uint32_t i, std::uint32_t j, double c2) const {
        if (params_.distance == DistanceModel::haversine) return c2 <= eps_chord2_;
        return geodesic_km(points_[i], points_[j]) <= params_.eps_km;
    }

    const std::vector<LonLat>& points_;
    const DbscanParams& params_;
    const std::vector<DateSpan>* dates_;
    std::unique_ptr<KdIndex> tree_;
    std::vector<std::array<double, 3>> unit_;  // points as unit vectors
    double eps_chord2_ = 0, inner_chord2_ = 0, outer_chord2_ = 0;
};

}  // namespace

void check(const DbscanParams& params) {
    if (!(params.eps_km > 0)) throw InvalidOption("clustering.eps_km", "must be more than 0");
    if (params.min_points < 1) throw InvalidOption("clustering.min_points", "must be at least 1");
    if (params.eps_days && !(*params.eps_days >= 0)) throw InvalidOption("clustering.eps_days", "must be 0 or more");
}

// Grid DBSCAN (after Gunawan, 2013) for purely spatial clustering: points as unit vectors in
// cubes whose diagonal is the eps chord, so that all points of a cube are neighbours. A cube with
// min_points points makes them all core without a single distance; points of sparser cubes count
// their neighbours in the cubes around, until min_points; core cubes join when some pair of their
// core points are neighbours. Border points go to the lowest-numbered cluster with a core point
// within eps, which is what the expanding algorithm gives too. One function on purpose: its phases
// share the cube index, labels and union-find over millions of points, and each is a tight loop.
DbscanResult grid_dbscan(const std::vector<LonLat>& points, const DbscanParams& params, const Neighbourhoods& test) {
    const std::size_t n = points.size();
    DbscanResult r;
    r.cluster.assign(n, -1);
    r.core.assign(n, false);
    // The farthest a neighbour can be: eps on the sphere, or eps plus the ellipsoid margin.
    const double reach_km = params.distance == DistanceModel::haversine ? params.eps_km : params.eps_km * (1 + sphere_margin);
    const double reach_chord = 2 * std::sin(std::min(std::numbers::pi / 2, reach_km / (2 * mean_earth_radius_km)));
    const CubeGrid grid(test.units(), cube_side(params), reach_chord);
    const std::size_t cubes = grid.cubes();
    const std::vector<std::uint32_t>& order = grid.order();
    // boost::irange, not std::views::iota: clang 14 (the fuzzing build) cannot use libstdc++ 12's <ranges>.
    auto positions = [&](std::size_t c) { return boost::irange(grid.first(c), grid.first(c + 1)); };

    // From here on points are numbered by their position in cube order, so that a cube's points
    // and their unit vectors lie side by side in memory.
    std::vector<std::array<double, 3>> unit(n);
    for (std::size_t k = 0; k < n; ++k) unit[k] = test.units()[order[k]];
    auto close = [&](std::size_t a, std::size_t b) {
        const double dx = unit[a][0] - unit[b][0], dy = unit[a][1] - unit[b][1], dz = unit[a][2] - unit[b][2];
        return test.decide(order[a], order[b], dx * dx + dy * dy + dz * dz);
    };

    // Core points; each pair of cubes is met once, and a pair of points is tested only while
    // one of them has fewer than min_points neighbours.
    const std::size_t m = params.min_points;
    auto dense = [&](std::size_t c) { return grid.size(c) >= m; };
    std::vector<std::uint32_t> count(n);
    for (std::size_t c = 0; c < cubes; ++c)
        for (std::size_t i : positions(c)) count[i] = static_cast<std::uint32_t>(grid.size(c));
    for (std::size_t a = 0; a < cubes; ++a)
        for (std::uint32_t b : grid.later(a)) {
            if (b == a || (dense(a) && dense(b))) continue;
            for (std::size_t i : positions(a))
                for (std::size_t j : positions(b))
                    if ((count[i] < m || count[j] < m) && close(i, j)) ++count[i], ++count[j];
        }
    std::vector<char> core(n), core_cube(cubes), border_cube(cubes);  // cubes with a core / a non-core point
    for (std::size_t c = 0; c < cubes; ++c)
        for (std::size_t i : positions(c)) {
            core[i] = count[i] >= m;
            core_cube[c] |= core[i];
            border_cube[c] |= !core[i];
        }
    std::vector<std::uint32_t>().swap(count);

    // Core cubes joined into clusters (union-find with path halving).
    std::vector<std::uint32_t> parent(cubes);
    for (std::uint32_t c = 0; c < cubes; ++c) parent[c] = c;
    auto find = [&](std::uint32_t c) {
        while (parent[c] != c) c = parent[c] = parent[parent[c]];
        return c;
    };
    auto core_pair = [&](std::size_t a, std::size_t b) {
        for (std::size_t i : positions(a))
            for (std::size_t j : positions(b))
                if (core[i] && core[j] && close(i, j)) return true;
        return false;
    };
    for (std::uint32_t a = 0; a < cubes; ++a) {
        if (!core_cube[a]) continue;
        for (std::uint32_t b : grid.later(a))
            if (b != a && core_cube[b] && find(a) != find(b) && core_pair(a, b)) parent[find(a)] = find(b);
    }

    // Clusters numbered by their lowest core point, as the expanding algorithm numbers them.
    std::vector<std::uint32_t> position(n), cube_at(n);
    for (std::uint32_t c = 0; c < cubes; ++c)
        for (std::size_t k : positions(c)) {
            position[order[k]] = static_cast<std::uint32_t>(k);
            cube_at[k] = c;
        }
    std::vector<int> cluster_of_root(cubes, -1), cluster(n, -1);
    for (std::uint32_t i = 0; i < n; ++i) {
        const std::uint32_t k = position[i];
        if (!core[k]) continue;
        const std::uint32_t root = find(cube_at[k]);
        if (cluster_of_root[root] < 0) cluster_of_root[root] = static_cast<int>(r.cluster_count++);
        cluster[k] = cluster_of_root[root];
    }

    // Border points join the lowest-numbered cluster with a core point within eps.
    auto offer = [&](std::size_t border, std::size_t from) {
        if (!core[border] && core[from] && (cluster[border] < 0 || cluster[from] < cluster[border]) && close(border, from))
            cluster[border] = cluster[from];
    };
    for (std::size_t a = 0; a < cubes; ++a)
        for (std::uint32_t b : grid.later(a)) {
            if (!(border_cube[a] && core_cube[b]) && !(core_cube[a] && border_cube[b])) continue;
            for (std::size_t i : positions(a))
                for (std::size_t j : positions(b)) {
                    offer(i, j);
                    if (b != a) offer(j, i);
                }
        }
    for (std::size_t k = 0; k < n; ++k) {
        r.cluster[order[k]] = cluster[k];
        r.core[order[k]] = core[k] != 0;
    }
    return r;
}

DbscanResult dbscan(const std::vector<LonLat>& points, const DbscanParams& params, const std::vector<DateSpan>* dates) {
    check(params);
    if (params.eps_days && (dates == nullptr || dates->size() != points.size())) throw InvalidOption("clustering.eps_days", "ST-DBSCAN needs a date per point");

    DbscanResult r;
    const std::size_t n = points.size();
    r.cluster.assign(n, -1);
    r.core.assign(n, false);
    if (n == 0) return r;
    const Neighbourhoods neighbourhoods(points, params, dates);
    if (grid_serves(params)) return grid_dbscan(points, params, neighbourhoods);

    // visited: its neighbourhood has been looked at (or it is queued to be).
    std::vector<bool> visited(n, false);
    std::vector<std::uint32_t> queue;
    std::vector<std::uint32_t> neighbours;
    for (std::uint32_t start = 0; start < n; ++start) {
        if (visited[start]) continue;
        visited[start] = true;
        neighbours.clear();
        neighbourhoods.for_each(start, [&](std::uint32_t j) { neighbours.push_back(j); });
        if (neighbours.size() < params.min_points) continue;  // noise unless a later cluster reaches it

        const int id = static_cast<int>(r.cluster_count++);
        r.cluster[start] = id;
        r.core[start] = true;
        queue.clear();
        for (std::uint32_t j : neighbours) {
            if (r.cluster[j] == -1) r.cluster[j] = id;
            if (!visited[j]) {
                visited[j] = true;
                queue.push_back(j);
            }
        }
        while (!queue.empty()) {
            const std::uint32_t q = queue.back();
            queue.pop_back();
            neighbours.clear();
            neighbourhoods.for_each(q, [&](std::uint32_t j) { neighbours.push_back(j); });
            if (neighbours.size() < params.min_points) continue;  // a border point
            r.core[q] = true;
            for (std::uint32_t j : neighbours) {
                if (r.cluster[j] == -1) r.cluster[j] = id;
                if (!visited[j]) {
                    visited[j] = true;
                    queue.push_back(j);
                }
            }
        }
    }
    return r;
}

}  // namespace incimap
