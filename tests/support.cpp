#include "support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"

namespace incimap::test {

namespace fs = std::filesystem;

fs::path source_dir() { return INCIMAP_SOURCE_DIR; }
fs::path geodata_dir() { return INCIMAP_GEODATA_DIR; }
fs::path example_csv() { return source_dir() / "geodata/examples/iskp-incidents-2021-2024.csv"; }

const Gazetteer& gazetteer() {
    static const Gazetteer g(geodata_dir() / "gazetteer.bin");
    return g;
}

const Boundaries& boundaries() {
    static const Boundaries b(geodata_dir() / "boundaries.gpkg");
    return b;
}

TempDir::TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("incimap-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

RunResult run_incimap(const std::string& args, const std::string& stdin_text) {
    const TempDir dir;
    write_text(dir / "stdin", stdin_text);
    const std::string command = std::string("'") + INCIMAP_BINARY + "' " + args + " < '" + (dir / "stdin").string() +
                                "' > '" + (dir / "stdout").string() + "' 2> '" + (dir / "stderr").string() + "'";
    const int status = std::system(command.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_text(dir / "stdout");
    r.err = read_text(dir / "stderr");
    return r;
}

}  // namespace incimap::test
