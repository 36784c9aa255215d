#pragma once
// Colour ramps read from styles/ramps/NAME.txt (256 RGB rows, low to high), and density bands
// turned into RGBA images: transparent where there is no density.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace incimap {

using Rgb = std::array<std::uint8_t, 3>;

class ColourRamp {
public:
    /// Reads a ramp file; throws DataError naming the file and line when it is not 256 RGB rows.
    static ColourRamp from_file(const std::filesystem::path& path);
    /// styles/ramps/NAME.txt in the styles directory; throws InvalidOption listing the ramps there
    /// when there is none of that name.
    static ColourRamp named(const std::string& name, const std::filesystem::path& styles_dir);

    /// The colour at t in [0, 1].
    Rgb at(double t) const;

private:
    std::vector<Rgb> colours_;
};

/// The colour of each incident class: styles/breaks.json's "incident_class", the one place every
/// style (checked by tests/styles/breaks_test.py) and the report figures take them from.
struct ClassColours {
    Rgb domestic, transnational;
    Rgb of(bool domestic_class) const noexcept { return domestic_class ? domestic : transnational; }
};

/// Reads them from the styles directory; throws DataError naming the file when it has none.
ClassColours class_colours(const std::filesystem::path& styles_dir);

/// How density values become colours: t = sqrt(value / max), so that weaker clusters stay
/// visible next to a strong one; opacity grows with t, from 15%. `max` is shared by the images that are to
/// be compared (both classes, every period, every tile zoom).
struct ColourScale {
    double max = 1;
    double t(double value) const;
    std::uint8_t alpha(double t) const;
};

/// The largest value of the bands (ignoring NaN); 0 when all are 0.
double band_max(const std::vector<const std::vector<float>*>& bands);

/// One band through one ramp: RGBA, row-major.
std::vector<std::uint8_t> render_band(const std::vector<float>& band, const ColourRamp& ramp, const ColourScale& scale);

/// Both classes in one image: the hue moves from `domestic` to `transnational` with the
/// transnational share of the cell, the opacity with the total.
std::vector<std::uint8_t> render_classes(const std::vector<float>& domestic, const std::vector<float>& transnational,
                                         Rgb domestic_hue, Rgb transnational_hue, const ColourScale& scale);

/// Hatches the pixels whose density comes mostly (`share` > 0.5, see DensityBands) from
/// admin-1 or country geocodes spread over their area: diagonal lines keep the colour and the
/// pixels between them turn faint, so that a province's spread reads apart from point density.
/// `x0`, `y0`: the image's first pixel in a frame shared with its neighbours (tiles of one zoom),
/// so that their lines meet. An empty `share` leaves the image as it is.
void hatch_spread(std::vector<std::uint8_t>& rgba, int width, const std::vector<float>& share, std::int64_t x0 = 0, std::int64_t y0 = 0);

}  // namespace incimap
