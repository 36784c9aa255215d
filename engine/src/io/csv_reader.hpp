#pragma once
// The records of a CSV file split into fields as GDAL's CSV driver splits them, read from a memory
// map: the hot path of `incimap map` on large lists (the driver costs a feature object and a copy
// of every field per row). GDAL still opens the file, names the columns and reads every format
// but plain CSV/TSV.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "incimap/io/mapped_file.hpp"

namespace incimap::detail {

/// Walks the records of a CSV file: a double quote toggles quoting (inside quotes, "" is one
/// quote); a line break outside quotes ends a record (\n, \r\n, \n\r or \r, as GDAL's line reader
/// takes them; inside quotes each is kept as \n, as the driver joins the lines of a record, but
/// the last of a file that ends inside quotes); a separator outside quotes ends a
/// field; empty lines are skipped; a UTF-8 byte-order mark is skipped.
class CsvReader {
public:
    CsvReader(const std::filesystem::path& path, char separator);

    /// Splits the next record into `fields` (views valid until the next call); false at the end.
    bool next(std::vector<std::string_view>& fields);
    /// Bytes of the file read so far, and in all: for progress.
    std::size_t offset() const noexcept { return pos_; }
    std::size_t size() const noexcept { return file_.size(); }
    /// Gives back the memory of what is read (the fields of earlier records are gone with it).
    void release_read() const noexcept { file_.release_before(pos_); }

private:
    MappedFile file_;
    std::size_t pos_ = 0;
    char separator_;
    std::string unquoted_;  ///< fields that needed unquoting, end to end
};

/// The separator among comma, semicolon, tab and pipe that splits the header line into
/// `fields` fields, or none.
std::optional<char> separator_giving(const std::filesystem::path& path, int fields);

}  // namespace incimap::detail
