#include "cube_grid.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "../core/radix_sort.hpp"

namespace incimap {

namespace {

struct Keyed {
    std::uint64_t key;
    std::uint32_t point;
};

}  // namespace

// One function on purpose: a radix sort of the points by cube and the neighbour lists of the
// occupied cubes, tight loops over the same arrays.
CubeGrid::CubeGrid(const std::vector<std::array<double, 3>>& units, double side, double reach_chord) {
    const std::size_t n = units.size();
    const int reach = static_cast<int>(std::ceil(reach_chord / side));

    // Integer cube coordinates, packed into keys whose fields keep `reach` spare cubes on both
    // sides: adding a packed offset to a key then gives the neighbour's key with no carry, and
    // moving all keys by one offset keeps their order.
    std::vector<std::array<std::int64_t, 3>> cube(n);
    std::array<std::int64_t, 3> low{INT64_MAX, INT64_MAX, INT64_MAX}, high{INT64_MIN, INT64_MIN, INT64_MIN};
    for (std::size_t i = 0; i < n; ++i)
        for (int a = 0; a < 3; ++a) {
            cube[i][a] = static_cast<std::int64_t>(std::floor(units[i][a] / side));
            low[a] = std::min(low[a], cube[i][a]);
            high[a] = std::max(high[a], cube[i][a]);
        }
    std::array<int, 3> width{};
    for (int a = 0; a < 3; ++a) width[a] = static_cast<int>(std::bit_width(static_cast<std::uint64_t>(high[a] - low[a] + 2 * reach + 1)));
    const int y_shift = width[2], x_shift = width[1] + width[2];
    auto pack = [&](std::int64_t dx, std::int64_t dy, std::int64_t dz) {
        return static_cast<std::uint64_t>(dx * (std::int64_t{1} << x_shift) + dy * (std::int64_t{1} << y_shift) + dz);
    };
    std::vector<Keyed> keyed(n);
    for (std::uint32_t i = 0; i < n; ++i)
        keyed[i] = {pack(cube[i][0] - low[0] + reach, cube[i][1] - low[1] + reach, cube[i][2] - low[2] + reach), i};
    std::vector<std::array<std::int64_t, 3>>().swap(cube);
    radix_sort(keyed, x_shift + width[0], [](const Keyed& k) { return k.key; });

    order_.resize(n);
    std::vector<std::uint64_t> key;  // per cube, ascending
    for (std::size_t k = 0; k < n; ++k) {
        if (k == 0 || keyed[k].key != keyed[k - 1].key) {
            begin_.push_back(k);
            key.push_back(keyed[k].key);
        }
        order_[k] = keyed[k].point;
    }
    begin_.push_back(n);
    std::vector<Keyed>().swap(keyed);
    const std::size_t cubes = key.size();

    // Offsets within reach, in columns (dx, dy) after (0, 0) in key order, each with the range of
    // dz; the own column from dz = 0.
    auto within_reach = [&](int a, int b, int c) {
        const double ga = std::max(std::abs(a) - 1, 0), gb = std::max(std::abs(b) - 1, 0), gc = std::max(std::abs(c) - 1, 0);
        return (ga * ga + gb * gb + gc * gc) * side * side <= reach_chord * reach_chord;
    };
    struct Column {
        std::uint64_t low, high;  // key offsets of its first and last cube
        std::size_t cursor = 0;   // the first cube at or past low, for the cube at hand
    };
    std::vector<Column> columns;
    for (int a = 0; a <= reach; ++a)
        for (int b = a == 0 ? 0 : -reach; b <= reach; ++b) {
            if (!within_reach(a, b, 0)) continue;
            int c = 0;
            while (c < reach && within_reach(a, b, c + 1)) ++c;
            columns.push_back({pack(a, b, a == 0 && b == 0 ? 0 : -c), pack(a, b, c)});
        }

    // A merge join rather than hashing: for each column a cursor walks the sorted keys once.
    // The steps are branch-free (a cursor mostly moves by a cube or two; a column holds at most
    // 2 reach + 1 cubes), so the keys end in sentinels and no step checks bounds.
    const auto span = static_cast<std::size_t>(2 * reach + 1);
    key.insert(key.end(), span + 2, UINT64_MAX);
    later_.resize(cubes + columns.size() * span);
    later_begin_.assign(cubes + 1, 0);
    std::size_t used = 0;
    for (std::size_t c = 0; c < cubes; ++c) {
        if (later_.size() < used + columns.size() * span) later_.resize(2 * later_.size());
        for (Column& col : columns) {
            const std::uint64_t from = key[c] + col.low, to = key[c] + col.high;
            std::size_t k = col.cursor;
            k += key[k] < from;
            k += key[k] < from;
            while (key[k] < from) ++k;
            col.cursor = k;
            for (std::size_t t = 0; t < span; ++t) {
                later_[used] = static_cast<std::uint32_t>(k + t);
                used += key[k + t] <= to;
            }
        }
        later_begin_[c + 1] = used;
    }
    later_.resize(used);
    later_.shrink_to_fit();
}

}  // namespace incimap
