#pragma once
// Progress counts on stderr for long work: updated in place on a terminal, one line at the end
// otherwise, nothing when disabled (--quiet).
#include <chrono>
#include <cstddef>
#include <string>

namespace incimap {

class Progress {
public:
    Progress(std::string label, bool enabled, std::size_t total = 0);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    void advance(std::size_t n = 1);
    /// Prints the final count (with `note` after it) and stops.
    void finish(const std::string& note = {});

private:
    void draw(bool final_line, const std::string& note);
    std::string label_;
    bool enabled_;
    bool tty_;
    bool finished_ = false;
    std::size_t total_;
    std::size_t done_ = 0;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace incimap
