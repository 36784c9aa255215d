// Outputs under faults: the same input gives the same bytes whatever the number of threads; a
// run killed at any moment, or whose writes fail as on a full disk, leaves every output path
// holding the previous complete file or the new complete one, and MBTiles files that SQLite
// finds intact.
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <random>
#include <thread>

#include "support.hpp"

using namespace incimap;
namespace fs = std::filesystem;

namespace {

using Tree = std::map<std::string, std::string>;  // relative path -> bytes

// Every file under `dir` but temporary ones (whose names start with '.').
Tree read_tree(const fs::path& dir) {
    Tree tree;
    if (!fs::exists(dir)) return tree;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
        if (it->path().filename().string().front() == '.') {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file()) tree[fs::relative(it->path(), dir).string()] = test::read_text(it->path());
    }
    return tree;
}

Tree subtree(const Tree& tree, const std::string& prefix) {
    Tree part;
    for (const auto& [path, bytes] : tree)
        if (path.rfind(prefix, 0) == 0) part.emplace(path, bytes);
    return part;
}

std::string integrity_of(const fs::path& mbtiles) {
    sqlite3* db = nullptr;
    std::string result = "cannot open";
    if (sqlite3_open_v2(mbtiles.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_exec(db, "PRAGMA integrity_check", [](void* out, int, char** values, char**) {
            *static_cast<std::string*>(out) = values[0] ? values[0] : "";
            return 0;
        }, &result, nullptr);
    }
    sqlite3_close(db);
    return result;
}

// After a failed or killed run over `before`'s outputs: each path holds its file from before or
// from after, the tile pyramid is one of the two whole, MBTiles files pass integrity_check.
void check_old_or_new(const fs::path& dir, const Tree& before, const Tree& after) {
    const Tree now = read_tree(dir);
    for (const auto& [path, bytes] : before) {
        if (path.rfind("tiles/", 0) == 0) continue;
        INFO(path);
        const auto it = now.find(path);
        REQUIRE(it != now.end());  // a complete previous output is never lost
        const auto fresh = after.find(path);
        CHECK((it->second == bytes || (fresh != after.end() && it->second == fresh->second)));
    }
    for (const auto& [path, bytes] : now) {
        if (path.rfind("tiles/", 0) == 0) continue;
        INFO(path);
        const auto old = before.find(path), fresh = after.find(path);
        CHECK(((old != before.end() && old->second == bytes) || (fresh != after.end() && fresh->second == bytes)));
        if (path.size() > 8 && path.substr(path.size() - 8) == ".mbtiles") CHECK(integrity_of(dir / path) == "ok");
    }
    const Tree tiles = subtree(now, "tiles/");
    CHECK((tiles == subtree(before, "tiles/") || tiles == subtree(after, "tiles/")));
}

void copy_tree(const fs::path& from, const fs::path& to) {
    fs::remove_all(to);
    fs::copy(from, to, fs::copy_options::recursive);
}

// The full map job on the example: every kind of output (layers, rasters, PNGs, tiles, MBTiles,
// GeoPackage, preview page); `home` and `bandwidth` make two different sets of outputs.
std::vector<std::string> map_args(const fs::path& out, const std::string& home, const std::string& bandwidth, const std::string& threads,
                                  const std::vector<std::string>& outputs = {"--size", "512", "--tiles", "--zoom", "0-6", "--gpkg", "--period", "quarter",
                                                                             "--region-kind", "admin1"}) {
    std::vector<std::string> args = {"map", test::example_csv().string(), "--home", home, "-o", out.string(), "--quiet", "--heatmap",
                                     "--bandwidth-km", bandwidth, "--eps-km", "50", "--zoom-clusters", "0-6", "--threads", threads};
    args.insert(args.end(), outputs.begin(), outputs.end());
    return args;
}

// Starts incimap with `args`; with `file_size_limit` > 0 its writes beyond that many bytes fail
// (EFBIG, SIGXFSZ ignored) as writes to a full disk do.
pid_t start_incimap(const std::vector<std::string>& args, rlim_t file_size_limit = 0) {
    std::vector<char*> argv;
    std::string binary = INCIMAP_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        if (file_size_limit > 0) {
            ::signal(SIGXFSZ, SIG_IGN);
            const rlimit limit{file_size_limit, file_size_limit};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        }
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    return pid;
}

int wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

TEST_CASE("outputs are byte-identical whatever the number of threads", "[cli][reliability]") {
    const test::TempDir dir;
    Tree first;
    for (const char* threads : {"1", "2", "7"}) {
        INFO("threads " << threads);
        const fs::path out = dir / ("out" + std::string(threads));
        REQUIRE(wait_for(start_incimap(map_args(out, "AF", "50", threads))) == 0);
        const Tree tree = read_tree(out);
        CHECK(tree.size() > 40);  // layers, rasters, tiles, MBTiles, GeoPackage, page
        if (first.empty()) {
            first = tree;
            continue;
        }
        REQUIRE(tree.size() == first.size());
        for (const auto& [path, bytes] : first) {
            INFO(path);
            CHECK(tree.at(path) == bytes);
        }
    }
}

TEST_CASE("a run killed at random moments leaves each output old or new, never half-written", "[cli][reliability]") {
    const test::TempDir dir;
    // The previous outputs, and the complete new ones the killed runs were making.
    REQUIRE(wait_for(start_incimap(map_args(dir / "before", "AF", "30", "0"))) == 0);
    const auto started = std::chrono::steady_clock::now();
    REQUIRE(wait_for(start_incimap(map_args(dir / "after", "AF,PK", "60", "0"))) == 0);
    const auto run_time = std::chrono::steady_clock::now() - started;
    const Tree before = read_tree(dir / "before"), after = read_tree(dir / "after");
    REQUIRE(before.at("heatmap.tif") != after.at("heatmap.tif"));

    std::mt19937 random(20261203);
    std::uniform_int_distribution<long> when(0, std::chrono::duration_cast<std::chrono::microseconds>(run_time).count());
    int killed = 0;
    for (int trial = 0; trial < 12; ++trial) {
        const fs::path work = dir / "work";
        copy_tree(dir / "before", work);
        const long delay_us = when(random);
        INFO("trial " << trial << ": SIGKILL after " << delay_us / 1000 << " ms");
        const pid_t pid = start_incimap(map_args(work, "AF,PK", "60", "0"));
        std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
        ::kill(pid, SIGKILL);
        killed += wait_for(pid) == 128 + SIGKILL;
        check_old_or_new(work, before, after);
    }
    CHECK(killed > 6);  // most runs died of the signal, while at work
}

TEST_CASE("writes that fail as on a full disk exit 1 and leave each output old or new", "[cli][reliability]") {
    // Each output set with the file size limit at which its writing fails in the named output:
    // every writer (text, GeoJSON through GDAL, GeoTIFF, SQLite for MBTiles and GeoPackage) meets
    // a failed write once.
    struct Fault {
        std::vector<std::string> outputs;
        rlim_t limit;
        const char* fails;
    };
    const std::vector<std::string> full = {"--size", "512", "--tiles", "--zoom", "0-6", "--gpkg", "--period", "quarter", "--region-kind", "admin1"};
    const std::vector<Fault> faults = {
        {full, 1'000, "incidents.geojson"},
        {full, 60'000, "regions.geojson"},
        {{"--size", "512", "--tiles", "--zoom", "0-6", "--gpkg"}, 60'000, "incimap.gpkg"},
        {{"--size", "2048"}, 60'000, "heatmap.tif"},
        {{"--size", "512", "--tiles", "--zoom", "0-6"}, 60'000, "heatmap.mbtiles"},
        {{"--size", "512"}, 400'000, "preview_data.js"},
    };
    for (const Fault& fault : faults) {
        INFO("file size limit " << fault.limit << ", expected to fail in " << fault.fails);
        const test::TempDir dir;
        REQUIRE(wait_for(start_incimap(map_args(dir / "before", "AF", "30", "0", fault.outputs))) == 0);
        REQUIRE(wait_for(start_incimap(map_args(dir / "after", "AF,PK", "60", "0", fault.outputs))) == 0);
        const Tree before = read_tree(dir / "before"), after = read_tree(dir / "after");
        const fs::path work = dir / "work";
        copy_tree(dir / "before", work);
        const fs::path err = dir / "stderr";
        const pid_t pid = [&] {  // stderr into a file, to read the message
            const int saved = ::dup(STDERR_FILENO);
            const int file = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            ::dup2(file, STDERR_FILENO);
            const pid_t child = start_incimap(map_args(work, "AF,PK", "60", "0", fault.outputs), fault.limit);
            ::dup2(saved, STDERR_FILENO);
            ::close(file);
            ::close(saved);
            return child;
        }();
        CHECK(wait_for(pid) == 1);
        const std::string message = test::read_text(err);
        CHECK_THAT(message, Catch::StartsWith("incimap map: error: " + (work / fault.fails).string() + ": ") &&
                                (Catch::Contains("File too large") || Catch::Contains("disk I/O error")));
        check_old_or_new(work, before, after);
        // A failed run takes its temporary files with it.
        for (const auto& entry : fs::recursive_directory_iterator(work)) CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
    }
}
