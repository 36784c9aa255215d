#pragma once
// Large buffers backed by transparent huge pages. On a virtual machine the first touch of a
// 4 KiB page can cost 10 µs or more (measured here: 100 MB first touched in 315 ms in 4 KiB
// pages, 7 ms in 2 MiB pages), which made page faults most of the time spent packing the index
// of a places file.
#include <sys/mman.h>

#include <cstddef>
#include <cstdint>

namespace incimap {

/// Asks the kernel to back the 2 MiB-aligned part of [data, data + bytes) with huge pages. A
/// hint: kernels with transparent huge pages off ignore it.
inline void advise_huge_pages(const void* data, std::size_t bytes) noexcept {
    constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(huge - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

/// Reserves room for `n` items, backed by huge pages where it is large; call it before anything
/// is written there.
template <typename Container>
void reserve_in_huge_pages(Container& c, std::size_t n) {
    c.reserve(n);
    advise_huge_pages(c.data(), c.capacity() * sizeof(*c.data()));
}

}  // namespace incimap
