#pragma once
// An analyst's own places (--places): a monitoring group's list of villages and districts, or a
// district layer, read from CSV or an OGR vector file and added to the gazetteer for one run.
//
// Columns (case-insensitive): name; optional alt_names ("|"-separated); lat and lon, or a point
// or polygon geometry (a polygon is the place's footprint; without lat/lon its point on surface is
// the position); country (ISO code or name) and admin1 (ISO 3166-2 code or name), taken from
// where the place lies when empty; kind, one of place (default), district, admin1; population.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "incimap/core/geo.hpp"
#include "incimap/gazetteer/gazetteer.hpp"

namespace incimap {

class Boundaries;

struct UserPlace {
    std::int64_t row = 0;  ///< the row or feature number in its file, from 1
    std::string name;
    std::vector<std::string> alt_names;
    LonLat position;
    PlaceKind kind = PlaceKind::city;  ///< city for "place", district, or admin1
    std::string country;               ///< ISO 3166-1 alpha-2
    std::string admin1_code;           ///< ISO 3166-2, empty when unknown
    std::string admin1_name;
    std::uint32_t population = 0;
    std::vector<unsigned char> footprint_wkb;  ///< the polygon (WGS 84 lon/lat, ISO WKB); empty for points
};

struct UserPlacesFile {
    std::vector<UserPlace> places;
    std::vector<std::string> problems;  ///< each skipped row: file, row, field and reason
    std::int64_t rows = 0;
};

/// Reads a places file. Bad rows are listed in `problems` and skipped; throws InputError when the
/// file cannot be read, has no name column, or has no usable row.
UserPlacesFile read_user_places(const std::string& path, const Gazetteer& gazetteer, const Boundaries& boundaries);


}  // namespace incimap
