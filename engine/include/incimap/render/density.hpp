#pragma once
// Kernel density of incidents on a raster grid, one band per class, with distances and areas on
// the ground. Incidents geocoded only to an admin-1 area or a country can be spread evenly over
// that area's polygon instead of making a false hotspot at its centroid.
#include <cstddef>
#include <string>
#include <span>
#include <vector>

#include "incimap/core/geo.hpp"
#include "incimap/core/geos.hpp"
#include "incimap/render/kernel.hpp"
#include "incimap/render/raster_grid.hpp"

namespace incimap {

enum class DensityUnits {
    per_1000_km2,  ///< incidents (or weight) per 1,000 km² of ground
    per_cell,      ///< incidents (or weight) in each cell: the raw counts, which sum to the total
};

enum class ImpreciseMode {
    spread,  ///< over the footprint polygon, evenly by area
    point,   ///< a kernel at the geocode's point, like a precise incident
    drop,    ///< left out of the density (and counted as dropped)
};

enum class DensityMethod {
    automatic,  ///< binned where it applies and is faster, else exact
    exact,      ///< each incident's kernel evaluated at every cell centre it reaches
    binned,     ///< gaussian only: linear binning and a latitude-aware separable convolution
};

struct DensityParams {
    Kernel kernel = Kernel::quartic;
    double bandwidth_km = 50;
    DensityUnits units = DensityUnits::per_1000_km2;
    ImpreciseMode imprecise = ImpreciseMode::spread;
    unsigned threads = 0;  ///< 0: all cores
    DensityMethod method = DensityMethod::automatic;
};

/// One incident as the density sees it.
struct DensityPoint {
    LonLat position;
    double weight = 1;
    bool domestic = false;
    bool imprecise = false;                 ///< geocoded to an admin-1 area or a country
    const GEOSGeometry* footprint = nullptr;  ///< that area's polygon (lon/lat), when known
    /// The footprint's area on the ground; 0: measured on the grid's cells (exact when the grid
    /// holds the whole footprint; a map tile holds only part of it and needs the true area).
    double footprint_area_km2 = 0;
};

/// The area of a lon/lat polygon or multipolygon on the sphere, in km².
double spherical_area_km2(GEOSContextHandle_t ctx, const GEOSGeometry* polygon);

/// Throws InvalidOption for a bandwidth that is not a positive number.
void check(const DensityParams& params);

struct DensityBands {
    GridSpec grid;
    std::vector<float> domestic, transnational;  ///< row-major, row 0 at the top
    /// Share (0-1) of a cell's density from imprecise geocodes, NaN where there is no density;
    /// empty when no imprecise geocode adds any (then the share is 0 wherever there is density).
    std::vector<float> imprecise_share;
    double weight_in_grid = 0;                   ///< weight whose density landed on the grid
    std::size_t spread = 0, dropped = 0, outside = 0;  ///< incidents spread over footprints, dropped, off the grid
};

/// Computes the density. Each incident adds its weight: a kernel whose whole support lies on the
/// grid is normalised over the grid's cells, so that it adds exactly its weight; a kernel cut by
/// the grid's edge keeps its exact normalisation and loses the part outside; a kernel narrower
/// than a cell puts the weight in the cell. Deterministic: the same bytes for any thread count.
/// `ctx` is the GEOS context of the footprints.
DensityBands compute_density(const CellGeometry& cells, const std::vector<DensityPoint>& points, const DensityParams& params,
                             GEOSContextHandle_t ctx);
/// The same over points held elsewhere (a tile block's share of a run's points), in their order.
DensityBands compute_density(const CellGeometry& cells, std::span<const DensityPoint* const> points, const DensityParams& params,
                             GEOSContextHandle_t ctx);

}  // namespace incimap
