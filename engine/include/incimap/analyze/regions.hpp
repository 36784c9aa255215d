#pragma once
// Regions to count incidents in: countries, admin-1 areas, UN subregions (from the boundaries
// GeoPackage), or custom polygons from any vector file.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "incimap/core/incident.hpp"

class OGRGeometry;

namespace incimap {

enum class RegionKind { country, admin1, subregion, custom };

std::optional<RegionKind> parse_region_kind(std::string_view text);
std::string_view to_string(RegionKind kind);

struct Region {
    std::string code;  ///< ISO code, subregion name, or the custom file's region field
    std::string name;
    std::shared_ptr<const OGRGeometry> geometry;  ///< WGS 84, as read (custom polygons repaired)
};

/// Which region each incident lies in. Countries and admin-1 areas go by the incident's codes
/// (the same codes that decided its class); subregions by its country; custom regions by its
/// point, tested against the polygons (the first in file order wins where they overlap).
class RegionSet {
public:
    /// Countries, admin-1 areas or subregions from boundaries.gpkg.
    static RegionSet from_boundaries(RegionKind kind, const std::filesystem::path& gpkg);
    /// Polygons of a vector file (any OGR format and CRS), named by `field`. Invalid polygons are
    /// repaired with a warning on `warnings`; a missing field or file is an InputError.
    static RegionSet from_file(const std::filesystem::path& file, const std::string& field,
                               std::vector<std::string>& warnings);

    RegionSet(RegionSet&&) noexcept;
    RegionSet& operator=(RegionSet&&) noexcept;
    ~RegionSet();

    RegionKind kind() const noexcept;
    std::size_t size() const noexcept;
    const Region& region(std::size_t i) const;
    /// Region i's polygon simplified to about 1 km for output layers; computed on first use, as
    /// only the regions of the countries with incidents are written. Not thread-safe.
    std::shared_ptr<const OGRGeometry> output_geometry(std::size_t i) const;
    /// The region of a placed incident, or none (outside every region, or no code).
    std::optional<std::size_t> region_of(const IncidentPoint& incident) const;

private:
    struct Impl;
    explicit RegionSet(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace incimap
