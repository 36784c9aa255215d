#include "incimap/output/raster_style.hpp"

#include <cstdio>

namespace incimap {

namespace {

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", v);
    return text;
}

std::string hex(const Rgb& c) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c[0], c[1], c[2]);
    return text;
}

}  // namespace

std::string heatmap_raster_qml(const ColourRamp& ramp, const ColourScale& scale, int band, const std::string& units) {
    constexpr int steps = 16;
    const double max = scale.max > 0 ? scale.max : 1;  // an empty heatmap still gets a valid ramp
    std::string items;
    for (int k = 0; k <= steps; ++k) {
        const double t = double(k) / steps;
        const double value = max * t * t;  // the inverse of t = sqrt(value / max)
        items += "          <item value=\"" + number(value) + "\" color=\"" + hex(ramp.at(t)) + "\" alpha=\"" +
                 std::to_string(scale.alpha(t)) + "\" label=\"" + number(value) + "\"/>\n";
    }
    const std::string b = std::to_string(band), top = number(max);
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
           "<!-- incimap heatmap: the total density (" + units + ") through the colour ramp of the PNG renders,\n"
           "     square-root scale, transparent where there is no density (nodata). Written by incimap. -->\n"
           "<qgis version=\"3.22.0\" styleCategories=\"Symbology\">\n"
           "  <pipe>\n"
           "    <rasterrenderer type=\"singlebandpseudocolor\" band=\"" + b + "\" opacity=\"1\" alphaBand=\"-1\" nodataColor=\"\""
           " classificationMin=\"0\" classificationMax=\"" + top + "\">\n"
           "      <rasterTransparency/>\n"
           "      <minMaxOrigin>\n"
           "        <limits>None</limits>\n"
           "        <extent>WholeRaster</extent>\n"
           "        <statAccuracy>Estimated</statAccuracy>\n"
           "        <cumulativeCutLower>0.02</cumulativeCutLower>\n"
           "        <cumulativeCutUpper>0.98</cumulativeCutUpper>\n"
           "        <stdDevFactor>2</stdDevFactor>\n"
           "      </minMaxOrigin>\n"
           "      <rastershader>\n"
           "        <colorrampshader colorRampType=\"INTERPOLATED\" classificationMode=\"1\" clip=\"0\" minimumValue=\"0\""
           " maximumValue=\"" + top + "\" labelPrecision=\"4\">\n" +
           items +
           "        </colorrampshader>\n"
           "      </rastershader>\n"
           "    </rasterrenderer>\n"
           "    <brightnesscontrast brightness=\"0\" contrast=\"0\" gamma=\"1\"/>\n"
           "    <huesaturation saturation=\"0\" grayscaleMode=\"0\" colorizeOn=\"0\" colorizeStrength=\"100\" colorizeRed=\"255\""
           " colorizeGreen=\"128\" colorizeBlue=\"128\"/>\n"
           "    <rasterresampler maxOversampling=\"2\"/>\n"
           "  </pipe>\n"
           "  <blendMode>0</blendMode>\n"
           "</qgis>\n";
}

}  // namespace incimap
