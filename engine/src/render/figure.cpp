#include "incimap/core/ascii.hpp"
#include "incimap/render/figure.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <geos_c.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <numbers>

#include "incimap/core/error.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/render/colour_ramp.hpp"
#include "incimap/render/web_mercator.hpp"

namespace incimap {

namespace fs = std::filesystem;

namespace {

// Every length below is in points (1/72 inch): the PDF and SVG page unit, scaled to dpi for PNG.
constexpr double deg = std::numbers::pi / 180;
constexpr double pt_per_mm = 72 / 25.4;
constexpr double body_pt = 7, small_title_pt = 7.5, title_pt = 11, line = 8.6, margin = 10;
constexpr double dot_radius = 1.9, lat_label_width = 24, lon_label_height = 10, panel_label_height = 9;
const Rgb ink{40, 40, 40}, grey_ink{95, 95, 95};

double merc_y(double lat) { return web_mercator::y_m(std::clamp(lat, -web_mercator::max_lat, web_mercator::max_lat)); }

struct Frame {  // a map on the page: its Web Mercator extent in metres and its place in points
    double x0, y0, x1, y1, left = 0, top = 0, width = 0, height = 0;
    double px(double lon) const { return left + (web_mercator::x_m(lon) - x0) / (x1 - x0) * width; }
    double py(double lat) const { return top + (y1 - merc_y(lat)) / (y1 - y0) * height; }
    LonLatBox box() const { return {web_mercator::lon_deg(x0), web_mercator::lat_deg(y0), web_mercator::lon_deg(x1), web_mercator::lat_deg(y1)}; }
    bool holds_dot(LonLat q) const {  // the whole dot, not only its centre, lies inside
        const double x = px(q.lon_deg), y = py(q.lat_deg);
        return x - dot_radius >= left && x + dot_radius <= left + width && y - dot_radius >= top && y + dot_radius <= top + height;
    }
};

// The extent widened (about its middle) to the shape of a width x height area.
Frame fit_frame(const LonLatBox& e, double width, double height) {
    Frame f{web_mercator::x_m(e.west), merc_y(e.south), web_mercator::x_m(e.east), merc_y(e.north)};
    const double want = width / height, have = (f.x1 - f.x0) / (f.y1 - f.y0);
    if (have < want) {
        const double half = (f.y1 - f.y0) * want / 2, mid = (f.x0 + f.x1) / 2;
        f.x0 = std::max(-web_mercator::half_world_m, mid - half);
        f.x1 = std::min(web_mercator::half_world_m, mid + half);
    } else {
        const double half = (f.x1 - f.x0) / want / 2, mid = (f.y0 + f.y1) / 2;
        f.y0 = std::max(-web_mercator::half_world_m, mid - half);
        f.y1 = std::min(web_mercator::half_world_m, mid + half);
    }
    f.width = width;
    f.height = height;
    return f;
}

void set_rgb(cairo_t* cr, Rgb c, double alpha = 1) { cairo_set_source_rgba(cr, c[0] / 255.0, c[1] / 255.0, c[2] / 255.0, alpha); }

void font(cairo_t* cr, double size, bool bold = false, bool italic = false) {
    cairo_select_font_face(cr, "DejaVu Sans", italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

// Text for Cairo, which refuses invalid UTF-8 (a file name may hold any bytes): bad bytes become '?'.
std::string valid_utf8(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool ok = n > 0 && i + n <= s.size() && (n > 1 || c >= 0x20 || c == '\t');
        for (std::size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok) out.append(s, i, n);
        else out += '?';
        i += ok ? n : 1;
    }
    return out;
}

double text_width(cairo_t* cr, const std::string& s) {
    cairo_text_extents_t e;
    cairo_text_extents(cr, s.c_str(), &e);
    return e.x_advance;
}

void show(cairo_t* cr, double x, double y, const std::string& s, double align = 0) {  // align 0 left, 0.5 centre, 1 right
    cairo_move_to(cr, x - align * text_width(cr, s), y);
    cairo_show_text(cr, s.c_str());
}

// The title in bold, down to 8 pt for a long one, and cut with an ellipsis if still too long.
std::string fitted_title(cairo_t* cr, const std::string& title, double width) {
    double size = title_pt;
    font(cr, size, true);
    while (size > 8 && text_width(cr, title) > width) font(cr, size -= 0.5, true);
    if (text_width(cr, title) <= width) return title;
    std::string cut = title;
    while (!cut.empty() && text_width(cr, cut + "\u2026") > width) {
        cut.pop_back();
        while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
        if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
    }
    return cut + "\u2026";
}

// Lines of at most `width` points in the current font, broken at spaces, or inside a word (at
// a character boundary) that is wider than a line on its own.
std::vector<std::string> wrap(cairo_t* cr, const std::string& text, double width) {
    std::vector<std::string> lines;
    std::string current;
    auto push_word = [&](std::string word) {
        const std::string joined = current.empty() ? word : current + " " + word;
        if (text_width(cr, joined) <= width) {
            current = joined;
            return;
        }
        if (!current.empty()) lines.push_back(current);
        current.clear();
        while (text_width(cr, word) > width) {
            std::size_t cut = word.size();
            while (cut > 1 && text_width(cr, word.substr(0, cut)) > width)
                do --cut;
                while (cut > 1 && (static_cast<unsigned char>(word[cut]) & 0xC0) == 0x80);
            lines.push_back(word.substr(0, cut));
            word.erase(0, cut);
        }
        current = word;
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(' ', start), text.size());
        if (end > start) push_word(text.substr(start, end - start));
        start = end + 1;
    }
    if (!current.empty()) lines.push_back(current);
    return lines;
}

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, v == std::round(v) || v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2g", v);
    return text;
}

std::string day_text(std::chrono::sys_days d) {
    const std::chrono::year_month_day ymd{d};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
    return text;
}

// 1, 2 or 5 times a power of ten, at most `km`.
double round_length(double km) {
    const double p = std::pow(10.0, std::floor(std::log10(km)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * p <= km) return m * p;
    return p;
}

// Country polygons as Cairo paths, filled then outlined by the caller.
void country_paths(cairo_t* cr, const Frame& f, OGRLayer& layer) {
    // Points closer than a fifth of a point to the last one drawn add nothing on paper but bytes.
    auto ring = [&](const OGRLinearRing* r) {
        double last_x = 0, last_y = 0;
        for (int i = 0; i < r->getNumPoints(); ++i) {
            const double x = f.px(r->getX(i)), y = f.py(r->getY(i));
            if (i > 0 && i + 1 < r->getNumPoints() && std::hypot(x - last_x, y - last_y) < 0.2) continue;
            i == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
            last_x = x, last_y = y;
        }
        cairo_close_path(cr);
    };
    const LonLatBox b = f.box();
    auto polygon = [&](const OGRPolygon* p) {  // parts off the frame (Russia's east, beside Central Asia) are skipped
        OGREnvelope e;
        p->getEnvelope(&e);
        if (e.MaxX < b.west || e.MinX > b.east || e.MaxY < b.south || e.MinY > b.north) return;
        ring(p->getExteriorRing());
        for (int i = 0; i < p->getNumInteriorRings(); ++i) ring(p->getInteriorRing(i));
    };
    layer.SetSpatialFilterRect(b.west, b.south, b.east, b.north);
    layer.ResetReading();
    for (auto& feature : layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        if (g == nullptr) continue;
        if (wkbFlatten(g->getGeometryType()) == wkbPolygon) polygon(g->toPolygon());
        else if (wkbFlatten(g->getGeometryType()) == wkbMultiPolygon)
            for (const OGRPolygon* p : *g->toMultiPolygon()) polygon(p);
    }
}

// Sea, land and borders of a frame, clipped to it; the caller restores.
void draw_land(cairo_t* cr, const Frame& f, OGRLayer& countries) {
    cairo_save(cr);
    cairo_rectangle(cr, f.left, f.top, f.width, f.height);
    cairo_clip(cr);
    set_rgb(cr, {221, 232, 239});
    cairo_paint(cr);
    country_paths(cr, f, countries);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    set_rgb(cr, {244, 243, 239});
    cairo_fill(cr);
}

void draw_borders(cairo_t* cr, const Frame& f, OGRLayer& countries, double width) {
    country_paths(cr, f, countries);
    set_rgb(cr, {130, 130, 130});
    cairo_set_line_width(cr, width);
    cairo_stroke(cr);
}

void frame_outline(cairo_t* cr, const Frame& f) {
    cairo_rectangle(cr, f.left, f.top, f.width, f.height);
    set_rgb(cr, {90, 90, 90});
    cairo_set_line_width(cr, 0.6);
    cairo_stroke(cr);
}

// Graticule step in degrees: at most five lines across the frame's narrower side, and far
// enough apart on the page for their labels not to touch.
double graticule_step(const Frame& f) {
    const LonLatBox b = f.box();
    const double span = std::min(b.east - b.west, b.north - b.south), pt_per_lon = f.width / (b.east - b.west);
    for (double step : {0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 15.0, 30.0})
        if (span / step <= 5 && step * pt_per_lon >= 22 && f.height / (b.north - b.south) * step >= 14) return step;
    return 45;
}

std::string degrees(double v, const char* positive, const char* negative) {
    char text[32];
    std::snprintf(text, sizeof text, v == std::round(v) ? "%.0f\u00b0%s" : "%.2g\u00b0%s", std::fabs(v), v > 0 ? positive : v < 0 ? negative : "");
    return text;
}

// Lines every `step` degrees inside the frame; labels outside it, on the left and below when asked.
void draw_graticule(cairo_t* cr, const Frame& f, double step, bool label_left, bool label_below) {
    const LonLatBox b = f.box();
    cairo_save(cr);
    cairo_rectangle(cr, f.left, f.top, f.width, f.height);
    cairo_clip(cr);
    set_rgb(cr, {110, 110, 110}, 0.45);
    cairo_set_line_width(cr, 0.35);
    for (double lon = std::ceil(b.west / step) * step; lon <= b.east; lon += step) {
        cairo_move_to(cr, f.px(lon), f.top);
        cairo_line_to(cr, f.px(lon), f.top + f.height);
    }
    for (double lat = std::ceil(b.south / step) * step; lat <= b.north; lat += step) {
        cairo_move_to(cr, f.left, f.py(lat));
        cairo_line_to(cr, f.left + f.width, f.py(lat));
    }
    cairo_stroke(cr);
    cairo_restore(cr);
    font(cr, body_pt);
    set_rgb(cr, grey_ink);
    if (label_below)
        for (double lon = std::ceil(b.west / step) * step; lon <= b.east; lon += step) {
            const std::string s = degrees(lon, "E", "W");
            const double x = f.px(lon), w = text_width(cr, s);
            if (x - w / 2 >= f.left - 4 && x + w / 2 <= f.left + f.width + 4) show(cr, x, f.top + f.height + 8, s, 0.5);
        }
    if (label_left)
        for (double lat = std::ceil(b.south / step) * step; lat <= b.north; lat += step) {
            const double y = f.py(lat);
            if (y - 3 >= f.top && y + 3 <= f.top + f.height) show(cr, f.left - 2.5, y + 2.5, degrees(lat, "N", "S"), 1);
        }
}

struct Box {
    double x0, y0, x1, y1;
    bool overlaps(const Box& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
};

// Country names, largest country in the frame first, where the name fits inside the country's
// part in the frame and clear of the names already set and of `keep_clear`.
void draw_country_labels(cairo_t* cr, const Frame& f, OGRLayer& countries, GEOSContextHandle_t ctx, std::vector<Box> taken) {
    const LonLatBox b = f.box();
    OGRPolygon frame_polygon;
    {
        OGRLinearRing r;
        r.addPoint(b.west, b.south);
        r.addPoint(b.east, b.south);
        r.addPoint(b.east, b.north);
        r.addPoint(b.west, b.north);
        r.closeRings();
        frame_polygon.addRing(&r);
    }
    struct Candidate {  // a country's largest polygon inside the frame
        double area;
        std::string name;
        std::unique_ptr<OGRPolygon> part;
    };
    std::vector<Candidate> candidates;
    countries.SetSpatialFilterRect(b.west, b.south, b.east, b.north);
    countries.ResetReading();
    const GdalErrorCapture quiet;  // an invalid polygon only loses its label
    for (auto& feature : countries) {
        const OGRGeometry* g = feature->GetGeometryRef();
        if (g == nullptr) continue;
        std::unique_ptr<OGRGeometry> clipped(g->Intersection(&frame_polygon));
        if (!clipped || clipped->IsEmpty()) continue;
        std::unique_ptr<OGRPolygon> largest;
        auto consider = [&](const OGRPolygon* p) {
            if (!largest || p->get_Area() > largest->get_Area()) largest.reset(p->clone());
        };
        if (wkbFlatten(clipped->getGeometryType()) == wkbPolygon) consider(clipped->toPolygon());
        else if (OGRGeometryCollection* parts = dynamic_cast<OGRGeometryCollection*>(clipped.get()))
            for (const OGRGeometry* p : *parts)
                if (wkbFlatten(p->getGeometryType()) == wkbPolygon) consider(p->toPolygon());
        if (largest && largest->get_Area() > 0) candidates.push_back({largest->get_Area(), feature->GetFieldAsString("name"), std::move(largest)});
    }
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& c) { return a.area > c.area; });
    font(cr, body_pt, false, true);
    for (const Candidate& c : candidates) {
        GEOSGeometry* g = c.part->exportToGEOS(ctx);
        GEOSGeometry* point = g != nullptr ? GEOSPointOnSurface_r(ctx, g) : nullptr;
        double px = 0, py = 0;
        const bool found = point != nullptr && GEOSGeomGetX_r(ctx, point, &px) == 1 && GEOSGeomGetY_r(ctx, point, &py) == 1;
        if (point != nullptr) GEOSGeom_destroy_r(ctx, point);
        if (g != nullptr) GEOSGeom_destroy_r(ctx, g);
        if (!found) continue;
        const OGRPoint at(px, py);
        OGREnvelope env;
        c.part->getEnvelope(&env);
        const std::string name = valid_utf8(c.name);
        const double w = text_width(cr, name), x = f.px(at.getX()), y = f.py(at.getY());
        const Box box{x - w / 2 - 1, y - 4, x + w / 2 + 1, y + 4};
        if (f.px(env.MaxX) - f.px(env.MinX) < w * 0.9 || f.py(env.MinY) - f.py(env.MaxY) < 10) continue;
        if (box.x0 < f.left + 2 || box.x1 > f.left + f.width - 2 || box.y0 < f.top + 2 || box.y1 > f.top + f.height - 2) continue;
        if (std::any_of(taken.begin(), taken.end(), [&](const Box& t) { return t.overlaps(box); })) continue;
        taken.push_back(box);
        set_rgb(cr, {255, 255, 255}, 0.75);  // a soft backing so the name reads over the heatmap
        cairo_rectangle(cr, box.x0, box.y0 + 0.5, box.x1 - box.x0, box.y1 - box.y0);
        cairo_fill(cr);
        set_rgb(cr, {80, 80, 80});
        show(cr, x, y + 2.5, name, 0.5);
    }
}

}  // namespace

