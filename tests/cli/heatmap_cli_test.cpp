// End-to-end: heatmaps and tiles from the real binary, read back through GDAL and SQLite.
#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <sqlite3.h>

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "incimap/io/gdal.hpp"
#include "incimap/render/raster_grid.hpp"
#include "support.hpp"

using namespace incimap;
using nlohmann::json;

using test::q;

namespace {

DatasetPtr open_raster(const std::filesystem::path& path) {
    ensure_gdal_registered();
    DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    REQUIRE(ds);
    return ds;
}

std::vector<float> read_band(GDALDataset& ds, int band) {
    std::vector<float> v(static_cast<std::size_t>(ds.GetRasterXSize()) * ds.GetRasterYSize());
    REQUIRE(ds.GetRasterBand(band)->RasterIO(GF_Read, 0, 0, ds.GetRasterXSize(), ds.GetRasterYSize(), v.data(), ds.GetRasterXSize(),
                                             ds.GetRasterYSize(), GDT_Float32, 0, 0) == CE_None);
    return v;
}

}  // namespace

TEST_CASE("incimap map --heatmap writes a georeferenced GeoTIFF whose density sums to the weights, and PNG renders", "[cli][heatmap]") {
    const test::TempDir dir;
    const auto r = test::run_incimap("map " + q(test::example_csv()) + " --home AF -o " + q(dir / "out") +
                                     " --heatmap --weight fatalities --bandwidth-km 40 --per-period year --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json summary = json::parse(test::read_text(dir / "out/summary.json"));
    double fatalities = 0;
    const json layer = json::parse(test::read_text(dir / "out/incidents.geojson"));
    for (const json& f : layer["features"])
        fatalities += f["properties"]["fatalities"].get<double>();  // a CSV column of integers is typed so
    REQUIRE(fatalities > 100);

    const DatasetPtr tif = open_raster(dir / "out/heatmap.tif");
    REQUIRE(tif->GetRasterCount() == 4);
    CHECK(std::string(tif->GetRasterBand(1)->GetDescription()) == "domestic");
    CHECK(std::string(tif->GetRasterBand(2)->GetDescription()) == "transnational");
    CHECK(std::string(tif->GetRasterBand(3)->GetDescription()) == "imprecise_share");
    CHECK(std::string(tif->GetRasterBand(4)->GetDescription()) == "total");
    // QGIS draws nodata transparent: every band says NaN is nodata and carries its unit.
    for (int b = 1; b <= 4; ++b) {
        int has_nodata = 0;
        CHECK(std::isnan(tif->GetRasterBand(b)->GetNoDataValue(&has_nodata)));
        CHECK(has_nodata == 1);
        CHECK_FALSE(std::string(tif->GetRasterBand(b)->GetUnitType()).empty());
    }
    CHECK(std::string(tif->GetRasterBand(4)->GetUnitType()) == "fatalities per 1000 km2");
    CHECK(std::filesystem::exists(dir / "out/heatmap.qml"));
    // The PNG renders are placed by a world file and a CRS that incimap writes on purpose.
    // GDAL reads the .aux.xml only with its sidecars on (incimap turns them off for itself)
    const CPLConfigOptionSetter sidecars("GDAL_PAM_ENABLED", "YES", /*bSetOnlyIfUndefined=*/false);
    for (const char* png : {"heatmap", "heatmap_classes", "heatmap_domestic", "heatmap_transnational"}) {
        INFO(png);
        CHECK(std::filesystem::exists(dir / "out" / (std::string(png) + ".pgw")));
        const DatasetPtr image = open_raster(dir / "out" / (std::string(png) + ".png"));
        double png_transform[6] = {}, tif_transform[6] = {};
        REQUIRE(image->GetGeoTransform(png_transform) == CE_None);
        REQUIRE(tif->GetGeoTransform(tif_transform) == CE_None);
        for (int k = 0; k < 6; ++k) CHECK(png_transform[k] == Approx(tif_transform[k]).margin(1e-3));  // metres
        REQUIRE(image->GetSpatialRef() != nullptr);
        CHECK(std::string(image->GetSpatialRef()->GetAuthorityCode(nullptr)) == "3857");
    }
    CHECK(tif->GetRasterBand(1)->GetRasterDataType() == GDT_Float32);
    int bx = 0, by = 0;
    tif->GetRasterBand(1)->GetBlockSize(&bx, &by);
    CHECK((bx == 256 && by == 256));
    CHECK(std::string(tif->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE")) == "DEFLATE");
    CHECK(std::string(tif->GetSpatialRef()->GetAuthorityCode(nullptr)) == "3857");
    CHECK(std::string(tif->GetMetadataItem("KERNEL")) == "quartic");
    CHECK(std::string(tif->GetMetadataItem("BANDWIDTH_KM")) == "40.0");
    CHECK(std::string(tif->GetMetadataItem("UNITS")) == "fatalities per 1000 km2");
    CHECK(std::string(tif->GetMetadataItem("INPUT_SHA256")).size() == 64);

    // The density, times each cell's area on the ground, adds up to the fatalities.
    GridSpec grid;
    std::array<double, 6> gt{};
    tif->GetGeoTransform(gt.data());
    grid.width = tif->GetRasterXSize();
    grid.height = tif->GetRasterYSize();
    grid.min_x = gt[0];
    grid.max_y = gt[3];
    grid.max_x = gt[0] + gt[1] * grid.width;
    grid.min_y = gt[3] + gt[5] * grid.height;
    const CellGeometry cells(grid);
    const std::vector<float> domestic = read_band(*tif, 1), transnational = read_band(*tif, 2);
    double sum = 0;
    for (int row = 0; row < grid.height; ++row)
        for (int col = 0; col < grid.width; ++col) {
            const std::size_t k = static_cast<std::size_t>(row) * static_cast<std::size_t>(grid.width) + static_cast<std::size_t>(col);
            sum += (double(domestic[k]) + transnational[k]) * cells.area_km2(row, col) / 1000;
        }
    CHECK(sum == Approx(fatalities).epsilon(0.005));
    CHECK(summary["heatmap"]["weight_on_grid"].get<double>() == Approx(fatalities).epsilon(0.005));

    // Renders: RGBA, transparent where there is nothing, coloured where there is.
    for (const char* png : {"heatmap.png", "heatmap_domestic.png", "heatmap_transnational.png", "heatmap_classes.png", "heatmap_2024.png"}) {
        INFO(png);
        const DatasetPtr image = open_raster(dir / "out" / png);
        REQUIRE(image->GetRasterCount() == 4);
        CHECK(image->GetRasterXSize() == grid.width);
        std::vector<std::uint8_t> alpha(static_cast<std::size_t>(grid.width) * grid.height);
        REQUIRE(image->GetRasterBand(4)->RasterIO(GF_Read, 0, 0, grid.width, grid.height, alpha.data(), grid.width, grid.height, GDT_Byte, 0, 0) == CE_None);
        CHECK(std::count(alpha.begin(), alpha.end(), 0) > static_cast<long>(alpha.size() / 2));
        // one scale for all renders: the peak of all incidents is opaque, others fainter
        const std::uint8_t peak = *std::max_element(alpha.begin(), alpha.end());
        if (std::string(png) == "heatmap.png") CHECK(peak == 255);
        CHECK(peak > 60);
    }
    // Density spread over provinces and countries is hatched in the renders: on such pixels the
    // diagonal lines ((x + y) % 6 < 2) keep their opacity and the rest turn faint; point density is not.
    {
        const std::vector<float> share = read_band(*tif, 3);
        const DatasetPtr image = open_raster(dir / "out/heatmap.png");
        std::vector<std::uint8_t> alpha(share.size());
        REQUIRE(image->GetRasterBand(4)->RasterIO(GF_Read, 0, 0, grid.width, grid.height, alpha.data(), grid.width, grid.height, GDT_Byte, 0, 0) == CE_None);
        double alpha_sum[2][2] = {}, n[2][2] = {};  // [spread][on a line]
        for (std::size_t k = 0; k < share.size(); ++k) {
            if (std::isnan(share[k]) || share[k] == 0.5f) continue;
            const bool spread = share[k] > 0.5f, line = (k % static_cast<std::size_t>(grid.width) + k / static_cast<std::size_t>(grid.width)) % 6 < 2;
            alpha_sum[spread][line] += alpha[k];
            n[spread][line] += 1;
        }
        REQUIRE(n[1][0] > 100);
        REQUIRE(n[0][0] > 100);
        CHECK(alpha_sum[1][1] / n[1][1] > 2.5 * alpha_sum[1][0] / n[1][0]);
        CHECK(alpha_sum[0][1] / n[0][1] == Approx(alpha_sum[0][0] / n[0][0]).epsilon(0.2));
    }
    // a period's GeoTIFF counts that period's incidents
    const DatasetPtr y2021 = open_raster(dir / "out/heatmap_2021.tif");
    const json& first_period = summary["heatmap"]["periods"][0];
    CHECK(first_period["period"] == "2021");
    CHECK(std::string(y2021->GetMetadataItem("INCIDENTS")) == std::to_string(first_period["incidents"].get<int>()));
    CHECK(std::string(y2021->GetMetadataItem("DOMESTIC")) == std::to_string(first_period["domestic"].get<int>()));
    CHECK(first_period["incidents"].get<int>() < summary["placed"].get<int>());
    CHECK(summary["heatmap"]["periods"].size() == 4);
}

TEST_CASE("the preview page's heat follows its period slider without per-period rasters", "[cli][heatmap]") {
    const test::TempDir dir;
    const auto r = test::run_incimap("map " + q(test::example_csv()) + " --home AF -o " + q(dir / "out") + " --heatmap --period quarter --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const json summary = json::parse(test::read_text(dir / "out/summary.json"));
    const json& periods = summary["heatmap"]["periods"];
    REQUIRE(periods.size() == 16);  // 2021-Q1 to 2024-Q4
    CHECK(periods[0]["period"] == "2021-Q1");
    double incidents = 0;
    for (const json& p : periods) {
        const std::string render = p["render"];
        INFO(render);
        CHECK(render == "preview/heat_" + p["period"].get<std::string>() + ".png");
        CHECK(std::filesystem::exists(dir / "out" / render));
        CHECK_FALSE(std::filesystem::exists(dir / "out" / ("heatmap_" + p["period"].get<std::string>() + ".tif")));
        incidents += p["incidents"].get<double>();
    }
    CHECK(incidents >= summary["placed"].get<double>());  // an incident whose date spans two quarters is in both
    const std::string page = test::read_text(dir / "out/preview_data.js");
    CHECK(page.find("\"2024-Q4\":\"preview/heat_2024-Q4.png\"") != std::string::npos);

    // more periods than the page steps through: no per-period heat, and the page says why
    const auto days = test::run_incimap("map " + q(test::example_csv()) + " --home AF -o " + q(dir / "days") + " --heatmap --period day --quiet");
    REQUIRE(days.exit_code == 0);
    CHECK(json::parse(test::read_text(dir / "days/summary.json"))["heatmap"]["periods"].empty());
    CHECK_FALSE(std::filesystem::exists(dir / "days/preview"));
    CHECK(test::read_text(dir / "days/preview_data.js").find("more than 60 periods") != std::string::npos);
}

TEST_CASE("heatmaps in another CRS and as Cloud Optimized GeoTIFF", "[cli][heatmap]") {
    const test::TempDir dir;
    const auto r = test::run_incimap("map " + q(test::example_csv()) + " --home AF -o " + q(dir / "out") +
                                     " --heatmap --crs EPSG:32642 --extent 60,29,75,39 --size 300 --cog --kernel gaussian --bandwidth-km 15 --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const DatasetPtr tif = open_raster(dir / "out/heatmap.tif");
    CHECK(std::string(tif->GetSpatialRef()->GetAuthorityCode(nullptr)) == "32642");
    CHECK(std::string(tif->GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")) == "COG");
    CHECK(std::max(tif->GetRasterXSize(), tif->GetRasterYSize()) == 300);
    const json summary = json::parse(test::read_text(dir / "out/summary.json"));
    CHECK(summary["heatmap"]["off_grid"].get<int>() > 0);  // the incidents in Europe
}

TEST_CASE("incimap tiles writes an XYZ pyramid and the same tiles in a valid MBTiles file", "[cli][heatmap]") {
    const test::TempDir dir;
    const auto r = test::run_incimap("tiles " + q(test::example_csv()) + " --home AF -o " + q(dir / "out") + " --zoom 0-5 --quiet");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::set<std::string> top;
    for (const auto& e : std::filesystem::directory_iterator(dir / "out")) top.insert(e.path().filename().string());
    CHECK(top == std::set<std::string>{"heatmap.mbtiles", "summary.json", "tiles"});
    std::set<std::tuple<int, int, int>> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir / "out/tiles")) {
        if (!e.is_regular_file()) continue;
        const auto rel = std::filesystem::relative(e.path(), dir / "out/tiles");
        auto it = rel.begin();
        const int z = std::stoi((it++)->string()), x = std::stoi((it++)->string());
        const std::string name = (it++)->string();
        REQUIRE(name.size() > 4);
        CHECK(name.substr(name.size() - 4) == ".png");
        const int y = std::stoi(name);
        CHECK((z >= 0 && z <= 5 && x >= 0 && x < (1 << z) && y >= 0 && y < (1 << z)));
        files.insert({z, x, y});
    }
    CHECK(files.size() > 20);
    CHECK(files.count({0, 0, 0}) == 1);
    // Kabul (69.2 E, 34.5 N) at zoom 5 is tile 5/22/12 in XYZ numbering
    CHECK(files.count({5, 22, 12}) == 1);

    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2((dir / "out/heatmap.mbtiles").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    auto scalar = [&](const std::string& sql) {
        sqlite3_stmt* st = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(st) == SQLITE_ROW);
        std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        return v;
    };
    CHECK(scalar("PRAGMA integrity_check") == "ok");
    CHECK(scalar("SELECT value FROM metadata WHERE name = 'format'") == "png");
    CHECK(scalar("SELECT value FROM metadata WHERE name = 'maxzoom'") == "5");
    // bounds and center from the data (the example runs from North America to Afghanistan), not
    // the whole world; the description is a sentence
    double west = 0, south = 0, east = 0, north = 0;
    REQUIRE(std::sscanf(scalar("SELECT value FROM metadata WHERE name = 'bounds'").c_str(), "%lf,%lf,%lf,%lf", &west, &south, &east, &north) == 4);
    CHECK((west > -180 && east < 180 && south > -85 && north < 85 && west < 69.2 && east > 69.2 && south < 34.5 && north > 34.5));
    CHECK(scalar("SELECT value FROM metadata WHERE name = 'center'") != "0,0,0");
    CHECK_THAT(scalar("SELECT value FROM metadata WHERE name = 'description'"), Catch::StartsWith("Kernel density of ") && Catch::EndsWith("."));
    CHECK(std::stoul(scalar("SELECT count(*) FROM tiles")) == files.size());
    // TMS rows: XYZ 5/22/12 is row 2^5 - 1 - 12 = 19
    CHECK(scalar("SELECT count(*) FROM tiles WHERE zoom_level = 5 AND tile_column = 22 AND tile_row = 19") == "1");
    sqlite3_close(db);

    const DatasetPtr tile = open_raster(dir / "out/tiles/5/22/12.png");
    CHECK(tile->GetRasterXSize() == 256);
    CHECK(tile->GetRasterCount() == 4);
}

TEST_CASE("bad heatmap options are usage errors, checked before any work", "[cli][heatmap]") {
    const test::TempDir dir;
    const std::string base = "map " + q(test::example_csv()) + " --home AF -o " + q(dir / "out") + " --heatmap ";
    for (const char* bad : {"--bandwidth-km 0", "--bandwidth-km -5", "--kernel box", "--units per-acre", "--imprecise guess",
                            "--size 0", "--size 70000", "--extent 75,29,60,39", "--ramp rainbow", "--tiles --zoom 0-23", "--tiles --zoom 6-3",
                            "--crs EPSG:999999", "--per-period decade"}) {
        INFO(bad);
        const auto r = test::run_incimap(base + bad);
        CHECK(r.exit_code == 2);
        CHECK_FALSE(r.err.empty());
    }
    CHECK_THAT(test::run_incimap(base + "--ramp rainbow").err, Catch::Contains("magma"));
    const auto weight = test::run_incimap(base + "--weight deaths --quiet");
    CHECK(weight.exit_code == 2);
    CHECK_THAT(weight.err, Catch::Contains("iskp-incidents-2021-2024.csv has no column 'deaths'"));
    // A grid too large for memory is refused before it is allocated.
    const auto huge = test::run_incimap(base + "--size 60000 --quiet");
    CHECK(huge.exit_code == 2);
    CHECK_THAT(huge.err, Catch::Contains("free memory"));
    CHECK(test::run_incimap("tiles " + q(test::example_csv()) + " --home AF -o " + q(dir / "t") + " --zoom 0-30").exit_code == 2);
}

TEST_CASE("heatmaps of no incidents, of incidents at one point, and rows with a bad weight", "[cli][heatmap]") {
    const test::TempDir dir;
    test::write_text(dir / "empty.csv", "id,event_date,latitude,longitude,fatalities\n");
    const auto empty = test::run_incimap("map " + q(dir / "empty.csv") + " --home AF -o " + q(dir / "e") + " --heatmap --tiles --zoom 0-2");
    INFO(empty.err);
    REQUIRE(empty.exit_code == 0);
    CHECK_THAT(empty.err, Catch::Contains("no incidents"));
    CHECK(open_raster(dir / "e/heatmap.tif")->GetRasterCount() == 4);
    CHECK(json::parse(test::read_text(dir / "e/summary.json"))["heatmap"]["note"].is_string());

    test::write_text(dir / "one.csv",
                     "id,event_date,latitude,longitude,fatalities\n"
                     "a,2024-01-01,34.53,69.17,2\nb,2024-01-02,34.53,69.17,3\nc,2024-01-03,34.53,69.17,x\nd,2024-01-04,34.53,69.17,-1\n");
    const auto one = test::run_incimap("map " + q(dir / "one.csv") + " --home AF -o " + q(dir / "o") + " --heatmap --weight fatalities --quiet");
    INFO(one.err);
    REQUIRE(one.exit_code == 0);
    const json summary = json::parse(test::read_text(dir / "o/summary.json"));
    CHECK(summary["placed"] == 2);
    CHECK(summary["rejected"] == 2);
    CHECK(summary["heatmap"]["weight_on_grid"].get<double>() == Approx(5).epsilon(0.005));
    const std::string rejects = test::read_text(dir / "o/rejects.csv");
    CHECK_THAT(rejects, Catch::Contains("weight 'x' is not a number"));
    CHECK_THAT(rejects, Catch::Contains("fatalities"));
}
