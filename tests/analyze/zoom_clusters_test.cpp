#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "incimap/analyze/zoom_clusters.hpp"
#include "incimap/core/error.hpp"
#include "support.hpp"

using namespace incimap;

namespace {
std::vector<LonLat> random_points(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<double> near(0, 2);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-80, 80), pick(0, 1);
    const LonLat hubs[] = {{69.17, 34.53}, {37.6, 55.75}, {16.37, 48.2}, {-74, 40.7}};
    std::vector<LonLat> out;
    for (std::size_t i = 0; i < n; ++i) {
        if (pick(rng) < 0.7) {
            const LonLat& h = hubs[i % 4];
            out.push_back({std::clamp(h.lon_deg + near(rng), -180.0, 180.0), std::clamp(h.lat_deg + near(rng), -80.0, 80.0)});
        } else {
            out.push_back({lon(rng), lat(rng)});
        }
    }
    return out;
}
}  // namespace

TEST_CASE("zoom clusters keep every point at every zoom", "[zoom]") {
    const auto points = random_points(5000, 3);
    std::vector<bool> domestic(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) domestic[i] = i % 3 == 0;
    ZoomClusterParams p;
    p.min_zoom = 0;
    p.max_zoom = 8;
    const auto levels = zoom_clusters(points, domestic, p);
    REQUIRE(levels.size() == 9);
    for (const auto& level : levels) {
        std::size_t total = 0, dom = 0;
        for (const ZoomCluster& c : level) {
            total += c.point_count;
            dom += c.domestic;
            CHECK(c.domestic + c.transnational == c.point_count);
        }
        CHECK(total == points.size());
        CHECK(dom == (points.size() + 2) / 3);
        CHECK(level.size() <= points.size());
    }
    CHECK(levels[0].size() < levels[8].size());  // fewer, larger clusters when zoomed out
}

TEST_CASE("zoom cluster parameters are checked", "[zoom]") {
    ZoomClusterParams p;
    p.max_zoom = 23;
    CHECK_THROWS_AS(zoom_clusters({}, {}, p), InvalidOption);
    p.max_zoom = 5;
    p.min_zoom = 6;
    CHECK_THROWS_AS(zoom_clusters({}, {}, p), InvalidOption);
    p.min_zoom = 0;
    p.radius = 0;
    CHECK_THROWS_AS(zoom_clusters({}, {}, p), InvalidOption);
    p.radius = 40;
    CHECK(zoom_clusters({}, {}, p).size() == 6);
}

// Peer check: the number of clusters and points per zoom equals supercluster's (npm), when the
// set-up installed it (tools/setup.sh --with-peers).
TEST_CASE("zoom clusters agree with supercluster in count per zoom", "[zoom][peer]") {
    const char* home = std::getenv("HOME");
    const std::string module = std::string(home ? home : "/root") + "/.cache/incimap/peers/node_modules/supercluster";
    const char* env = std::getenv("INCIMAP_SUPERCLUSTER");
    const std::string path = env ? env : module;
    if (!std::filesystem::exists(path) || std::system("node --version > /dev/null 2>&1") != 0) {
        WARN("supercluster (npm) or node is not installed: peer check skipped");
        return;
    }
    const auto points = random_points(20000, 11);
    ZoomClusterParams p;  // supercluster's defaults: zooms 0-16, radius 40, extent 512, minPoints 2
    const auto levels = zoom_clusters(points, std::vector<bool>(points.size(), true), p);

    const test::TempDir dir;
    {
        std::ofstream json(dir / "points.json");
        json.precision(17);
        json << "[";
        for (std::size_t i = 0; i < points.size(); ++i) json << (i ? "," : "") << "[" << points[i].lon_deg << "," << points[i].lat_deg << "]";
        json << "]";
    }
    test::write_text(dir / "peer.mjs",
                     "import Supercluster from '" + path + "/index.js';\n"
                     "import fs from 'fs';\n"
                     "const pts = JSON.parse(fs.readFileSync('" + (dir / "points.json").string() + "'));\n"
                     "const index = new Supercluster({minZoom: 0, maxZoom: 16, radius: 40, extent: 512, minPoints: 2});\n"
                     "index.load(pts.map(c => ({type: 'Feature', properties: {}, geometry: {type: 'Point', coordinates: c}})));\n"
                     "const counts = [];\n"
                     "for (let z = 0; z <= 16; z++) counts.push(index.getClusters([-180, -90, 180, 90], z).length);\n"
                     "fs.writeFileSync('" + (dir / "counts.txt").string() + "', counts.join(' '));\n");
    REQUIRE(std::system(("node '" + (dir / "peer.mjs").string() + "'").c_str()) == 0);
    std::istringstream counts(test::read_text(dir / "counts.txt"));
    for (int z = 0; z <= 16; ++z) {
        std::size_t theirs = 0;
        counts >> theirs;
        INFO("zoom " << z);
        CHECK(levels[static_cast<std::size_t>(z)].size() == theirs);
    }
}