namespace {

// Where everything goes on the page, in points.
struct Layout {
    double width, height;               // the page
    double side_left, side_width;       // the column with the inset, the legend and the scale bar
    double header_bottom, footer_top;
    std::vector<Frame> panels;          // one frame per panel, all of one size and extent
    int columns = 1;
};

// Panels in a grid of the column count that makes them largest, the extent widened to fill each.
Layout lay_out(const LonLatBox& e, double page_w, double page_h, std::size_t panel_count, double footer_height, bool labelled_panels) {
    Layout l;
    l.width = page_w;
    l.height = page_h;
    l.side_width = std::clamp(page_w * 0.26, 105.0, 170.0);
    l.header_bottom = margin + title_pt + line + 4;
    l.footer_top = page_h - footer_height;
    l.side_left = page_w - margin - l.side_width;
    const double left = margin + lat_label_width, top = l.header_bottom + 2;
    const double box_w = l.side_left - 10 - left, box_h = l.footer_top - lon_label_height - 2 - top;
    if (box_w < 60 || box_h < 60) throw InvalidOption("figure.page_mm", "the page leaves too little room for the map");
    const double label_h = labelled_panels ? panel_label_height : 0, gap_x = 9, gap_y = lon_label_height + 2;
    const Frame shape = fit_frame(e, 1, 1);  // the extent's own shape, before widening
    const double aspect = (shape.x1 - shape.x0) / (shape.y1 - shape.y0);
    double best = 0;
    for (std::size_t c = 1; c <= panel_count; ++c) {
        const std::size_t r = (panel_count + c - 1) / c;
        const double cell_w = (box_w - double(c - 1) * gap_x) / double(c), cell_h = (box_h - double(r - 1) * gap_y) / double(r) - label_h;
        const double w = std::min(cell_w, cell_h * aspect);
        if (w > best) best = w, l.columns = static_cast<int>(c);
    }
    const std::size_t c = static_cast<std::size_t>(l.columns), r = (panel_count + c - 1) / c;
    double pw = (box_w - double(c - 1) * gap_x) / double(c), ph = (box_h - double(r - 1) * gap_y) / double(r) - label_h;
    if (panel_count > 1) pw = std::min(pw, ph * aspect), ph = std::min(ph, pw / aspect);  // small multiples keep the extent's shape
    if (pw < 30 || ph < 30) throw InvalidOption("figure.page_mm", "" + std::to_string(panel_count) + " panels do not fit on the page; give a larger page or a longer period");
    const double indent = (box_w - double(c) * pw - double(c - 1) * gap_x) / 2;  // the grid centred
    for (std::size_t i = 0; i < panel_count; ++i) {
        Frame f = fit_frame(e, pw, ph);
        f.left = left + indent + double(i % c) * (pw + gap_x);
        f.top = top + label_h + double(i / c) * (ph + label_h + gap_y);
        l.panels.push_back(f);
    }
    return l;
}

// A panel's heatmap as a Cairo image of `pixels_per_pt` resolution.
struct Heat {
    std::vector<unsigned char> argb;
    cairo_surface_t* surface = nullptr;
    Heat() = default;
    Heat(const Heat&) = delete;
    ~Heat() {
        if (surface != nullptr) cairo_surface_destroy(surface);
    }
};

void make_heat(Heat& h, const DensityBands& d, const ColourScale& scale, Rgb domestic_hue, Rgb transnational_hue) {
    std::vector<std::uint8_t> rgba = render_classes(d.domestic, d.transnational, domestic_hue, transnational_hue, scale);
    const int w = d.grid.width, ht = d.grid.height;
    hatch_spread(rgba, w, d.imprecise_share);
    const int stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w);
    h.argb.assign(static_cast<std::size_t>(stride) * static_cast<std::size_t>(ht), 0);
    for (int r = 0; r < ht; ++r)  // Cairo wants premultiplied native-endian ARGB
        for (int c = 0; c < w; ++c) {
            const std::uint8_t* p = &rgba[4 * (static_cast<std::size_t>(r) * static_cast<std::size_t>(w) + static_cast<std::size_t>(c))];
            const std::uint32_t a = p[3];
            const std::uint32_t v = a << 24 | (p[0] * a / 255) << 16 | (p[1] * a / 255) << 8 | (p[2] * a / 255);
            std::memcpy(&h.argb[static_cast<std::size_t>(r) * static_cast<std::size_t>(stride) + 4 * static_cast<std::size_t>(c)], &v, 4);
        }
    h.surface = cairo_image_surface_create_for_data(h.argb.data(), CAIRO_FORMAT_ARGB32, w, ht, stride);
}

