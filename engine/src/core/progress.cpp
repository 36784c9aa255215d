#include "incimap/core/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace incimap {

Progress::Progress(std::string label, bool enabled, std::size_t total)
    : label_(std::move(label)), enabled_(enabled), tty_(::isatty(STDERR_FILENO) == 1), total_(total) {}

Progress::~Progress() {
    if (!finished_) finish();
}

void Progress::advance(std::size_t n) {
    done_ += n;
    if (!enabled_ || !tty_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    draw(false, {});
}

void Progress::finish(const std::string& note) {
    if (finished_) return;
    finished_ = true;
    if (enabled_) draw(true, note);
}

void Progress::draw(bool final_line, const std::string& note) {
    std::string line = label_ + ": " + std::to_string(done_);
    if (total_ > 0) line += "/" + std::to_string(total_) + " (" + std::to_string(done_ * 100 / total_) + "%)";
    if (!note.empty()) line += " " + note;
    if (tty_) std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), final_line ? "\n" : "");
    else if (final_line) std::fprintf(stderr, "%s\n", line.c_str());
}

}  // namespace incimap
