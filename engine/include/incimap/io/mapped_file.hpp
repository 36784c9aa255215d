#pragma once
// A read-only memory map of a whole file.
#include <cstddef>
#include <filesystem>

namespace incimap::detail {

/// Maps a file read-only for its lifetime; throws DataError naming the file when it cannot.
class MappedFile {
public:
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::byte* data() const noexcept { return data_; }
    std::size_t size() const noexcept { return size_; }
    /// Gives back the pages before `offset`, read already: a file read once from start to end
    /// otherwise stays resident, and counted in the process's memory, to its end.
    void release_before(std::size_t offset) const noexcept;

private:
    const std::byte* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace incimap::detail
