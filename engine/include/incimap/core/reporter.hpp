#pragma once
// Where the engine's progress, notes and warnings go. The engine never writes to standard output
// or standard error itself: each stage takes a Reporter, and the caller decides (the CLI draws on
// a terminal or stays quiet; a test records; a library user may log).
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace incimap {

class Reporter {
public:
    virtual ~Reporter() = default;

    /// `label` has done `done` of `total` units (total 0: unknown). Called at most every 100 ms
    /// while the work runs, and once with `final` (and a `note` such as "incidents") at its end.
    virtual void progress(std::string_view label, std::size_t done, std::size_t total, bool final, std::string_view note) = 0;
    /// A finished step's outcome, a whole line ("incimap: places.csv: 12 of 12 places added").
    virtual void info(std::string_view line) = 0;
    /// Something that may be wrong with the run, which still goes on ("incimap: warning: ...").
    /// `lost_data`: rows were skipped, which a user must hear of even when progress is silenced.
    virtual void warning(std::string_view message, bool lost_data = false) = 0;
};

/// A reporter that drops everything: for library calls and benchmarks that want silence.
Reporter& silent_reporter();

/// Counts units of one piece of work and reports them, throttled, to a Reporter, with the rate
/// and, when the total is known (in units, or in bytes of a file being read), the time left in
/// the note ("310000/s, 52%, 0:03 left"). Not thread-safe: advance it from the thread that runs
/// the loop.
class Progress {
public:
    Progress(Reporter& reporter, std::string label, std::size_t total = 0);

    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void advance(std::size_t n = 1);
    /// For work that reads a file in units (rows) not counted ahead: the file's size, and the
    /// bytes read so far, from which the time left is told.
    void set_bytes_total(std::size_t bytes) noexcept { bytes_total_ = bytes; }
    void read_to(std::size_t bytes) noexcept { bytes_done_ = bytes; }
    /// Reports the final count (with `note` after it) and stops.
    void finish(const std::string& note = {});

private:
    Reporter& reporter_;
    std::string label_;
    bool finished_ = false;
    std::size_t total_;
    std::size_t done_ = 0;
    std::size_t bytes_total_ = 0, bytes_done_ = 0;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_report_;
};

}  // namespace incimap
