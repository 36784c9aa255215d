#pragma once
// What the fuzz targets share: the fuzz input as a file on disk (incimap reads only local
// files, as users give them) and the geodata the targets look places up in.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

namespace incimap::fuzz {

/// A file in the temporary directory holding the input, removed when done; `extension` decides
/// which GDAL driver reads it.
class InputFile {
public:
    InputFile(const std::uint8_t* data, std::size_t size, const char* extension)
        : path_(std::filesystem::temp_directory_path() / ("incimap-fuzz-" + std::to_string(::getpid()) + extension)) {
        if (std::FILE* f = std::fopen(path_.c_str(), "wb")) {
            if (size > 0) std::fwrite(data, 1, size, f);
            std::fclose(f);
        } else {
            std::perror(path_.c_str());
            std::abort();
        }
    }
    ~InputFile() { std::filesystem::remove(path_); }
    InputFile(const InputFile&) = delete;
    InputFile& operator=(const InputFile&) = delete;
    std::string path() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

/// $INCIMAP_GEODATA, else the build tree's geodata.
inline std::filesystem::path geodata_dir() {
    if (const char* dir = std::getenv("INCIMAP_GEODATA")) return dir;
    return INCIMAP_GEODATA_DIR;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace incimap::fuzz
