#include "incimap/render/kernel.hpp"

#include <array>
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

}  // namespace incimap
