#include "incimap/render/raster_grid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "incimap/core/error.hpp"
#include "incimap/io/gdal.hpp"
#include "incimap/render/web_mercator.hpp"

namespace incimap {

namespace {

constexpr double deg = std::numbers::pi / 180;

OGRSpatialReference spatial_reference(const std::string& crs) {
    ensure_gdal_registered();
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(crs.c_str()) != OGRERR_NONE) throw InvalidOption("heatmap.crs", "'" + crs + "' is not a coordinate reference system PROJ knows");
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

std::array<double, 3> unit_of(double lon_deg, double lat_deg) {
    const double lat = lat_deg * deg, lon = lon_deg * deg;
    return {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)};
}

}  // namespace

struct CellGeometry::Transforms {
    TransformPtr to_grid, to_lonlat;
};

GridSpec grid_over(const std::string& crs, const LonLatBox& box, int long_side) {
    if (long_side < 1) throw InvalidOption("heatmap.size", "a grid needs at least one cell");
    const OGRSpatialReference srs = spatial_reference(crs);
    TransformPtr to_grid(OGRCreateCoordinateTransformation(&wgs84_lonlat(), &srs));
    if (!to_grid) throw InvalidOption("heatmap.crs", "cannot transform from WGS 84 to '" + crs + "'");
    // The box's outline, densely sampled: its edges need not be straight in the grid's CRS.
    std::vector<double> xs, ys;
    constexpr int steps = 64;
    for (int i = 0; i <= steps; ++i) {
        const double f = double(i) / steps;
        const double lon = box.west + f * (box.east - box.west), lat = box.south + f * (box.north - box.south);
        for (const auto& [x, y] : {std::pair{lon, box.south}, std::pair{lon, box.north}, std::pair{box.west, lat}, std::pair{box.east, lat}}) {
            xs.push_back(x);
            ys.push_back(y);
        }
    }
    std::vector<int> ok(xs.size());
    to_grid->Transform(static_cast<int>(xs.size()), xs.data(), ys.data(), nullptr, ok.data());
    GridSpec g;
    g.crs = crs;
    g.min_x = g.min_y = std::numeric_limits<double>::infinity();
    g.max_x = g.max_y = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (!ok[i] || !std::isfinite(xs[i]) || !std::isfinite(ys[i])) continue;
        g.min_x = std::min(g.min_x, xs[i]);
        g.max_x = std::max(g.max_x, xs[i]);
        g.min_y = std::min(g.min_y, ys[i]);
        g.max_y = std::max(g.max_y, ys[i]);
    }
    if (!(g.max_x > g.min_x) || !(g.max_y > g.min_y)) throw InvalidOption("heatmap.extent", "the map extent does not project into '" + crs + "'");
    const double cell = std::max(g.max_x - g.min_x, g.max_y - g.min_y) / long_side;
    g.width = std::max(1, static_cast<int>(std::ceil((g.max_x - g.min_x) / cell - 1e-9)));
    g.height = std::max(1, static_cast<int>(std::ceil((g.max_y - g.min_y) / cell - 1e-9)));
    g.max_x = g.min_x + g.width * cell;
    g.min_y = g.max_y - g.height * cell;
    return g;
}

GridSpec tile_grid(int z, int x, int y, int size) {
    const double tile = web_mercator::pixel_m(z, size) * size;
    GridSpec g;
    g.crs = web_mercator_crs;
    g.min_x = -web_mercator::half_world_m + x * tile;
    g.max_x = g.min_x + tile;
    g.max_y = web_mercator::half_world_m - y * tile;
    g.min_y = g.max_y - tile;
    g.width = g.height = size;
    return g;
}

