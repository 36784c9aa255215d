#include "option_groups.hpp"

#include <charconv>
#include <sstream>

#include "incimap/core/ascii.hpp"
#include "incimap/incimap.hpp"

namespace incimap::cli {

std::vector<std::string> comma_list(std::string_view text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        std::string_view item = text.substr(start, comma - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) items.emplace_back(item);
        start = comma + 1;
    }
    return items;
}

std::pair<int, int> parse_zoom_range(std::string_view text, const std::string& flag) {
    int min = -1, max = -1;
    const char* const end = text.data() + text.size();
    const auto first = std::from_chars(text.data(), end, min);
    const bool ok = first.ec == std::errc() && first.ptr != end && *first.ptr == '-' && [&] {
        const auto second = std::from_chars(first.ptr + 1, end, max);
        return second.ec == std::errc() && second.ptr == end;
    }();
    if (!ok) throw UsageError(flag + ": expected MIN-MAX, e.g. 0-8");
    if (min < 0 || max > max_tile_zoom || min > max) throw UsageError(flag + ": zooms must lie in 0-22, MIN <= MAX");
    return {min, max};
}

std::vector<double> number_list(std::string_view text, std::size_t count, const std::string& flag) {
    std::vector<double> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string_view item = text.substr(start, comma - start);
        double v = 0;
        const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), v);
        if (ec != std::errc() || end != item.data() + item.size()) throw UsageError(flag + ": '" + std::string(item) + "' is not a number");
        out.push_back(v);
        start = comma + 1;
    }
    if (out.size() != count) throw UsageError(flag + ": expected " + std::to_string(count) + " comma-separated numbers");
    return out;
}

namespace {

// The value of `flag` read by `parse`, which returns nothing for text it does not know; then
// the message lists the choices.
template <typename T, typename Parse>
T choice(const po::variables_map& vm, const char* flag, Parse parse, const char* choices) {
    const std::string text = vm[flag].as<std::string>();
    const std::optional<T> value = parse(text);
    if (!value) throw UsageError(std::string("--") + flag + ": '" + text + "' is not " + choices);
    return *value;
}

// A size in bytes: digits, then K, M, G or T for powers of 1024.
std::uint64_t byte_size(const std::string& text, const char* flag) {
    std::uint64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    const std::string unit = ascii_lower(std::string(ptr, end));
    const int shift = unit.empty() ? 0 : unit == "k" ? 10 : unit == "m" ? 20 : unit == "g" ? 30 : unit == "t" ? 40 : -1;
    if (ec != std::errc() || ptr == text.data() || shift < 0 || value > (~std::uint64_t{0} >> shift))
        throw UsageError(std::string(flag) + ": '" + text + "' is not a size in bytes (e.g. 500M, 64G)");
    return value << shift;
}

}  // namespace

// --- inputs ----------------------------------------------------------------------------------

InputGroup::InputGroup(InputOptions& input) : OptionGroup("Input options"), input_(input) {
    ColumnMapping& c = input.columns;
    options_.add_options()
        ("date-col", po::value(&c.date), "column with the date (default: event_date or date)")
        ("date-order", po::value<std::string>(), "read all-numeric dates such as 05/06/2023 day first (dmy) or month first (mdy); without it they are rejected as ambiguous")
        ("place-col", po::value(&c.place), "column with the place text (default: location or place)")
        ("lat-col", po::value(&c.lat), "column with the latitude (default: latitude or lat)")
        ("lon-col", po::value(&c.lon), "column with the longitude (default: longitude, lon or lng)")
        ("type-col", po::value(&c.type), "column with the event type (default: event_type or type)")
        ("id-col", po::value(&c.id), "column with the incident id (default: event_id_cnty or id)")
        ("layer", po::value(&c.layer), "layer or sheet to read, or the CSV/TSV file inside a .zip (default: the first; the only one in a .zip)")
        ("encoding", po::value(&c.encoding), "the text encoding of CSV/TSV inputs that are not UTF-8: cp1251, cp1256, windows-1252, latin1, koi8-r ... (ICU names)")
        ("max-unpacked", po::value<std::string>(), "refuse a .gz or .zip input that unpacks to more than SIZE bytes (suffix K, M, G or T; default: 64G)");
}

void InputGroup::add_hidden(po::options_description& hidden) {
    hidden.add_options()("input", po::value(&input_.files), "input files (CSV, TSV, XLSX, ODS, GeoJSON, GeoPackage)");
}

