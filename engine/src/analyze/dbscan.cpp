#include "incimap/analyze/dbscan.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <span>
#include <numbers>

#include "incimap/core/error.hpp"
#include "incimap/index/kd_index.hpp"
#include "incimap/index/space_time_index.hpp"

namespace incimap {

namespace {

// The ellipsoid and the sphere disagree by less than 0.6% of a distance, so the sphere decides
// all but the pairs near eps, for which the exact geodesic is computed.
constexpr double sphere_margin = 0.006;
constexpr double mean_earth_radius_km = 6371.0088;  // as haversine_km and scikit-learn's haversine

class Neighbourhoods {
public:
    Neighbourhoods(const std::vector<LonLat>& points, const DbscanParams& params, const std::vector<DateSpan>* dates)
        : points_(points), params_(params), dates_(dates) {
        std::vector<double> lons, lats;
        lons.reserve(points.size());
        lats.reserve(points.size());
        unit_.reserve(points.size());
        for (std::uint32_t i = 0; i < points.size(); ++i) {
            lons.push_back(points[i].lon_deg);
            lats.push_back(points[i].lat_deg);
            const double lat = points[i].lat_deg * std::numbers::pi / 180, lon = points[i].lon_deg * std::numbers::pi / 180;
            unit_.push_back({std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)});
        }
        // Only the expanding algorithm (ST-DBSCAN) asks for windows; the grid needs no tree.
        if (params.eps_days) tree_ = std::make_unique<KdIndex>(lons, lats);
        // On the sphere, great-circle distance d and chord length c are tied by c = 2 sin(d / 2R):
        // comparing squared chords needs no trigonometry per pair.
        auto chord2 = [](double km) {
            const double half_angle = std::min(std::numbers::pi / 2, km / (2 * mean_earth_radius_km));
            return 4 * std::sin(half_angle) * std::sin(half_angle);
        };
        eps_chord2_ = chord2(params.eps_km);
        inner_chord2_ = chord2(params.eps_km * (1 - sphere_margin));
        outer_chord2_ = chord2(params.eps_km * (1 + sphere_margin));
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

    const std::array<double, 3>& unit(std::uint32_t i) const { return unit_[i]; }

    bool close(std::uint32_t i, std::uint32_t j) const {
        if (dates_ != nullptr && params_.eps_days) {
            const DateSpan& a = (*dates_)[i];
            const DateSpan& b = (*dates_)[j];
            const auto gap = std::max({0L, long((a.first - b.last).count()), long((b.first - a.last).count())});
            if (double(gap) > *params_.eps_days) return false;
        }
        const auto& a = unit_[i];
        const auto& b = unit_[j];
        const double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];
        const double c2 = dx * dx + dy * dy + dz * dz;
        if (params_.distance == DistanceModel::haversine) return c2 <= eps_chord2_;
        if (c2 < inner_chord2_) return true;
        if (c2 > outer_chord2_) return false;
        return geodesic_km(points_[i], points_[j]) <= params_.eps_km;
    }

private:
    const std::vector<LonLat>& points_;
    const DbscanParams& params_;
    const std::vector<DateSpan>* dates_;
    std::unique_ptr<KdIndex> tree_;
    std::vector<std::array<double, 3>> unit_;  // points as unit vectors
    double eps_chord2_ = 0, inner_chord2_ = 0, outer_chord2_ = 0;
};

}  // namespace

void check(const DbscanParams& params) {
    if (!(params.eps_km > 0)) throw UsageError("--eps-km must be more than 0");
    if (params.min_points < 1) throw UsageError("--min-points must be at least 1");
    if (params.eps_days && !(*params.eps_days >= 0)) throw UsageError("--eps-days must be 0 or more");
}

// Cube key -> cube number, open addressing: the grid asks it 125 times per cube.
class CellTable {
public:
    static constexpr std::uint32_t none = UINT32_MAX;
    explicit CellTable(std::size_t capacity) {
        std::size_t size = 16;
        while (size < capacity * 2) size <<= 1;
        keys_.assign(size, 0);
        values_.assign(size, none);
        mask_ = size - 1;
    }
    void insert(std::uint64_t key, std::uint32_t value) {
        std::size_t slot = hash(key);
        while (values_[slot] != none) slot = (slot + 1) & mask_;
        keys_[slot] = key;
        values_[slot] = value;
    }
    std::uint32_t find(std::uint64_t key) const {
        for (std::size_t slot = hash(key);; slot = (slot + 1) & mask_) {
            if (values_[slot] == none) return none;
            if (keys_[slot] == key) return values_[slot];
        }
    }

private:
    std::size_t hash(std::uint64_t key) const { return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 20) & mask_; }
    std::vector<std::uint64_t> keys_;
    std::vector<std::uint32_t> values_;
    std::size_t mask_ = 0;
};

