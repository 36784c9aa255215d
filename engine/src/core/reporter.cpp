#include "incimap/core/reporter.hpp"

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

void Progress::advance(std::size_t n) {
    done_ += n;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_report_ < std::chrono::milliseconds(100)) return;
    last_report_ = now;
    reporter_.progress(label_, done_, total_, false, {});
}

void Progress::finish(const std::string& note) {
    if (finished_) return;
    finished_ = true;
    reporter_.progress(label_, done_, total_, true, note);
}

}  // namespace incimap
