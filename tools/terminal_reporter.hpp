#pragma once
// The CLI's reporter: progress redrawn in place on a terminal (one final line otherwise), notes
// and warnings on stderr; --quiet keeps only warnings about lost rows.
#include "incimap/incimap.hpp"

namespace incimap::cli {

class TerminalReporter final : public Reporter {
public:
    explicit TerminalReporter(bool quiet);
    void progress(std::string_view label, std::size_t done, std::size_t total, bool final, std::string_view note) override;
    void info(std::string_view line) override;
    void warning(std::string_view message, bool lost_data) override;

private:
    bool quiet_;
    bool tty_;
};

}  // namespace incimap::cli
