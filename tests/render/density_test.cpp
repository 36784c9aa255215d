#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <numbers>
#include <random>

#include "incimap/core/error.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/render/density.hpp"
#include "support.hpp"

using namespace incimap;

namespace {

std::vector<DensityPoint> random_points(std::size_t n, LonLatBox box, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> lon(box.west, box.east), lat(box.south, box.north), weight(1, 10);
    std::vector<DensityPoint> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back({{lon(rng), lat(rng)}, std::floor(weight(rng)), i % 3 == 0});
    return out;
}

double integral(const CellGeometry& cells, const DensityBands& d, DensityUnits units) {
    double sum = 0;
    for (int r = 0; r < d.grid.height; ++r)
        for (int c = 0; c < d.grid.width; ++c) {
            const std::size_t k = static_cast<std::size_t>(r * d.grid.width + c);
            const double v = double(d.domestic[k]) + d.transnational[k];
            sum += units == DensityUnits::per_cell ? v : v * cells.area_km2(r, c) / 1000;
        }
    return sum;
}

// The definition, cell by cell: each incident's kernel at the true great-circle distance of
// each cell centre, normalised over the cells so that it adds the incident's weight.
std::vector<double> brute_force(const CellGeometry& cells, const std::vector<DensityPoint>& points, Kernel kernel, double h) {
    const GridSpec& g = cells.grid();
    std::vector<double> out(static_cast<std::size_t>(g.width * g.height), 0);
    for (const DensityPoint& p : points) {
        std::vector<double> v(out.size());
        double sum = 0;
        for (int r = 0; r < g.height; ++r)
            for (int c = 0; c < g.width; ++c) {
                const double d = haversine_km(cells.centre(r, c), p.position);
                v[static_cast<std::size_t>(r * g.width + c)] = kernel_value(kernel, d * d / (h * h));
                sum += v[static_cast<std::size_t>(r * g.width + c)] * cells.area_km2(r, c);
            }
        for (std::size_t k = 0; k < out.size(); ++k) out[k] += p.weight * v[k] / sum * 1000;
    }
    return out;
}

}  // namespace

TEST_CASE("the density integrates to the weight of the incidents on the grid, for every kernel", "[density]") {
    const CellGeometry cells(grid_over("EPSG:3857", {55, 25, 80, 45}, 400));
    // incidents well inside the grid, so that no kernel is cut by its edge
    const auto points = random_points(300, {60, 30, 75, 40}, 3);
    double weight = 0;
    for (const auto& p : points) weight += p.weight;
    for (const Kernel k : {Kernel::quartic, Kernel::gaussian, Kernel::epanechnikov, Kernel::triangular, Kernel::uniform})
        for (const DensityUnits units : {DensityUnits::per_1000_km2, DensityUnits::per_cell}) {
            DensityParams p;
            p.kernel = k;
            p.bandwidth_km = k == Kernel::gaussian ? 20 : 60;
            p.units = units;
            const DensityBands d = compute_density(cells, points, p, nullptr);
            INFO(to_string(k));
            CHECK(integral(cells, d, units) == Approx(weight).epsilon(0.005));
            CHECK(d.weight_in_grid == Approx(weight).epsilon(0.005));
        }
}

TEST_CASE("the density equals a brute-force sum, in Web Mercator and in an oblique projection", "[density]") {
    const auto points = random_points(6, {66, 33, 70, 36}, 9);
    for (const char* crs : {"EPSG:3857", "+proj=laea +lat_0=35 +lon_0=68 +datum=WGS84 +units=m"}) {
        const CellGeometry cells(grid_over(crs, {64, 31, 72, 38}, 60));
        CHECK(cells.separable() == (std::string(crs) == "EPSG:3857"));
        for (const Kernel k : {Kernel::quartic, Kernel::gaussian, Kernel::uniform}) {
            DensityParams p;
            p.kernel = k;
            p.bandwidth_km = k == Kernel::gaussian ? 25 : 90;
            p.threads = 2;
            const DensityBands d = compute_density(cells, points, p, nullptr);
            const std::vector<double> expected = brute_force(cells, points, k, p.bandwidth_km);
            double worst = 0, peak = 0;
            for (std::size_t i = 0; i < expected.size(); ++i) {
                worst = std::max(worst, std::fabs(double(d.domestic[i]) + d.transnational[i] - expected[i]));
                peak = std::max(peak, expected[i]);
            }
            INFO(crs << ", " << to_string(k));
            CHECK(peak > 0);
            CHECK(worst < peak * 1e-4);  // the chord for the arc, and float bands
        }
    }
}

