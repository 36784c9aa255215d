#pragma once
// Report figures: a map of one extent (or one small map per period) with Natural Earth country
// outlines and names, a graticule, the heatmap of both classes on one colour scale, the incidents
// as dots by class, a title with the date range, a legend counting what is in the frame, an
// inset locator map, a scale bar, the credits and a boundary disclaimer, drawn with Cairo on a
// page of a given size in millimetres, text set in points.
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "incimap/core/geo.hpp"
#include "incimap/core/incident.hpp"
#include "incimap/render/colour_ramp.hpp"
#include "incimap/render/density.hpp"

using cairo_t = struct _cairo;

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

/// The figure's colours: the incidents' dots as every style draws them, the heat of each class.
struct FigurePalette {
    ClassColours dots;
    Rgb domestic_heat, transnational_heat;
};

/// One map of the figure: a period's incidents (or all of them) and their density points.
struct FigurePanel {
    std::string label;                 ///< the period ("2024-Q1"); empty for a single map
    std::vector<DensityPoint> points;  ///< what the panel's heatmap is computed from
    std::vector<bool> shown;           ///< per placed incident: drawn as a dot in this panel
};

/// Throws InvalidOption for a page or resolution out of range.
void check(const FigureOptions& options);

/// A figure laid out and ready to draw: the extent widened to the map area's shape, panels on
/// one colour scale and one legend, incidents whose dot would cross the frame's edge left out and
/// counted. output/figure_files.hpp draws it as PNG, SVG and PDF. `placed` and `panels` must
/// outlive it. Throws InvalidOption for a bad extent or a page too small for what it holds.
class FigureDrawing {
public:
    FigureDrawing(std::span<const IncidentPoint> placed, const std::vector<FigurePanel>& panels, const DensityParams& params,
                  const std::filesystem::path& boundaries_gpkg, GEOSContextHandle_t ctx, const FigureOptions& options,
                  const FigurePalette& palette);
    ~FigureDrawing();
    FigureDrawing(const FigureDrawing&) = delete;
    FigureDrawing& operator=(const FigureDrawing&) = delete;

    double page_width_pt() const noexcept { return page_width_pt_; }
    double page_height_pt() const noexcept { return page_height_pt_; }
    double px_per_pt() const noexcept { return px_per_pt_; }  ///< PNG pixels per point, from the dpi
    const std::string& title() const noexcept { return title_; }
    /// Draws the page on `cr`, in points.
    void draw(cairo_t* cr) const;

private:
    struct Parts;
    double page_width_pt_, page_height_pt_, px_per_pt_;
    std::string title_;
    std::unique_ptr<Parts> parts_;
};

}  // namespace incimap
