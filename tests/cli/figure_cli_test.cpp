// End-to-end: `incimap figure` writes PNG, SVG and PDF of the chosen extent.
#include <catch2/catch.hpp>
#include <cpl_minixml.h>
#include <gdal_priv.h>

#include <cmath>
#include <numbers>

#include "incimap/io/gdal.hpp"
#include "support.hpp"

using namespace incimap;

using test::q;

namespace {
double merc_y(double lat) { return std::log(std::tan(std::numbers::pi / 4 + lat * std::numbers::pi / 360)); }
}  // namespace

TEST_CASE("incimap figure draws the extent with outlines, heatmap and incidents as PNG, SVG and PDF", "[cli][figure]") {
    const test::TempDir dir;
    const auto r = test::run_incimap("figure " + q(test::example_csv()) + " --home AF --extent 60,29,75,39 --width 800 --title 'Afghanistan' -o " +
                                     q(dir / "fig/afghanistan") + " --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    ensure_gdal_registered();
    const DatasetPtr png(GDALDataset::Open((dir / "fig/afghanistan.png").c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    REQUIRE(png);
    CHECK(png->GetRasterXSize() == 800);
    const double map_height = std::round(800 * (merc_y(39) - merc_y(29)) / (15 * std::numbers::pi / 180));
    CHECK(png->GetRasterYSize() == static_cast<int>(56 + map_height + 28));
    // Kabul's incidents: a domestic (red) dot at Kabul's place on the figure
    const int x = static_cast<int>((69.17 - 60) / 15 * 800), y = static_cast<int>(56 + (merc_y(39) - merc_y(34.53)) / (merc_y(39) - merc_y(29)) * map_height);
    std::array<std::uint8_t, 3> rgb{};
    for (int b = 0; b < 3; ++b) REQUIRE(png->GetRasterBand(b + 1)->RasterIO(GF_Read, x, y, 1, 1, &rgb[static_cast<std::size_t>(b)], 1, 1, GDT_Byte, 0, 0) == CE_None);
    CHECK(rgb[0] > rgb[2] + 60);
    // the title band is white, the map is not
    std::uint8_t corner = 0;
    REQUIRE(png->GetRasterBand(1)->RasterIO(GF_Read, 790, 5, 1, 1, &corner, 1, 1, GDT_Byte, 0, 0) == CE_None);
    CHECK(corner == 255);

    const std::string svg = test::read_text(dir / "fig/afghanistan.svg");
    CPLXMLNode* tree = CPLParseXMLString(svg.c_str());
    REQUIRE(tree != nullptr);
    bool svg_root = false;
    for (CPLXMLNode* n = tree; n != nullptr; n = n->psNext) svg_root |= n->eType == CXT_Element && std::string(n->pszValue) == "svg";
    CPLDestroyXMLNode(tree);
    CHECK(svg_root);
    CHECK(test::read_text(dir / "fig/afghanistan.pdf").rfind("%PDF-", 0) == 0);
}

TEST_CASE("incimap figure takes a subregion's extent and refuses bad extents and formats", "[cli][figure]") {
    const test::TempDir dir;
    const std::string base = "figure " + q(test::example_csv()) + " --home AF --quiet -o " + q(dir / "f") + " ";
    const auto ok = test::run_incimap(base + "--region 'central asia' --format png --width 400");
    INFO(ok.err);
    CHECK(ok.exit_code == 0);
    CHECK(std::filesystem::exists(dir / "f.png"));
    CHECK_FALSE(std::filesystem::exists(dir / "f.svg"));
    const auto unknown = test::run_incimap(base + "--region Atlantis");
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("Central Asia"));
    for (const char* bad : {"", "--extent 75,29,60,39", "--region AF --extent 60,29,75,39", "--region AF --format gif", "--region AF --width 10"}) {
        INFO(bad);
        CHECK(test::run_incimap(base + bad).exit_code == 2);
    }
}
