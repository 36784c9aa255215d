#pragma once
// The records of a CSV file split into fields as GDAL's CSV driver splits them, read from a memory
// map: the hot path of `incimap map` on large lists (the driver costs a feature object and a copy
// of every field per row). GDAL still opens the file, names the columns and reads every format
// but plain CSV/TSV.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "byte_stream.hpp"
#include "incimap/io/mapped_file.hpp"

namespace incimap::detail {

/// Walks the records of a CSV file: a double quote toggles quoting (inside quotes, "" is one
/// quote); a line break outside quotes ends a record (\n, \r\n, \n\r or \r, as GDAL's line reader
/// takes them; inside quotes each is kept as \n, as the driver joins the lines of a record, but
/// the last of a file that ends inside quotes); a separator outside quotes ends a
/// field; empty lines are skipped; a UTF-8 byte-order mark is skipped.
class CsvReader {
public:
    /// A plain file, memory-mapped whole.
    CsvReader(const std::filesystem::path& path, char separator);
    /// Bytes as a stream gives them (an unpacked file), held a window at a time.
    CsvReader(std::unique_ptr<ByteStream> stream, char separator);
    CsvReader(const CsvReader&) = delete;  // its views point into itself
    CsvReader& operator=(const CsvReader&) = delete;

    /// Splits the next record into `fields` (views valid until the next call); false at the end.
    bool next(std::vector<std::string_view>& fields);
    /// How far reading is, and its end (bytes of the file; a stream's own units): for progress.
    std::uint64_t offset() const noexcept { return stream_ ? stream_->done() : pos_; }
    std::uint64_t size() const noexcept { return stream_ ? stream_->total() : file_->size(); }
    /// Gives back the memory of what is read (the fields of earlier records are gone with it).
    void release_read() const noexcept {
        if (file_) file_->release_before(pos_);
    }

private:
    enum class Parsed { record, end, need_more };
    /// The record at pos_, or need_more when the window ends before it does and the stream has more.
    Parsed parse(std::vector<std::string_view>& fields);
    /// Drops the window's bytes before pos_ and appends the stream's next ones; false at its end.
    bool fill();
    void skip_byte_order_mark();

    std::unique_ptr<MappedFile> file_;
    std::unique_ptr<ByteStream> stream_;
    std::string window_;          ///< a stream's bytes from the current record on
    const char* data_ = nullptr;  ///< the file, or window_
    std::size_t size_ = 0;
    bool complete_ = true;        ///< data_ holds the input to its end
    std::size_t pos_ = 0;
    char separator_;
    std::string unquoted_;  ///< fields that needed unquoting, end to end
};

/// The separator among comma, semicolon, tab and pipe that splits the header line into
/// `fields` fields, or none. `open` gives the file's bytes afresh for each try.
std::optional<char> separator_giving(const std::filesystem::path& path, int fields);
std::optional<char> separator_giving(const std::function<std::unique_ptr<ByteStream>()>& open, int fields);

}  // namespace incimap::detail
