#include "terminal_reporter.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

namespace incimap::cli {

TerminalReporter::TerminalReporter(bool quiet) : quiet_(quiet), tty_(::isatty(STDERR_FILENO) == 1) {}

void TerminalReporter::progress(std::string_view label, std::size_t done, std::size_t total, bool final, std::string_view note) {
    if (quiet_ || (!tty_ && !final)) return;
    std::string line = std::string(label) + ": " + std::to_string(done);
    if (total > 0) line += "/" + std::to_string(total) + " (" + std::to_string(done * 100 / total) + "%)";
    if (!note.empty()) line += " " + std::string(note);
    if (tty_) std::fprintf(stderr, "\r\033[K%s%s", line.c_str(), final ? "\n" : "");
    else std::fprintf(stderr, "%s\n", line.c_str());
}

void TerminalReporter::info(std::string_view line) {
    if (!quiet_) std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
}

void TerminalReporter::warning(std::string_view message, bool lost_data) {
    if (!quiet_ || lost_data) std::fprintf(stderr, "incimap: warning: %.*s\n", static_cast<int>(message.size()), message.data());
}

}  // namespace incimap::cli