CellGeometry::CellGeometry(const GridSpec& grid) : grid_(grid), tf_(std::make_unique<Transforms>()) {
    if (grid.width < 1 || grid.height < 1 || !(grid.max_x > grid.min_x) || !(grid.max_y > grid.min_y))
        throw InvalidOption("heatmap.size", "the raster grid is empty");
    // Web Mercator is defined on a sphere: its inverse in closed form spares map tiles the cost
    // of setting up a PROJ pipeline each.
    if (grid.crs != web_mercator_crs) {
        const OGRSpatialReference srs = spatial_reference(grid.crs);
        tf_->to_grid.reset(OGRCreateCoordinateTransformation(&wgs84_lonlat(), &srs));
        tf_->to_lonlat.reset(OGRCreateCoordinateTransformation(&srs, &wgs84_lonlat()));
        if (!tf_->to_grid || !tf_->to_lonlat) throw InvalidOption("heatmap.crs", "cannot transform between WGS 84 and '" + grid.crs + "'");
    }
    separable_ = test_separable();
    if (separable_) measure_columns_and_rows();
    else measure_every_cell();
}

void CellGeometry::to_lonlat(std::vector<double>& xs, std::vector<double>& ys) const {
    if (!tf_->to_lonlat) {  // Web Mercator
        for (std::size_t i = 0; i < xs.size(); ++i) {
            xs[i] = web_mercator::lon_deg(xs[i]);
            ys[i] = web_mercator::lat_deg(ys[i]);
        }
        return;
    }
    std::vector<int> ok(xs.size());
    tf_->to_lonlat->Transform(static_cast<int>(xs.size()), xs.data(), ys.data(), nullptr, ok.data());
    for (std::size_t i = 0; i < xs.size(); ++i)
        if (!ok[i] || !std::isfinite(xs[i]) || !std::isfinite(ys[i])) xs[i] = ys[i] = std::numeric_limits<double>::quiet_NaN();
}

// On a 5 x 5 sample of cell centres.
bool CellGeometry::test_separable() const {
    const int w = grid_.width, h = grid_.height;
    std::vector<double> xs, ys;
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 5; ++j) {
            xs.push_back(grid_.min_x + (0.5 + j * (w - 1) / 4.0) * grid_.cell_width());
            ys.push_back(grid_.max_y - (0.5 + i * (h - 1) / 4.0) * grid_.cell_height());
        }
    to_lonlat(xs, ys);
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 5; ++j) {
            const std::size_t k = static_cast<std::size_t>(i * 5 + j), top = static_cast<std::size_t>(j), left = static_cast<std::size_t>(i * 5);
            if (!std::isfinite(xs[k]) || std::fabs(xs[k] - xs[top]) > 1e-9 || std::fabs(ys[k] - ys[left]) > 1e-9 ||
                (j > 0 && w > 1 && !(xs[k] > xs[k - 1])) || (i > 0 && h > 1 && !(ys[k] < ys[k - 5])))
                return false;
        }
    return true;
}

// Columns: centres and edges along the middle row; rows: along the middle column.
void CellGeometry::measure_columns_and_rows() {
    const int w = grid_.width, h = grid_.height;
    std::vector<double> xs, ys;
    const double mid_y = (grid_.min_y + grid_.max_y) / 2, mid_x = (grid_.min_x + grid_.max_x) / 2;
    for (int c = 0; c <= 2 * w; ++c) {
        xs.push_back(grid_.min_x + c * grid_.cell_width() / 2);
        ys.push_back(mid_y);
    }
    for (int r = 0; r <= 2 * h; ++r) {
        xs.push_back(mid_x);
        ys.push_back(grid_.max_y - r * grid_.cell_height() / 2);
    }
    to_lonlat(xs, ys);
    std::vector<double> row_lat_edge;
    for (int c = 0; c <= 2 * w; ++c) (c % 2 ? col_lon_ : col_lon_edge_).push_back(xs[static_cast<std::size_t>(c)]);
    for (int r = 0; r <= 2 * h; ++r) (r % 2 ? row_lat_ : row_lat_edge).push_back(ys[static_cast<std::size_t>(2 * w + 1 + r)]);
    for (const std::vector<double>* edges : {&col_lon_edge_, &row_lat_edge})
        for (double v : *edges)
            if (!std::isfinite(v)) throw InvalidOption("heatmap.extent", "the raster grid reaches beyond what '" + grid_.crs + "' can project");
    for (std::size_t c = 0; c < col_lon_.size(); ++c) {
        col_cos_.push_back(std::cos(col_lon_[c] * deg));
        col_sin_.push_back(std::sin(col_lon_[c] * deg));
        col_dlon_.push_back((col_lon_edge_[c + 1] - col_lon_edge_[c]) * deg);
        col_half_sin_.push_back(std::sin(col_lon_[c] * deg / 2));
        col_half_cos_.push_back(std::cos(col_lon_[c] * deg / 2));
    }
    for (std::size_t r = 0; r < row_lat_.size(); ++r) {
        row_cos_.push_back(std::cos(row_lat_[r] * deg));
        row_sin_.push_back(std::sin(row_lat_[r] * deg));
        row_half_sin_.push_back(std::sin(row_lat_[r] * deg / 2));
        row_half_cos_.push_back(std::cos(row_lat_[r] * deg / 2));
        // the band between two parallels, per radian of longitude
        row_area_.push_back(mean_earth_radius_km * mean_earth_radius_km * std::fabs(std::sin(row_lat_edge[r] * deg) - std::sin(row_lat_edge[r + 1] * deg)));
    }
    row_lat_edge_ = std::move(row_lat_edge);
    wraps_ = col_lon_edge_.back() - col_lon_edge_.front() >= 360 - 1e-6;
}

