#include "incimap/pipeline/geodata.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/gazetteer/user_places.hpp"

namespace incimap {

namespace fs = std::filesystem;

namespace {
fs::path executable_dir() {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : self.parent_path();
}
}  // namespace

fs::path find_geodata_dir(const std::string& explicit_dir) {
    std::vector<fs::path> tried;
    if (!explicit_dir.empty()) {
        tried.emplace_back(explicit_dir);
    } else {
        if (const char* env = std::getenv("INCIMAP_GEODATA"); env != nullptr && *env != '\0') tried.emplace_back(env);
        if (const fs::path exe = executable_dir(); !exe.empty()) tried.push_back(exe / "geodata");
    }
    for (const fs::path& dir : tried)
        if (fs::exists(dir / "gazetteer.bin")) return dir;
    std::string places;
    for (const fs::path& dir : tried) places += (places.empty() ? "" : ", ") + dir.string();
    throw DataError("no geodata found (looked in " + places + "); run tools/setup.sh, or give the directory that holds gazetteer.bin and boundaries.gpkg");
}

fs::path find_styles_dir() {
    if (const char* env = std::getenv("INCIMAP_STYLES"); env != nullptr && *env != '\0' && fs::is_directory(env)) return env;
    const fs::path beside = executable_dir() / "styles";
    return fs::is_directory(beside) ? beside : fs::path();
}

fs::path find_web_dir() {
    if (const char* env = std::getenv("INCIMAP_WEB"); env != nullptr && *env != '\0' && fs::is_directory(env)) return env;
    const fs::path beside = executable_dir() / "web";
    return fs::is_directory(beside) ? beside : fs::path();
}

std::unique_ptr<Gazetteer> open_gazetteer(const fs::path& dir) {
    return std::make_unique<Gazetteer>(dir / "gazetteer.bin");
}

std::unique_ptr<Boundaries> open_boundaries(const fs::path& dir) {
    return std::make_unique<Boundaries>(dir / "boundaries.gpkg");
}

void add_user_places(const std::string& places_file, Gazetteer& gazetteer, Boundaries& boundaries, Reporter& reporter) {
    const UserPlacesFile file = read_user_places(places_file, gazetteer, boundaries);
    for (const UserPlace& p : file.places)
        if (!p.footprint_wkb.empty()) boundaries.add_user_footprint(p.row, p.footprint_wkb);
    gazetteer.add_user_places(file.places);
    // A file of many bad rows names the first few, and the count says the rest.
    constexpr std::size_t problems_shown = 20;
    for (std::size_t i = 0; i < file.problems.size() && i < problems_shown; ++i)
        reporter.warning(file.problems[i] + "; row skipped", true);
    if (file.problems.size() > problems_shown)
        reporter.warning(places_file + ": " + std::to_string(file.problems.size() - problems_shown) + " more rows skipped", true);
    reporter.info("incimap: " + places_file + ": " + std::to_string(file.places.size()) + " of " + std::to_string(file.rows) + " places added");
}

std::string read_manifest(const fs::path& dir) {
    std::ifstream in(dir / "manifest.json");
    if (!in) return "{}";
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace incimap