// The inset: the frame's surroundings, at least 50 degrees across, with the frame marked.
void draw_inset(cairo_t* cr, const Frame& main, double x, double y, double w, double h, OGRLayer& countries) {
    const LonLatBox b = main.box();
    const double mid_lon = (b.west + b.east) / 2, mid_lat = (b.south + b.north) / 2;
    const double span = std::min(360.0, std::max(50.0, (b.east - b.west) * 4));
    LonLatBox around{std::max(-180.0, mid_lon - span / 2), std::max(-80.0, mid_lat - span / 4), std::min(180.0, mid_lon + span / 2),
                     std::min(80.0, mid_lat + span / 4)};
    Frame f = fit_frame(around, w, h);
    f.left = x;
    f.top = y;
    draw_land(cr, f, countries);
    draw_borders(cr, f, countries, 0.25);
    double rx0 = f.px(b.west), rx1 = f.px(b.east), ry0 = f.py(b.north), ry1 = f.py(b.south);
    if (rx1 - rx0 < 4) rx0 = (rx0 + rx1) / 2 - 2, rx1 = rx0 + 4;  // a tiny frame still shows
    if (ry1 - ry0 < 4) ry0 = (ry0 + ry1) / 2 - 2, ry1 = ry0 + 4;
    cairo_rectangle(cr, rx0, ry0, rx1 - rx0, ry1 - ry0);
    set_rgb(cr, {200, 30, 30});
    cairo_set_line_width(cr, 1);
    cairo_stroke(cr);
    cairo_restore(cr);
    frame_outline(cr, f);
}

}  // namespace

