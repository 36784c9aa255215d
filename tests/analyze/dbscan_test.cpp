#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "incimap/analyze/dbscan.hpp"
#include "incimap/core/error.hpp"
#include "incimap/index/space_time_index.hpp"
#include "support.hpp"

using namespace incimap;

namespace {

// Points in blobs of `per_blob` around `centres` with a spread of about `spread_km`, plus noise.
std::vector<LonLat> blobs(const std::vector<LonLat>& centres, int per_blob, double spread_km, int noise, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> offset(0, spread_km / 111.0);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-60, 70);
    std::vector<LonLat> out;
    for (const LonLat& c : centres)
        for (int i = 0; i < per_blob; ++i) {
            const double x = c.lon_deg + offset(rng);
            out.push_back({x > 180 ? x - 360 : x < -180 ? x + 360 : x, std::min(90.0, c.lat_deg + offset(rng))});
        }
    for (int i = 0; i < noise; ++i) out.push_back({lon(rng), lat(rng)});
    return out;
}

}  // namespace

TEST_CASE("DBSCAN finds blobs and leaves noise", "[dbscan]") {
    const auto points = blobs({{69.17, 34.53}, {37.6, 55.75}}, 40, 3, 20, 1);
    DbscanParams p;
    p.eps_km = 5;
    p.min_points = 5;
    const DbscanResult r = dbscan(points, p);
    CHECK(r.cluster_count == 2);
    CHECK(r.cluster[0] == 0);   // clusters numbered by their first point
    CHECK(r.cluster[40] == 1);
    for (int i = 0; i < 80; ++i) CHECK(r.cluster[static_cast<std::size_t>(i)] == (i < 40 ? 0 : 1));
    for (std::size_t i = 80; i < points.size(); ++i) CHECK(r.cluster[i] == -1);
}

TEST_CASE("DBSCAN edge cases: empty, one place, antimeridian, bad parameters", "[dbscan]") {
    DbscanParams p;
    p.eps_km = 10;
    p.min_points = 3;
    CHECK(dbscan({}, p).cluster_count == 0);
    const std::vector<LonLat> same(1000, LonLat{69.17, 34.53});
    const DbscanResult one = dbscan(same, p);
    CHECK(one.cluster_count == 1);
    CHECK(std::all_of(one.core.begin(), one.core.end(), [](bool c) { return c; }));
    // 179.95 E and 179.95 W are 11 km apart across the antimeridian
    const DbscanResult across = dbscan({{179.95, 0}, {-179.95, 0}, {179.99, 0.01}}, p);
    CHECK(across.cluster_count == 1);
    for (double bad : {0.0, -1.0}) {
        p.eps_km = bad;
        CHECK_THROWS_AS(dbscan(same, p), InvalidOption);
    }
    p.eps_km = 10;
    p.min_points = 0;
    CHECK_THROWS_AS(dbscan(same, p), InvalidOption);
}

TEST_CASE("ST-DBSCAN also needs neighbours close in time", "[dbscan]") {
    const std::vector<LonLat> points(6, LonLat{69.17, 34.53});
    std::vector<DateSpan> dates;
    for (const char* d : {"2023-01-01", "2023-01-03", "2023-01-05", "2024-06-01", "2024-06-02", "2024-06"}) dates.push_back(*parse_date(d).span);
    DbscanParams p;
    p.eps_km = 1;
    p.min_points = 3;
    p.eps_days = 7;
    const DbscanResult r = dbscan(points, p, &dates);
    CHECK(r.cluster_count == 2);
    CHECK(r.cluster[0] == r.cluster[2]);
    CHECK(r.cluster[3] == r.cluster[5]);  // a month-level date overlaps its days
    CHECK(r.cluster[0] != r.cluster[3]);
    CHECK_THROWS_AS(dbscan(points, p, nullptr), InvalidOption);
}

// The definition, pair by pair: core points have min_points neighbours within eps; clusters are
// the connected groups of core points, numbered by their lowest point; a border point joins the
// lowest-numbered cluster with a core point within eps.
// `km` holds the distances between all points, row by row.
DbscanResult brute_force_dbscan(const std::vector<double>& km, std::size_t n, const DbscanParams& p) {
    auto near = [&](std::size_t i, std::size_t j) { return km[i * n + j] <= p.eps_km; };
    DbscanResult r;
    r.core.assign(n, false);
    r.cluster.assign(n, -1);
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t count = 0;
        for (std::size_t j = 0; j < n; ++j) count += near(i, j);
        r.core[i] = count >= p.min_points;
    }
    for (std::size_t start = 0; start < n; ++start) {
        if (!r.core[start] || r.cluster[start] >= 0) continue;
        const int id = static_cast<int>(r.cluster_count++);
        std::vector<std::size_t> stack{start};
        r.cluster[start] = id;
        while (!stack.empty()) {
            const std::size_t i = stack.back();
            stack.pop_back();
            for (std::size_t j = 0; j < n; ++j)
                if (r.core[j] && r.cluster[j] < 0 && near(i, j)) {
                    r.cluster[j] = id;
                    stack.push_back(j);
                }
        }
    }
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n && !r.core[i]; ++j)
            if (r.core[j] && (r.cluster[i] < 0 || r.cluster[j] < r.cluster[i]) && near(i, j)) r.cluster[i] = r.cluster[j];
    return r;
}

