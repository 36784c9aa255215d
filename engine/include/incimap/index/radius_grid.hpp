#pragma once
// Fixed-radius neighbour search in the unit square: points binned in square cells twice the
// radius wide, found through a hash of the occupied cells, so that a query looks at two to four
// cells. For the many small queries of one zoom level, it builds and answers several times
// faster than a KD-tree. Coordinates are stored as float, like KdIndex, and the distance test is
// KdIndex::within's, so both give the same neighbours.
#include <cmath>
#include <cstdint>
#include <vector>

namespace incimap {

class RadiusGrid {
public:
    /// Points (xs[i], ys[i]) in [0, 1]²; queries use radius r > 0.
    RadiusGrid(const std::vector<double>& xs, const std::vector<double>& ys, double r);

    /// Calls visit(i) for every point i within Euclidean distance r of (qx, qy), in no set order.
    template <typename Visit>
    void within(double qx, double qy, Visit visit) const;

    /// Ask the CPU to fetch what a query at (qx, qy) will read, in two stages: callers that know
    /// their next queries call prefetch_cells some 20 queries ahead and prefetch_items some 10
    /// ahead, so that the random reads of many queries overlap instead of stalling one by one.
    void prefetch_cells(double qx, double qy) const {
        for_cells(qx, qy, [&](std::uint64_t k) {
            if (maybe_occupied(k)) __builtin_prefetch(&slots_[slot_of(k)]);
        });
    }
    void prefetch_items(double qx, double qy) const {
        for_cells(qx, qy, [&](std::uint64_t k) {
            if (const Slot* slot = find(k)) __builtin_prefetch(&items_[slot->begin]);
        });
    }

private:
    struct Item {
        float x, y;
        std::uint32_t id;
    };
    // An occupied cell, in a hash table with linear probing: its key and where its items lie.
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t begin = UINT32_MAX, end = 0;  // begin UINT32_MAX: an empty slot
    };
    std::int64_t cell(double v) const { return static_cast<std::int64_t>(std::floor(v / cell_)); }
    std::uint64_t key(std::int64_t cx, std::int64_t cy) const { return static_cast<std::uint64_t>(cy * columns_ + cx); }
    std::uint64_t slot_of(std::uint64_t k) const { return (k * 0x9E3779B97F4A7C15ULL) >> 32 & mask_; }
    // Most cells a query looks at are empty: a bit per hashed key (8 bits per occupied cell,
    // small enough to stay in cache) rules out most of them without reading the table.
    std::uint64_t filter_bit(std::uint64_t k) const { return (k * 0xD6E8FEB86659FD93ULL) >> filter_shift_; }
    bool maybe_occupied(std::uint64_t k) const {
        const std::uint64_t b = filter_bit(k);
        return (filter_[b >> 6] >> (b & 63)) & 1;
    }
    const Slot* find(std::uint64_t k) const {
        if (!maybe_occupied(k)) return nullptr;
        for (std::uint64_t s = slot_of(k);; s = (s + 1) & mask_) {
            if (slots_[s].begin == UINT32_MAX) return nullptr;
            if (slots_[s].key == k) return &slots_[s];
        }
    }
    /// Calls on_cell(key) for the cells that a query at (qx, qy) must look at.
    template <typename OnCell>
    void for_cells(double qx, double qy, OnCell on_cell) const;

    double r_, cell_;
    std::int64_t columns_;
    std::vector<Item> items_;  // by cell
    std::vector<Slot> slots_;
    std::uint64_t mask_ = 0;
    std::vector<std::uint64_t> filter_;
    int filter_shift_ = 0;
};

template <typename OnCell>
void RadiusGrid::for_cells(double qx, double qy, OnCell on_cell) const {
    // A hair wider than r, so that rounding never drops a cell holding a point at distance r.
    const double reach = r_ * (1 + 1e-9);
    const std::int64_t x0 = std::max<std::int64_t>(0, cell(qx - reach)), x1 = std::min(columns_ - 1, cell(qx + reach));
    const std::int64_t y0 = std::max<std::int64_t>(0, cell(qy - reach)), y1 = std::min(columns_ - 1, cell(qy + reach));
    for (std::int64_t cy = y0; cy <= y1; ++cy)
        for (std::int64_t cx = x0; cx <= x1; ++cx) on_cell(key(cx, cy));
}

template <typename Visit>
void RadiusGrid::within(double qx, double qy, Visit visit) const {
    const double r2 = r_ * r_;
    for_cells(qx, qy, [&](std::uint64_t k) {
        const Slot* slot = find(k);
        if (slot == nullptr) return;
        for (std::uint32_t i = slot->begin; i < slot->end; ++i) {
            const Item& it = items_[i];
            const double dx = double(it.x) - qx, dy = double(it.y) - qy;
            if (dx * dx + dy * dy <= r2) visit(it.id);
        }
    });
}

}  // namespace incimap
