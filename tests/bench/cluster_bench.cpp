// Single-run timings with peak memory for the clustering and index hot paths, so that they can
// be compared with peers (scikit-learn, supercluster) run on the same points by compare_peers.sh.
//
//   cluster_bench gen N SEED FILE         write N incident-like points (lat,lon CSV)
//   cluster_bench dbscan FILE EPS_KM MIN   DBSCAN (haversine, as the peer)
//   cluster_bench zoom FILE                zoom clusters 0-16, radius 40, extent 512
//   cluster_bench index FILE               R-tree build, box and radius queries per second
// Each prints one line: what, n, seconds, peak resident MiB, and a result count.

#include <cmath>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "incimap/analyze/dbscan.hpp"
#include "incimap/analyze/zoom_clusters.hpp"
#include "incimap/index/space_time_index.hpp"

#include "bench_util.hpp"

using namespace incimap;
using bench::peak_mib;
using bench::seconds;

namespace {

// Incidents cluster around towns: 2,000 hubs with a 15 km spread, and 10% scattered.
void generate(std::size_t n, unsigned seed, const std::string& file) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> lon(-20, 120), lat(-35, 60), unit(0, 1);
    std::vector<LonLat> hubs;
    for (int i = 0; i < 2000; ++i) hubs.push_back({lon(rng), lat(rng)});
    std::normal_distribution<double> spread(0, 15.0 / 111);
    std::ofstream out(file);
    out.precision(10);
    for (std::size_t i = 0; i < n; ++i) {
        LonLat p;
        if (unit(rng) < 0.1) {
            p = {lon(rng), lat(rng)};
        } else {
            // a few hubs are much busier than the rest, as capitals are
            const auto& h = hubs[static_cast<std::size_t>(std::pow(unit(rng), 3) * double(hubs.size()))];
            p = {h.lon_deg + spread(rng) / std::cos(h.lat_deg * 3.14159265 / 180), h.lat_deg + spread(rng)};
        }
        out << p.lat_deg << ',' << p.lon_deg << '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> a(argv + 1, argv + argc);
    if (a.size() == 4 && a[0] == "gen") {
        generate(std::stoul(a[1]), static_cast<unsigned>(std::stoul(a[2])), a[3]);
        return 0;
    }
    if (a.size() < 2) {
        std::cerr << "usage: cluster_bench gen N SEED FILE | dbscan FILE EPS_KM MIN | zoom FILE | index FILE\n";
        return 2;
    }
    const std::vector<LonLat> points = bench::load_points(a[1]);
    if (a[0] == "dbscan" && a.size() == 4) {
        DbscanParams p;
        p.eps_km = std::stod(a[2]);
        p.min_points = std::stoul(a[3]);
        p.distance = DistanceModel::haversine;
        DbscanResult r;
        const double s = seconds([&] { r = dbscan(points, p); });
        std::cout << "incimap dbscan n=" << points.size() << " seconds=" << s << " peak_mib=" << peak_mib()
                  << " clusters=" << r.cluster_count << "\n";
        return 0;
    }
    if (a[0] == "zoom") {
        ZoomClusterParams p;
        std::vector<std::vector<ZoomCluster>> levels;
        const double s = seconds([&] { levels = zoom_clusters(points, std::vector<bool>(points.size(), true), p); });
        std::cout << "incimap zoom n=" << points.size() << " seconds=" << s << " peak_mib=" << peak_mib()
                  << " z0=" << levels.front().size() << " z16=" << levels.back().size() << "\n";
        return 0;
    }
    if (a[0] == "index") {
        std::vector<PlacedIncident> incidents(points.size());
        for (std::size_t i = 0; i < points.size(); ++i) {
            incidents[i].location.position = points[i];
            incidents[i].incident.date = *parse_date("2024-01-01").span;
        }
        std::unique_ptr<SpaceTimeIndex> index;
        const double build = seconds([&] { index = std::make_unique<SpaceTimeIndex>(incidents); });
        std::mt19937 rng(5);
        std::uniform_int_distribution<std::size_t> pick(0, points.size() - 1);
        std::size_t found = 0;
        const int queries = 20000;
        const double box = seconds([&] {
            for (int q = 0; q < queries; ++q) {
                const LonLat c = points[pick(rng)];
                found += index->in_box({c.lon_deg - 0.25, c.lat_deg - 0.25, c.lon_deg + 0.25, c.lat_deg + 0.25}).size();
            }
        });
        const double near = seconds([&] {
            for (int q = 0; q < queries; ++q) found += index->near(points[pick(rng)], 25).size();
        });
        std::cout << "incimap index n=" << points.size() << " build_seconds=" << build << " box_queries_per_s=" << queries / box
                  << " radius25km_queries_per_s=" << queries / near << " peak_mib=" << peak_mib() << " found=" << found << "\n";
        return 0;
    }
    std::cerr << "cluster_bench: unknown command\n";
    return 2;
}
