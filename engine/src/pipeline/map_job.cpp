#include "incimap/pipeline/map_job.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "incimap/analyze/aggregate.hpp"
#include "incimap/analyze/dbscan.hpp"
#include "incimap/classify/home_area.hpp"
#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/output/analysis_tables.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/file_hash.hpp"
#include "incimap/output/geopackage_bundle.hpp"
#include "incimap/output/vector_layers.hpp"
#include "incimap/output/qgis_project.hpp"
#include "incimap/io/read_file.hpp"
#include "incimap/pipeline/analysis.hpp"
#include "incimap/pipeline/geodata.hpp"
#include "incimap/pipeline/heatmap_job.hpp"
#include "incimap/pipeline/placement.hpp"
#include "incimap/output/maplibre_style.hpp"
#include "incimap/output/preview_page.hpp"
#include "incimap/render/colour_ramp.hpp"
#include "incimap/render/web_mercator.hpp"

namespace incimap {

using nlohmann::json;

namespace {

json summary_json(const MapJob& job, const HomeArea& home, const Placement& placement, const std::string& manifest) {
    const auto& [points, text, placed, problems, counts, inputs, by_country, by_precision, ambiguous] = placement;
    json s;
    s["incimap_version"] = INCIMAP_VERSION;
    s["home"] = job.placement.home_file.empty() ? json{{"countries", home.countries()}} : json{{"file", job.placement.home_file.string()}};
    s["rows"] = counts.rows;
    s["placed"] = counts.placed;
    s["unresolved"] = counts.unresolved;
    s["rejected"] = counts.rejected;
    s["domestic"] = counts.domestic;
    s["transnational"] = counts.transnational;
    s["ambiguous"] = ambiguous;
    s["by_precision"] = by_precision;
    json countries = json::object();
    for (const auto& [code, c] : by_country)
        countries[code.empty() ? "none" : code] = {{"placed", c.placed}, {"domestic", c.domestic}, {"transnational", c.transnational}};
    s["by_country"] = countries;
    json files = json::array();
    for (const auto& [file, c] : inputs)
        files.push_back({{"file", file}, {"rows", c.rows}, {"placed", c.placed}, {"unresolved", c.unresolved}, {"rejected", c.rejected}});
    s["inputs"] = files;
    const json m = json::parse(manifest, nullptr, false);
    s["geodata_sources"] = m.is_object() ? m.value("sources", json::object()) : json::object();
    return s;
}

std::size_t layer_count(const std::vector<std::string>& outputs) {
    return std::count_if(outputs.begin(), outputs.end(), [](const std::string& f) { return is_vector_layer_file(f) || f.ends_with(".tif"); });
}

// The periods of the preview page's slider and of style.json: those of the per-period heat when
// there is one, else those of the analysis, else years.
PeriodUnit view_period_unit(const MapJob& job, std::optional<PeriodUnit> analysis_unit) {
    return job.heatmap && job.heatmap->per_period ? *job.heatmap->per_period : analysis_unit.value_or(PeriodUnit::year);
}

// The project opens on the incidents, its time controller stepping through the run's periods.
QgisProjectSettings qgis_settings(const MapJob& job, std::span<const IncidentPoint> placed, std::optional<PeriodUnit> unit,
                                  const std::optional<HeatmapSummary>& heat) {
    QgisProjectSettings settings;
    if (heat) settings.raster_crs = heat->crs;
    if (placed.empty()) return settings;
    LonLatBox box{180, 90, -180, -90};
    auto first = placed.front().first, last = placed.front().last;
    for (const IncidentPoint& p : placed) {
        box.west = std::min(box.west, p.position.lon_deg);
        box.east = std::max(box.east, p.position.lon_deg);
        box.south = std::min(box.south, p.position.lat_deg);
        box.north = std::max(box.north, p.position.lat_deg);
        first = std::min(first, p.first);
        last = std::max(last, p.last);
    }
    const double margin = std::max({box.east - box.west, box.north - box.south, 1.0}) / 10;
    settings.view = LonLatBox{std::max(-180.0, box.west - margin), std::max(-web_mercator::max_lat, box.south - margin),
                              std::min(180.0, box.east + margin), std::min(web_mercator::max_lat, box.north + margin)};
    const PeriodUnit step = unit ? *unit : job.heatmap && job.heatmap->per_period ? *job.heatmap->per_period : PeriodUnit::year;
    settings.time = qgis_time_settings(first, last, step);
    return settings;
}

json trend_json(const TrendRow& t) {
    return {{"class", t.incident_class}, {"periods", t.periods}, {"first_period", t.first_period},
            {"last_period", t.last_period}, {"mann_kendall_s", t.test.s}, {"z", std::round(t.test.z * 1000) / 1000},
            {"p_value", std::round(t.test.p_value * 10000) / 10000}, {"direction", t.test.direction},
            {"last_value", t.last_value}, {"previous_value", t.previous_value}, {"change", t.change}};
}

std::optional<LonLatBox> data_bounds(std::span<const IncidentPoint> placed) {
    if (placed.empty()) return std::nullopt;
    LonLatBox box{180, 90, -180, -90};
    for (const IncidentPoint& p : placed) {
        const LonLat pos = p.position;
        box = {std::min(box.west, pos.lon_deg), std::min(box.south, pos.lat_deg), std::max(box.east, pos.lon_deg), std::max(box.north, pos.lat_deg)};
    }
    return box;
}

// The heatmap as the preview page shows it: the tiles, or the Web Mercator render of all periods
// (heatmap.png) and those of each period, which share its ramp and scale.
PreviewHeat preview_heat(const MapJob& job, const HeatmapSummary& summary, const std::filesystem::path& styles) {
    PreviewHeat heat;
    if (job.tiles) heat.tiles = std::pair{job.tiles->min_zoom, job.tiles->max_zoom};
    if (job.output.heatmap_rasters && summary.crs == web_mercator_crs) {
        const auto& e = summary.extent;  // the image's corners, from Web Mercator metres
        heat.image = "heatmap.png";
        heat.bounds = LonLatBox{web_mercator::lon_deg(e[0]), web_mercator::lat_deg(e[1]), web_mercator::lon_deg(e[2]), web_mercator::lat_deg(e[3])};
        for (const HeatmapSummary::Period& p : summary.periods) heat.period_images.emplace_back(p.period, p.render);
    }
    const ColourRamp ramp = ColourRamp::named(job.heatmap->ramp, styles);
    for (int i = 0; i <= 10; ++i) heat.ramp.push_back(ramp.at(i / 10.0));
    heat.scale_max = summary.colour_scale_max;
    heat.units = summary.units;
    heat.spread = summary.spread > 0;
    return heat;
}

// The page's files come with an installed incimap; the engine used as a library without them
// writes the data outputs all the same.
bool preview_page_available(const std::filesystem::path& styles, const std::filesystem::path& web) {
    return !styles.empty() && !web.empty() && std::filesystem::exists(styles / "preview/index.html");
}

// The heatmap the job asks for, with heat for each of the page's periods so that the heat follows
// its slider: the per-period rasters when asked for, else renders for the page alone, when the
// page overlays images (Web Mercator) and has few enough periods.
HeatmapPlan heatmap_plan(const MapJob& job, std::span<const IncidentPoint> placed, std::optional<PeriodUnit> analysis_unit,
                         const std::filesystem::path& styles) {
    HeatmapPlan plan{*job.heatmap, job.tiles, job.output.heatmap_rasters, std::nullopt};
    const PeriodUnit unit = view_period_unit(job, analysis_unit);
    if (!plan.options.per_period && plan.rasters && plan.options.crs == web_mercator_crs && job.output.layers &&
        preview_page_available(styles, find_web_dir()) && periods_spanned(placed, unit).size() <= preview_heat_period_limit)
        plan.page_periods = unit;
    return plan;
}

// The preview page and style.json: views of the files written so far.
void write_views(const MapJob& job, std::span<const IncidentPoint> placed, std::span<const PlacedIncident> rows, std::optional<PeriodUnit> analysis_unit,
                 const std::filesystem::path& geodata, const std::filesystem::path& styles, const std::optional<HeatmapSummary>& heat,
                 Reporter& reporter, std::vector<std::string>& outputs) {
    const PeriodUnit unit = view_period_unit(job, analysis_unit);
    const std::filesystem::path web = find_web_dir();
    if (preview_page_available(styles, web)) {
        PreviewLayers layers;
        layers.period_unit = unit;
        if (job.heatmap) layers.heat = preview_heat(job, *heat, styles);
        write_preview_page(job.output.dir, placed, rows, geodata / "boundaries.gpkg", styles, web, layers, outputs);
    } else {
        reporter.warning("no preview page: styles/preview or web/leaflet missing beside the executable (run tools/setup.sh)");
    }
    StyleRun run;
    run.outputs = outputs;
    if (job.tiles) run.tiles = std::pair{job.tiles->min_zoom, job.tiles->max_zoom};
    if (const auto& zoom = job.analysis.zoom_clusters)
        for (int z = zoom->min_zoom; z <= zoom->max_zoom; ++z) run.zoom_cluster_zooms.push_back(z);
    run.data_bounds = data_bounds(placed);
    run.periods = periods_spanned(placed, unit);
    write_maplibre_style(job.output.dir, styles, run, outputs);
}

// The files of a run as they are written, in order (summary.json lists them so), and the vector
// layers in the order the GeoPackage holds them, with their declared schemas.
struct RunFiles {
    RunFiles(std::filesystem::path dir_, std::filesystem::path styles_) : dir(std::move(dir_)), styles(std::move(styles_)) {}

