#include "incimap/index/kd_index.hpp"

#include <algorithm>

namespace incimap {

KdIndex::KdIndex(const std::vector<double>& xs, const std::vector<double>& ys, std::uint32_t node_size)
    : node_size_(std::max<std::uint32_t>(node_size, 2)) {
    items_.reserve(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i)
        items_.push_back({static_cast<float>(xs[i]), static_cast<float>(ys[i]), static_cast<std::uint32_t>(i)});
    if (!items_.empty()) sort(0, items_.size() - 1, 0);
}

// Median split on alternating axes, as KDBush: each node's middle item splits its range.
void KdIndex::sort(std::size_t left, std::size_t right, int axis) {
    if (right - left <= node_size_) return;
    const std::size_t m = (left + right) >> 1;
    std::nth_element(items_.begin() + static_cast<std::ptrdiff_t>(left), items_.begin() + static_cast<std::ptrdiff_t>(m),
                     items_.begin() + static_cast<std::ptrdiff_t>(right) + 1,
                     [axis](const Item& a, const Item& b) { return axis == 0 ? a.x < b.x : a.y < b.y; });
    if (m > left) sort(left, m - 1, 1 - axis);
    sort(m + 1, right, 1 - axis);
}

}  // namespace incimap
