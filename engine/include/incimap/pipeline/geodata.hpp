#pragma once
// Finding and opening the built geodata (gazetteer.bin, boundaries.gpkg, manifest.json).
#include <filesystem>
#include <memory>
#include <string>

namespace incimap {

class Gazetteer;
class Reporter;
class Boundaries;

/// The geodata directory: `explicit_dir` when given, else $INCIMAP_GEODATA, else `geodata/`
/// beside the running executable (where tools/setup.sh builds it). Throws DataError listing the
/// places it looked in when none holds a gazetteer.
std::filesystem::path find_geodata_dir(const std::string& explicit_dir);

std::unique_ptr<Gazetteer> open_gazetteer(const std::filesystem::path& geodata_dir);
std::unique_ptr<Boundaries> open_boundaries(const std::filesystem::path& geodata_dir);

/// Reads an analyst's places file (--places) and adds its places to `gazetteer` and their
/// polygons to `boundaries`; each skipped row is a warning about lost data (the first 20, then
/// a count). Throws InputError when the file cannot be read or has no usable row.
void add_user_places(const std::string& places_file, Gazetteer& gazetteer, Boundaries& boundaries, Reporter& reporter);

/// The QGIS/web styles directory: $INCIMAP_STYLES, else `styles/` beside the executable (the
/// build copies the repository's styles/ there). Empty when neither exists.
std::filesystem::path find_styles_dir();

/// The web libraries of the preview page (leaflet/): $INCIMAP_WEB, else `web/` beside the
/// executable (tools/setup.sh puts Leaflet there). Empty when neither exists.
std::filesystem::path find_web_dir();

/// The manifest's text, or "{}" when there is none.
std::string read_manifest(const std::filesystem::path& geodata_dir);

}  // namespace incimap
