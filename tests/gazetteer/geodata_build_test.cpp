#include <tuple>
#include <catch2/catch.hpp>
#include <cstring>
#include <nlohmann/json.hpp>

#include "incimap/core/reporter.hpp"
#include "incimap/core/error.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/gazetteer/geodata_build.hpp"
#include "incimap/io/gdal.hpp"
#include "support.hpp"

using namespace incimap;
namespace fs = std::filesystem;

TEST_CASE("geodata builds from the fixture sources into a gazetteer, boundaries and manifest", "[geodata]") {
    const test::TempDir out;
    const GeodataSources sources = GeodataSources::in_directory(test::source_dir() / "tests/data/geodata-sources");
    CHECK_FALSE(geodata_is_current(sources, out.path()));
    const GeodataBuildStats stats = build_geodata(sources, out.path(), silent_reporter());
    CHECK(stats.countries == 3);
    CHECK(stats.cities > 80);
    CHECK(stats.admin1 > 40);
    CHECK(stats.names > stats.cities * 3);
    CHECK(geodata_is_current(sources, out.path()));

    // No temporary file is left behind.
    for (const auto& entry : fs::directory_iterator(out.path()))
        CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);

    const auto manifest = nlohmann::json::parse(test::read_text(out / "manifest.json"));
    CHECK(manifest["index_format_version"] == 5);
    CHECK(manifest["counts"]["places"] == stats.cities);
    CHECK(manifest["sources"]["packages"][0]["package"] == "fixture");

    const Gazetteer g(out / "gazetteer.bin");
    CHECK(g.size() == stats.countries + stats.admin1 + stats.cities);
    SECTION("names in every script the sources carry") {
        for (const char* name : {"Kabul", "Кабул", "کابل", "KABUL"}) {
            INFO(name);
            bool found_city = false;
            for (const NameHit& h : g.find(name)) found_city |= g.place(h.place).geonameid == 1138958;
            CHECK(found_city);
        }
        const auto af = g.country("AFG");
        REQUIRE(af);
        CHECK(af->country == "AF");
        CHECK(af->kind == PlaceKind::country);
        CHECK_FALSE(g.find("افغانستان").empty());
        CHECK_FALSE(g.find("Афганистан").empty());
    }
    SECTION("Latin alternates that spell the own name of a place in a country writing Arabic script are marked") {
        // "Kaboul" spells Kabul; "Bactra", the ancient name of Balkh, does not spell Balkh
        for (const auto& [name, geonameid, spells] : {std::tuple{"Kaboul", 1138958, true}, std::tuple{"Bactra", 1147290, false}}) {
            INFO(name);
            bool found = false;
            for (const NameHit& h : g.find(name))
                if (g.place(h.place).geonameid == geonameid) {
                    found = true;
                    CHECK(h.spells_own == spells);
                }
            CHECK(found);
        }
    }
    SECTION("GeoNames locale names mark current names, and add those the place lacks") {
        // the fixture's ru.mo lists Кабул (also a cities500 alternate) and Шибирган (not one)
        for (const auto& [name, geonameid] : {std::pair{"Кабул", 1138958}, std::pair{"Шибирган", 1125444}}) {
            INFO(name);
            int found = 0;
            for (const NameHit& h : g.find(name))
                if (g.place(h.place).geonameid == geonameid) {
                    ++found;
                    CHECK(h.current);
                    CHECK_FALSE(h.primary);
                }
            CHECK(found == 1);
        }
        bool other = false;  // an alternate no locale lists stays a plain alternate
        for (const NameHit& h : g.find("Kabol")) other |= g.place(h.place).geonameid == 1138958 && !h.current;
        CHECK(other);
    }
    SECTION("cities carry ISO 3166-2 admin-1 codes") {
        const auto hits = g.find("Ternitz");
        REQUIRE(hits.size() == 1);
        const Place ternitz = g.place(hits[0].place);
        CHECK(ternitz.country == "AT");
        CHECK(ternitz.admin1_code == "AT-3");
        CHECK(ternitz.admin1_name == "Lower Austria");
        CHECK(g.admin1("AT-3"));
    }
    SECTION("the boundaries open and answer point queries") {
        const Boundaries b(out / "boundaries.gpkg");
        CHECK(b.country_count() == 3);
        const auto at = b.country_at({16.37, 48.21});
        REQUIRE(at);
        CHECK(at->code == "AT");
        CHECK(b.admin1_at({16.37, 48.21})->code == "AT-9");
    }
    SECTION("the GeoPackage has the three layers QGIS lists") {
        ensure_gdal_registered();
        DatasetPtr ds(GDALDataset::Open((out / "boundaries.gpkg").c_str(), GDAL_OF_VECTOR));
        REQUIRE(ds);
        for (const char* layer : {"admin0", "admin1", "subregions"}) {
            INFO(layer);
            REQUIRE(ds->GetLayerByName(layer) != nullptr);
            CHECK(ds->GetLayerByName(layer)->GetFeatureCount() > 0);
            CHECK(ds->GetLayerByName(layer)->GetSpatialRef()->GetAuthorityCode(nullptr) == std::string("4326"));
        }
    }
}

TEST_CASE("missing sources are named", "[geodata]") {
    const test::TempDir empty;
    CHECK_THROWS_WITH(GeodataSources::in_directory(empty.path()), Catch::Contains("cities500.txt"));
}

TEST_CASE("a truncated or foreign index file is refused", "[geodata]") {
    const test::TempDir dir;
    test::write_text(dir / "gazetteer.bin", "not an index at all, just text that is long enough to read a header from it");
    CHECK_THROWS_AS(Gazetteer(dir / "gazetteer.bin"), DataError);
    test::write_text(dir / "short.bin", "INCGAZ");
    CHECK_THROWS_AS(Gazetteer(dir / "short.bin"), DataError);
    CHECK_THROWS_AS(Gazetteer(dir / "missing.bin"), DataError);
    test::write_text(dir / "empty.bin", "");
    CHECK_THROWS_AS(Gazetteer(dir / "empty.bin"), DataError);
}

TEST_CASE("an index whose header lies about its sections is refused", "[geodata]") {
    const test::TempDir dir;
    const std::string good = test::read_text(test::geodata_dir() / "gazetteer.bin");
    // Header layout: magic[8], format u32, dir_bits u32, place_count u64, name_count u64, offsets ...
    auto patched = [&](std::size_t offset, std::uint64_t value, std::size_t bytes) {
        std::string bad = good;
        std::memcpy(bad.data() + offset, &value, bytes);
        test::write_text(dir / "bad.bin", bad);
        return dir / "bad.bin";
    };
    CHECK_THROWS_WITH(Gazetteer(patched(8, 99, 4)), Catch::Contains("format 99"));
    CHECK_THROWS_AS(Gazetteer(patched(12, 0, 4)), DataError);                        // dir_bits 0
    CHECK_THROWS_AS(Gazetteer(patched(16, UINT64_MAX / 8, 8)), DataError);           // place count overflowing
    CHECK_THROWS_AS(Gazetteer(patched(24, std::uint64_t{1} << 40, 8)), DataError);   // names past the end
    test::write_text(dir / "cut.bin", good.substr(0, good.size() / 2));
    CHECK_THROWS_AS(Gazetteer(dir / "cut.bin"), DataError);
}