    std::filesystem::path dir, styles;
    std::vector<std::string> outputs = {"summary.json"};
    std::vector<BundledLayer> vector_layers;

    // A vector layer just written (GeoJSON unless `format` says), with the QGIS style beside it
    // (QGIS applies a .qml style that sits beside a layer file with the same base name).
    void add_layer(const std::string& name, const std::string& style, LayerSchema schema, LayerFormat format = LayerFormat::geojson) {
        const std::string file = name + std::string(extension_of(format));
        outputs.push_back(file);
        if (const std::optional<std::string> qml = styles.empty() ? std::nullopt : read_file(styles / (style + ".qml"))) {
            write_file_atomically(dir / (name + ".qml"), *qml);
            outputs.push_back(name + ".qml");
        }
        vector_layers.push_back({name, dir / file, style, std::move(schema)});
    }
};

// The DBSCAN layers and the zoom-level cluster layers.
void write_cluster_layers(const MapJob& job, std::span<const IncidentPoint> placed, const AnalysisResult& analysis, RunFiles& files) {
    if (const std::optional<std::size_t>& clusters = analysis.cluster_count) {
        files.add_layer("clusters", "clusters", write_clusters_geojson(files.dir / "clusters.geojson", placed, *clusters, job.analysis.clustering->eps_km));
        files.add_layer("cluster_points", "cluster_points", write_cluster_points_geojson(files.dir / "cluster_points.geojson", placed, *clusters));
    }
    if (!analysis.zoom_clusters) return;
    const ZoomClusterLevels& zoom = *analysis.zoom_clusters;
    for (std::size_t k = 0; k < zoom.levels.size(); ++k) {
        const std::string name = "clusters_z" + std::to_string(zoom.min_zoom + static_cast<int>(k));
        files.add_layer(name, "zoom_clusters", write_zoom_clusters_geojson(files.dir / (name + ".geojson"), zoom.levels[k]));
    }
}

// The region layer, periods.csv and trends.csv; returns summary.json's "analysis" object.
json write_analysis(const RegionPeriodAnalysis& analysis, const RegionSet& regions, RunFiles& files) {
    const RegionPeriodTable& table = analysis.table;
    files.add_layer("regions", "regions", write_regions_geojson(files.dir / "regions.geojson", table, regions));
    write_periods_csv(files.dir / "periods.csv", table, regions);
    write_trends_csv(files.dir / "trends.csv", analysis.trends);
    files.outputs.insert(files.outputs.end(), {"periods.csv", "trends.csv"});
    json overall = json::object();
    for (const TrendRow& t : analysis.trends)
        if (t.scope == "overall") overall[t.incident_class] = trend_json(t);
    return {{"period", std::string(to_string(table.unit))},
            {"region", std::string(to_string(regions.kind()))},
            {"periods", table.periods.size()},
            {"regions", table.regions.size()},
            {"trends", overall}};
}

// summary.json's "clusters" object.
json clusters_summary(const DbscanParams& options, std::span<const IncidentPoint> placed, std::size_t count) {
    return {{"eps_km", options.eps_km}, {"min_points", options.min_points},
            {"eps_days", options.eps_days ? json(*options.eps_days) : json(nullptr)},
            {"count", count},
            {"noise", std::count_if(placed.begin(), placed.end(), [](const IncidentPoint& p) { return p.cluster_id < 0; })}};
}

void create_output_dir(const std::filesystem::path& dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error) throw IoError(dir.string() + ": cannot create output directory: " + error.message());
}

// Where a run's rows go: the incidents layer, written as they are placed (its cluster ids left to
// the end when DBSCAN runs), rejects.csv as they are refused, and the rows of a run small enough
// for the preview page to show each. The run keeps the points of the placed ones.
class PlacedRows : public IncidentSink {
public:
    explicit PlacedRows(const MapJob& job) : job_(job) {}