// Grid DBSCAN (after Gunawan, 2013) for purely spatial clustering: points as unit vectors in
// cubes whose diagonal is the eps chord, so that all points of a cube are neighbours. A cube with
// min_points points makes them all core without a single distance; sparser cubes count their
// points' neighbours in the 125 cubes around them, stopping at min_points; core cubes join when
// some pair of their core points are neighbours. Border points go to the lowest-numbered cluster
// with a core point within eps, which is what the expanding algorithm gives too.
DbscanResult grid_dbscan(const std::vector<LonLat>& points, const DbscanParams& params, const Neighbourhoods& test) {
    const std::size_t n = points.size();
    DbscanResult r;
    r.cluster.assign(n, -1);
    r.core.assign(n, false);
    // Cubes are sized for the sphere distance that surely means "neighbour" in both models.
    const double safe_km = params.distance == DistanceModel::haversine ? params.eps_km : params.eps_km * (1 - sphere_margin);
    const double half_angle = std::min(std::numbers::pi / 2, safe_km / (2 * mean_earth_radius_km));
    const double side = 2 * std::sin(half_angle) / std::sqrt(3.0);
    auto cell_of = [&](const std::array<double, 3>& u) {
        std::uint64_t key = 0;
        for (double c : u) key = (key << 21) | static_cast<std::uint64_t>(static_cast<std::int64_t>(std::floor(c / side)) + (1 << 20));
        return key;
    };
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(n);
    for (std::uint32_t i = 0; i < n; ++i) keyed[i] = {cell_of(test.unit(i)), i};
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::uint32_t> order(n), cell_of_point(n);
    std::vector<std::size_t> cell_begin;
    std::size_t distinct = 0;
    for (std::size_t k = 0; k < n; ++k) distinct += k == 0 || keyed[k].first != keyed[k - 1].first;
    CellTable cell_index(distinct);
    for (std::size_t k = 0; k < n; ++k) {
        if (k == 0 || keyed[k].first != keyed[k - 1].first) {
            cell_index.insert(keyed[k].first, static_cast<std::uint32_t>(cell_begin.size()));
            cell_begin.push_back(k);
        }
        order[k] = keyed[k].second;
        cell_of_point[keyed[k].second] = static_cast<std::uint32_t>(cell_begin.size() - 1);
    }
    cell_begin.push_back(n);
    const std::size_t cells = cell_begin.size() - 1;
    std::vector<std::uint64_t> cell_key(cells);
    for (std::size_t c = 0; c < cells; ++c) cell_key[c] = keyed[cell_begin[c]].first;

    // Cubes within reach: offsets whose nearest corners are closer than the eps chord.
    // (The farthest a neighbour can be: eps on the sphere, or eps plus the ellipsoid margin.)
    const double reach_km = params.distance == DistanceModel::haversine ? params.eps_km : params.eps_km * (1 + sphere_margin);
    const double reach_chord = 2 * std::sin(std::min(std::numbers::pi / 2, reach_km / (2 * mean_earth_radius_km)));
    const int reach = static_cast<int>(std::ceil(reach_chord / side));
    std::vector<std::array<int, 3>> offsets;
    for (int a = -reach; a <= reach; ++a)
        for (int b = -reach; b <= reach; ++b)
            for (int c = -reach; c <= reach; ++c) {
                const double ga = std::max(std::abs(a) - 1, 0), gb = std::max(std::abs(b) - 1, 0), gc = std::max(std::abs(c) - 1, 0);
                if ((ga * ga + gb * gb + gc * gc) * side * side <= reach_chord * reach_chord) offsets.push_back({a, b, c});
            }
    // The occupied cubes around each cube, found once (the self cube included).
    std::vector<std::uint32_t> around;
    std::vector<std::size_t> around_begin(cells + 1, 0);
    for (std::uint32_t cell = 0; cell < cells; ++cell) {
        const std::uint64_t key = cell_key[cell];
        const auto cx = static_cast<std::int64_t>((key >> 42) & 0x1FFFFF), cy = static_cast<std::int64_t>((key >> 21) & 0x1FFFFF),
                   cz = static_cast<std::int64_t>(key & 0x1FFFFF);
        for (const auto& o : offsets) {
            const std::uint64_t k = (static_cast<std::uint64_t>(cx + o[0]) << 42) | (static_cast<std::uint64_t>(cy + o[1]) << 21) |
                                    static_cast<std::uint64_t>(cz + o[2]);
            if (const std::uint32_t c = cell_index.find(k); c != CellTable::none) around.push_back(c);
        }
        around_begin[cell + 1] = around.size();
    }
    auto neighbour_cells = [&](std::uint32_t cell, auto visit) {
        for (std::size_t k = around_begin[cell]; k < around_begin[cell + 1]; ++k) visit(around[k]);
    };
    auto members = [&](std::uint32_t cell) {
        return std::span<const std::uint32_t>(order.data() + cell_begin[cell], cell_begin[cell + 1] - cell_begin[cell]);
    };

    // Core points.
    std::vector<bool> core_cell(cells, false);
    for (std::uint32_t c = 0; c < cells; ++c) {
        const auto own = members(c);
        if (own.size() >= params.min_points) {
            for (std::uint32_t i : own) r.core[i] = true;
            core_cell[c] = true;
            continue;
        }
        for (std::uint32_t i : own) {
            std::size_t count = own.size();
            neighbour_cells(c, [&](std::uint32_t other) {
                if (other == c || count >= params.min_points) return;
                for (std::uint32_t j : members(other))
                    if (count < params.min_points && test.close(i, j)) ++count;
            });
            if (count >= params.min_points) {
                r.core[i] = true;
                core_cell[c] = true;
            }
        }
    }

    // Core cubes joined into clusters (union-find with path halving).
    std::vector<std::uint32_t> parent(cells);
    for (std::uint32_t c = 0; c < cells; ++c) parent[c] = c;
    auto find = [&](std::uint32_t c) {
        while (parent[c] != c) c = parent[c] = parent[parent[c]];
        return c;
    };
    for (std::uint32_t a = 0; a < cells; ++a) {
        if (!core_cell[a]) continue;
        neighbour_cells(a, [&](std::uint32_t b) {
            if (b <= a || !core_cell[b] || find(a) == find(b)) return;
            for (std::uint32_t i : members(a)) {
                if (!r.core[i]) continue;
                for (std::uint32_t j : members(b))
                    if (r.core[j] && test.close(i, j)) {
                        parent[find(a)] = find(b);
                        return;
                    }
            }
        });
    }

    // Clusters numbered by their lowest core point, as the expanding algorithm numbers them.
    std::vector<int> cluster_of_root(cells, -1);
    for (std::uint32_t i = 0; i < n; ++i) {
        if (!r.core[i]) continue;
        const std::uint32_t root = find(cell_of_point[i]);
        if (cluster_of_root[root] < 0) cluster_of_root[root] = static_cast<int>(r.cluster_count++);
        r.cluster[i] = cluster_of_root[root];
    }
    for (std::uint32_t i = 0; i < n; ++i) {
        if (r.core[i]) continue;
        int best = -1;
        neighbour_cells(cell_of_point[i], [&](std::uint32_t other) {
            for (std::uint32_t j : members(other))
                if (r.core[j] && (best < 0 || r.cluster[j] < best) && test.close(i, j)) best = r.cluster[j];
        });
        r.cluster[i] = best;
    }
    return r;
}

DbscanResult dbscan(const std::vector<LonLat>& points, const DbscanParams& params, const std::vector<DateSpan>* dates) {
    check(params);
    if (params.eps_days && (dates == nullptr || dates->size() != points.size())) throw UsageError("ST-DBSCAN needs a date per point");

    DbscanResult r;
    const std::size_t n = points.size();
    r.cluster.assign(n, -1);
    r.core.assign(n, false);
    if (n == 0) return r;
    const Neighbourhoods neighbourhoods(points, params, dates);
    if (!params.eps_days) return grid_dbscan(points, params, neighbourhoods);

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