TEST_CASE("a 50 km kernel is 50 km on the ground at Kabul and at Moscow", "[density]") {
    const CellGeometry cells(grid_over("EPSG:3857", {30, 25, 80, 62}, 2000));
    const LonLat kabul{69.17, 34.53}, moscow{37.62, 55.75};
    DensityParams p;
    p.bandwidth_km = 50;
    const DensityBands d = compute_density(cells, {{kabul, 1, true}, {moscow, 1, false}}, p, nullptr);
    for (const auto& [where, band] : {std::pair{kabul, &d.domestic}, std::pair{moscow, &d.transnational}}) {
        double reach = 0, area = 0, peak = 0;
        for (int r = 0; r < d.grid.height; ++r)
            for (int c = 0; c < d.grid.width; ++c) {
                const float v = (*band)[static_cast<std::size_t>(r * d.grid.width + c)];
                if (v <= 0) continue;
                reach = std::max(reach, haversine_km(cells.centre(r, c), where));
                area += cells.area_km2(r, c);
                peak = std::max(peak, double(v));
            }
        INFO(where.lat_deg);
        CHECK(reach <= 50);
        CHECK(reach > 48);
        CHECK(area == Approx(std::numbers::pi * 50 * 50).epsilon(0.03));
        // the quartic's peak, 3 / (pi h²), per 1,000 km²
        CHECK(peak == Approx(3 / (std::numbers::pi * 2500) * 1000).epsilon(0.02));
    }
}

TEST_CASE("country-level incidents are spread over the country, or kept as points, or dropped", "[density]") {
    const Boundaries& b = test::boundaries();
    const CellGeometry cells(grid_over("EPSG:3857", {58, 27, 77, 41}, 500));
    const std::vector<DensityPoint> points{{{66.0, 34.0}, 2, true, true, b.country_footprint("AF")},
                                           {{69.17, 34.53}, 1, true, false, nullptr}};
    DensityParams p;
    p.bandwidth_km = 30;
    const DensityBands spread = compute_density(cells, points, p, b.context());
    CHECK(spread.spread == 1);
    CHECK(integral(cells, spread, DensityUnits::per_1000_km2) == Approx(3).epsilon(0.005));
    // Afghanistan is about 650,000 km²: 2 incidents make 3.1 per 1,000 km² all over it
    const auto at = [&](const DensityBands& d, LonLat q) {
        const auto cell = cells.cell_of(q);
        REQUIRE(cell);
        const std::size_t k = static_cast<std::size_t>(cell->first * d.grid.width + cell->second);
        return std::pair{d.domestic[k], d.imprecise_share[k]};
    };
    for (const LonLat q : {LonLat{62.2, 34.35}, LonLat{65.7, 31.6}, LonLat{70.5, 37.1}}) {
        const auto [v, share] = at(spread, q);
        CHECK(v == Approx(2000.0 / 650000).epsilon(0.05));
        CHECK(share == Approx(1));
    }
    CHECK(at(spread, {69.17, 34.53}).second < 0.5);   // Kabul's own kernel outweighs the spread
    CHECK(std::isnan(at(spread, {59, 40}).second));  // Turkmenistan: no density at all

    p.imprecise = ImpreciseMode::point;
    const DensityBands point = compute_density(cells, points, p, b.context());
    CHECK(point.spread == 0);
    CHECK(at(point, {66.0, 34.0}).first > 100 * at(spread, {66.0, 34.0}).first);  // the false hotspot
    p.imprecise = ImpreciseMode::drop;
    const DensityBands dropped = compute_density(cells, points, p, b.context());
    CHECK(dropped.dropped == 1);
    CHECK(integral(cells, dropped, DensityUnits::per_1000_km2) == Approx(1).epsilon(0.005));
}