    void open(const std::vector<std::shared_ptr<const FieldSchema>>& schemas) override {
        create_output_dir(job_.output.dir);  // every input opened: the run goes ahead
        if (!job_.output.layers) return;
        std::vector<const FieldSchema*> columns;
        for (const auto& schema : schemas) columns.push_back(schema.get());
        const LayerFormat format = job_.output.layer_format;
        layer_.emplace(job_.output.dir / ("incidents" + std::string(extension_of(format))), columns, job_.analysis.clustering.has_value(), format);
        rejects_.emplace(job_.output.dir / "rejects.csv");
    }

    void take(std::span<const PlacedIncident> chunk) override {
        if (!layer_) return;
        layer_->add(chunk);
        placed_ += chunk.size();
        if (placed_ <= preview_incident_limit) preview_rows_.insert(preview_rows_.end(), chunk.begin(), chunk.end());
        else std::vector<PlacedIncident>().swap(preview_rows_);
    }

    void take_refused(std::span<const RowProblem> rows) override {
        if (rejects_) rejects_->add(rows);
    }

    /// The incidents layer, with the points' cluster ids.
    LayerSchema commit_layer(std::span<const IncidentPoint> points) { return layer_->commit(points); }
    void commit_rejects() { rejects_->commit(); }
    /// All the rows, when at most preview_incident_limit; else none.
    std::span<const PlacedIncident> preview_rows() const { return preview_rows_; }

private:
    const MapJob& job_;
    std::optional<IncidentLayer> layer_;
    std::optional<RejectsFile> rejects_;
    std::size_t placed_ = 0;
    std::vector<PlacedIncident> preview_rows_;
};

}  // namespace

