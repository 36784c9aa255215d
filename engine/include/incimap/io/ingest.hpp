#pragma once
// Reading incident lists through OGR: CSV, XLSX, ODS, GeoJSON and GeoPackage (CSV and TSV also
// gzipped or zipped, read as they unpack), with ACLED's column names understood as they are and
// other files mapped by column name.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "incimap/core/date.hpp"
#include "incimap/core/incident.hpp"

namespace incimap {

class Reporter;

/// Which input columns hold what. Empty members are found automatically (case-insensitive):
///   date  event_date, date           place  location, place, place_name
///   lat   latitude, lat              lon    longitude, lon, lng, long
///   type  event_type, type           id     event_id_cnty, event_id, id
/// Columns admin1, region, country and country_hint, when present and not used otherwise, are
/// read as geocoding hints. GeoJSON and GeoPackage point geometries give coordinates too.
struct ColumnMapping {
    std::string date, place, lat, lon, type, id;
    std::string layer;  ///< layer or sheet name, or the data file in a zip archive; empty for the first (the only one in a zip)
    DateOrder date_order = DateOrder::unknown;  ///< how 05/06/2023 is read
    /// Bytes a .gz or .zip input may unpack to (it is refused beyond them, or beyond 1,000 times
    /// its size).
    std::uint64_t max_unpacked = std::uint64_t{64} << 30;
    /// The encoding of a CSV or TSV file's text when it is not UTF-8: an ICU converter name for an
    /// ASCII-compatible encoding (cp1251, cp1256, windows-1252, latin1, koi8-r ...); empty: UTF-8.
    std::string encoding;
};

/// Everything read from one file: good rows as incidents, bad rows with their reason.
struct IngestResult {
    std::string file;  ///< the path read
    std::shared_ptr<const FieldSchema> schema;
    std::vector<Incident> incidents;
    std::vector<RowProblem> problems;  ///< rejected rows (bad date, bad coordinates, nothing to place)
    std::int64_t rows = 0;
    std::vector<std::string> warnings;  ///< what GDAL warned about while reading (ragged rows ...)
};

/// An incident list read a chunk of rows at a time, so that a run holds a chunk of raw rows at
/// once rather than the whole file. Opening checks what read_incidents checks (InputError).
class IncidentReader {
public:
    IncidentReader(const std::string& path, const ColumnMapping& mapping, Reporter& reporter);
    ~IncidentReader();
    IncidentReader(const IncidentReader&) = delete;
    IncidentReader& operator=(const IncidentReader&) = delete;

    /// The columns; a CSV's pass-through number columns are typed (over all its rows) on opening.
    const std::shared_ptr<FieldSchema>& schema() const;
    /// The next up to `max_rows` rows (rows numbered from the file's first), or none at the end.
    /// Throws InputError when the driver stops early.
    std::optional<IngestResult> next_chunk(std::size_t max_rows);
    /// What GDAL warned about so far.
    const std::vector<std::string>& warnings() const;
    /// The share of the file read so far, for files our own reader splits; none for the others.
    std::optional<double> share_read() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

/// The whole file at once. Throws InputError (naming the file, and the column when one is at fault; an option that would
/// help is named in braces, "{input.columns.date}", as InvalidOption names fields) when the file
/// as a whole cannot be read: a remote or virtual path (/vsi..., URLs), a missing or unreadable file,
/// a format outside the allow-list, a missing required column.
IngestResult read_incidents(const std::string& path, const ColumnMapping& mapping, Reporter& reporter);

/// Refuses what is not a plain local file path: GDAL virtual file systems (/vsicurl/, /vsizip/
/// ...) and URLs. Throws InputError.
void check_local_path(const std::string& path);

}  // namespace incimap
