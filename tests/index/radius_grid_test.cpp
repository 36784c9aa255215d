#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "incimap/index/kd_index.hpp"
#include "incimap/index/radius_grid.hpp"

using namespace incimap;

// The zoom clusters rely on the grid finding exactly the neighbours a KD-tree (supercluster's
// index) finds, for points on cell edges, at the square's borders and at exactly distance r.
TEST_CASE("the radius grid finds the same neighbours as the KD-tree", "[index]") {
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> unit(0, 1);
    for (const double r : {0.3, 0.01, 1e-6}) {
        std::vector<double> xs, ys;
        for (int i = 0; i < 3000; ++i) {
            if (i % 3 == 1) {  // r from the point before, in y
                xs.push_back(xs.back());
                ys.push_back(std::min(1.0, ys.back() + r));
                continue;
            }
            // some on the square's borders, some on the grid's cell edges
            xs.push_back(i % 10 == 0 ? 0.0 : i % 10 == 2 ? 1.0 : i % 10 == 4 ? 2 * r * std::floor(unit(rng) / (2 * r)) : unit(rng));
            ys.push_back(unit(rng));
        }
        const RadiusGrid grid(xs, ys, r);
        const KdIndex tree(xs, ys, 16);
        std::size_t found = 0;
        for (std::size_t q = 0; q < xs.size(); ++q) {
            std::vector<std::uint32_t> a, b;
            grid.within(xs[q], ys[q], [&](std::uint32_t j) { a.push_back(j); });
            tree.within(xs[q], ys[q], r, [&](std::uint32_t j, double, double) { b.push_back(j); });
            std::sort(a.begin(), a.end());
            std::sort(b.begin(), b.end());
            INFO("r " << r << ", query " << q);
            REQUIRE(a == b);
            found += a.size();
        }
        CHECK(found > xs.size());  // some queries found points other than their own
    }
}