void MapJob::validate() const {
    input.validate();
    placement.validate();
    analysis.validate();
    if (heatmap) heatmap->validate();
    if (tiles) {
        tiles->validate();
        if (!heatmap) throw InvalidOption("tiles", "needs {heatmap}");
    }
    output.validate();
    if (!output.layers && !tiles) throw InvalidOption("output.layers", "a run without layers writes tiles: give {tiles}");
}

MapCounts run_map_job(const MapJob& job, Reporter& reporter) {
    job.validate();
    if (job.heatmap) ColourRamp::named(job.heatmap->ramp, find_styles_dir());  // an unknown ramp stops the job before any work
    const JobContext context = open_job(job.placement, reporter);
    const std::filesystem::path& geodata = context.geodata_dir;
    const AnalysisPlan plan = plan_analysis(job.analysis, geodata, reporter);
    const std::optional<PeriodUnit> analysis_unit = job.analysis.period;

    PlacedRows rows(job);
    Placement placement = place_inputs(job.placement, job.input, context, reporter, {job.heatmap ? job.heatmap->weight_column : "", &rows});
    // a grid too large for memory stops the run before any output
    if (job.heatmap) heatmap_grid(*job.heatmap, density_points(placement.points, *context.boundaries), context.boundaries->context());
    const AnalysisResult analysis = analyse(plan, placement.points);
    const std::vector<IncidentPoint>& placed = placement.points;

    const std::filesystem::path& dir = job.output.dir;
    RunFiles files{dir, find_styles_dir()};
    json summary = summary_json(job, *context.home, placement, read_manifest(geodata));
    if (job.output.layers) {
        files.add_layer("incidents", "incidents", rows.commit_layer(placed), job.output.layer_format);
        files.outputs.push_back("rejects.csv");
        write_cluster_layers(job, placed, analysis, files);
        rows.commit_rejects();
        if (analysis.regions) summary["analysis"] = write_analysis(*analysis.regions, *plan.regions, files);
    }
    if (analysis.cluster_count) summary["clusters"] = clusters_summary(*job.analysis.clustering, placed, *analysis.cluster_count);
    if (job.output.gpkg && job.output.layers) {
        write_geopackage_bundle(dir / "incimap.gpkg", files.vector_layers, files.styles);
        files.outputs.push_back("incimap.gpkg");
    }
    std::optional<HeatmapSummary> heat;
    if (job.heatmap) {
        heat = write_heatmaps(dir, placed, heatmap_plan(job, placed, analysis_unit, files.styles), *context.boundaries,
                              sha256_of_files(job.input.files), files.styles, reporter, files.outputs);
        summary["heatmap"] = heat->to_json();
    }
    if (job.output.layers) write_views(job, placed, rows.preview_rows(), analysis_unit, geodata, files.styles, heat, reporter, files.outputs);
    if (job.output.layers && (job.output.gpkg || layer_count(files.outputs) > 1) &&
        write_qgis_project(dir, files.outputs, qgis_settings(job, placed, analysis_unit, heat)))
        files.outputs.push_back("incimap.qgz");
    summary["outputs"] = files.outputs;
    write_file_atomically(dir / "summary.json", summary.dump(2) + "\n");
    return placement.counts;
}

}  // namespace incimap
