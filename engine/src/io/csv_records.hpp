#pragma once
// Field counts of a CSV file's records, split as GDAL's CSV driver splits them, so that ingest
// can reject ragged rows (a separator left unquoted in a place name shifts every later column)
// that the driver would silently pad or cut.
#include <filesystem>
#include <optional>

#include "incimap/io/mapped_file.hpp"

namespace incimap::detail {

/// Walks the records of a CSV file: a double quote toggles quoting, a line break outside quotes
/// ends a record, a separator outside quotes ends a field; empty lines are skipped, as GDAL does.
class CsvRecords {
public:
    CsvRecords(const std::filesystem::path& path, char separator);
    /// The number of fields of the next record, or none at the end of the file.
    std::optional<int> next_field_count();

private:
    MappedFile file_;
    std::size_t pos_ = 0;
    char separator_;
};

/// The separator among comma, semicolon, tab and pipe that splits the header line into
/// `fields` fields, or none.
std::optional<char> separator_giving(const std::filesystem::path& path, int fields);

}  // namespace incimap::detail
