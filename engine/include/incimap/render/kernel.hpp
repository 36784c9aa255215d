#pragma once
// Kernels for density estimation on the ground: radial, normalised so that each integrates to 1
// over the plane, with the bandwidth in kilometres.
#include <cstddef>
#include <optional>
#include <string_view>

namespace incimap {

enum class Kernel { quartic, gaussian, epanechnikov, triangular, uniform };

std::optional<Kernel> parse_kernel(std::string_view name);
std::string_view to_string(Kernel k);

/// Where the kernel ends, in bandwidths: 1, except the gaussian (bandwidth = standard deviation),
/// cut at 4, which leaves out 0.03% of its mass.
double kernel_support(Kernel k);

/// The kernel's value at u = distance / bandwidth, given u², per unit of bandwidth² (multiply by
/// 1 / bandwidth² for a density per km²). 0 at and beyond the support.
inline double kernel_value(Kernel k, double u2);

/// kernel_value for n values at once, in float: the loop of density maps, vectorised (the
/// gaussian through an exp good to 2e-7).
void kernel_values(Kernel k, const float* u2, float* out, std::size_t n);

/// out[i] = scale * e^(-x[i]) for x[i] >= 0, vectorised, good to 2e-7.
void exp_negated(const float* x, float scale, float* out, std::size_t n);

}  // namespace incimap

#include <cmath>
#include <numbers>

namespace incimap {

inline double kernel_value(Kernel k, double u2) {
    constexpr double pi = std::numbers::pi;
    switch (k) {
        case Kernel::quartic: return u2 < 1 ? 3 / pi * (1 - u2) * (1 - u2) : 0;
        case Kernel::gaussian: return u2 < 16 ? std::exp(-u2 / 2) / (2 * pi) : 0;
        case Kernel::epanechnikov: return u2 < 1 ? 2 / pi * (1 - u2) : 0;
        case Kernel::triangular: return u2 < 1 ? 3 / pi * (1 - std::sqrt(u2)) : 0;
        case Kernel::uniform: return u2 < 1 ? 1 / pi : 0;
    }
    return 0;
}

}  // namespace incimap
