#pragma once
// A ZIP archive built in memory with zlib: deflated entries, every timestamp fixed at
// 1980-01-01 00:00 (the earliest a ZIP can say), so that the same entries give the same bytes.
#include <string>
#include <vector>

namespace incimap {

struct ZipEntry {
    std::string name;  ///< path inside the archive, '/'-separated
    std::string data;
};

/// The archive's bytes. Throws IoError when an entry or the archive exceeds ZIP's 4 GiB limits.
std::string zip_archive(const std::vector<ZipEntry>& entries);

}  // namespace incimap
