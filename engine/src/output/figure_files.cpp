#include "incimap/output/figure_files.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <ctime>

#include "incimap/core/error.hpp"
#include "incimap/io/atomic_file.hpp"

namespace incimap {

namespace fs = std::filesystem;

namespace {

// A Cairo surface of the format, drawing into `out`'s temporary file (PNG: in memory until then).
cairo_surface_t* surface_for(const std::string& format, const FigureDrawing& figure, const AtomicOutput& out, const std::string& date) {
    const double page_w = figure.page_width_pt(), page_h = figure.page_height_pt();
    if (format == "png")
        return cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(std::lround(page_w * figure.px_per_pt())),
                                          static_cast<int>(std::lround(page_h * figure.px_per_pt())));
    if (format == "svg") return cairo_svg_surface_create(out.temp_path().c_str(), page_w, page_h);
    if (format == "pdf") {
        cairo_surface_t* surface = cairo_pdf_surface_create(out.temp_path().c_str(), page_w, page_h);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, figure.title().c_str());
        return surface;
    }
    throw InvalidOption("figure.formats", "'" + format + "' is not png, svg or pdf");
}

}  // namespace

std::string pdf_creation_date() {
    std::int64_t seconds = 0;
    if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env != nullptr && *env != '\0') {
        char* end = nullptr;
        seconds = std::strtoll(env, &end, 10);
        if (*end != '\0' || seconds < 0 || seconds > 253402300799) throw InvalidOption("SOURCE_DATE_EPOCH", "'" + std::string(env) + "' is not seconds since 1970");
    }
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

std::vector<fs::path> write_figure_files(const fs::path& base, const FigureDrawing& figure, const std::vector<std::string>& formats) {
    std::vector<fs::path> written;
    const std::string date = pdf_creation_date();
    for (const std::string& format : formats) {
        const fs::path path = fs::path(base.string() + "." + format);
        AtomicOutput out(path);
        cairo_surface_t* surface = surface_for(format, figure, out, date);
        cairo_t* cr = cairo_create(surface);
        if (format == "png") cairo_scale(cr, figure.px_per_pt(), figure.px_per_pt());
        figure.draw(cr);
        cairo_status_t status = cairo_status(cr);
        cairo_destroy(cr);
        if (format == "png" && status == CAIRO_STATUS_SUCCESS) status = cairo_surface_write_to_png(surface, out.temp_path().c_str());
        cairo_surface_finish(surface);
        if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
        cairo_surface_destroy(surface);
        if (status != CAIRO_STATUS_SUCCESS) throw IoError(path.string() + ": cannot write: " + cairo_status_to_string(status));
        out.commit();
        written.push_back(path);
    }
    return written;
}

}  // namespace incimap
