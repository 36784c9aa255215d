#pragma once
// Report figures: a map of one extent (or one small map per period) with Natural Earth country
// outlines and names, a graticule, the heatmap of both classes on one colour scale, the incidents
// as dots by class, a title with the date range, a legend counting what is in the frame, an
// inset locator map, a scale bar, the credits and a boundary disclaimer, drawn with Cairo as PNG,
// SVG and PDF on a page of a given size in millimetres, text set in points.
#include <filesystem>
#include <string>
#include <vector>

#include "incimap/core/geo.hpp"
#include "incimap/core/incident.hpp"
#include "incimap/render/colour_ramp.hpp"
#include "incimap/render/density.hpp"

namespace incimap {

struct FigureOptions {
    LonLatBox extent;
    std::string title;
    double page_width_mm = 160, page_height_mm = 110;  ///< the printed size; PDF and SVG pages in points
    double dpi = 300;                                  ///< PNG pixels per inch, and the heatmap's resolution
    std::vector<std::string> formats = {"png", "svg", "pdf"};
    std::string weight_label = "incidents";
    std::string credit;                                ///< the incident data's credit line
};

/// One map of the figure: a period's incidents (or all of them) and their density points.
struct FigurePanel {
    std::string label;                 ///< the period ("2024-Q1"); empty for a single map
    std::vector<DensityPoint> points;  ///< what the panel's heatmap is computed from
    std::vector<bool> shown;           ///< per placed incident: drawn as a dot in this panel
};

/// Throws InvalidOption for a page or resolution out of range, or a SOURCE_DATE_EPOCH that is not
/// seconds since 1970.
void check(const FigureOptions& options);

/// The lon/lat box of a region in the boundaries file: a UN subregion ("Central Asia"), or a
/// country by name or ISO code, with a margin of 5%. Throws InvalidOption naming the choices.
LonLatBox region_extent(const std::filesystem::path& boundaries_gpkg, const std::string& region);

/// Writes `base`.png/.svg/.pdf (each atomically) and returns the paths written. The extent is
/// widened to the map area's shape; incidents whose dot would cross the frame's edge are left out
/// and counted. Several panels share one colour scale and one legend. PDF dates come from
/// SOURCE_DATE_EPOCH, else the epoch. Throws InvalidOption for a bad extent or page, IoError on writing.
std::vector<std::filesystem::path> write_figure(const std::filesystem::path& base, const std::vector<PlacedIncident>& placed,
                                                const std::vector<FigurePanel>& panels, const DensityParams& params,
                                                const std::filesystem::path& boundaries_gpkg, GEOSContextHandle_t ctx,
                                                const FigureOptions& options, Rgb domestic_hue, Rgb transnational_hue);

}  // namespace incimap
