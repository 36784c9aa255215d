#pragma once
// The files of one heatmap run, written step by step over one grid, ramp and colour scale:
// GeoTIFFs with their QGIS styles, PNG renders with their georeferencing, per-period images and
// the tile pyramid. The densities come computed (pipeline/heatmap_job.hpp); this writes them.
#include <cstddef>
#include <filesystem>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "incimap/render/colour_ramp.hpp"
#include "incimap/render/density.hpp"
#include "incimap/render/raster_grid.hpp"
#include "incimap/render/tile_pyramid.hpp"

namespace incimap {

class Reporter;

/// What a heatmap run made: the grid, the counts and the colour scale, for summary.json, the
/// preview page and the QGIS project.
struct HeatmapSummary {
    std::optional<std::string> note;  ///< said when no incident was placed
    std::string crs;
    int width = 0, height = 0;
    std::array<double, 4> extent{};  ///< min x, min y, max x, max y in CRS units
    std::string kernel;
    double bandwidth_km = 0;
    std::string units;
    std::optional<std::string> weight;  ///< the weight column, if any
    std::string imprecise;              ///< spread, point or drop
    double weight_on_grid = 0;
    std::size_t spread = 0, dropped = 0, off_grid = 0;
    double colour_scale_max = 0;
    struct Period {
        std::string period, render;  ///< the period's label and its PNG
        std::size_t domestic = 0, transnational = 0;
        double weight_on_grid = 0;
    };
    std::vector<Period> periods;
    struct Tiles {
        int min_zoom = 0, max_zoom = 0;
        std::size_t written = 0, empty_skipped = 0;
    };
    std::optional<Tiles> tiles;

    /// The "heatmap" object of summary.json.
    nlohmann::json to_json() const;
};

/// The incidents of a period (or of all), by class.
struct ClassCounts {
    std::size_t domestic = 0, transnational = 0;
};

/// Both classes summed per cell.
std::vector<float> total_of(const DensityBands& d);

class HeatmapFiles {
public:
    /// Rasters in `dir` of densities computed with `params`, rendered with the colour ramp
    /// `ramp` of `styles_dir`, weighed by `weight_column` (empty: none); `input_hash` goes into
    /// the GeoTIFFs' metadata. Appends each file written to `outputs`. Throws InvalidOption for
    /// an unknown ramp.
    HeatmapFiles(const std::filesystem::path& dir, const DensityParams& params, const std::string& ramp, const std::string& weight_column,
                 bool cog, const std::filesystem::path& styles_dir, const std::string& input_hash, std::vector<std::string>& outputs);

    const DensityParams& params() const { return params_; }
    const std::string& units() const { return units_; }
    const char* imprecise() const { return imprecise_; }

    /// Both classes and every period share one scale, so that their images compare: that of the
    /// total of all incidents.
    void set_scale(const std::vector<float>& total) { scale_.max = band_max({&total}); }
    double scale_max() const { return scale_.max; }

    /// heatmap.tif and the four renders of all incidents (`total`: both classes of `all`).
    void write_all(const GridSpec& grid, const DensityBands& all, const std::vector<float>& total, ClassCounts everyone);
    /// One period's raster and render (heatmap_{period}.tif/.png), or with `page_only` its
    /// render alone for the preview page's slider (preview/heat_{period}.png).
    HeatmapSummary::Period write_period(const GridSpec& grid, const DensityBands& d, const std::string& label, ClassCounts members,
                                        bool page_only);
    /// The pyramid of both classes (tiles/ and heatmap.mbtiles), one colour scale per zoom,
    /// described as covering `bounds`.
    HeatmapSummary::Tiles write_tiles(const TilePyramidOptions& tiles, const std::vector<DensityPoint>& points,
                                      const std::vector<ColourScale>& scales, const LonLatBox& bounds, std::size_t incidents,
                                      GEOSContextHandle_t ctx, Reporter& reporter);

private:
    std::map<std::string, std::string> metadata(const std::string& period, const DensityBands& d, ClassCounts m) const;
    void write_tif(const std::string& name, const GridSpec& grid, const DensityBands& d, const std::string& period, ClassCounts members);
    void write_render(const std::string& name, const GridSpec& grid, const std::vector<std::uint8_t>& rgba);

    const std::filesystem::path& dir_;
    DensityParams params_;
    const std::string weight_column_;
    const bool cog_;
    const ColourRamp ramp_, domestic_ramp_, transnational_ramp_;
    const std::string units_;
    const char* imprecise_;
    const std::string& input_hash_;
    std::vector<std::string>& outputs_;
    ColourScale scale_;
};

}  // namespace incimap
