#pragma once
// Shared helpers of the test suite: paths of the project, the built geodata and binary, temporary
// directories, running the real incimap binary.
#include <filesystem>
#include <string>
#include <vector>

#include "incimap/core/reporter.hpp"

namespace incimap {
class Gazetteer;
class Boundaries;
}  // namespace incimap

namespace incimap::test {

std::filesystem::path source_dir();
std::filesystem::path geodata_dir();  ///< build/geodata, made by tools/setup.sh
std::filesystem::path example_csv();

/// The real geodata, opened once per test run.
const Gazetteer& gazetteer();
const Boundaries& boundaries();

/// A fresh directory removed when the object goes.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

void write_text(const std::filesystem::path& path, const std::string& text);
std::string read_text(const std::filesystem::path& path);

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// A reporter that keeps what the engine reports, for tests to read.
class RecordingReporter final : public Reporter {
public:
    struct Step {
        std::string label, note;
        std::size_t done = 0, total = 0;
    };
    std::vector<Step> finished;  ///< each piece of work, at its end
    std::vector<std::string> infos, warnings, lost_data;

    void progress(std::string_view label, std::size_t done, std::size_t total, bool final, std::string_view note) override {
        if (final) finished.push_back({std::string(label), std::string(note), done, total});
    }
    void info(std::string_view line) override { infos.emplace_back(line); }
    void warning(std::string_view message, bool lost) override { (lost ? lost_data : warnings).emplace_back(message); }
};

/// A path single-quoted for the shell command of run_incimap.
inline std::string q(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

/// Runs build/incimap with `args` (a shell-quoted string), optionally feeding `stdin_text`.
RunResult run_incimap(const std::string& args, const std::string& stdin_text = {});

}  // namespace incimap::test
