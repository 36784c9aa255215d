#pragma once
// QGIS styles for the heatmap rasters, written beside them (`heatmap.tif` -> `heatmap.qml`) so
// that QGIS draws the density as the PNG renders do instead of a grey or black box.
#include <string>

#include "incimap/render/colour_ramp.hpp"

namespace incimap {

/// A QGIS raster style (.qml): band `band` (1-based) as single-band pseudocolour through `ramp`
/// on the square-root scale of `scale` (t = sqrt(value / max), opacity from 15% as in the PNGs),
/// interpolated between 17 stops; values beyond the max keep the last colour, nodata is
/// transparent. `units` labels the legend.
std::string heatmap_raster_qml(const ColourRamp& ramp, const ColourScale& scale, int band, const std::string& units);

}  // namespace incimap
