#include "incimap/render/figure.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numbers>

#include "incimap/core/error.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/render/colour_ramp.hpp"
#include "incimap/render/web_mercator.hpp"

namespace incimap {

namespace fs = std::filesystem;

namespace {

constexpr double deg = std::numbers::pi / 180;
constexpr double title_height = 56, footer_height = 28;

double merc_y(double lat) { return web_mercator::y_m(std::clamp(lat, -web_mercator::max_lat, web_mercator::max_lat)); }

struct Frame {  // the map area of the figure and its Web Mercator extent in metres
    double x0, y0, x1, y1, left = 0, top = title_height, width = 0, height = 0;
    double px(double lon) const { return left + (web_mercator::x_m(lon) - x0) / (x1 - x0) * width; }
    double py(double lat) const { return top + (y1 - merc_y(lat)) / (y1 - y0) * height; }
};

void set_rgb(cairo_t* cr, Rgb c, double alpha = 1) { cairo_set_source_rgba(cr, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0, alpha); }

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, v == std::round(v) || v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2g", v);
    return text;
}

// Country polygons in the extent as Cairo paths, filled then outlined by the caller.
void country_paths(cairo_t* cr, const Frame& f, OGRLayer& layer) {
    auto ring = [&](const OGRLinearRing* r) {
        for (int i = 0; i < r->getNumPoints(); ++i) {
            const double x = f.px(r->getX(i)), y = f.py(r->getY(i));
            i == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
        }
        cairo_close_path(cr);
    };
    auto polygon = [&](const OGRPolygon* p) {
        ring(p->getExteriorRing());
        for (int i = 0; i < p->getNumInteriorRings(); ++i) ring(p->getInteriorRing(i));
    };
    layer.ResetReading();
    for (auto& feature : layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        if (g == nullptr) continue;
        if (wkbFlatten(g->getGeometryType()) == wkbPolygon) polygon(g->toPolygon());
        else if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon)
            for (const OGRPolygon* p : *g->toMultiPolygon()) polygon(p);
    }
}

// 1, 2 or 5 times a power of ten, at most `km`.
double round_length(double km) {
    const double p = std::pow(10.0, std::floor(std::log10(km)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= km) return m * p;
    return p;
}

}  // namespace

LonLatBox region_extent(const fs::path& gpkg, const std::string& region) {
    const DatasetPtr ds = open_boundaries_file(gpkg);
    auto lower = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    const std::string wanted = lower(region);
    std::string subregions;
    for (const auto& [layer_name, fields] : {std::pair<const char*, std::vector<const char*>>{"subregions", {"name"}},
                                             std::pair<const char*, std::vector<const char*>>{"admin0", {"name", "iso_a2", "iso_a3"}}}) {
        OGRLayer* layer = ds->GetLayerByName(layer_name);
        if (layer == nullptr) continue;
        for (auto& feature : *layer) {
            if (std::string(layer_name) == "subregions") subregions += (subregions.empty() ? "" : ", ") + std::string(feature->GetFieldAsString("name"));
            bool match = false;
            for (const char* field : fields) match |= lower(feature->GetFieldAsString(field)) == wanted;
            if (!match || feature->GetGeometryRef() == nullptr) continue;
            OGREnvelope e;
            feature->GetGeometryRef()->getEnvelope(&e);
            const double mx = (e.MaxX - e.MinX) * 0.05, my = (e.MaxY - e.MinY) * 0.05;
            return {std::max(-180.0, e.MinX - mx), std::max(-85.0, e.MinY - my), std::min(180.0, e.MaxX + mx), std::min(85.0, e.MaxY + my)};
        }
    }
    throw UsageError("--region: no subregion or country '" + region + "' (subregions: " + subregions + ")");
}

