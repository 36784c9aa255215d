// End-to-end: `incimap figure` writes PNG, SVG and PDF of the chosen extent at the printed size.
// tests/cli/figure_pdf_test.sh reads the PDF back with poppler-utils.
#include <catch2/catch.hpp>
#include <cpl_minixml.h>
#include <gdal_priv.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <vector>

#include "incimap/io/gdal.hpp"
#include "support.hpp"

using namespace incimap;

using test::q;

namespace {
// Pixels of the PNG close to a colour (the incidents' dots).
std::size_t pixels_near(GDALDataset& png, std::array<int, 3> rgb) {
    const int w = png.GetRasterXSize(), h = png.GetRasterYSize();
    std::vector<std::uint8_t> bands(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
    int band_list[] = {1, 2, 3};
    REQUIRE(png.RasterIO(GF_Read, 0, 0, w, h, bands.data(), w, h, GDT_Byte, 3, band_list, 3, 3 * w, 1, nullptr) == CE_None);
    std::size_t n = 0;
    for (std::size_t i = 0; i < bands.size(); i += 3)
        n += std::abs(bands[i] - rgb[0]) < 8 && std::abs(bands[i + 1] - rgb[1]) < 8 && std::abs(bands[i + 2] - rgb[2]) < 8;
    return n;
}
}  // namespace

TEST_CASE("incimap figure draws the page at its printed size as PNG, SVG and PDF", "[cli][figure]") {
    const test::TempDir dir;
    const std::string base = "figure " + q(test::example_csv()) + " --home AF --title 'Afghanistan' --quiet ";
    const auto r = test::run_incimap(base + "--extent 60,29,75,39 --dpi 100 -o " + q(dir / "fig/afghanistan"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    ensure_gdal_registered();
    const DatasetPtr png(GDALDataset::Open((dir / "fig/afghanistan.png").c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    REQUIRE(png);
    // 160 x 110 mm at 100 dpi
    CHECK(png->GetRasterXSize() == static_cast<int>(std::lround(160 / 25.4 * 100)));
    CHECK(png->GetRasterYSize() == static_cast<int>(std::lround(110 / 25.4 * 100)));
    // the incidents' dots are drawn: domestic red and transnational blue
    CHECK(pixels_near(*png, {178, 24, 43}) > 20);
    CHECK(pixels_near(*png, {123, 50, 148}) > 5);
    // the top left corner is the white page
    std::uint8_t corner = 0;
    REQUIRE(png->GetRasterBand(1)->RasterIO(GF_Read, 2, 2, 1, 1, &corner, 1, 1, GDT_Byte, 0, 0) == CE_None);
    CHECK(corner == 255);

    const std::string svg = test::read_text(dir / "fig/afghanistan.svg");
    CPLXMLNode* tree = CPLParseXMLString(svg.c_str());
    REQUIRE(tree != nullptr);
    bool svg_root = false;
    for (CPLXMLNode* n = tree; n != nullptr; n = n->psNext) svg_root |= n->eType == CXT_Element && std::string(n->pszValue) == "svg";
    CPLDestroyXMLNode(tree);
    CHECK(svg_root);
    CHECK_THAT(svg, Catch::Contains("width=\"453.") && Catch::Contains("height=\"311."));  // the page in points
    CHECK(test::read_text(dir / "fig/afghanistan.pdf").rfind("%PDF-", 0) == 0);

    // far from every incident on a small page at 300 dpi: the legend's swatches, no dot
    const std::string small = "--format png --page-mm 110x75 --dpi 300 -o ";
    const auto near = test::run_incimap(base + "--extent 60,29,75,39 " + small + q(dir / "near"));
    const auto far = test::run_incimap(base + "--extent 0,40,10,50 " + small + q(dir / "far"));
    INFO(near.err << far.err);
    REQUIRE((near.exit_code == 0 && far.exit_code == 0));
    const DatasetPtr near_png(GDALDataset::Open((dir / "near.png").c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    const DatasetPtr far_png(GDALDataset::Open((dir / "far.png").c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    REQUIRE((near_png && far_png));
    CHECK(far_png->GetRasterXSize() == static_cast<int>(std::lround(110 / 25.4 * 300)));
    CHECK(far_png->GetRasterYSize() == static_cast<int>(std::lround(75 / 25.4 * 300)));
    const std::size_t legend_only = pixels_near(*far_png, {178, 24, 43});
    CHECK(legend_only > 0);
    CHECK(pixels_near(*near_png, {178, 24, 43}) > legend_only + 200);
}

TEST_CASE("incimap figure takes a subregion's extent and refuses bad extents and formats", "[cli][figure]") {
    const test::TempDir dir;
    const std::string base = "figure " + q(test::example_csv()) + " --home AF --quiet -o " + q(dir / "f") + " ";
    const auto ok = test::run_incimap(base + "--area 'central asia' --format png --dpi 72");
    INFO(ok.err);
    CHECK(ok.exit_code == 0);
    CHECK(std::filesystem::exists(dir / "f.png"));
    CHECK_FALSE(std::filesystem::exists(dir / "f.svg"));
    const auto unknown = test::run_incimap(base + "--area Atlantis");
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("Central Asia"));
    for (const char* bad : {"", "--extent 75,29,60,39", "--area AF --extent 60,29,75,39", "--area AF --format gif", "--area AF --dpi 10",
                            "--area AF --page-mm 160", "--area AF --page-mm 10x10", "--area AF --page-mm 90x60", "--area AF --page-mm 160x110x3", "--area AF --per-period week",
                            "--area AF --width 800"}) {
        INFO(bad);
        CHECK(test::run_incimap(base + bad).exit_code == 2);
    }
}
