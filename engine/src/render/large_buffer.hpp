#pragma once
// Raster bands of tens of megabytes, asked of the kernel in transparent huge pages where it
// grants them: their first touch then faults once per 2 MiB instead of once per 4 KiB, which
// otherwise costs as much as the density itself on large grids.
#include <sys/mman.h>

#include <cstdint>
#include <vector>

namespace incimap {

/// v becomes n copies of `value`, its memory advised for huge pages before it is first written.
template <typename T>
void assign_large(std::vector<T>& v, std::size_t n, T value) {
    std::vector<T>().swap(v);
    v.reserve(n);
    constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(v.data()) + huge - 1) & ~(huge - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(v.data() + n)) & ~(huge - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // advice only: failure is harmless
    v.assign(n, value);
}

}  // namespace incimap
