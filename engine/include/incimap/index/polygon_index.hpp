#pragma once
// Polygons in lon/lat behind a bulk-loaded R-tree over their envelopes: which polygon holds a
// point, and which lies nearest within a distance, with GEOS's answers (a prepared polygon's
// point test and distance) computed from each polygon's edges listed by latitude. Points in grid
// cells that no boundary crosses take the answer kept for their cell. Shared by the boundary
// lookups and custom regions. Lookups may run on many threads at once: what they build as they
// go is built once and then only read. (Geometries that are not polygons or multipolygons are
// asked of GEOS, one lookup at a time, in the owner's GEOS context.)
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "incimap/core/geo.hpp"
#include "incimap/core/geos.hpp"

namespace incimap {

class PolygonIndex {
public:
    /// Takes the polygons (made by `ctx`, which must outlive the index); throws DataError when
    /// GEOS cannot prepare one.
    PolygonIndex(GEOSContextHandle_t ctx, std::vector<GeosGeometryPtr> polygons);
    ~PolygonIndex();
    PolygonIndex(PolygonIndex&&) noexcept;
    PolygonIndex& operator=(PolygonIndex&&) noexcept;

    std::size_t size() const noexcept { return polygons_.size(); }
    const GEOSGeometry* polygon(std::size_t i) const { return polygons_[i].get(); }

    /// The first polygon, in the given order, that covers `p`; where polygons overlap (at
    /// borders) the earlier one wins.
    std::optional<std::size_t> containing(LonLat p) const;
    /// The polygon nearest to `p` within `max_km` (great-circle distance to its nearest point),
    /// for points just off a generalised coastline.
    std::optional<std::size_t> nearest_within(LonLat p, double max_km) const;

private:
    struct CellGrid;
    struct Shape;
    /// The grid of cells that boundaries cross, made at the first call.
    CellGrid& cell_grid() const;
    /// Polygon i's edges by latitude, made at the first call that needs them.
    const Shape& shape(std::size_t i) const;
    /// Whether polygon i covers `p` (its boundary included).
    bool covers(std::size_t i, LonLat p) const;
    /// `containing` by testing the point against each candidate polygon.
    std::optional<std::size_t> test_point(LonLat p) const;

    struct Tree;
    GEOSContextHandle_t ctx_;
    std::vector<GeosGeometryPtr> polygons_;
    std::vector<GeosPreparedPtr> prepared_;
    std::unique_ptr<Tree> tree_;
};

}  // namespace incimap
