#pragma once
// The one build step that turns the downloaded sources into incimap's geodata:
//   gazetteer.bin   names index (see Gazetteer)
//   boundaries.gpkg admin0, admin1 and UN subregion polygons (EPSG:4326), opens in QGIS as it is
//   manifest.json   source packages, versions, sha256, counts, and the index format version
#include <cstddef>
#include <filesystem>
#include <string>

namespace incimap {

class Reporter;

/// Where each source file is. `in_directory()` finds them in the layout tools/setup.sh writes:
/// DIR/<npm package name>/package/... plus DIR/sources.json describing the packages.
struct GeodataSources {
    std::filesystem::path cities500;          ///< GeoNames cities500.txt (tab-separated)
    std::filesystem::path admin1;             ///< Natural Earth admin-1 states and provinces (GeoJSON)
    std::filesystem::path country_polygons;   ///< one Natural Earth admin-0 GeoJSON per ISO alpha-2 code
    std::filesystem::path world_countries;    ///< countries.json: UN region, subregion, translations
    std::filesystem::path country_names;      ///< directory of <lang>.json country names
    std::filesystem::path provenance;         ///< sources.json: package, version, sha256 of each source
    /// Optional CSV (gn_a1_code,iso_3166_2,reason) of ISO 3166-2 codes to correct in the admin-1
    /// source; the project's list is geodata/admin1-corrections.csv.
    std::filesystem::path corrections;
    /// Optional CSV (iso_3166_2,alias,reason) of further names of admin-1 areas (abbreviations,
    /// official long forms); the project's list is geodata/admin1-aliases.csv.
    std::filesystem::path aliases;
    /// Optional directory of GeoNames locale names, one gettext catalogue per locale
    /// (<locale>.mo: geonameid -> name; Debian libgeonames-common): current names of about
    /// 12,800 major places in 190 locales, evidence that an alternate name is not historical.
    std::filesystem::path locale_names;

    /// Throws DataError naming the first missing file.
    static GeodataSources in_directory(const std::filesystem::path& dir);
};

struct GeodataBuildStats {
    std::size_t countries = 0;
    std::size_t admin1 = 0;
    std::size_t cities = 0;
    std::size_t names = 0;
    std::size_t subregions = 0;
};

/// True when `out_dir` holds geodata built by this index format from exactly these sources.
bool geodata_is_current(const GeodataSources& sources, const std::filesystem::path& out_dir);

/// Builds the geodata into `out_dir` (created if needed); each file is written atomically.
/// Each step's count goes to `reporter`.
GeodataBuildStats build_geodata(const GeodataSources& sources, const std::filesystem::path& out_dir,
                                Reporter& reporter);

}  // namespace incimap
