#pragma once
// A static 2-d tree over points in flat arrays (the layout of KDBush): build once, then range
// and radius queries without allocation per visited node. Faster than an R-tree for the
// many small queries of clustering. Coordinates are stored as float, like KDBush under
// supercluster, which the zoom clusters must match exactly.
#include <cstdint>
#include <vector>

namespace incimap {

class KdIndex {
public:
    /// xs[i], ys[i]: the coordinates of item i.
    KdIndex(const std::vector<double>& xs, const std::vector<double>& ys, std::uint32_t node_size = 64);

    /// Calls visit(i) for every item i with x in [min_x, max_x] and y in [min_y, max_y].
    template <typename Visit>
    void range(double min_x, double min_y, double max_x, double max_y, Visit visit) const;

    /// Calls visit(i, x, y) for every item i within Euclidean distance r of (qx, qy), with the
    /// item's stored (float) coordinates.
    template <typename Visit>
    void within(double qx, double qy, double r, Visit visit) const;

private:
    struct Item {
        float x, y;
        std::uint32_t id;
    };
    void sort(std::size_t left, std::size_t right, int axis);
    template <typename OnItem>
    void traverse(double min_x, double min_y, double max_x, double max_y, OnItem on_item) const;
    std::vector<Item> items_;
    std::uint32_t node_size_;
};

template <typename OnItem>
void KdIndex::traverse(double min_x, double min_y, double max_x, double max_y, OnItem on_item) const {
    if (items_.empty()) return;
    struct Frame {
        std::size_t left, right;
        int axis;
    };
    Frame stack[64];  // two frames per level at most; 32 levels hold any 32-bit count
    int top = 0;
    stack[top++] = {0, items_.size() - 1, 0};
    while (top > 0) {
        const Frame f = stack[--top];
        if (f.right - f.left <= node_size_) {
            for (std::size_t i = f.left; i <= f.right; ++i) on_item(items_[i]);
            continue;
        }
        const std::size_t m = (f.left + f.right) >> 1;
        const Item& mid = items_[m];
        on_item(mid);
        const double v = f.axis == 0 ? mid.x : mid.y;
        if ((f.axis == 0 ? min_x : min_y) <= v && m > f.left) stack[top++] = {f.left, m - 1, 1 - f.axis};
        if ((f.axis == 0 ? max_x : max_y) >= v) stack[top++] = {m + 1, f.right, 1 - f.axis};
    }
}

template <typename Visit>
void KdIndex::range(double min_x, double min_y, double max_x, double max_y, Visit visit) const {
    traverse(min_x, min_y, max_x, max_y, [&](const Item& it) {
        if (it.x >= min_x && it.x <= max_x && it.y >= min_y && it.y <= max_y) visit(it.id);
    });
}

template <typename Visit>
void KdIndex::within(double qx, double qy, double r, Visit visit) const {
    const double r2 = r * r;
    traverse(qx - r, qy - r, qx + r, qy + r, [&](const Item& it) {
        const double dx = double(it.x) - qx, dy = double(it.y) - qy;
        if (dx * dx + dy * dy <= r2) visit(it.id, double(it.x), double(it.y));
    });
}

}  // namespace incimap
