#pragma once
// The gazetteer index: every GeoNames cities500 place, every Natural Earth admin-1 area and every
// country, each under all the names the sources carry, searchable by normalised name.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "incimap/core/geo.hpp"

namespace incimap {

namespace detail {
struct PlaceRecord;
struct NameRecord;
struct FileHeader;
struct PackedIndex;
class MappedFile;
}  // namespace detail

/// What kind of entity a gazetteer entry is. Districts come only from an analyst's own places.
enum class PlaceKind : std::uint8_t { city = 0, admin1 = 1, country = 2, district = 3 };

/// Where a gazetteer entry comes from: the built index (GeoNames places, Natural Earth areas,
/// countries) or an analyst's own list of places (--places).
enum class PlaceSource : std::uint8_t { gazetteer = 0, user = 1 };

struct UserPlace;

/// A view of one gazetteer entry; valid while the Gazetteer lives.
struct Place {
    std::uint32_t index = 0;      ///< position in the gazetteer, stable for one index file
    PlaceKind kind = PlaceKind::city;
    std::int64_t geonameid = 0;   ///< 0 when the source has none (countries)
    LonLat position;              ///< the place point, or the label point of an area
    std::uint32_t population = 0;
    std::string_view name;        ///< display name
    std::string_view country;     ///< ISO 3166-1 alpha-2
    std::string_view admin1_code; ///< ISO 3166-2, empty when unknown
    std::string_view admin1_name;
    std::string_view feature_code;///< GeoNames feature code, e.g. PPLC, PPLA, PPL, ADM1, PCLI
    bool has_cyrillic_name = false;  ///< some listed name is in Cyrillic
    bool has_arabic_name = false;    ///< some listed name is in Arabic script
    PlaceSource source = PlaceSource::gazetteer;
    /// For an analyst's place whose file gave a polygon: its row, whose footprint is
    /// Footprint::user(row) (see Boundaries::footprint); 0 otherwise.
    std::int64_t footprint_row = 0;
};

/// The data set an entry comes from, as written to outputs: "geonames" (places), "natural_earth"
/// (admin-1 areas and countries) or "user".
std::string_view source_name(const Place& p);

/// One name hit: the place and whether the name was its own, a current name in some language,
/// or another alternate (historical, a transliteration made for another script).
struct NameHit {
    std::uint32_t place;
    bool primary;
    bool fold_shared = false;  ///< another Latin name folds the same (find_fold may find namesakes)
    bool current = false;      ///< an alternate that a curated source gives as a current name
    bool spells_own = false;   ///< a Latin alternate that spells the own name (see own_spelling_similarity)
};

/// A phonetic hit: the place and the phonetic fold of the name that matched (see phonetic.hpp).
struct FormHit {
    std::uint32_t place;
    bool primary;
    bool latin;  ///< the name was written in Latin script, not transliterated from another
    std::string_view form;
};

/// A read-only, memory-mapped gazetteer index. Loading maps the file and checks its header, so it
/// takes milliseconds; lookups are thread-safe.
class Gazetteer {
public:
    /// Opens `gazetteer.bin`; throws DataError when it is missing, truncated or of another version.
    explicit Gazetteer(const std::filesystem::path& index_file);

    /// Adds an analyst's own places after the index's: the same lookups find them under the same
    /// normalisation, and their indices follow the index's. Call before any lookup (not
    /// thread-safe); at most once.
    void add_user_places(std::span<const UserPlace> places);
    ~Gazetteer();
    Gazetteer(const Gazetteer&) = delete;
    Gazetteer& operator=(const Gazetteer&) = delete;

    std::size_t size() const noexcept;
    std::size_t name_count() const noexcept;
    Place place(std::uint32_t index) const;
    /// The kind of an entry, without building its Place.
    PlaceKind kind(std::uint32_t index) const;

    /// Places whose names fold to the same key as `name` (see normalize_name).
    std::vector<NameHit> find(std::string_view name) const;
    /// Same as find() for a key that is already normalised.
    std::vector<NameHit> find_key(std::string_view key) const;
    /// Names whose consonant skeleton is `skeleton`.
    std::vector<FormHit> find_skeleton(std::string_view skeleton) const;
    /// Latin names whose phonetic fold is `folded`.
    std::vector<FormHit> find_fold(std::string_view folded) const;
    /// Own names whose skeleton becomes `deleted` when one character is deleted.
    std::vector<FormHit> find_deletion(std::string_view deleted) const;

    /// The country entry for an ISO 3166-1 alpha-2 or alpha-3 code (any case).
    std::optional<Place> country(std::string_view iso_code) const;
    /// ISO alpha-2 for an alpha-2 or alpha-3 code, or empty when unknown.
    std::string country_alpha2(std::string_view iso_code) const;
    /// The admin-1 entry for an ISO 3166-2 code.
    std::optional<Place> admin1(std::string_view iso_3166_2) const;

    /// Bytes mapped for the index.
    std::size_t mapped_bytes() const noexcept;

private:
    struct Layer;
    std::unique_ptr<detail::MappedFile> file_;
    std::unique_ptr<detail::PackedIndex> user_index_;  ///< the packed index of the user's places
    std::vector<std::int64_t> user_footprint_rows_;  ///< per user place, its row if it has a polygon, else 0
    std::vector<Layer> layers_;                  ///< the built index, then the user's places
    std::size_t size_ = 0;
    std::size_t name_count_ = 0;
    std::unordered_map<std::string, std::uint32_t> country_by_code_;
    std::unordered_map<std::string, std::uint32_t> admin1_by_code_;

    const Layer& layer_of(std::uint32_t index) const;
    template <typename Visit>
    void scan(std::string_view key, std::uint32_t kind, Visit visit) const;
    std::vector<FormHit> find_forms(std::string_view key, std::uint32_t kind) const;
};

/// ISO 3166-1 alpha-2 or alpha-3 codes ("AF", "PAK") as alpha-2 codes, in order; throws
/// InvalidOption naming `field` and the first unknown code.
std::vector<std::string> alpha2_codes(const std::vector<std::string>& codes, const Gazetteer& gazetteer, const std::string& field);

}  // namespace incimap