// Any other projection: every cell's centre, and its area from the distances to the centres
// around it (cells outside the projection's domain get no area and no density).
void CellGeometry::measure_every_cell() {
    const int w = grid_.width, h = grid_.height;
    cell_unit_.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), {NAN, NAN, NAN});
    cell_area_.assign(cell_unit_.size(), 0);
    std::vector<double> xs(static_cast<std::size_t>(w)), ys(static_cast<std::size_t>(w));
    for (int r = 0; r < h; ++r) {
        for (int c = 0; c < w; ++c) {
            xs[static_cast<std::size_t>(c)] = grid_.min_x + (c + 0.5) * grid_.cell_width();
            ys[static_cast<std::size_t>(c)] = grid_.max_y - (r + 0.5) * grid_.cell_height();
        }
        to_lonlat(xs, ys);
        for (int c = 0; c < w; ++c) {
            const double lon = xs[static_cast<std::size_t>(c)], lat = ys[static_cast<std::size_t>(c)];
            if (!std::isfinite(lon)) continue;
            const auto u = unit_of(lon, lat);
            cell_unit_[static_cast<std::size_t>(r) * static_cast<std::size_t>(w) + static_cast<std::size_t>(c)] = {float(u[0]), float(u[1]), float(u[2])};
        }
    }
    auto at = [&](int r, int c) { return cell_unit_[static_cast<std::size_t>(r) * static_cast<std::size_t>(w) + static_cast<std::size_t>(c)]; };
    for (int r = 0; r < h; ++r)
        for (int c = 0; c < w; ++c) {
            const auto u = at(r, c);
            if (!std::isfinite(u[0])) continue;
            // Half the spans to the neighbours on either side (one side at the grid's edges).
            const auto l = at(r, std::max(0, c - 1)), rt = at(r, std::min(w - 1, c + 1));
            const auto up = at(std::max(0, r - 1), c), dn = at(std::min(h - 1, r + 1), c);
            if (!std::isfinite(l[0]) || !std::isfinite(rt[0]) || !std::isfinite(up[0]) || !std::isfinite(dn[0])) continue;
            const double sx = (c > 0 && c < w - 1) ? 2 : 1, sy = (r > 0 && r < h - 1) ? 2 : 1;
            std::array<double, 3> a{}, b{};
            for (int k = 0; k < 3; ++k) {
                a[static_cast<std::size_t>(k)] = (double(rt[static_cast<std::size_t>(k)]) - l[static_cast<std::size_t>(k)]) / sx;
                b[static_cast<std::size_t>(k)] = (double(dn[static_cast<std::size_t>(k)]) - up[static_cast<std::size_t>(k)]) / sy;
            }
            const double cx = a[1] * b[2] - a[2] * b[1], cy = a[2] * b[0] - a[0] * b[2], cz = a[0] * b[1] - a[1] * b[0];
            cell_area_[static_cast<std::size_t>(r) * static_cast<std::size_t>(w) + static_cast<std::size_t>(c)] =
                static_cast<float>(std::sqrt(cx * cx + cy * cy + cz * cz) * mean_earth_radius_km * mean_earth_radius_km);
        }
}