std::vector<fs::path> write_figure(const fs::path& base, const std::vector<PlacedIncident>& placed, const std::vector<DensityPoint>& points,
                                   const DensityParams& params, const fs::path& boundaries_gpkg, GEOSContextHandle_t ctx,
                                   const FigureOptions& options, Rgb domestic_hue, Rgb transnational_hue) {
    const LonLatBox& e = options.extent;
    if (!(e.west < e.east && e.south < e.north) || e.south < -85.06 || e.north > 85.06)
        throw UsageError("--extent: expected W,S,E,N with W < E and S < N, within 85 degrees of the equator");
    if (options.width < 200 || options.width > 20000) throw UsageError("--width must lie in 200-20000");
    Frame f{web_mercator::x_m(e.west), merc_y(e.south), web_mercator::x_m(e.east), merc_y(e.north)};
    f.width = options.width;
    f.height = std::round(f.width * (f.y1 - f.y0) / (f.x1 - f.x0));
    if (f.height < 50 || f.height > 20000) throw UsageError("--extent: the map would be " + std::to_string(int(f.height)) + " pixels high");
    const double width = f.width, height = title_height + f.height + footer_height;

    // The density on the figure's own pixels.
    GridSpec grid;
    grid.crs = "EPSG:3857";
    grid.min_x = f.x0;
    grid.max_x = f.x1;
    grid.min_y = f.y0;
    grid.max_y = f.y1;
    grid.width = static_cast<int>(f.width);
    grid.height = static_cast<int>(f.height);
    const CellGeometry cells(grid);
    DensityParams density_params = params;
    density_params.units = DensityUnits::per_1000_km2;
    const DensityBands d = compute_density(cells, points, density_params, ctx);
    ColourScale scale;
    scale.max = 0;
    for (std::size_t i = 0; i < d.domestic.size(); ++i) scale.max = std::max(scale.max, double(d.domestic[i]) + d.transnational[i]);
    const std::vector<std::uint8_t> rgba = render_classes(d.domestic, d.transnational, domestic_hue, transnational_hue, scale);
    // Cairo wants premultiplied native-endian ARGB.
    const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, grid.width);
    std::vector<unsigned char> argb(static_cast<std::size_t>(stride) * static_cast<std::size_t>(grid.height));
    for (int r = 0; r < grid.height; ++r)
        for (int c = 0; c < grid.width; ++c) {
            const std::uint8_t* p = &rgba[4 * (static_cast<std::size_t>(r) * static_cast<std::size_t>(grid.width) + static_cast<std::size_t>(c))];
            const std::uint32_t a = p[3];
            const std::uint32_t v = a << 24 | (p[0] * a / 255) << 16 | (p[1] * a / 255) << 8 | (p[2] * a / 255);
            std::memcpy(&argb[static_cast<std::size_t>(r) * static_cast<std::size_t>(stride) + 4 * static_cast<std::size_t>(c)], &v, 4);
        }
    cairo_surface_t* heat = cairo_image_surface_create_for_data(argb.data(), CAIRO_FORMAT_ARGB32, grid.width, grid.height, stride);

    const DatasetPtr boundaries = open_boundaries_file(boundaries_gpkg);
    OGRLayer* countries = &boundaries_layer(*boundaries, "admin0", boundaries_gpkg);
    countries->SetSpatialFilterRect(e.west, e.south, e.east, e.north);
    std::size_t domestic = 0;
    for (const PlacedIncident& p : placed) domestic += p.incident_class == IncidentClass::domestic;
    const Rgb domestic_dot{178, 24, 43}, transnational_dot{33, 102, 172}, ink{40, 40, 40};

    auto draw = [&](cairo_t* cr) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        // the map: sea, land, heatmap, borders, incidents
        cairo_save(cr);
        cairo_rectangle(cr, f.left, f.top, f.width, f.height);
        cairo_clip(cr);
        set_rgb(cr, {221, 232, 239});
        cairo_paint(cr);
        country_paths(cr, f, *countries);
        cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
        set_rgb(cr, {244, 243, 239});
        cairo_fill(cr);
        cairo_set_source_surface(cr, heat, f.left, f.top);
        cairo_paint(cr);
        country_paths(cr, f, *countries);
        set_rgb(cr, {140, 140, 140});
        cairo_set_line_width(cr, 0.6);
        cairo_stroke(cr);
        for (const PlacedIncident& p : placed) {
            const LonLat q = p.location.position;
            if (q.lon_deg < e.west || q.lon_deg > e.east || q.lat_deg < e.south || q.lat_deg > e.north) continue;
            cairo_arc(cr, f.px(q.lon_deg), f.py(q.lat_deg), 3.5, 0, 2 * std::numbers::pi);
            set_rgb(cr, p.incident_class == IncidentClass::domestic ? domestic_dot : transnational_dot);
            cairo_fill_preserve(cr);
            cairo_set_source_rgb(cr, 1, 1, 1);
            cairo_set_line_width(cr, 0.8);
            cairo_stroke(cr);
        }
        cairo_restore(cr);
        cairo_rectangle(cr, f.left + 0.5, f.top + 0.5, f.width - 1, f.height - 1);
        set_rgb(cr, {120, 120, 120});
        cairo_set_line_width(cr, 1);
        cairo_stroke(cr);

        // title
        cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
        cairo_set_font_size(cr, 22);
        set_rgb(cr, ink);
        cairo_move_to(cr, 14, 36);
        cairo_show_text(cr, options.title.c_str());

        // legend: classes, the heat ramps with units, the kernel
        cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
        cairo_set_font_size(cr, 13);
        const double lw = 300, lh = 118, lx = f.left + 12, ly = f.top + f.height - lh - 12;
        cairo_rectangle(cr, lx, ly, lw, lh);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
        cairo_fill_preserve(cr);
        set_rgb(cr, {170, 170, 170});
        cairo_set_line_width(cr, 0.8);
        cairo_stroke(cr);
        const std::pair<Rgb, std::string> entries[] = {{domestic_dot, "domestic (" + std::to_string(domestic) + ")"},
                                                       {transnational_dot, "transnational (" + std::to_string(placed.size() - domestic) + ")"}};
        for (int i = 0; i < 2; ++i) {
            const double y = ly + 20 + 20 * i;
            cairo_arc(cr, lx + 16, y - 4, 4, 0, 2 * std::numbers::pi);
            set_rgb(cr, entries[i].first);
            cairo_fill(cr);
            set_rgb(cr, ink);
            cairo_move_to(cr, lx + 28, y);
            cairo_show_text(cr, entries[i].second.c_str());
            // the class's heat ramp, transparent to opaque
            cairo_pattern_t* ramp = cairo_pattern_create_linear(lx + 180, 0, lx + lw - 14, 0);
            const Rgb hue = i == 0 ? domestic_hue : transnational_hue;
            cairo_pattern_add_color_stop_rgba(ramp, 0, hue[0] / 255.0, hue[1] / 255.0, hue[2] / 255.0, 0.15);
            cairo_pattern_add_color_stop_rgba(ramp, 1, hue[0] / 255.0, hue[1] / 255.0, hue[2] / 255.0, 1);
            cairo_rectangle(cr, lx + 180, y - 11, lw - 194, 12);
            cairo_set_source(cr, ramp);
            cairo_fill(cr);
            cairo_pattern_destroy(ramp);
        }
        set_rgb(cr, ink);
        cairo_set_font_size(cr, 11);
        const std::string units = "heat: " + options.weight_label + " per 1,000 km\u00b2, 0 to " + number(scale.max) + " (square-root scale)";
        cairo_move_to(cr, lx + 10, ly + 70);
        cairo_show_text(cr, units.c_str());
        const std::string kernel = std::string(to_string(params.kernel)) + " kernel, bandwidth " + number(params.bandwidth_km) + " km on the ground";
        cairo_move_to(cr, lx + 10, ly + 86);
        cairo_show_text(cr, kernel.c_str());
        const std::string imprecise = params.imprecise == ImpreciseMode::spread ? "admin-1 and country geocodes spread over their areas"
                                      : params.imprecise == ImpreciseMode::point ? "admin-1 and country geocodes at their centroids"
                                                                                 : "admin-1 and country geocodes left out";
        cairo_move_to(cr, lx + 10, ly + 102);
        cairo_show_text(cr, imprecise.c_str());

        // scale bar, true at the map's middle latitude (Web Mercator stretches away from it)
        const double mid_lat = (e.south + e.north) / 2;
        const double km_per_px = (f.x1 - f.x0) / 1000 / f.width * std::cos(mid_lat * deg);
        const double km = round_length(km_per_px * f.width / 5), bar = km / km_per_px;
        const double sx = f.left + f.width - bar - 20, sy = f.top + f.height - 22;
        cairo_rectangle(cr, sx - 8, sy - 22, bar + 16, 34);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_fill(cr);
        set_rgb(cr, ink);
        cairo_set_line_width(cr, 2);
        cairo_move_to(cr, sx, sy - 5);
        cairo_line_to(cr, sx, sy);
        cairo_line_to(cr, sx + bar, sy);
        cairo_line_to(cr, sx + bar, sy - 5);
        cairo_stroke(cr);
        char label[64];
        std::snprintf(label, sizeof label, "%s km at %.0f\u00b0%s", number(km).c_str(), std::fabs(mid_lat), mid_lat >= 0 ? "N" : "S");
        cairo_move_to(cr, sx, sy - 9);
        cairo_show_text(cr, label);

        // attribution
        cairo_set_font_size(cr, 11);
        set_rgb(cr, {110, 110, 110});
        const char* credit = "Places: GeoNames (CC BY 4.0) \u00b7 Boundaries: Natural Earth (public domain) \u00b7 Web Mercator \u00b7 incimap";
        cairo_text_extents_t ext;
        cairo_text_extents(cr, credit, &ext);
        cairo_move_to(cr, width - ext.x_advance - 12, height - 10);
        cairo_show_text(cr, credit);
    };

    std::vector<fs::path> written;
    for (const std::string& format : options.formats) {
        const fs::path path = fs::path(base.string() + "." + format);
        AtomicOutput out(path);
        cairo_surface_t* surface = nullptr;
        if (format == "png") surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(width), static_cast<int>(height));
        else if (format == "svg") surface = cairo_svg_surface_create(out.temp_path().c_str(), width, height);
        else if (format == "pdf") surface = cairo_pdf_surface_create(out.temp_path().c_str(), width, height);
        else throw UsageError("--format: '" + format + "' is not png, svg or pdf");
        cairo_t* cr = cairo_create(surface);
        draw(cr);
        const cairo_status_t drawn = cairo_status(cr);
        cairo_destroy(cr);
        cairo_status_t status = drawn;
        if (format == "png" && status == CAIRO_STATUS_SUCCESS) status = cairo_surface_write_to_png(surface, out.temp_path().c_str());
        cairo_surface_finish(surface);
        if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
        cairo_surface_destroy(surface);
        if (status != CAIRO_STATUS_SUCCESS) {
            cairo_surface_destroy(heat);
            throw IoError(path.string() + ": cannot write: " + cairo_status_to_string(status));
        }
        out.commit();
        written.push_back(path);
    }
    cairo_surface_destroy(heat);
    return written;
}

}  // namespace incimap