void InputGroup::take(const po::variables_map& vm) {
    if (vm.count("date-order"))
        input_.columns.date_order = choice<DateOrder>(vm, "date-order", parse_date_order, "dmy or mdy");
    if (vm.count("max-unpacked")) input_.columns.max_unpacked = byte_size(vm["max-unpacked"].as<std::string>(), "--max-unpacked");
}

void InputGroup::name_fields(FlagNames& names) const {
    names.add({{"input.files", "INPUT"},
               {"input.columns.date", "--date-col"},
               {"input.columns.place", "--place-col"},
               {"input.columns.lat", "--lat-col"},
               {"input.columns.lon", "--lon-col"},
               {"input.columns.date_order", "--date-order"},
               {"input.columns.layer", "--layer"},
               {"input.columns.max_unpacked", "--max-unpacked"},
               {"input.columns.encoding", "--encoding"}});
}

// --- placement -------------------------------------------------------------------------------

PlacementGroup::PlacementGroup(PlacementOptions& p) : OptionGroup("Placement options"), placement_(p) {
    options_.add_options()
        ("home", po::value<std::string>(), "home area as ISO 3166-1 codes, alpha-2 or alpha-3, comma-separated (AF or AF,PK)")
        ("home-file", po::value<std::string>(), "home area as polygons from a vector file (GeoJSON, GeoPackage ...)")
        ("hint-country", po::value(&p.hint_country), "geocode place names within this country only (ISO code)")
        ("bias-country", po::value<std::string>(), "prefer places in these countries when names are shared (AF or AF,PK); others stay possible")
        ("places", po::value<std::string>(), "your own places (CSV or vector file: name, alt_names, lat/lon or geometry, country, admin1, kind, population); an exact match ranks above the gazetteer")
        ("near-km", po::value(&p.near_km)->default_value(25), "for given coordinates, report the nearest populated place within this distance (0: off)")
        ("geodata", po::value<std::string>(), "geodata directory (default: $INCIMAP_GEODATA, else geodata/ beside the executable)");
}

void PlacementGroup::take(const po::variables_map& vm) {
    if (vm.count("home")) placement_.home_countries = comma_list(vm["home"].as<std::string>());
    if (vm.count("home") && placement_.home_countries.empty()) throw UsageError("--home: no country code given");
    if (vm.count("home-file")) placement_.home_file = vm["home-file"].as<std::string>();
    if (vm.count("bias-country")) placement_.bias_countries = comma_list(vm["bias-country"].as<std::string>());
    if (vm.count("places")) placement_.places_file = vm["places"].as<std::string>();
    if (vm.count("geodata")) placement_.geodata_dir = vm["geodata"].as<std::string>();
}

void PlacementGroup::name_fields(FlagNames& names) const {
    names.add({{"placement.home", ""},
               {"placement.home_countries", "--home"},
               {"placement.home_file", "--home-file"},
               {"placement.hint_country", "--hint-country"},
               {"placement.bias_countries", "--bias-country"},
               {"placement.near_km", "--near-km"},
               {"placement.places_file", "--places"},
               {"placement.geodata_dir", "--geodata"}});
}

// --- analysis --------------------------------------------------------------------------------

AnalysisGroup::AnalysisGroup(AnalysisOptions& a) : OptionGroup("Analysis options"), analysis_(a) {
    options_.add_options()
        ("period", po::value<std::string>(), "count incidents per period: day, week, month, quarter, year (writes regions.geojson, periods.csv, trends.csv)")
        ("region-kind", po::value<std::string>(), "regions to count in: country (default), admin1, subregion")
        ("region-file", po::value<std::string>(), "custom region polygons (any vector file) instead of --region-kind")
        ("region-field", po::value(&a.region_field), "field naming the custom regions of --region-file")
        ("eps-km", po::value<double>(), "cluster incidents with DBSCAN: neighbourhood radius in km, geodesic (writes clusters.geojson)")
        ("min-points", po::value<std::size_t>()->default_value(5), "DBSCAN: incidents within eps that make a core point, itself included")
        ("eps-days", po::value<double>(), "ST-DBSCAN: neighbours also lie within this many days")
        ("zoom-clusters", po::value<std::string>(), "web-map clusters per zoom, MIN-MAX in 0-22 (writes clusters_z{z}.geojson; supercluster semantics)")
        ("cluster-radius", po::value<double>()->default_value(40), "zoom clusters: radius in pixels")
        ("cluster-extent", po::value<double>()->default_value(512), "zoom clusters: tile extent in pixels");
}

