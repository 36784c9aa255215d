#pragma once
// Points on the unit sphere binned into axis-aligned cubes, for grid DBSCAN: the cubes in cube
// order, each cube's points side by side, and for each cube the occupied cubes within reach that
// come after it in that order (itself first), so that every pair of nearby cubes is met once.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace incimap {

class CubeGrid {
public:
    /// `units` are the points as unit vectors; cubes have edge `side`; cube B is "within reach"
    /// of A when their nearest corners are at most `reach` apart. Needs 1 / side < 2^19.
    CubeGrid(const std::vector<std::array<double, 3>>& units, double side, double reach);

    std::size_t cubes() const { return begin_.size() - 1; }
    /// Points in cube order: position k holds point order()[k].
    const std::vector<std::uint32_t>& order() const { return order_; }
    /// Positions of cube c's points: [first(c), first(c + 1)).
    std::size_t first(std::size_t c) const { return begin_[c]; }
    std::size_t size(std::size_t c) const { return begin_[c + 1] - begin_[c]; }
    /// Cube c and the occupied cubes within reach after it.
    std::span<const std::uint32_t> later(std::size_t c) const {
        return {later_.data() + later_begin_[c], later_begin_[c + 1] - later_begin_[c]};
    }

private:
    std::vector<std::uint32_t> order_;
    std::vector<std::size_t> begin_;  // per cube, and the end
    std::vector<std::uint32_t> later_;
    std::vector<std::size_t> later_begin_;
};

}  // namespace incimap
