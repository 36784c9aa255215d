#include "incimap/index/radius_grid.hpp"

#include <algorithm>
#include <bit>

#include "../core/radix_sort.hpp"

namespace incimap {

RadiusGrid::RadiusGrid(const std::vector<double>& xs, const std::vector<double>& ys, double r)
    : r_(r), cell_(2 * r), columns_(static_cast<std::int64_t>(std::floor(1 / cell_)) + 1) {
    struct Keyed {
        std::uint64_t key;
        Item item;
    };
    std::vector<Keyed> keyed(xs.size());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const Item it{static_cast<float>(xs[i]), static_cast<float>(ys[i]), static_cast<std::uint32_t>(i)};
        // Binned by the stored float coordinates, which the distance test uses too.
        const std::int64_t cx = std::clamp<std::int64_t>(cell(it.x), 0, columns_ - 1), cy = std::clamp<std::int64_t>(cell(it.y), 0, columns_ - 1);
        keyed[i] = {key(cx, cy), it};
    }
    radix_sort(keyed, static_cast<int>(std::bit_width(static_cast<std::uint64_t>(columns_ * columns_))), [](const Keyed& k) { return k.key; });

    items_.reserve(keyed.size());
    std::size_t cells = 0;
    for (std::size_t k = 0; k < keyed.size(); ++k) cells += k == 0 || keyed[k].key != keyed[k - 1].key;
    std::size_t size = 16;
    while (size < 2 * cells) size <<= 1;
    mask_ = size - 1;
    slots_.assign(size, Slot{});
    int filter_bits = 6;
    while ((std::size_t{1} << filter_bits) < 8 * cells) ++filter_bits;
    filter_.assign((std::size_t{1} << filter_bits) / 64, 0);
    filter_shift_ = 64 - filter_bits;
    for (std::size_t k = 0; k < keyed.size();) {
        std::size_t end = k;
        while (end < keyed.size() && keyed[end].key == keyed[k].key) items_.push_back(keyed[end++].item);
        const std::uint64_t b = filter_bit(keyed[k].key);
        filter_[b >> 6] |= std::uint64_t{1} << (b & 63);
        std::uint64_t s = slot_of(keyed[k].key);
        while (slots_[s].begin != UINT32_MAX) s = (s + 1) & mask_;
        slots_[s] = {keyed[k].key, static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(end)};
        k = end;
    }
}

}  // namespace incimap