void AnalysisGroup::take(const po::variables_map& vm) {
    constexpr const char* periods = "one of day, week, month, quarter, year";
    if (vm.count("period")) analysis_.period = choice<PeriodUnit>(vm, "period", parse_period_unit, periods);
    if (vm.count("region-kind")) {
        const RegionKind kind = choice<RegionKind>(vm, "region-kind", parse_region_kind, "one of country, admin1, subregion");
        if (kind == RegionKind::custom) throw UsageError("--region-kind: 'custom' regions come from --region-file");
        analysis_.region_kind = kind;
    }
    if (vm.count("region-file")) analysis_.region_file = vm["region-file"].as<std::string>();
    if (vm.count("zoom-clusters")) {
        ZoomClusterParams zoom;
        std::tie(zoom.min_zoom, zoom.max_zoom) = parse_zoom_range(vm["zoom-clusters"].as<std::string>(), "--zoom-clusters");
        zoom.radius = vm["cluster-radius"].as<double>();
        zoom.extent = vm["cluster-extent"].as<double>();
        analysis_.zoom_clusters = zoom;
    }
    if (vm.count("eps-days") && !vm.count("eps-km")) throw UsageError("--eps-days needs --eps-km");
    if (vm.count("eps-km")) {
        DbscanParams params;
        params.eps_km = vm["eps-km"].as<double>();
        params.min_points = vm["min-points"].as<std::size_t>();
        if (vm.count("eps-days")) params.eps_days = vm["eps-days"].as<double>();
        analysis_.clustering = params;
    }
}

void AnalysisGroup::name_fields(FlagNames& names) const {
    names.add({{"analysis.regions", ""},
               {"analysis.period", "--period"},
               {"analysis.region_kind", "--region-kind"},
               {"analysis.region_file", "--region-file"},
               {"analysis.region_field", "--region-field"},
               {"clustering.eps_km", "--eps-km"},
               {"clustering.min_points", "--min-points"},
               {"clustering.eps_days", "--eps-days"},
               {"zoom_clusters.zooms", "--zoom-clusters"},
               {"zoom_clusters.radius", "--cluster-radius"},
               {"zoom_clusters.extent", "--cluster-extent"},
               {"zoom_clusters.min_points", "--zoom-clusters"}});
}

// --- heatmap ---------------------------------------------------------------------------------

DensityGroup::DensityGroup(HeatmapOptions& h, bool periods) : OptionGroup("Density options"), heatmap_(h) {
    options_.add_options()
        ("bandwidth-km", po::value(&h.density.bandwidth_km)->default_value(50), "kernel bandwidth on the ground in km, the same at every latitude (gaussian: its standard deviation)")
        ("kernel", po::value<std::string>()->default_value("quartic"), "quartic, gaussian, epanechnikov, triangular or uniform")
        ("weight", po::value(&h.weight_column), "column whose number weighs each incident (e.g. fatalities); rows without one are rejected")
        ("units", po::value<std::string>()->default_value("per-1000km2"), "density units: per-1000km2 (incidents per 1,000 km²) or per-cell (incidents in each cell)")
        ("imprecise", po::value<std::string>()->default_value("spread"), "geocodes of areas (districts, admin-1 areas, countries): spread over their area, point, or drop")
        ("density-method", po::value<std::string>()->default_value("auto"), "auto, exact, or binned (gaussian: linear binning and a separable convolution, for many incidents)")
        ("threads", po::value(&h.threads)->default_value(0), "threads for locating, densities and tiles (0: all cores); outputs are the same for any number");
    if (periods) options_.add_options()("per-period", po::value<std::string>(), "also one heatmap per period: day, week, month, quarter, year");
}

