#include "incimap/render/kernel.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>

namespace incimap {

namespace {
constexpr std::array<std::pair<Kernel, std::string_view>, 5> names{{{Kernel::quartic, "quartic"},
                                                                    {Kernel::gaussian, "gaussian"},
                                                                    {Kernel::epanechnikov, "epanechnikov"},
                                                                    {Kernel::triangular, "triangular"},
                                                                    {Kernel::uniform, "uniform"}}};
}

std::optional<Kernel> parse_kernel(std::string_view name) {
    for (const auto& [k, n] : names)
        if (n == name) return k;
    return std::nullopt;
}

std::string_view to_string(Kernel k) {
    for (const auto& [kernel, n] : names)
        if (kernel == k) return n;
    return "?";
}

double kernel_support(Kernel k) { return k == Kernel::gaussian ? 4 : 1; }

namespace {

// e^x for x in [-88, 0] (Cephes' expf): x = n ln 2 + r, e^r by a polynomial, 2^n into the
// exponent bits. Branch-free, so that the loops below vectorise.
inline float exp_negative(float x) {
    x = std::max(x, -87.0f);
    // round to nearest by the float's own rounding (|x log2 e| < 2^22), which vectorises
    const float n = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
    const float r = x - n * 0.693359375f + n * 2.12194440e-4f;
    float p = 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * r * r + r + 1.0f;
    const auto bits = static_cast<std::int32_t>(n + 127.0f) << 23;
    return p * std::bit_cast<float>(bits);
}

}  // namespace

void exp_negated(const float* __restrict x, float scale, float* __restrict out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = scale * exp_negative(-x[i]);
}

void kernel_values(Kernel k, const float* __restrict u2, float* __restrict out, std::size_t n) {
    // Values are computed everywhere and masked by the support: branch-free loops vectorise.
    constexpr float pi = std::numbers::pi_v<float>;
    auto inside = [](float v, float limit) { return static_cast<float>(v < limit); };
    switch (k) {
        case Kernel::quartic:
            for (std::size_t i = 0; i < n; ++i) {
                const float t = 1 - u2[i];
                out[i] = 3 / pi * t * t * inside(u2[i], 1);
            }
            return;
        case Kernel::gaussian:
            for (std::size_t i = 0; i < n; ++i) out[i] = exp_negative(-0.5f * u2[i]) * (1 / (2 * pi)) * inside(u2[i], 16);
            return;
        case Kernel::epanechnikov:
            for (std::size_t i = 0; i < n; ++i) out[i] = 2 / pi * (1 - u2[i]) * inside(u2[i], 1);
            return;
        case Kernel::triangular:
            for (std::size_t i = 0; i < n; ++i) out[i] = 3 / pi * (1 - std::sqrt(std::max(u2[i], 0.0f))) * inside(u2[i], 1);
            return;
        case Kernel::uniform:
            for (std::size_t i = 0; i < n; ++i) out[i] = 1 / pi * inside(u2[i], 1);
            return;
    }
}

}  // namespace incimap