void check(const FigureOptions& options) {
    if (!(options.page_width_mm >= 50 && options.page_width_mm <= 2000 && options.page_height_mm >= 40 && options.page_height_mm <= 2000))
        throw InvalidOption("figure.page_mm", "expected WxH in millimetres, 50-2000 wide and 40-2000 high");
    if (!(options.dpi >= 50 && options.dpi <= 1200)) throw InvalidOption("figure.dpi", "must lie in 50-1200");
    if (std::max(options.page_width_mm, options.page_height_mm) / 25.4 * options.dpi > 30000)
        throw InvalidOption("figure.page_mm", "with {figure.dpi}, the PNG would be over 30,000 pixels across");
}

namespace {

// The footer's lines, wrapped to the page, measured on `scratch`.
struct Footer {
    std::vector<std::string> credit_lines, disclaimer_lines;
    double height = 0;
};

Footer footer(cairo_t* scratch, const FigureOptions& options, double page_w) {
    const std::string credits = "Incidents: " + valid_utf8(options.credit) +
                                ". Places: GeoNames (CC BY 4.0). Boundaries: Natural Earth (public domain). Web Mercator. Made with incimap.";
    const std::string disclaimer = "Boundaries and names shown do not imply official endorsement or acceptance.";
    Footer f;
    font(scratch, body_pt);
    f.credit_lines = wrap(scratch, credits, page_w - 2 * margin);
    font(scratch, body_pt, false, true);
    f.disclaimer_lines = wrap(scratch, disclaimer, page_w - 2 * margin);
    font(scratch, body_pt);
    f.height = margin + line * double(f.credit_lines.size() + f.disclaimer_lines.size());
    return f;
}

// What is in the frame: the legend and the date range count those only.
struct InFrame {
    std::vector<bool> shown;  // per placed incident
    std::size_t domestic = 0, transnational = 0, outside = 0;
    std::optional<std::chrono::sys_days> earliest, latest;
};

InFrame in_frame(std::span<const IncidentPoint> placed, const std::vector<FigurePanel>& panels, const Frame& first) {
    InFrame f;
    f.shown.resize(placed.size());
    for (std::size_t i = 0; i < placed.size(); ++i) {
        bool shown = false;
        for (const FigurePanel& p : panels) shown |= p.shown[i];
        if (!shown) continue;
        f.shown[i] = first.holds_dot(placed[i].position);
        if (!f.shown[i]) {
            ++f.outside;
            continue;
        }
        ++(placed[i].incident_class == IncidentClass::domestic ? f.domestic : f.transnational);
        const IncidentPoint& d = placed[i];
        f.earliest = f.earliest ? std::min(*f.earliest, d.first) : d.first;
        f.latest = f.latest ? std::max(*f.latest, d.last) : d.last;
    }
    return f;
}

// The side column: the legend's entries and notes, and the room left for the inset above them.
struct Legend {
    std::array<std::pair<Rgb, std::string>, 2> entries;
    std::vector<std::string> note_lines;
    double ramp_x = 0, ramp_w = 0, inset_h = 0;
    bool inset = false;  // a small page keeps the legend and loses the inset
};

Legend legend(cairo_t* scratch, const Layout& layout, const InFrame& counted, const DensityParams& params, const FigureOptions& options,
              const ClassColours& dots, bool small_multiples) {
    Legend l;
    l.entries = {std::pair{dots.domestic, "domestic: " + std::to_string(counted.domestic)},
                 std::pair{dots.transnational, "transnational: " + std::to_string(counted.transnational)}};
    std::vector<std::string> notes = {"Heat: " + options.weight_label + " per 1,000 km\u00b2 (square-root scale" +
                                          (small_multiples ? ", the same in every panel)" : ")"),
                                      std::string(to_string(params.kernel)) + " kernel, bandwidth " + number(params.bandwidth_km) + " km",
                                      params.imprecise == ImpreciseMode::spread ? "Hatched: spread from admin-1/country geocodes"
                                      : params.imprecise == ImpreciseMode::point ? "Admin-1 and country geocodes at their centroids"
                                                                                 : "Admin-1 and country geocodes left out"};
    if (counted.outside > 0)
        notes.push_back(std::to_string(counted.outside) + (counted.outside == 1 ? " incident" : " incidents") + " outside the frame, not shown");
    for (const std::string& note : notes)
        for (const std::string& nl : wrap(scratch, valid_utf8(note), layout.side_width)) l.note_lines.push_back(nl);
    l.ramp_x = layout.side_left + 14 + std::max(text_width(scratch, l.entries[0].second), text_width(scratch, l.entries[1].second));
    l.ramp_w = layout.side_left + layout.side_width - l.ramp_x;
    const double legend_height = line + 3 + 2 * (line + 1) + line + line * double(l.note_lines.size());
    l.inset_h = std::min(layout.side_width * 0.62, layout.footer_top - layout.header_bottom - 2 - legend_height - 2 * line - 8);
    if (l.inset_h < 0 || l.ramp_w < 25)
        throw InvalidOption("figure.page_mm", "the page leaves too little room for the legend; give a larger page");
    l.inset = l.inset_h >= 30;
    return l;
}

// The densities on each panel's own pixels, on one colour scale, as images.
std::vector<std::unique_ptr<Heat>> panel_heat(const Layout& layout, const std::vector<FigurePanel>& panels, const DensityParams& params,
                                              double px_per_pt, GEOSContextHandle_t ctx, Rgb domestic_hue, Rgb transnational_hue,
                                              ColourScale& scale) {
    DensityParams density_params = params;
    density_params.units = DensityUnits::per_1000_km2;
    std::vector<DensityBands> densities;
    scale.max = 0;
    for (std::size_t k = 0; k < panels.size(); ++k) {
        const Frame& f = layout.panels[k];
        GridSpec grid;
        grid.crs = web_mercator_crs;
        grid.min_x = f.x0;
        grid.max_x = f.x1;
        grid.min_y = f.y0;
        grid.max_y = f.y1;
        grid.width = std::max(1, static_cast<int>(std::lround(f.width * px_per_pt)));
        grid.height = std::max(1, static_cast<int>(std::lround(f.height * px_per_pt)));
        densities.push_back(compute_density(CellGeometry(grid), panels[k].points, density_params, ctx));
        const DensityBands& d = densities.back();
        for (std::size_t i = 0; i < d.domestic.size(); ++i) scale.max = std::max(scale.max, double(d.domestic[i]) + d.transnational[i]);
    }
    std::vector<std::unique_ptr<Heat>> heat;
    for (const DensityBands& d : densities) {
        heat.push_back(std::make_unique<Heat>());
        make_heat(*heat.back(), d, scale, domestic_hue, transnational_hue);
    }
    return heat;
}

// A class's heat in the legend, faint to full.
void draw_class_ramp(cairo_t* cr, double x, double y, double w, Rgb hue) {
    cairo_pattern_t* ramp = cairo_pattern_create_linear(x, 0, x + w, 0);
    cairo_pattern_add_color_stop_rgba(ramp, 0, hue[0] / 255.0, hue[1] / 255.0, hue[2] / 255.0, 0.15);
    cairo_pattern_add_color_stop_rgba(ramp, 1, hue[0] / 255.0, hue[1] / 255.0, hue[2] / 255.0, 1);
    cairo_rectangle(cr, x, y - 6, w, 6.5);
    cairo_set_source(cr, ramp);
    cairo_fill(cr);
    cairo_pattern_destroy(ramp);
}

// The scale bar at height `sy`, true at the frame's middle latitude (Web Mercator stretches away
// from it), at most `w` long.
void draw_scale_bar(cairo_t* cr, const Frame& frame, double x, double w, double sy) {
    const LonLatBox b = frame.box();
    const double mid_lat = (b.south + b.north) / 2;
    const double km_per_pt = (frame.x1 - frame.x0) / 1000 / frame.width * std::cos(mid_lat * deg);
    const double km = round_length(km_per_pt * std::min(w * 0.7, frame.width * 0.8)), bar = km / km_per_pt;
    set_rgb(cr, ink);
    cairo_set_line_width(cr, 0.8);
    cairo_move_to(cr, x, sy - 3);
    cairo_line_to(cr, x, sy);
    cairo_line_to(cr, x + bar, sy);
    cairo_line_to(cr, x + bar, sy - 3);
    cairo_stroke(cr);
    char label[64];
    std::snprintf(label, sizeof label, "%s km at %.0f\u00b0%s", number(km).c_str(), std::fabs(mid_lat), mid_lat >= 0 ? "N" : "S");
    show(cr, x, sy - 5, label);
}

}  // namespace

