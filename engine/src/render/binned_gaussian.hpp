#pragma once
// The gaussian kernel for many incidents: linear binning (each incident's weight shared among
// the four cell centres around it, Wand 1994) and a separable convolution whose taps follow each
// row's latitude: along a row, the distance along its parallel; across rows, the meridian arc.
// Its kernel is the tangent-plane gaussian at each incident, within 1% of the great-circle one
// inside the kernel; binning moves the estimate by O((cell / bandwidth)²). The cost grows with
// the grid, not with the incidents: past a few per cell's worth of kernel work it is much faster
// than evaluating each incident's kernel.
#include <vector>

#include "incimap/render/density.hpp"
#include "incimap/render/raster_grid.hpp"

namespace incimap {

/// Whether the binned method applies (gaussian, columns on evenly spaced meridians, support
/// within 300 km) and costs less than evaluating each of `points` kernels.
bool binned_gaussian_pays(const CellGeometry& cells, const DensityParams& params, std::size_t points);

/// Writes the densities (per km²) of `points` into the bands, which must hold zeros; imprecise
/// ones into `imprecise` too (when any is imprecise). Deterministic for any thread count.
void add_binned_gaussian(const CellGeometry& cells, const std::vector<const DensityPoint*>& points, const DensityParams& params,
                         float* domestic, float* transnational, float* imprecise, unsigned threads);

}  // namespace incimap
