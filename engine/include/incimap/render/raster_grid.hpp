#pragma once
// A raster grid in any CRS that PROJ knows, and the geometry of its cells on the ground: each
// cell's centre as a point on the sphere and its area in km². Density maps are computed from
// these, so that a kernel of 50 km is 50 km wide at every latitude whatever the projection.
//
// Grids whose columns are meridians and rows parallels (Web Mercator, plate carrée, cylindrical
// equal-area) keep one longitude per column and one latitude per row; other projections keep a
// unit vector and an area per cell.
#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "incimap/core/geo.hpp"

namespace incimap {

struct GridSpec {
    std::string crs{web_mercator_crs};  ///< anything GDAL's SetFromUserInput reads ("EPSG:3035", a PROJ string, WKT)
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;  ///< extent in CRS units; row 0 is the top
    int width = 0, height = 0;

    double cell_width() const { return (max_x - min_x) / width; }
    double cell_height() const { return (max_y - min_y) / height; }
    /// GDAL's affine geotransform for north-up rows.
    std::array<double, 6> geo_transform() const { return {min_x, cell_width(), 0, max_y, 0, -cell_height()}; }
};

/// The grid over `box` (projected into `crs`), its longer side `long_side` cells, cells square.
/// Throws InvalidOption for an unknown CRS or a box that does not project.
GridSpec grid_over(const std::string& crs, const LonLatBox& box, int long_side);

/// The Web Mercator tile z/x/y (XYZ numbering) as a grid of size x size pixels.
GridSpec tile_grid(int z, int x, int y, int size = 256);

/// The lon/lat box that holds every point within `radius_km` of `p` on the sphere. Its west and
/// east may pass ±180 (a box across the antimeridian); it is 360 degrees wide when the circle
/// holds a pole; its south and north are not clamped to ±90.
LonLatBox reach_box(LonLat p, double radius_km);

/// Rows [row_begin, row_end) by columns [col_begin, col_end): the cells a kernel may touch.
struct CellWindow {
    int row_begin = 0, row_end = 0, col_begin = 0, col_end = 0;
    bool clipped = false;  ///< part of the kernel lies outside the grid
    bool empty() const { return row_begin >= row_end || col_begin >= col_end; }
};

class CellGeometry {
public:
    /// Throws InvalidOption when the CRS is unknown or the grid is empty.
    explicit CellGeometry(const GridSpec& grid);
    ~CellGeometry();
    CellGeometry(const CellGeometry&) = delete;
    CellGeometry& operator=(const CellGeometry&) = delete;

    const GridSpec& grid() const noexcept { return grid_; }
    bool separable() const noexcept { return separable_; }

    /// Unit vector of a cell's centre on the sphere.
    std::array<double, 3> unit(int row, int col) const;
    LonLat centre(int row, int col) const;
    double area_km2(int row, int col) const;

    /// Up to two windows (two when a global grid wraps at the antimeridian) that hold every cell
    /// centre within `radius_km` of `p`.
    std::vector<CellWindow> windows(LonLat p, double radius_km) const;
    /// Whether some cell contains `p` (for cylindrical grids without a search).
    bool contains(LonLat p) const;
    /// The cell containing `p`, if any.
    std::optional<std::pair<int, int>> cell_of(LonLat p) const;

    // Separable grids: per column and per row.
    const std::vector<double>& column_lon() const { return col_lon_; }
    const std::vector<double>& row_lat() const { return row_lat_; }
    const std::vector<double>& row_cos() const { return row_cos_; }
    /// sin and cos of half each column's longitude and half each row's latitude: differences of
    /// half angles by the addition formulas, with no trigonometry per kernel.
    const std::vector<double>& column_half_sin() const { return col_half_sin_; }
    const std::vector<double>& column_half_cos() const { return col_half_cos_; }
    const std::vector<double>& row_half_sin() const { return row_half_sin_; }
    const std::vector<double>& row_half_cos() const { return row_half_cos_; }
    /// Cell area = row_area_per_rad()[row] * column_width_rad()[col].
    const std::vector<double>& row_area_per_rad() const { return row_area_; }
    const std::vector<double>& column_width_rad() const { return col_dlon_; }

private:
    struct Transforms;
    // Grid coordinates to lon/lat in place; NaN where the projection has none.
    void to_lonlat(std::vector<double>& xs, std::vector<double>& ys) const;
    // Whether longitude follows the column alone and latitude the row alone.
    bool test_separable() const;
    void measure_columns_and_rows();
    void measure_every_cell();

    GridSpec grid_;
    std::unique_ptr<Transforms> tf_;
    bool separable_ = false;
    bool wraps_ = false;  // columns cover all longitudes
    std::vector<double> col_lon_, col_cos_, col_sin_, col_lon_edge_, col_dlon_, col_half_sin_, col_half_cos_;
    std::vector<double> row_half_sin_, row_half_cos_;
    std::vector<double> row_lat_, row_cos_, row_sin_, row_area_, row_lat_edge_;
    std::vector<std::array<float, 3>> cell_unit_;  // other grids
    std::vector<float> cell_area_;
};

}  // namespace incimap
