// The CLI's options layer without the binary: every command's flags into typed options, bad
// values and conflicts, deprecated spellings, and engine refusals named by their flags.
#include <catch2/catch.hpp>

#include "commands/commands.hpp"
#include "incimap/core/error.hpp"

using namespace incimap;
using namespace incimap::cli;

namespace {

std::vector<std::string> words(const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line);
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

// The message the user would read for these arguments, or "" when they are accepted.
template <typename C>
std::string refusal(const std::string& line) {
    C command;
    try {
        command.setup(words(line));
    } catch (const InvalidOption& e) {
        return command.describe(e);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("map options become typed options", "[options]") {
    MapCommand map;
    map.setup(words("a.csv b.tsv --home AF,pak --bias-country AF,,PK --hint-country AF --near-km 10 -o out --period quarter "
                    "--region-kind admin1 --eps-km 25 --min-points 3 --eps-days 7 --zoom-clusters 0-8 --cluster-radius 60 --heatmap "
                    "--kernel gaussian --bandwidth-km 40 --units per-cell --imprecise drop --per-period year --crs EPSG:32642 "
                    "--size 512 --extent 60,29,75,39 --tiles --zoom 2-5 --gpkg --date-order dmy --place-col where"));
    const MapJob& job = map.job();
    CHECK(job.input.files == std::vector<std::string>{"a.csv", "b.tsv"});
    CHECK(job.input.columns.place == "where");
    CHECK(job.input.columns.date_order == DateOrder::day_first);
    CHECK(job.placement.home_countries == std::vector<std::string>{"AF", "pak"});
    CHECK(job.placement.bias_countries == std::vector<std::string>{"AF", "PK"});
    CHECK(job.placement.hint_country == "AF");
    CHECK(job.placement.near_km == 10);
    CHECK(job.analysis.period == PeriodUnit::quarter);
    CHECK(job.analysis.regions() == RegionKind::admin1);
    REQUIRE(job.analysis.clustering);
    CHECK(job.analysis.clustering->eps_km == 25);
    CHECK(job.analysis.clustering->min_points == 3);
    CHECK(job.analysis.clustering->eps_days == 7.0);
    REQUIRE(job.analysis.zoom_clusters);
    CHECK(job.analysis.zoom_clusters->max_zoom == 8);
    CHECK(job.analysis.zoom_clusters->radius == 60);
    REQUIRE(job.heatmap);
    CHECK(job.heatmap->density.kernel == Kernel::gaussian);
    CHECK(job.heatmap->density.bandwidth_km == 40);
    CHECK(job.heatmap->density.units == DensityUnits::per_cell);
    CHECK(job.heatmap->density.imprecise == ImpreciseMode::drop);
    CHECK(job.heatmap->per_period == PeriodUnit::year);
    CHECK(job.heatmap->crs == "EPSG:32642");
    CHECK(job.heatmap->size == 512);
    REQUIRE(job.heatmap->extent);
    CHECK(job.heatmap->extent->north == 39);
    REQUIRE(job.tiles);
    CHECK(job.tiles->min_zoom == 2);
    CHECK(job.tiles->max_zoom == 5);
    CHECK(job.output.dir == "out");
    CHECK(job.output.gpkg);
    CHECK(job.output.layers);
    CHECK(map.warnings().empty());
}

TEST_CASE("map options keep their defaults when not given", "[options]") {
    MapCommand map;
    map.setup(words("a.csv --home-file home.geojson -o out"));
    const MapJob& job = map.job();
    CHECK(job.placement.home_file == "home.geojson");
    CHECK(job.placement.near_km == 25);
    CHECK_FALSE(job.analysis.period);
    CHECK(job.analysis.regions() == RegionKind::country);
    CHECK_FALSE(job.analysis.clustering);
    CHECK_FALSE(job.heatmap);
    CHECK_FALSE(job.tiles);
}

TEST_CASE("map --tiles alone asks for tiles of zooms 0-8 and a heatmap", "[options]") {
    MapCommand map;
    map.setup(words("a.csv --home AF -o out --tiles"));
    REQUIRE(map.job().tiles);
    CHECK(map.job().tiles->max_zoom == 8);
    CHECK(map.job().heatmap);
}

TEST_CASE("old spellings still work, with a warning", "[options]") {
    MapCommand map;
    map.setup(words("a.csv --home AF -o out --period month --region admin1 --tiles 0-4"));
    CHECK(map.job().analysis.regions() == RegionKind::admin1);
    REQUIRE(map.job().tiles);
    CHECK(map.job().tiles->max_zoom == 4);
    CHECK(map.warnings() == std::vector<std::string>{"--region is deprecated: use --region-kind", "--tiles is deprecated: use --tiles --zoom"});

    MapCommand regions;
    regions.setup(words("a.csv --home AF -o out --period month --regions=zones.geojson --region-field name --tiles=1-2"));
    CHECK(regions.job().analysis.region_file == "zones.geojson");
    CHECK(regions.job().tiles->min_zoom == 1);

    FigureCommand figure;
    figure.setup(words("a.csv --home AF -o f --region AF --crs EPSG:4326 --cog"));
    CHECK(figure.job().area == "AF");
    CHECK(figure.warnings().size() == 3);
}

TEST_CASE("bad values name their flag", "[options]") {
    const std::string base = "a.csv --home AF -o out ";
    CHECK_THAT(refusal<MapCommand>(base + "--period fortnight"), Catch::StartsWith("--period: 'fortnight' is not one of day"));
    CHECK_THAT(refusal<MapCommand>(base + "--period month --region-kind planet"), Catch::StartsWith("--region-kind: 'planet'"));
    CHECK_THAT(refusal<MapCommand>(base + "--tiles --zoom 5-2"), Catch::StartsWith("--zoom: zooms must lie in 0-22"));
    CHECK_THAT(refusal<MapCommand>(base + "--tiles --zoom five"), Catch::StartsWith("--zoom: expected MIN-MAX"));
    CHECK_THAT(refusal<MapCommand>(base + "--zoom-clusters 0-23"), Catch::StartsWith("--zoom-clusters: zooms must lie in 0-22"));
    CHECK_THAT(refusal<MapCommand>(base + "--heatmap --kernel box"), Catch::StartsWith("--kernel: 'box' is not one of quartic"));
    CHECK_THAT(refusal<MapCommand>(base + "--heatmap --extent 1,2,3"), Catch::StartsWith("--extent: expected 4"));
    CHECK_THAT(refusal<MapCommand>(base + "--heatmap --extent 75,29,60,39"), Catch::StartsWith("--extent: expected W,S,E,N"));
    CHECK_THAT(refusal<MapCommand>(base + "--heatmap --bandwidth-km 0"), Catch::StartsWith("--bandwidth-km: must be a number more than 0"));
    CHECK_THAT(refusal<MapCommand>(base + "--heatmap --size 0"), Catch::StartsWith("--size: must lie in 1-65536"));
    CHECK_THAT(refusal<MapCommand>(base + "--heatmap --density-method binned"), Catch::Contains("binned needs --kernel gaussian"));
    CHECK_THAT(refusal<MapCommand>(base + "--date-order ymd"), Catch::StartsWith("--date-order: 'ymd' is not dmy or mdy"));
    CHECK_THAT(refusal<MapCommand>(base + "--eps-km -1"), Catch::StartsWith("--eps-km: must be more than 0"));
    CHECK_THAT(refusal<MapCommand>(base + "--eps-km 5 --min-points 0"), Catch::StartsWith("--min-points: must be at least 1"));
    CHECK_THAT(refusal<MapCommand>(base + "--zoom-clusters 0-3 --cluster-radius 0"), Catch::StartsWith("--cluster-radius: must be more than 0"));
    CHECK_THAT(refusal<MapCommand>(base + "--near-km -3"), Catch::StartsWith("--near-km: must be a number of 0 or more"));
    CHECK_THAT(refusal<MapCommand>("a.csv -o out --home ,"), Catch::StartsWith("--home: no country code given"));
    CHECK_THAT(refusal<MapCommand>(base + "--size x"), Catch::Contains("size"));  // boost's own message
}

TEST_CASE("conflicting and missing options are refused before any work", "[options]") {
    CHECK(refusal<MapCommand>("a.csv --home AF") == "-o: no output directory given");
    CHECK(refusal<MapCommand>("--home AF -o out") == "INPUT: no input file given");
    CHECK(refusal<MapCommand>("a.csv -o out") == "give the home area with either --home or --home-file");
    CHECK(refusal<MapCommand>("a.csv --home AF --home-file h.geojson -o out") == "give the home area with either --home or --home-file");
    CHECK(refusal<MapCommand>("a.csv --home AF -o out --region-kind admin1") == "--region-kind: needs --period");
    CHECK(refusal<MapCommand>("a.csv --home AF -o out --period year --region-file z.geojson") == "--region-file: goes together with --region-field");
    CHECK(refusal<MapCommand>("a.csv --home AF -o out --period year --region-kind admin1 --region-file z.geojson --region-field n") ==
          "give --region-kind or --region-file, not both");
    CHECK(refusal<MapCommand>("a.csv --home AF -o out --eps-days 3") == "--eps-days needs --eps-km");
    CHECK(refusal<MapCommand>("a.csv --home AF -o out --zoom 0-3") == "--zoom needs --tiles");
    CHECK(refusal<MapCommand>("a.csv --home AF -o out --period year").empty());
}

TEST_CASE("tiles writes the pyramid alone, zooms 0-8 unless given", "[options]") {
    TilesCommand tiles;
    tiles.setup(words("a.csv --home AF -o out --bandwidth-km 20"));
    const MapJob& job = tiles.job();
    REQUIRE(job.tiles);
    CHECK(job.tiles->min_zoom == 0);
    CHECK(job.tiles->max_zoom == 8);
    REQUIRE(job.heatmap);
    CHECK(job.heatmap->density.bandwidth_km == 20);
    CHECK_FALSE(job.output.layers);
    CHECK_FALSE(job.output.heatmap_rasters);
    CHECK(refusal<TilesCommand>("a.csv --home AF -o out -z 3-1") == "--zoom: zooms must lie in 0-22, MIN <= MAX");
    TilesCommand unused;  // options a pyramid never used: read with a warning
    unused.setup(words("a.csv --home AF -o out --cog --ramp viridis"));
    CHECK(unused.warnings() == std::vector<std::string>{"--ramp has no effect on 'incimap tiles' and will be removed",
                                                        "--cog has no effect on 'incimap tiles' and will be removed"});
    CHECK_THAT(refusal<TilesCommand>("a.csv --home AF -o out --period month"), Catch::Contains("period"));  // not a tiles option
}

TEST_CASE("figure options", "[options]") {
    FigureCommand figure;
    figure.setup(words("a.csv --home AF -o f --extent 60,29,75,39 --page-mm 200x150 --dpi 150 --format png,pdf --per-period year"));
    const FigureJob& job = figure.job();
    CHECK(job.extent_given);
    CHECK(job.figure.extent.west == 60);
    CHECK(job.figure.page_width_mm == 200);
    CHECK(job.figure.dpi == 150);
    CHECK(job.figure.formats == std::vector<std::string>{"png", "pdf"});
    CHECK(job.heatmap.per_period == PeriodUnit::year);
    CHECK(job.output_base == "f");

    const std::string base = "a.csv --home AF -o f ";
    CHECK(refusal<FigureCommand>(base) == "give the figure's extent with either --extent or --area");
    CHECK(refusal<FigureCommand>(base + "--area AF --extent 60,29,75,39") == "give the figure's extent with either --extent or --area");
    CHECK(refusal<FigureCommand>(base + "--area AF --per-period month") == "--per-period: a figure takes quarter or year");
    CHECK(refusal<FigureCommand>(base + "--area AF --dpi 10") == "--dpi: must lie in 50-1200");
    CHECK_THAT(refusal<FigureCommand>(base + "--area AF --page-mm 160"), Catch::StartsWith("--page-mm: expected WxH"));
    CHECK(refusal<FigureCommand>(base + "--area AF --format gif") == "--format: 'gif' is not png, svg or pdf");
    CHECK(refusal<FigureCommand>("a.csv --home AF --area AF") == "-o: no output given");
}

TEST_CASE("query options", "[options]") {
    QueryCommand query;
    query.setup(words("a.csv --home AF --near 34.5,69.2,50 --from 2023 --to 2023-06 --class domestic --type attack"));
    const QueryJob& job = query.job();
    REQUIRE(job.near_center);
    CHECK(job.near_center->lat_deg == 34.5);
    CHECK(job.near_km == 50);
    CHECK(job.filter.incident_class == IncidentClass::domestic);
    CHECK(query.output() == "-");

    const std::string base = "a.csv --home AF ";
    CHECK(refusal<QueryCommand>(base + "--bbox 60,29,75,39 --near 34,69,5") == "give --bbox or --near, not both");
    CHECK(refusal<QueryCommand>(base + "--near 95,69,5") == "--near: latitude must be in -90..90 and longitude in -180..180");
    CHECK(refusal<QueryCommand>(base + "--near 34,69,0") == "--near: the distance must be more than 0 km");
    CHECK(refusal<QueryCommand>(base + "--bbox 60,39,75,29") == "--bbox: south and north must be in -90..90, south <= north");
    CHECK(refusal<QueryCommand>(base + "--from 2024 --to 2023") == "--to: is before --from");
    CHECK(refusal<QueryCommand>(base + "--class both") == "--class: expected domestic or transnational");
}

TEST_CASE("help lists each option group of a command", "[options]") {
    MapCommand map;
    map.setup({"--help"});
    const std::string help = map.help();
    for (const char* heading : {"Input options", "Placement options", "Output options", "Analysis options", "Density options", "Raster options",
                                "Tile options", "Deprecated spellings"})
        CHECK_THAT(help, Catch::Contains(heading));
    FigureCommand figure;
    figure.setup({"--help"});
    CHECK_THAT(figure.help(), !Catch::Contains("Raster options") && !Catch::Contains("--cog"));
    TilesCommand tiles;
    tiles.setup({"--help"});
    CHECK_THAT(tiles.help(), Catch::Contains("--extent") && !Catch::Contains("--ramp") && !Catch::Contains("--per-period"));
}

TEST_CASE("geocode and geodata options", "[options]") {
    auto refused = [](std::unique_ptr<Command> command, const std::string& line) -> std::string {
        try {
            command->setup(words(line));
        } catch (const std::exception& e) {
            return e.what();
        }
        return "";
    };
    CHECK(refused(make_geocode_command(), "--hint-country AF --bias-country AF,PK places.txt").empty());
    CHECK_THAT(refused(make_geocode_command(), "--places /vsicurl/http://example.org/p.csv"), Catch::Contains("remote and virtual paths"));
    CHECK_THAT(refused(make_geocode_command(), "a.txt b.txt"), Catch::Contains("too many positional options"));  // one input at most
    CHECK_THAT(refused(make_geocode_command(), "--home AF"), Catch::Contains("--home"));  // not a geocode option
    CHECK(refused(make_geodata_command(), "build --sources s -o g --corrections c.csv --force").empty());
    CHECK(refused(make_geodata_command(), "build -o g") == "geodata build: --sources and -o are required");
    CHECK(refused(make_geodata_command(), "rebuild --sources s -o g") == "geodata: unknown action 'rebuild' (expected: build)");
    for (auto make : {make_map_command, make_tiles_command, make_figure_command, make_query_command, make_geocode_command, make_geodata_command}) {
        const std::unique_ptr<Command> command = make();
        command->setup({"--help"});
        CHECK(command->help_requested());
        CHECK_THAT(command->help(), Catch::Contains("--quiet") && Catch::Contains("--help"));
    }
}
