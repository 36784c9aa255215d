#pragma once
// Work shared out on threads: the calling thread takes part, and the call returns when all are
// done. Results must not depend on the number of threads; callers keep sums in fixed order.
#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
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


/// Runs fn(i) for every i in [0, count) on `threads` threads, handing out batches of `batch`
/// indices as threads come free (for work of uneven cost). The first exception thrown is
/// rethrown on the caller's thread once all are done.
template <typename Fn>
void for_each_index(std::size_t count, unsigned threads, std::size_t batch, Fn fn) {
    std::atomic<std::size_t> next{0};
    std::mutex failure_mutex;
    std::exception_ptr failure;
    const std::size_t batches = (count + batch - 1) / batch;
    on_threads(std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(batches, 1)))), [&](unsigned) {
        try {
            for (std::size_t b; (b = next++) < batches;)
                for (std::size_t i = b * batch; i < std::min(count, (b + 1) * batch); ++i) fn(i);
        } catch (...) {
            const std::lock_guard lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            next = batches;  // the others stop at their next batch
        }
    });
    if (failure) std::rethrow_exception(failure);
}

}  // namespace incimap
