#pragma once
// Records waiting for something known only at the end of a run (DBSCAN's cluster ids, the header
// of rejects.csv): a file beside an output that has no name (O_TMPFILE, or unlinked at once), so
// that nothing is left behind whatever ends the run, and memory does not grow with the records.
// Written once, then read back once.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace incimap::detail {

class SpillFile {
public:
    /// Beside `output`, which errors name. Throws IoError.
    explicit SpillFile(const std::filesystem::path& output);
    ~SpillFile();
    SpillFile(const SpillFile&) = delete;
    SpillFile& operator=(const SpillFile&) = delete;

    /// Throws IoError (a full disk among the causes).
    void write(std::string_view bytes);
    /// To read from the start.
    void rewind();
    /// Up to `n` bytes appended to `into`; 0 at the end.
    std::size_t read(std::string& into, std::size_t n);
    /// From the start, each record written as (u32 tag, u32 byte count, the bytes), in order.
    /// Throws IoError when the file ends inside one.
    void read_records(const std::function<void(std::uint32_t tag, std::string_view bytes)>& take);

private:
    std::string output_;
    int fd_ = -1;
};

}  // namespace incimap::detail
