#pragma once
// A gazetteer entry as the builder collects it, before it is packed into the index.
#include <cstdint>
#include <string>
#include <vector>

#include "incimap/gazetteer/gazetteer.hpp"
#include "index_format.hpp"

namespace incimap::detail {

struct PlaceDraft {
    PlaceKind kind = PlaceKind::city;
    PlaceSource source = PlaceSource::gazetteer;
    std::int64_t geonameid = 0;
    double lat_deg = 0;
    double lon_deg = 0;
    std::uint32_t population = 0;
    std::string name;
    std::string country;      ///< ISO alpha-2
    std::string admin1_code;  ///< ISO 3166-2
    std::string admin1_name;
    std::string feature_code; ///< GeoNames feature code; ISO alpha-3 for countries
    std::vector<std::string> primary_names;    ///< the entry's own names (any script)
    /// Names a curated source gives as the place's current name in some language (the GeoNames
    /// locale names of libgeonames-common); unlike other alternates, not historical.
    std::vector<std::string> current_names;
    std::vector<std::string> alternate_names;  ///< other names and spellings
    bool alternates_current = false;           ///< every alternate is a current name (Natural Earth, countries)
};

/// The draft of an analyst's own place (user_places.hpp).
PlaceDraft user_place_draft(const UserPlace& place);

/// An index in memory: the parts that the file lays out one after another (index_format.hpp).
struct PackedIndex {
    FileHeader header{};
    std::vector<PlaceRecord> places;
    std::vector<NameRecord> names;
    std::vector<std::uint32_t> directory;
    std::string strings;
};

/// Packs drafts into the index layout (index_format.hpp).
PackedIndex pack_gazetteer_index(const std::vector<PlaceDraft>& drafts);

/// Packs drafts into the index file at `path` (written directly; the caller makes it atomic).
/// Returns the number of name records.
std::size_t write_gazetteer_index(const std::vector<PlaceDraft>& drafts, const std::string& path);

}  // namespace incimap::detail