// Everything the figure's pages are drawn from, laid out once.
struct FigureDrawing::Parts {
    Parts(std::span<const IncidentPoint> placed_, const std::vector<FigurePanel>& panels_, const DensityParams& params_,
          GEOSContextHandle_t ctx_, const FigurePalette& palette_, double px_per_pt_, const fs::path& boundaries_gpkg)
        : placed(placed_), panels(panels_), params(params_), ctx(ctx_), palette(palette_),
          px_per_pt(px_per_pt_), boundaries(open_boundaries_file(boundaries_gpkg)),
          countries(&boundaries_layer(*boundaries, "admin0", boundaries_gpkg)) {}

    std::span<const IncidentPoint> placed;
    const std::vector<FigurePanel>& panels;
    DensityParams params;
    GEOSContextHandle_t ctx;
    FigurePalette palette;
    double px_per_pt;
    DatasetPtr boundaries;
    OGRLayer* countries;
    Footer foot;
    bool small_multiples = false;
    Layout layout;
    InFrame counted;
    Legend key;
    ColourScale scale;
    std::vector<std::unique_ptr<Heat>> heat;
    double step = 0;  // the graticule's

    void draw_panel(cairo_t* cr, std::size_t k) const;
    void draw_side(cairo_t* cr) const;
    void draw_page(cairo_t* cr, const std::string& title, double page_w) const;
};

