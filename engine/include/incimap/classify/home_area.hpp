#pragma once
// The home area that splits incidents into domestic and transnational: a set of countries by ISO
// code, or polygons from a file.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "incimap/core/geos.hpp"
#include "incimap/core/incident.hpp"

namespace incimap {

class Boundaries;
class Gazetteer;

/// Rules:
/// - Home as ISO codes: an incident is domestic when its country (from the gazetteer for a
///   geocoded place, from the boundary polygons for given coordinates) is one of the codes. A
///   country- or admin-1-level geocode is decided by its code, never by its centroid.
/// - Home as polygons: a point (exact or city precision) is domestic when the polygons cover it;
///   a geocode standing for an area (an admin-1 area, a country, an analyst's district with its
///   polygon: Location::footprint) when more than half of the area lies inside.
class HomeArea {
public:
    /// `codes`: ISO 3166-1 alpha-2 or alpha-3 codes ("AF", "PK", "AFG"). Throws InvalidOption
    /// (placement.home_countries) naming an unknown code, or for none.
    static HomeArea from_codes(const std::vector<std::string>& codes, const Gazetteer& gazetteer);
    /// Union of all polygons in a vector file (GeoJSON, GeoPackage ...), in any CRS. Invalid
    /// polygons are repaired. Throws InputError when the file has no polygon or cannot be
    /// transformed. The polygons live in the GEOS context of `boundaries`: the HomeArea must not
    /// outlive it, and must classify with that same Boundaries object.
    static HomeArea from_file(const std::filesystem::path& file, const Boundaries& boundaries);

    IncidentClass classify(const Location& where, const Boundaries& boundaries) const;

    /// "AF,PK" or the file name, for summaries.
    const std::string& label() const noexcept { return label_; }
    const std::set<std::string>& countries() const noexcept { return countries_; }

private:
    std::string label_;
    std::set<std::string> countries_;
    GEOSContextHandle_t ctx_ = nullptr;  // the Boundaries context the polygons belong to
    std::shared_ptr<GEOSGeometry> polygon_;
    std::shared_ptr<const GEOSPreparedGeometry> prepared_;
};

}  // namespace incimap