void DensityGroup::take(const po::variables_map& vm) {
    DensityParams& d = heatmap_.density;
    d.kernel = choice<Kernel>(vm, "kernel", parse_kernel, "one of quartic, gaussian, epanechnikov, triangular, uniform");
    d.units = choice<DensityUnits>(vm, "units", [](const std::string& t) -> std::optional<DensityUnits> {
        if (t == "per-1000km2") return DensityUnits::per_1000_km2;
        if (t == "per-cell") return DensityUnits::per_cell;
        return std::nullopt;
    }, "per-1000km2 or per-cell");
    d.imprecise = choice<ImpreciseMode>(vm, "imprecise", [](const std::string& t) -> std::optional<ImpreciseMode> {
        if (t == "spread") return ImpreciseMode::spread;
        if (t == "point") return ImpreciseMode::point;
        if (t == "drop") return ImpreciseMode::drop;
        return std::nullopt;
    }, "spread, point or drop");
    d.method = choice<DensityMethod>(vm, "density-method", [&](const std::string& t) -> std::optional<DensityMethod> {
        if (t == "auto") return DensityMethod::automatic;
        if (t == "exact") return DensityMethod::exact;
        if (t == "binned" && d.kernel == Kernel::gaussian) return DensityMethod::binned;
        return std::nullopt;
    }, "auto, exact, or binned (binned needs --kernel gaussian)");
    if (options_.find_nothrow("per-period", false) != nullptr && vm.count("per-period"))
        heatmap_.per_period = choice<PeriodUnit>(vm, "per-period", parse_period_unit, "one of day, week, month, quarter, year");
}

void DensityGroup::name_fields(FlagNames& names) const {
    names.add({{"heatmap.bandwidth_km", "--bandwidth-km"},
               {"heatmap.weight_column", "--weight"},
               {"heatmap.per_period", "--per-period"},
               {"heatmap.threads", "--threads"}});
}

RasterGroup::RasterGroup(HeatmapOptions& h, bool files) : OptionGroup("Raster options"), heatmap_(h) {
    options_.add_options()
        ("crs", po::value(&h.crs)->default_value(std::string(web_mercator_crs)), "CRS of the heatmap rasters (any that PROJ knows)")
        ("size", po::value(&h.size)->default_value(2048), "cells on the raster's longer side")
        ("extent", po::value<std::string>(), "raster extent W,S,E,N in degrees (default: the incidents and their kernels' reach)");
    if (!files) return;
    options_.add_options()
        ("cog", po::bool_switch(&h.cog), "write Cloud Optimized GeoTIFFs")
        ("ramp", po::value(&h.ramp)->default_value("magma"), "colour ramp for heatmap.png, from styles/ramps (magma, viridis, inferno ...)");
}

void RasterGroup::take(const po::variables_map& vm) {
    if (!vm.count("extent")) return;
    const std::vector<double> e = number_list(vm["extent"].as<std::string>(), 4, "--extent");
    heatmap_.extent = LonLatBox{e[0], e[1], e[2], e[3]};
}

void RasterGroup::name_fields(FlagNames& names) const {
    names.add({{"heatmap.crs", "--crs"},
               {"heatmap.size", "--size"},
               {"heatmap.extent", "--extent"},
               {"heatmap.ramp", "--ramp"}});
}

// --- tiles and output ------------------------------------------------------------------------

TileGroup::TileGroup(std::optional<TileOptions>& tiles, bool switched) : OptionGroup("Tile options"), tiles_(tiles), switched_(switched) {
    if (switched) options_.add_options()("tiles", po::bool_switch(), "heatmap tiles for web maps (tiles/{z}/{x}/{y}.png and heatmap.mbtiles), zooms of --zoom");
    options_.add_options()("zoom,z", po::value<std::string>()->default_value("0-8"), "zoom levels of the tiles, MIN-MAX in 0-22");
}

void TileGroup::take(const po::variables_map& vm) {
    if (switched_ && !vm["tiles"].as<bool>()) {
        if (!vm["zoom"].defaulted()) throw UsageError("--zoom needs --tiles");
        return;
    }
    TileOptions t;
    std::tie(t.min_zoom, t.max_zoom) = parse_zoom_range(vm["zoom"].as<std::string>(), "--zoom");
    tiles_ = t;
}

void TileGroup::name_fields(FlagNames& names) const {
    names.add({{"tiles.zooms", "--zoom"},
               {"tiles", "--tiles"}});
}

OutputGroup::OutputGroup(std::filesystem::path& target, std::string field, const char* help, std::optional<std::string> default_value)
    : OptionGroup("Output options"), target_(target), field_(std::move(field)), required_(!default_value) {
    if (default_value) options_.add_options()("output,o", po::value<std::string>()->default_value(*default_value), help);
    else options_.add_options()("output,o", po::value<std::string>(), help);
}

void OutputGroup::take(const po::variables_map& vm) {
    if (vm.count("output")) target_ = vm["output"].as<std::string>();
}

void OutputGroup::name_fields(FlagNames& names) const { names.add(field_, "-o"); }

}  // namespace incimap::cli