FigureDrawing::FigureDrawing(std::span<const IncidentPoint> placed, const std::vector<FigurePanel>& panels, const DensityParams& params,
                             const fs::path& boundaries_gpkg, GEOSContextHandle_t ctx, const FigureOptions& options,
                             const FigurePalette& palette)
    : page_width_pt_(options.page_width_mm * pt_per_mm), page_height_pt_(options.page_height_mm * pt_per_mm), px_per_pt_(options.dpi / 72),
      title_(valid_utf8(options.title)) {
    const LonLatBox& e = options.extent;
    if (!(e.west < e.east && e.south < e.north) || e.south < -85.06 || e.north > 85.06 || e.west < -180 || e.east > 180)
        throw InvalidOption("figure.extent", "expected W,S,E,N with W < E and S < N, within 85 degrees of the equator");
    check(options);
    if (panels.empty()) throw InvalidOption("heatmap.per_period", "no period holds an incident");
    parts_ = std::make_unique<Parts>(placed, panels, params, ctx, palette, px_per_pt_, boundaries_gpkg);
    Parts& p = *parts_;

    // Text is measured on a scratch surface: the footer's height depends on how its lines wrap.
    cairo_surface_t* scratch_surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t* scratch = cairo_create(scratch_surface);
    const std::unique_ptr<cairo_t, void (*)(cairo_t*)> scratch_owner(scratch, cairo_destroy);
    const std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> scratch_surface_owner(scratch_surface, cairo_surface_destroy);
    p.foot = footer(scratch, options, page_width_pt_);
    p.small_multiples = panels.size() > 1 || !panels.front().label.empty();
    p.layout = lay_out(e, page_width_pt_, page_height_pt_, panels.size(), p.foot.height, p.small_multiples);
    p.counted = in_frame(placed, panels, p.layout.panels.front());
    p.key = legend(scratch, p.layout, p.counted, params, options, palette.dots, p.small_multiples);
    p.heat = panel_heat(p.layout, panels, params, px_per_pt_, ctx, palette.domestic_heat, palette.transnational_heat, p.scale);
    p.step = graticule_step(p.layout.panels.front());
}

