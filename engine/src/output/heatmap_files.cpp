#include "incimap/output/heatmap_files.hpp"

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "incimap/io/atomic_file.hpp"
#include "incimap/output/raster_files.hpp"
#include "incimap/output/raster_style.hpp"
#include "incimap/output/tile_pyramid_files.hpp"

namespace incimap {

using nlohmann::json;

json HeatmapSummary::to_json() const {
    json out_periods = json::array();
    for (const Period& p : periods)
        out_periods.push_back({{"period", p.period}, {"render", p.render}, {"incidents", p.domestic + p.transnational},
                               {"domestic", p.domestic}, {"transnational", p.transnational}, {"weight_on_grid", p.weight_on_grid}});
    json out_tiles = nullptr;
    if (tiles)
        out_tiles = {{"min_zoom", tiles->min_zoom}, {"max_zoom", tiles->max_zoom}, {"tiles", tiles->written}, {"empty_skipped", tiles->empty_skipped}};
    return {{"note", note ? json(*note) : json(nullptr)}, {"crs", crs}, {"width", width}, {"height", height},
            {"extent", extent}, {"kernel", kernel}, {"bandwidth_km", bandwidth_km}, {"units", units},
            {"weight", weight ? json(*weight) : json(nullptr)}, {"imprecise", imprecise}, {"weight_on_grid", weight_on_grid},
            {"spread", spread}, {"dropped", dropped}, {"off_grid", off_grid}, {"colour_scale_max", colour_scale_max},
            {"periods", out_periods}, {"tiles", out_tiles}};
}

std::vector<float> total_of(const DensityBands& d) {
    std::vector<float> total(d.domestic.size());
    for (std::size_t i = 0; i < total.size(); ++i) total[i] = d.domestic[i] + d.transnational[i];
    return total;
}

HeatmapFiles::HeatmapFiles(const std::filesystem::path& dir, const DensityParams& params, const std::string& ramp,
                           const std::string& weight_column, bool cog, const std::filesystem::path& styles_dir, const std::string& input_hash,
                           std::vector<std::string>& outputs)
    : dir_(dir), params_(params), weight_column_(weight_column), cog_(cog), ramp_(ColourRamp::named(ramp, styles_dir)),
      domestic_ramp_(ColourRamp::named("domestic", styles_dir)), transnational_ramp_(ColourRamp::named("transnational", styles_dir)),
      units_(std::string(weight_column.empty() ? "incidents" : weight_column) +
             (params.units == DensityUnits::per_1000_km2 ? " per 1000 km2" : " per cell")),
      imprecise_(params.imprecise == ImpreciseMode::spread ? "spread" : params.imprecise == ImpreciseMode::point ? "point" : "drop"),
      input_hash_(input_hash), outputs_(outputs) {}

void HeatmapFiles::write_all(const GridSpec& grid, const DensityBands& all, const std::vector<float>& total, ClassCounts everyone) {
    write_tif("heatmap.tif", grid, all, "all", everyone);
    auto hatched = [&](std::vector<std::uint8_t> rgba) {
        hatch_spread(rgba, grid.width, all.imprecise_share);
        return rgba;
    };
    write_render("heatmap.png", grid, hatched(render_band(total, ramp_, scale_)));
    write_render("heatmap_domestic.png", grid, hatched(render_band(all.domestic, domestic_ramp_, scale_)));
    write_render("heatmap_transnational.png", grid, hatched(render_band(all.transnational, transnational_ramp_, scale_)));
    write_render("heatmap_classes.png", grid,
                 hatched(render_classes(all.domestic, all.transnational, domestic_ramp_.at(0.75), transnational_ramp_.at(0.75), scale_)));
}

HeatmapSummary::Period HeatmapFiles::write_period(const GridSpec& grid, const DensityBands& d, const std::string& label, ClassCounts members,
                                                  bool page_only) {
    std::vector<std::uint8_t> rgba = render_band(total_of(d), ramp_, scale_);
    hatch_spread(rgba, grid.width, d.imprecise_share);
    const std::string render = page_only ? "preview/heat_" + label + ".png" : "heatmap_" + label + ".png";
    if (page_only) {
        write_png(dir_ / render, grid.width, grid.height, rgba);
    } else {
        write_tif("heatmap_" + label + ".tif", grid, d, label, members);
        write_render(render, grid, rgba);
    }
    return {label, render, members.domestic, members.transnational, d.weight_in_grid};
}

HeatmapSummary::Tiles HeatmapFiles::write_tiles(const TilePyramidOptions& tiles, const std::vector<DensityPoint>& points,
                                                const std::vector<ColourScale>& scales, const LonLatBox& bounds, std::size_t incidents,
                                                GEOSContextHandle_t ctx, Reporter& reporter) {
    const TilePyramidCounts counts = write_tile_pyramid(dir_, points, params_, scales, domestic_ramp_.at(0.75), transnational_ramp_.at(0.75),
                                                        ctx, tiles, {bounds, incidents}, reporter);
    outputs_.insert(outputs_.end(), {"tiles/", "heatmap.mbtiles"});
    return {tiles.min_zoom, tiles.max_zoom, counts.written, counts.empty};
}

std::map<std::string, std::string> HeatmapFiles::metadata(const std::string& period, const DensityBands& d, ClassCounts m) const {
    return {{"INCIMAP_VERSION", INCIMAP_VERSION}, {"KERNEL", std::string(to_string(params_.kernel))},
            {"BANDWIDTH_KM", json(params_.bandwidth_km).dump()}, {"UNITS", units_},
            {"WEIGHT", weight_column_.empty() ? "none" : weight_column_}, {"IMPRECISE", imprecise_},
            {"PERIOD", period}, {"INCIDENTS", std::to_string(m.domestic + m.transnational)},
            {"DOMESTIC", std::to_string(m.domestic)}, {"TRANSNATIONAL", std::to_string(m.transnational)},
            {"SPREAD", std::to_string(d.spread)}, {"DROPPED", std::to_string(d.dropped)}, {"OFF_GRID", std::to_string(d.outside)},
            {"WEIGHT_ON_GRID", json(std::round(d.weight_in_grid * 1000) / 1000).dump()}, {"INPUT_SHA256", input_hash_}};
}

void HeatmapFiles::write_tif(const std::string& name, const GridSpec& grid, const DensityBands& d, const std::string& period,
                             ClassCounts members) {
    std::vector<float> no_share;  // no imprecise geocode: 0 where there is density, NaN elsewhere
    if (d.imprecise_share.empty()) {
        no_share.resize(d.domestic.size());
        for (std::size_t i = 0; i < no_share.size(); ++i)
            no_share[i] = d.domestic[i] + d.transnational[i] > 0 ? 0.0f : std::numeric_limits<float>::quiet_NaN();
    }
    const std::vector<float>& share = d.imprecise_share.empty() ? no_share : d.imprecise_share;
    // the band QGIS draws: NaN (nodata, transparent) where there is no density
    std::vector<float> drawn = total_of(d);
    for (float& v : drawn)
        if (!(v > 0)) v = std::numeric_limits<float>::quiet_NaN();
    write_geotiff(dir_ / name, grid,
                  {{"domestic", &d.domestic, units_}, {"transnational", &d.transnational, units_},
                   {"imprecise_share", &share, "share of density (0-1)"}, {"total", &drawn, units_}},
                  metadata(period, d, members), cog_);
    const std::string style = name.substr(0, name.size() - 4) + ".qml";
    write_file_atomically(dir_ / style, heatmap_raster_qml(ramp_, scale_, 4, units_));
    outputs_.insert(outputs_.end(), {name, style});
}

void HeatmapFiles::write_render(const std::string& name, const GridSpec& grid, const std::vector<std::uint8_t>& rgba) {
    write_png(dir_ / name, grid.width, grid.height, rgba);
    outputs_.push_back(name);
    for (const std::string& sidecar : write_georeferencing_sidecars(dir_ / name, grid)) outputs_.push_back(sidecar);
}

}  // namespace incimap
