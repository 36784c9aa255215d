#pragma once
// Files GDAL writes whose write errors are not lost. GDAL's own file layer returns a short count
// from a failed write and its GeoJSON writer ignores it, so on a full disk a truncated layer
// would be renamed into place as if complete. Paths from checked_gdal_path() go through a GDAL
// file-system plugin that keeps the first error of each file for take_write_error().
#include <filesystem>
#include <string>

namespace incimap {

/// The GDAL path under which GDAL reads and writes the local file `path` with checked writes.
std::string checked_gdal_path(const std::filesystem::path& path);

/// The first error (an errno value) writing or closing `path` through checked_gdal_path since
/// the last call, or 0.
int take_write_error(const std::filesystem::path& path);

}  // namespace incimap