FigureDrawing::~FigureDrawing() = default;

void FigureDrawing::Parts::draw_panel(cairo_t* cr, std::size_t k) const {
    const Frame& f = layout.panels[k];
    draw_land(cr, f, *countries);
    cairo_save(cr);
    cairo_translate(cr, f.left, f.top);
    cairo_scale(cr, 1 / px_per_pt, 1 / px_per_pt);
    cairo_set_source_surface(cr, heat[k]->surface, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    draw_borders(cr, f, *countries, 0.4);
    cairo_restore(cr);
    const bool left_column = k % static_cast<std::size_t>(layout.columns) == 0;
    const bool bottom = k + static_cast<std::size_t>(layout.columns) >= panels.size();
    draw_graticule(cr, f, step, left_column, bottom);
    if (!small_multiples || f.width >= 120) draw_country_labels(cr, f, *countries, ctx, {});
    for (std::size_t i = 0; i < placed.size(); ++i) {
        if (!counted.shown[i] || !panels[k].shown[i]) continue;
        const LonLat q = placed[i].position;
        cairo_new_path(cr);  // no line from where the last text ended
        cairo_arc(cr, f.px(q.lon_deg), f.py(q.lat_deg), dot_radius, 0, 2 * std::numbers::pi);
        set_rgb(cr, palette.dots.of(placed[i].incident_class == IncidentClass::domestic));
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, 0.4);
        cairo_stroke(cr);
    }
    frame_outline(cr, f);
    if (!small_multiples) return;
    std::size_t count = 0;
    for (std::size_t i = 0; i < placed.size(); ++i) count += counted.shown[i] && panels[k].shown[i];
    font(cr, body_pt, true);
    set_rgb(cr, ink);
    const std::string label = valid_utf8(panels[k].label), with_count = label + ": " + std::to_string(count);
    show(cr, f.left, f.top - 2.5, text_width(cr, with_count) <= f.width + 4 ? with_count : label);
}

