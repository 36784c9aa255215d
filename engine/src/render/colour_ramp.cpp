#include "incimap/render/colour_ramp.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "incimap/core/error.hpp"
#include "incimap/io/read_file.hpp"

namespace incimap {

ColourRamp ColourRamp::from_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw DataError(path.string() + ": cannot read colour ramp");
    ColourRamp ramp;
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream row(line);
        int r = -1, g = -1, b = -1;
        std::string extra;
        if (!(row >> r >> g >> b) || (row >> extra) || std::min({r, g, b}) < 0 || std::max({r, g, b}) > 255)
            throw DataError(path.string() + ":" + std::to_string(number) + ": expected 'red green blue' in 0-255");
        ramp.colours_.push_back({static_cast<std::uint8_t>(r), static_cast<std::uint8_t>(g), static_cast<std::uint8_t>(b)});
    }
    if (ramp.colours_.size() != 256) throw DataError(path.string() + ": a colour ramp has 256 rows, found " + std::to_string(ramp.colours_.size()));
    return ramp;
}

ColourRamp ColourRamp::named(const std::string& name, const std::filesystem::path& styles_dir) {
    const std::filesystem::path path = styles_dir / "ramps" / (name + ".txt");
    if (std::filesystem::exists(path)) return from_file(path);
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(styles_dir / "ramps", ec))
        if (entry.path().extension() == ".txt") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    throw InvalidOption("heatmap.ramp", "no colour ramp '" + name + "'" + (list.empty() ? "" : " (there are: " + list + ")"));
}

namespace {

// "#rrggbb" as RGB; nothing for other text.
std::optional<Rgb> hex_colour(const std::string& text) {
    if (text.size() != 7 || text[0] != '#') return std::nullopt;
    Rgb c{};
    for (std::size_t k = 0; k < 3; ++k) {
        const auto [end, ec] = std::from_chars(text.data() + 1 + 2 * k, text.data() + 3 + 2 * k, c[k], 16);
        if (ec != std::errc() || end != text.data() + 3 + 2 * k) return std::nullopt;
    }
    return c;
}

}  // namespace

ClassColours class_colours(const std::filesystem::path& styles_dir) {
    const std::filesystem::path path = styles_dir / "breaks.json";
    const std::optional<std::string> text = read_file(path);
    const nlohmann::json doc = nlohmann::json::parse(text.value_or(""), nullptr, false);
    auto colour = [&](const char* name) {
        std::optional<Rgb> c;
        if (doc.is_object() && doc.contains("incident_class") && doc.at("incident_class").contains(name))
            c = hex_colour(doc.at("incident_class").at(name).value("color", ""));
        if (!c) throw DataError(path.string() + ": no colour of the class " + name + " (incident_class." + name + ".color)");
        return *c;
    };
    return {colour("domestic"), colour("transnational")};
}

Rgb ColourRamp::at(double t) const {
    const double i = std::clamp(t, 0.0, 1.0) * 255;
    return colours_[static_cast<std::size_t>(i + 0.5)];
}

double ColourScale::t(double value) const { return max > 0 && value > 0 ? std::sqrt(std::min(1.0, value / max)) : 0; }

std::uint8_t ColourScale::alpha(double t) const { return t <= 0 ? 0 : static_cast<std::uint8_t>(255 * std::min(1.0, 0.15 + 0.85 * t) + 0.5); }

double band_max(const std::vector<const std::vector<float>*>& bands) {
    double m = 0;
    for (const auto* band : bands)
        for (float v : *band)
            if (v > m) m = v;  // NaN compares false
    return m;
}

std::vector<std::uint8_t> render_band(const std::vector<float>& band, const ColourRamp& ramp, const ColourScale& scale) {
    std::vector<std::uint8_t> rgba(band.size() * 4, 0);
    for (std::size_t i = 0; i < band.size(); ++i) {
        const double t = scale.t(band[i]);
        if (t <= 0) continue;
        const Rgb c = ramp.at(t);
        std::copy(c.begin(), c.end(), rgba.begin() + static_cast<std::ptrdiff_t>(4 * i));
        rgba[4 * i + 3] = scale.alpha(t);
    }
    return rgba;
}

std::vector<std::uint8_t> render_classes(const std::vector<float>& domestic, const std::vector<float>& transnational,
                                         Rgb domestic_hue, Rgb transnational_hue, const ColourScale& scale) {
    std::vector<std::uint8_t> rgba(domestic.size() * 4, 0);
    for (std::size_t i = 0; i < domestic.size(); ++i) {
        const double total = double(domestic[i]) + transnational[i];
        const double t = scale.t(total);
        if (t <= 0) continue;
        const double share = transnational[i] / total;
        for (std::size_t k = 0; k < 3; ++k)
            rgba[4 * i + k] = static_cast<std::uint8_t>(domestic_hue[k] * (1 - share) + transnational_hue[k] * share + 0.5);
        rgba[4 * i + 3] = scale.alpha(t);
    }
    return rgba;
}

void hatch_spread(std::vector<std::uint8_t>& rgba, int width, const std::vector<float>& share, std::int64_t x0, std::int64_t y0) {
    // Lines 2 px wide every 6 px: dense enough to read on a province at any zoom, and the faint
    // fill (a third of the opacity) keeps the ramp's colour legible between them.
    constexpr std::int64_t spacing = 6, line = 2;
    for (std::size_t i = 0; i < share.size(); ++i) {
        if (!(share[i] > 0.5f)) continue;  // NaN: no density
        const std::int64_t x = x0 + static_cast<std::int64_t>(i % static_cast<std::size_t>(width));
        const std::int64_t y = y0 + static_cast<std::int64_t>(i / static_cast<std::size_t>(width));
        if (((x + y) % spacing + spacing) % spacing >= line) rgba[4 * i + 3] = static_cast<std::uint8_t>(rgba[4 * i + 3] / 3);
    }
}

}  // namespace incimap