CellGeometry::~CellGeometry() = default;

std::array<double, 3> CellGeometry::unit(int row, int col) const {
    if (separable_) {
        const auto r = static_cast<std::size_t>(row), c = static_cast<std::size_t>(col);
        return {row_cos_[r] * col_cos_[c], row_cos_[r] * col_sin_[c], row_sin_[r]};
    }
    const auto& u = cell_unit_[static_cast<std::size_t>(row) * static_cast<std::size_t>(grid_.width) + static_cast<std::size_t>(col)];
    return {u[0], u[1], u[2]};
}

LonLat CellGeometry::centre(int row, int col) const {
    if (separable_) return {col_lon_[static_cast<std::size_t>(col)], row_lat_[static_cast<std::size_t>(row)]};
    const auto u = unit(row, col);
    return {std::atan2(u[1], u[0]) / deg, std::asin(std::clamp(u[2], -1.0, 1.0)) / deg};
}

double CellGeometry::area_km2(int row, int col) const {
    if (separable_)
        return row_area_[static_cast<std::size_t>(row)] * col_dlon_[static_cast<std::size_t>(col)];
    return cell_area_[static_cast<std::size_t>(row) * static_cast<std::size_t>(grid_.width) + static_cast<std::size_t>(col)];
}

bool CellGeometry::contains(LonLat p) const {
    if (!separable_) return cell_of(p).has_value();
    return p.lat_deg <= row_lat_edge_.front() && p.lat_deg >= row_lat_edge_.back() &&
           (wraps_ || (p.lon_deg >= col_lon_edge_.front() && p.lon_deg <= col_lon_edge_.back()));
}

std::optional<std::pair<int, int>> CellGeometry::cell_of(LonLat p) const {
    if (separable_) {  // by the cells' edges, no projection needed
        double lon = p.lon_deg;
        if (wraps_ && lon < col_lon_edge_.front()) lon += 360;
        if (wraps_ && lon >= col_lon_edge_.back()) lon -= 360;
        const auto col = std::upper_bound(col_lon_edge_.begin(), col_lon_edge_.end(), lon) - col_lon_edge_.begin() - 1;
        const auto row = std::partition_point(row_lat_edge_.begin(), row_lat_edge_.end(), [&](double v) { return v > p.lat_deg; }) - row_lat_edge_.begin() - 1;
        if (col < 0 || col >= grid_.width || row < 0 || row >= grid_.height) return std::nullopt;
        return std::pair{static_cast<int>(row), static_cast<int>(col)};
    }
    double x = p.lon_deg, y = p.lat_deg;
    int ok = 0;
    if (!tf_->to_grid->Transform(1, &x, &y, nullptr, &ok) || !ok || !std::isfinite(x) || !std::isfinite(y)) return std::nullopt;
    const double col = std::floor((x - grid_.min_x) / grid_.cell_width()), row = std::floor((grid_.max_y - y) / grid_.cell_height());
    if (col < 0 || row < 0 || col >= grid_.width || row >= grid_.height) return std::nullopt;
    return std::pair{static_cast<int>(row), static_cast<int>(col)};
}

LonLatBox reach_box(LonLat p, double radius_km) {
    const double alpha = radius_km / mean_earth_radius_km / deg;  // degrees of arc
    const double sin_alpha = std::sin(std::min(alpha * deg, std::numbers::pi / 2)), cos_lat = std::cos(p.lat_deg * deg);
    // the widest parallel of a small circle: sin(Δλ) = sin(α) / cos(φ)
    const bool pole = p.lat_deg + alpha >= 90 || p.lat_deg - alpha <= -90;
    const double dlon = pole || sin_alpha >= cos_lat ? 180 : std::asin(sin_alpha / cos_lat) / deg;
    return {p.lon_deg - dlon, p.lat_deg - alpha, p.lon_deg + dlon, p.lat_deg + alpha};
}

