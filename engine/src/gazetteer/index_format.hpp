#pragma once
// On-disk layout of the gazetteer index (gazetteer.bin). Internal to the engine: written by
// GazetteerBuilder, memory-mapped by Gazetteer. All integers little-endian, sections 8-byte aligned.
//
//   FileHeader | PlaceRecord[place_count] | NameRecord[name_count] | uint32 directory[2^dir_bits + 1] | strings
//
// Names are sorted by hash; directory[b] is the first name whose hash has top bits b, so a lookup
// reads one directory slot and scans a run of about one record.
#include <cstdint>

#include "incimap/gazetteer/gazetteer.hpp"

namespace incimap::detail {

inline constexpr char gazetteer_magic[8] = {'I', 'N', 'C', 'G', 'A', 'Z', '\0', '\0'};
inline constexpr std::uint32_t gazetteer_format_version = 1;

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
    std::uint8_t reserved[7];
};
static_assert(sizeof(PlaceRecord) == 56);

enum NameFlags : std::uint32_t {
    name_primary = 1,  ///< the place's own (or ASCII) name rather than an alternate
};

struct NameRecord {
    std::uint64_t hash;   ///< name_hash(key)
    std::uint32_t key;    ///< string offset: normalised key
    std::uint32_t place;  ///< index into the place records
    std::uint32_t flags;  ///< NameFlags
    std::uint32_t reserved;
};
static_assert(sizeof(NameRecord) == 24);

}  // namespace incimap::detail
