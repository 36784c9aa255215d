#pragma once
// Work shared out on threads: the calling thread takes part, and the call returns when all are
// done. Results must not depend on the number of threads; callers keep sums in fixed order.
#include <algorithm>
#include <thread>
#include <vector>

namespace incimap {

/// The threads to use when `asked` for (0: all cores).
inline unsigned thread_count(unsigned asked) { return asked ? asked : std::max(1u, std::thread::hardware_concurrency()); }

/// Runs fn(k) for k in [0, threads), each on its own thread (k = 0 on the caller's).
template <typename Fn>
void on_threads(unsigned threads, Fn fn) {
    std::vector<std::jthread> pool;
    for (unsigned k = 1; k < threads; ++k) pool.emplace_back(fn, k);
    fn(0u);
}

/// Runs fn(row_begin, row_end) on contiguous shares of [0, rows), one per thread (at most one
/// thread per row).
template <typename Fn>
void share_rows(int rows, unsigned threads, Fn fn) {
    threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max(rows, 1))));
    on_threads(threads, [&](unsigned k) { fn(static_cast<int>(rows * k / threads), static_cast<int>(rows * (k + 1) / threads)); });
}

}  // namespace incimap
