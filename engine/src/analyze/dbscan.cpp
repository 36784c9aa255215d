#include "incimap/analyze/dbscan.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
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
        tree_ = std::make_unique<KdIndex>(lons, lats);
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

private:
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

DbscanResult dbscan(const std::vector<LonLat>& points, const DbscanParams& params, const std::vector<DateSpan>* dates) {
    check(params);
    if (params.eps_days && (dates == nullptr || dates->size() != points.size())) throw UsageError("ST-DBSCAN needs a date per point");

    DbscanResult r;
    const std::size_t n = points.size();
    r.cluster.assign(n, -1);
    r.core.assign(n, false);
    if (n == 0) return r;
    const Neighbourhoods neighbourhoods(points, params, dates);

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
