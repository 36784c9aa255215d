#include "incimap/core/reporter.hpp"

#include <cstdio>
#include <string>

namespace incimap {

namespace {

class SilentReporter final : public Reporter {
public:
    void progress(std::string_view, std::size_t, std::size_t, bool, std::string_view) override {}
    void info(std::string_view) override {}
    void warning(std::string_view, bool) override {}
};

}  // namespace

Reporter& silent_reporter() {
    static SilentReporter silent;
    return silent;
}

Progress::Progress(Reporter& reporter, std::string label, std::size_t total)
    : reporter_(reporter), label_(std::move(label)), total_(total) {}

Progress::~Progress() {
    if (!finished_) finish();
}

namespace {

// "310000/s, 52%, 0:03 left": the rate, and the time left at that rate when the share done is
// known (`share` negative when not); the percentage only when the reporter does not print it.
std::string rate_note(std::size_t done, double seconds, double share, bool with_percent) {
    if (seconds <= 0) return {};
    std::string note = std::to_string(static_cast<std::size_t>(static_cast<double>(done) / seconds)) + "/s";
    if (share <= 0 || share > 1) return note;
    if (with_percent) note += ", " + std::to_string(static_cast<int>(share * 100)) + "%";
    const auto left = static_cast<long>(seconds * (1 - share) / share + 0.5);
    char text[32];
    std::snprintf(text, sizeof text, ", %ld:%02ld left", left / 60, left % 60);
    return note + text;
}

}  // namespace

void Progress::advance(std::size_t n) {
    done_ += n;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_report_ < std::chrono::milliseconds(100)) return;
    last_report_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double share = total_ > 0 ? static_cast<double>(done_) / static_cast<double>(total_)
                         : bytes_total_ > 0 ? static_cast<double>(bytes_done_) / static_cast<double>(bytes_total_)
                                            : -1;
    // Reading counts rows of a file whose size, not row count, is known.
    const std::string note = rate_note(done_, seconds, share, total_ == 0);
    reporter_.progress(label_, done_, total_, false, bytes_total_ > 0 && !note.empty() ? "rows, " + note : note);
}

void Progress::finish(const std::string& note) {
    if (finished_) return;
    finished_ = true;
    reporter_.progress(label_, done_, total_, true, note);
}

}  // namespace incimap