TEST_CASE("DBSCAN equals the pair-by-pair definition, for both distance models and any eps", "[dbscan]") {
    // Blobs at the equator, near the pole, across the antimeridian and in Afghanistan, with many
    // points on one spot (centroid geocodes) and noise.
    auto points = blobs({{69.17, 34.53}, {179.99, 10}, {20, 88.5}, {-75, -0.01}}, 150, 6, 300, 11);
    points.insert(points.end(), 30, LonLat{69.2, 34.5});
    const std::size_t n = points.size();
    for (const DistanceModel model : {DistanceModel::haversine, DistanceModel::geodesic}) {
        std::vector<double> km(n * n);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j)
                km[i * n + j] = model == DistanceModel::haversine ? haversine_km(points[i], points[j]) : geodesic_km(points[i], points[j]);
        for (const double eps : {0.005, 0.5, 3.0, 8.0, 40.0})
            for (const std::size_t min_points : {1, 4, 12}) {
                DbscanParams p;
                p.eps_km = eps;
                p.min_points = min_points;
                p.distance = model;
                const DbscanResult expected = brute_force_dbscan(km, n, p);
                const DbscanResult got = dbscan(points, p);
                INFO("eps " << eps << " km, min_points " << min_points << (model == DistanceModel::haversine ? ", sphere" : ", ellipsoid"));
                CHECK(got.cluster_count == expected.cluster_count);
                CHECK(got.core == expected.core);
                CHECK(got.cluster == expected.cluster);
            }
    }
}

// Peer check: on the same points, the clusters of core points equal scikit-learn's DBSCAN with
// the haversine metric (border points may go to either neighbouring cluster, as DBSCAN allows).
// Runs when Debian's python3-sklearn is installed.
TEST_CASE("DBSCAN agrees with scikit-learn on core points", "[dbscan][peer]") {
    if (std::system("/usr/bin/python3 -c 'import sklearn' > /dev/null 2>&1") != 0) {
        WARN("python3-sklearn is not installed: peer check skipped");
        return;
    }
    const auto points = blobs({{69.17, 34.53}, {70.45, 34.43}, {68.86, 36.73}, {37.6, 55.75}, {16.37, 48.2}}, 300, 8, 500, 7);
    DbscanParams p;
    p.eps_km = 5;
    p.min_points = 8;
    p.distance = DistanceModel::haversine;
    const DbscanResult ours = dbscan(points, p);

    const test::TempDir dir;
    {
        std::ofstream csv(dir / "points.csv");
        csv.precision(17);
        for (const LonLat& q : points) csv << q.lat_deg << ',' << q.lon_deg << '\n';
    }
    const std::string script =
        "import numpy as np\nfrom sklearn.cluster import DBSCAN\n"
        "x = np.radians(np.loadtxt('" + (dir / "points.csv").string() + "', delimiter=','))\n"
        "m = DBSCAN(eps=5/6371.0088, min_samples=8, metric='haversine', algorithm='ball_tree').fit(x)\n"
        "core = np.zeros(len(x), dtype=int); core[m.core_sample_indices_] = 1\n"
        "np.savetxt('" + (dir / "labels.csv").string() + "', np.column_stack([m.labels_, core]), fmt='%d', delimiter=',')\n";
    test::write_text(dir / "peer.py", script);
    REQUIRE(std::system(("/usr/bin/python3 '" + (dir / "peer.py").string() + "'").c_str()) == 0);
    std::ifstream labels(dir / "labels.csv");
    std::vector<int> theirs, their_core;
    int label = 0, core = 0;
    char comma = 0;
    while (labels >> label >> comma >> core) {
        theirs.push_back(label);
        their_core.push_back(core);
    }
    REQUIRE(theirs.size() == points.size());
    std::map<int, int> ours_to_theirs, theirs_to_ours;
    std::size_t core_points = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        CHECK(ours.core[i] == (their_core[i] == 1));
        if (!ours.core[i]) continue;
        ++core_points;
        // the same partition of core points: a one-to-one map between cluster labels
        const auto [a, new_a] = ours_to_theirs.emplace(ours.cluster[i], theirs[i]);
        const auto [b, new_b] = theirs_to_ours.emplace(theirs[i], ours.cluster[i]);
        CHECK(a->second == theirs[i]);
        CHECK(b->second == ours.cluster[i]);
    }
    CHECK(core_points > 1000);
    CHECK(ours_to_theirs.size() == ours.cluster_count);
}