void FigureDrawing::Parts::draw_side(cairo_t* cr) const {
    const Frame& first = layout.panels.front();
    const double x = layout.side_left, w = layout.side_width;
    double y = layout.header_bottom + 2;
    if (key.inset) draw_inset(cr, first, x, y, w, key.inset_h, *countries);
    y += (key.inset ? key.inset_h : 0) + line + 3;
    set_rgb(cr, ink);
    font(cr, small_title_pt, true);
    show(cr, x, y, "Incidents in the frame");
    font(cr, body_pt);
    for (int i = 0; i < 2; ++i) {
        y += line + 1;
        cairo_new_path(cr);
        cairo_arc(cr, x + 3, y - 2.5, dot_radius + 0.3, 0, 2 * std::numbers::pi);
        set_rgb(cr, key.entries[i].first);
        cairo_fill(cr);
        set_rgb(cr, ink);
        show(cr, x + 9, y, key.entries[i].second);
        draw_class_ramp(cr, key.ramp_x, y, key.ramp_w, i == 0 ? palette.domestic_heat : palette.transnational_heat);
    }
    y += line;
    set_rgb(cr, ink);
    show(cr, key.ramp_x, y, "0");
    show(cr, key.ramp_x + key.ramp_w, y, number(scale.max), 1);
    for (const std::string& l : key.note_lines) show(cr, x, y += line, l);
    draw_scale_bar(cr, first, x, w, layout.footer_top - line - 2);
}

void FigureDrawing::Parts::draw_page(cairo_t* cr, const std::string& title, double page_w) const {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    for (std::size_t k = 0; k < panels.size(); ++k) draw_panel(cr, k);
    draw_side(cr);
    set_rgb(cr, ink);
    double y = margin + title_pt - 2;
    show(cr, margin, y, fitted_title(cr, title, page_w - 2 * margin));
    font(cr, body_pt);
    set_rgb(cr, grey_ink);
    const std::string range =
        counted.earliest ? day_text(*counted.earliest) + " to " + day_text(*counted.latest) : std::string("no dated incident in the frame");
    show(cr, margin, y + line + 1, range + " \u00b7 " + std::to_string(counted.domestic + counted.transnational) + " incidents in the frame");
    y = layout.footer_top + line;
    for (const std::string& l : foot.credit_lines) show(cr, margin, y, l), y += line;
    font(cr, body_pt, false, true);
    for (const std::string& l : foot.disclaimer_lines) show(cr, margin, y, l), y += line;
}

void FigureDrawing::draw(cairo_t* cr) const { parts_->draw_page(cr, title_, page_width_pt_); }

}  // namespace incimap