// Runs once per kernel of the exact density: one piece, with the separable and general grids'
// searches side by side.
std::vector<CellWindow> CellGeometry::windows(LonLat p, double radius_km) const {
    const LonLatBox reach = reach_box(p, radius_km);
    const double north = reach.north, south = reach.south, dlon = (reach.east - reach.west) / 2;
    std::vector<CellWindow> out;
    if (separable_) {
        CellWindow base;
        // rows run north to south
        base.row_begin = static_cast<int>(std::partition_point(row_lat_.begin(), row_lat_.end(), [&](double lat) { return lat > north; }) - row_lat_.begin());
        base.row_end = static_cast<int>(std::partition_point(row_lat_.begin(), row_lat_.end(), [&](double lat) { return lat >= south; }) - row_lat_.begin());
        const bool rows_clipped = north > row_lat_edge_.front() || south < row_lat_edge_.back();
        auto add = [&](double west, double east, bool clipped) {
            CellWindow w = base;
            w.col_begin = static_cast<int>(std::lower_bound(col_lon_.begin(), col_lon_.end(), west) - col_lon_.begin());
            w.col_end = static_cast<int>(std::upper_bound(col_lon_.begin(), col_lon_.end(), east) - col_lon_.begin());
            w.clipped = rows_clipped || clipped;
            if (!w.empty()) out.push_back(w);
        };
        const double west = p.lon_deg - dlon, east = p.lon_deg + dlon;
        if (wraps_ && dlon >= 180) {
            add(-1e9, 1e9, false);
        } else if (wraps_) {
            add(west, east, false);
            if (west < col_lon_edge_.front()) add(west + 360, 1e9, false);
            if (east > col_lon_edge_.back()) add(-1e9, east - 360, false);
        } else {
            add(west, east, west < col_lon_edge_.front() || east > col_lon_edge_.back());
        }
        return out;
    }
    // Project the circle's box outline and take its extent in cells, with a cell to spare.
    std::vector<double> xs, ys;
    const double w = dlon >= 180 ? -180 : p.lon_deg - dlon, e = dlon >= 180 ? 180 : p.lon_deg + dlon;
    const double s = std::max(-90.0, south), n = std::min(90.0, north);
    for (int i = 0; i <= 8; ++i) {
        const double f = i / 8.0;
        for (const auto& [x, y] : {std::pair{w + f * (e - w), s}, std::pair{w + f * (e - w), n}, std::pair{w, s + f * (n - s)},
                                   std::pair{e, s + f * (n - s)}, std::pair{p.lon_deg, p.lat_deg}}) {
            xs.push_back(x);
            ys.push_back(y);
        }
    }
    std::vector<int> ok(xs.size());
    tf_->to_grid->Transform(static_cast<int>(xs.size()), xs.data(), ys.data(), nullptr, ok.data());
    double c0 = 1e300, c1 = -1e300, r0 = 1e300, r1 = -1e300;
    bool clipped = false;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        if (!ok[i] || !std::isfinite(xs[i]) || !std::isfinite(ys[i])) {
            clipped = true;
            continue;
        }
        c0 = std::min(c0, (xs[i] - grid_.min_x) / grid_.cell_width());
        c1 = std::max(c1, (xs[i] - grid_.min_x) / grid_.cell_width());
        r0 = std::min(r0, (grid_.max_y - ys[i]) / grid_.cell_height());
        r1 = std::max(r1, (grid_.max_y - ys[i]) / grid_.cell_height());
    }
    if (c0 > c1) return out;
    CellWindow win;
    win.col_begin = static_cast<int>(std::clamp(std::floor(c0) - 1, 0.0, double(grid_.width)));
    win.col_end = static_cast<int>(std::clamp(std::ceil(c1) + 1, 0.0, double(grid_.width)));
    win.row_begin = static_cast<int>(std::clamp(std::floor(r0) - 1, 0.0, double(grid_.height)));
    win.row_end = static_cast<int>(std::clamp(std::ceil(r1) + 1, 0.0, double(grid_.height)));
    win.clipped = clipped || c0 < 0 || r0 < 0 || c1 > grid_.width || r1 > grid_.height;
    if (!win.empty()) out.push_back(win);
    return out;
}

}  // namespace incimap
