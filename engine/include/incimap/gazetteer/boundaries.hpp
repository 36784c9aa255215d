#pragma once
// Reverse lookup in the boundary polygons of boundaries.gpkg: which country and which admin-1
// area a point lies in, and the footprint polygon of a country or admin-1 area.
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "incimap/core/footprint.hpp"
#include "incimap/core/geo.hpp"
#include "incimap/core/geos.hpp"
#include "incimap/io/gdal.hpp"

namespace incimap {

/// boundaries.gpkg opened read-only, through the GeoPackage driver alone; throws DataError naming
/// the file.
DatasetPtr open_boundaries_file(const std::filesystem::path& gpkg);

/// A layer of it (admin0, admin1, subregions); throws DataError naming the file and the layer.
OGRLayer& boundaries_layer(GDALDataset& boundaries, const char* name, const std::filesystem::path& gpkg);

/// The lon/lat box of an area of the boundaries file, with a margin of 5%: a UN subregion
/// ("Central Asia"), or a country by name or ISO code (case-insensitive); none when there is no
/// such area. Fills `subregions` with the subregions' names, for a message naming the choices.
std::optional<LonLatBox> area_extent(const std::filesystem::path& gpkg, const std::string& area, std::vector<std::string>& subregions);

/// One polygon area of the boundaries file.
struct Area {
    std::string code;     ///< ISO alpha-2 for countries, ISO 3166-2 for admin-1 (may be empty)
    std::string name;
    std::string country;  ///< ISO alpha-2
};

/// The admin-0 and admin-1 polygons, indexed by an R-tree over their envelopes (see PolygonIndex).
/// country_at and admin1_at may be called from many threads at once; the rest (footprints, the
/// GEOS context it holds, add_user_footprint) is for one thread at a time.
class Boundaries {
public:
    /// Loads layers `admin0` and `admin1`; throws DataError when the file or a layer is missing.
    explicit Boundaries(const std::filesystem::path& gpkg);
    ~Boundaries();
    Boundaries(const Boundaries&) = delete;
    Boundaries& operator=(const Boundaries&) = delete;

    /// The country containing `p`. A point inside no country (a port, a shore, a lake) gets the
    /// nearest country within `coast_tolerance_km`; farther out at sea, none.
    std::optional<Area> country_at(LonLat p) const;
    /// The admin-1 area containing `p`, with the same coastal tolerance.
    std::optional<Area> admin1_at(LonLat p) const;

    /// The polygon of a country (ISO alpha-2) or an admin-1 area (ISO 3166-2), owned by this object;
    /// null when unknown. Several Natural Earth polygons with one code are returned as their union.
    const GEOSGeometry* country_footprint(const std::string& iso_a2) const;
    const GEOSGeometry* admin1_footprint(const std::string& iso_3166_2) const;
    /// The polygon a location's footprint names (an analyst's place's, when added with
    /// add_user_footprint); null when unknown or none.
    const GEOSGeometry* footprint(const Footprint& footprint) const;
    /// Adds the polygon (ISO WKB, WGS 84 lon/lat) of an analyst's place under `code` ("user:12").
    void add_user_footprint(std::int64_t row, std::span<const unsigned char> wkb);

    GEOSContextHandle_t context() const noexcept;

    std::size_t country_count() const noexcept;
    std::size_t admin1_count() const noexcept;

    /// Points this far outside every polygon still match the nearest one (Natural Earth's 1:10m
    /// coastline is generalised by up to a few kilometres).
    static constexpr double coast_tolerance_km = 10.0;

private:
    struct Layer;
    GeosContextPtr ctx_;
    std::unique_ptr<Layer> admin0_;
    std::unique_ptr<Layer> admin1_;
    std::unordered_map<std::string, GeosGeometryPtr> user_footprints_;  ///< by row, as Footprint::code
};

}  // namespace incimap
