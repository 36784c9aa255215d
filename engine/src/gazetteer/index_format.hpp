#pragma once
// On-disk layout of the gazetteer index (gazetteer.bin). Internal to the engine: written by
// GazetteerBuilder, memory-mapped by Gazetteer. All integers little-endian, sections 8-byte aligned.
//
//   FileHeader | PlaceRecord[place_count] | NameRecord[name_count] | uint32 directory[2^dir_bits + 1] | strings
//
// Names are sorted by hash; directory[b] is the first name whose hash has top bits b, so a lookup
// reads one directory slot and scans a run of about one record. Three kinds of key share the
// table, told apart by the kind bits of the flags and a salt in the hash:
//   exact     the normalised name (normalize_name)
//   skeleton  the consonant skeleton of the name's phonetic fold (see phonetic.hpp)
//   deletion  the skeleton with one character deleted, for one-edit spelling errors (own names only)
//   fold      the phonetic fold of a Latin name: names that differ only in spacing or digraphs
// Skeleton and deletion records also point at the phonetic fold, to score how close a match is.
#include <cstdint>

#include <string_view>

#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/gazetteer/normalize.hpp"

namespace incimap::detail {

inline constexpr char gazetteer_magic[8] = {'I', 'N', 'C', 'G', 'A', 'Z', '\0', '\0'};
inline constexpr std::uint32_t gazetteer_format_version = 5;

struct FileHeader {
    char magic[8];
    std::uint32_t format_version;
    std::uint32_t dir_bits;
    std::uint64_t place_count;
    std::uint64_t name_count;
    std::uint64_t places_offset;
    std::uint64_t names_offset;
    std::uint64_t directory_offset;
    std::uint64_t strings_offset;
    std::uint64_t strings_size;
    std::uint64_t file_size;
};

struct PlaceRecord {
    std::int64_t geonameid;      ///< 0 when the source has none
    double lat_deg;
    double lon_deg;
    std::uint32_t population;
    std::uint32_t name;          ///< string offset: display name
    std::uint32_t admin1_code;   ///< string offset: ISO 3166-2 code, "" when unknown
    std::uint32_t admin1_name;   ///< string offset: admin-1 display name, "" when unknown
    char country[2];             ///< ISO 3166-1 alpha-2
    char feature_code[6];        ///< GeoNames feature code (PPLC, PPLA, ADM1, PCLI ...), NUL-padded
    PlaceKind kind;
    std::uint8_t scripts;        ///< ScriptFlags: scripts some listed name of the place is written in
    std::uint16_t name_length;   ///< bytes of the strings above, so that reading a place needs no strlen
    std::uint16_t admin1_name_length;
    std::uint8_t admin1_code_length;
    PlaceSource source;          ///< where the entry comes from (0, GeoNames or Natural Earth, in built indexes)
};
static_assert(sizeof(PlaceRecord) == 56);

enum NameFlags : std::uint32_t {
    name_primary = 1,  ///< the place's own (or ASCII) name rather than an alternate
    name_latin = 2,    ///< the name is written in Latin script (its fold is not a transliteration)
    /// On exact keys: another Latin name with the same phonetic fold exists ("Jalal-Abad" for
    /// "Jalalabad"), so the fold is worth a lookup.
    name_fold_shared = 4,
    /// On exact keys of alternates: a current name of the place in some language, not a
    /// historical name or a transliteration made for another script.
    name_current = 8,
    /// On exact keys of Latin alternates of places in countries that write Arabic or Cyrillic
    /// script: the name spells the place's own ("Mazar-i-Sharif" for Mazār-e Sharīf; see
    /// own_spelling_similarity).
    name_spells_own = 16,
};

// Flag bits 16-23 and 24-31 hold the byte lengths of the key and of the form (both at most
// 160), so that reading a record needs no strlen.
constexpr std::uint32_t key_length_shift = 16;
constexpr std::uint32_t form_length_shift = 24;
constexpr std::uint32_t key_length_of(std::uint32_t flags) { return (flags >> key_length_shift) & 0xFF; }
constexpr std::uint32_t form_length_of(std::uint32_t flags) { return (flags >> form_length_shift) & 0xFF; }

enum ScriptFlags : std::uint8_t { script_cyrillic = 1, script_arabic = 2 };

enum class KeyKind : std::uint32_t { exact = 0, skeleton = 1, deletion = 2, fold = 3 };

constexpr std::uint32_t key_kind_shift = 8;
constexpr std::uint32_t flags_of(KeyKind kind, bool primary, bool latin) {
    return (static_cast<std::uint32_t>(kind) << key_kind_shift) | (primary ? std::uint32_t{name_primary} : 0U) |
           (latin ? std::uint32_t{name_latin} : 0U);
}
constexpr KeyKind kind_of(std::uint32_t flags) { return static_cast<KeyKind>((flags >> key_kind_shift) & 0xF); }

/// The hash under which a key of `kind` is stored: kinds never collide on equal text.
constexpr std::uint64_t key_hash(std::uint64_t text_hash, KeyKind kind) {
    return text_hash ^ (static_cast<std::uint64_t>(kind) * 0x9E3779B97F4A7C15ULL);
}
inline std::uint64_t key_hash(std::string_view key, KeyKind kind) {
    return key_hash(name_hash(key), kind);
}

struct NameRecord {
    std::uint64_t hash;   ///< key_hash(key, kind)
    std::uint32_t key;    ///< string offset: the key
    std::uint32_t place;  ///< index into the place records
    std::uint32_t flags;  ///< NameFlags and KeyKind
    std::uint32_t form;   ///< string offset: the phonetic fold (skeleton and deletion keys), else 0
};
static_assert(sizeof(NameRecord) == 24);

}  // namespace incimap::detail