TEST_CASE("density edge cases: no incidents, one, all at one point, kernels narrower than a cell, bad bandwidth", "[density]") {
    const CellGeometry cells(grid_over("EPSG:3857", {60, 30, 75, 40}, 100));
    DensityParams p;
    const DensityBands none = compute_density(cells, std::vector<DensityPoint>{}, p, nullptr);
    CHECK(none.weight_in_grid == 0);
    CHECK(std::all_of(none.domestic.begin(), none.domestic.end(), [](float v) { return v == 0; }));
    CHECK(compute_density(cells, {DensityPoint{{69.17, 34.53}, 2.5, true}}, p, nullptr).weight_in_grid == Approx(2.5).epsilon(0.001));
    const std::vector<DensityPoint> same(1000, DensityPoint{{69.17, 34.53}, 1, true});
    CHECK(compute_density(cells, same, p, nullptr).weight_in_grid == Approx(1000).epsilon(0.001));
    p.bandwidth_km = 0.5;  // cells are ~15 km: the whole weight in the cell that holds it
    CHECK(compute_density(cells, same, p, nullptr).weight_in_grid == Approx(1000).epsilon(0.001));
    const std::vector<DensityPoint> outside{{{10, 10}, 1, true}};
    CHECK(compute_density(cells, outside, p, nullptr).outside == 1);
    for (const double bad : {0.0, -5.0, std::nan("")}) {
        p.bandwidth_km = bad;
        CHECK_THROWS_AS(compute_density(cells, same, p, nullptr), InvalidOption);
    }
    CHECK_THROWS_AS(CellGeometry(grid_over("EPSG:999999", {60, 30, 75, 40}, 100)), InvalidOption);
}

TEST_CASE("the density is the same, byte for byte, whatever the number of threads", "[density]") {
    const CellGeometry cells(grid_over("EPSG:3857", {55, 25, 80, 45}, 300));
    const auto points = random_points(2000, {58, 28, 78, 42}, 21);
    DensityParams p;
    p.threads = 1;
    const DensityBands one = compute_density(cells, points, p, nullptr);
    for (const unsigned t : {2u, 3u, 7u}) {
        p.threads = t;
        const DensityBands many = compute_density(cells, points, p, nullptr);
        CHECK(std::memcmp(one.domestic.data(), many.domestic.data(), one.domestic.size() * sizeof(float)) == 0);
        CHECK(std::memcmp(one.transnational.data(), many.transnational.data(), one.transnational.size() * sizeof(float)) == 0);
    }
}

TEST_CASE("the binned gaussian agrees with the exact one, keeps the mass and is chosen for many incidents", "[density]") {
    const CellGeometry cells(grid_over("EPSG:3857", {50, 20, 90, 55}, 500));
    const auto points = random_points(20000, {55, 25, 85, 50}, 4);
    double weight = 0;
    for (const auto& p : points) weight += p.weight;
    DensityParams p;
    p.kernel = Kernel::gaussian;
    p.bandwidth_km = 40;
    p.method = DensityMethod::exact;
    const DensityBands exact = compute_density(cells, points, p, nullptr);
    p.method = DensityMethod::binned;
    const DensityBands binned = compute_density(cells, points, p, nullptr);
    CHECK(binned.weight_in_grid == Approx(exact.weight_in_grid).epsilon(0.005));
    double diff = 0, total = 0;
    for (std::size_t i = 0; i < exact.domestic.size(); ++i) {
        diff += std::fabs(double(exact.domestic[i]) - binned.domestic[i]) + std::fabs(double(exact.transnational[i]) - binned.transnational[i]);
        total += double(exact.domestic[i]) + exact.transnational[i];
    }
    CHECK(diff / total < 0.02);  // binning and the tangent-plane kernel move the map by under 2%
    CHECK(integral(cells, binned, DensityUnits::per_1000_km2) == Approx(weight).epsilon(0.01));
    // the same bytes for any thread count
    p.threads = 1;
    const DensityBands one = compute_density(cells, points, p, nullptr);
    p.threads = 3;
    const DensityBands three = compute_density(cells, points, p, nullptr);
    CHECK(std::memcmp(one.domestic.data(), three.domestic.data(), one.domestic.size() * sizeof(float)) == 0);
    // automatic: exact for a few incidents, binned for many
    p.method = DensityMethod::automatic;
    const DensityBands few = compute_density(cells, std::vector<DensityPoint>(points.begin(), points.begin() + 50), p, nullptr);
    p.method = DensityMethod::exact;
    const DensityBands few_exact = compute_density(cells, std::vector<DensityPoint>(points.begin(), points.begin() + 50), p, nullptr);
    CHECK(std::memcmp(few.domestic.data(), few_exact.domestic.data(), few.domestic.size() * sizeof(float)) == 0);
}
