#include "incimap/io/ingest.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iterator>
#include <limits>
#include <optional>

#include "incimap/core/ascii.hpp"

#include "csv_reader.hpp"
#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/core/utf8.hpp"
#include "incimap/io/gdal.hpp"

namespace incimap {

namespace {

// Formats an incident list comes in; nothing else is opened, whatever the file says it is.
const char* const input_drivers[] = {"CSV", "XLSX", "ODS", "GeoJSON", "GPKG", nullptr};

struct Columns {
    int date = -1, place = -1, lat = -1, lon = -1, type = -1, id = -1;
    std::vector<int> hints;
};

int find_column(const std::vector<std::string>& names, const std::string& name) {
    const std::string wanted = ascii_lower(name);
    for (std::size_t i = 0; i < names.size(); ++i)
        if (ascii_lower(names[i]) == wanted) return static_cast<int>(i);
    return -1;
}

int pick_column(const std::vector<std::string>& names, const std::string& path, const std::string& given,
                std::initializer_list<const char*> defaults) {
    if (!given.empty()) {
        const int i = find_column(names, given);
        if (i < 0) throw InputError(path, "no column named '" + given + "'", 0, given);
        return i;
    }
    for (const char* name : defaults)
        if (const int i = find_column(names, name); i >= 0) return i;
    return -1;
}

Columns map_columns(const std::vector<std::string>& names, const std::string& path, const ColumnMapping& m, bool has_geometry) {
    Columns c;
    c.date = pick_column(names, path, m.date, {"event_date", "date"});
    c.place = pick_column(names, path, m.place, {"location", "place", "place_name"});
    c.lat = pick_column(names, path, m.lat, {"latitude", "lat"});
    c.lon = pick_column(names, path, m.lon, {"longitude", "lon", "lng", "long"});
    c.type = pick_column(names, path, m.type, {"event_type", "type"});
    c.id = pick_column(names, path, m.id, {"event_id_cnty", "event_id", "id"});
    if (c.date < 0) throw InputError(path, "no date column (looked for event_date, date; name it with {input.columns.date})", 0, "date");
    if ((c.lat < 0) != (c.lon < 0)) {
        const std::string missing = c.lat < 0 ? "latitude" : "longitude";
        throw InputError(path, "a " + missing + " column is needed with the other coordinate ({input.columns.lat}, {input.columns.lon})", 0, missing);
    }
    if (c.place < 0 && c.lat < 0 && !has_geometry)
        throw InputError(path, "no place column (looked for location, place) and no coordinates; name it with {input.columns.place}", 0, "place");
    const std::vector<int> used = {c.date, c.place, c.lat, c.lon, c.type, c.id};
    for (const char* hint : {"admin1", "region", "country", "country_hint"})
        if (const int i = find_column(names, hint); i >= 0 && std::find(used.begin(), used.end(), i) == used.end())
            c.hints.push_back(i);
    return c;
}

FieldType field_type(OGRFieldType t) {
    switch (t) {
        case OFTInteger:
        case OFTInteger64: return FieldType::integer;
        case OFTReal: return FieldType::real;
        default: return FieldType::text;
    }
}

// Spreadsheet and GeoPackage date cells arrive typed; write them as ISO 8601 text.
std::string date_cell_text(OGRFeature& f, int i, OGRFieldType type) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, tz = 0;
    float s = 0;
    f.GetFieldAsDateTime(i, &y, &mo, &d, &h, &mi, &s, &tz);
    char buf[40];
    if (type == OFTDate || (h == 0 && mi == 0 && s == 0)) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, mo, d);
    else std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, static_cast<int>(s));
    return buf;
}

FieldValue read_value(OGRFeature& f, int i) {
    if (!f.IsFieldSetAndNotNull(i)) return std::monostate{};
    const OGRFieldType type = f.GetFieldDefnRef(i)->GetType();
    switch (type) {
        case OFTInteger:
        case OFTInteger64: return static_cast<std::int64_t>(f.GetFieldAsInteger64(i));
        case OFTReal: return f.GetFieldAsDouble(i);
        case OFTDate:
        case OFTDateTime: return date_cell_text(f, i, type);
        default: return std::string(f.GetFieldAsString(i));
    }
}

// A coordinate cell: a number, or text that is wholly a number. Empty means "not given".
struct Coordinate {
    std::optional<double> value;
    std::string error;
};

Coordinate read_coordinate(const FieldValue& v, const char* what) {
    if (std::holds_alternative<std::monostate>(v)) return {};
    double value = 0;
    if (const auto* d = std::get_if<double>(&v)) value = *d;
    else if (const auto* i = std::get_if<std::int64_t>(&v)) value = static_cast<double>(*i);
    else {
        std::string text = trimmed(std::get<std::string>(v));
        if (text.empty()) return {};
        // Spreadsheets in much of Europe write a decimal comma. A coordinate has no thousands
        // separator, so one comma between digits can only be that.
        const auto comma = text.find(',');
        if (std::count(text.begin(), text.end(), ',') == 1 && text.find('.') == std::string::npos && comma > 0 &&
            comma + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[comma - 1])) &&
            std::isdigit(static_cast<unsigned char>(text[comma + 1])))
            text[comma] = '.';
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size())
            return {std::nullopt, std::string(what) + " '" + text + "' is not a number"};
    }
    if (!std::isfinite(value)) return {std::nullopt, std::string(what) + " is not a finite number"};
    return {value, {}};
}

// Why a coordinate pair is out of range, with what probably went wrong.
std::string out_of_range(double lat, double lon) {
    auto text = [](double v) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.10g", v);
        return std::string(buf);
    };
    const bool lat_bad = std::fabs(lat) > 90;
    const double bad = lat_bad ? lat : lon;
    std::string reason = std::string(lat_bad ? "latitude " : "longitude ") + text(bad) + " outside " + (lat_bad ? "-90..90" : "-180..180");
    if (bad == -999 || bad == -9999 || bad == 999 || bad == 9999) reason += " (a missing-value code? leave the cell empty)";
    else if (lat_bad && std::fabs(lat) <= 180 && std::fabs(lon) <= 90) reason += " (latitude and longitude swapped?)";
    return reason;
}

// A cell this long is a broken quote or not an incident list; it is cut in rejects.csv.
constexpr std::size_t max_cell_bytes = 1 << 20;
constexpr std::size_t kept_of_long_cell = 200;

// The first cell longer than max_cell_bytes, cut to its start, with why, or -1.
int overlong_cell(std::vector<FieldValue>& values, std::string& reason) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        auto* text = std::get_if<std::string>(&values[i]);
        if (text == nullptr || text->size() <= max_cell_bytes) continue;
        reason = "a value of " + std::to_string(text->size()) + " bytes, more than 1 MiB (a quote left open?)";
        std::size_t cut = kept_of_long_cell;
        while (cut > 0 && (static_cast<unsigned char>((*text)[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
        text->resize(cut);
        *text += "...";
        return static_cast<int>(i);
    }
    return -1;
}

// The first text cell that is not valid UTF-8, with why, or -1.
int invalid_text_cell(const std::vector<FieldValue>& values, std::string& reason) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        const auto* text = std::get_if<std::string>(&values[i]);
        if (text == nullptr) continue;
        if (const auto at = invalid_utf8_at(*text)) {
            char byte[8];
            std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>((*text)[*at]));
            reason = std::string("not valid UTF-8 (byte ") + byte + " at offset " + std::to_string(*at) +
                     "; Windows-1252 or another encoding? give it with --encoding (cp1252, cp1251, cp1256 ...) or save the file as UTF-8)";
            return static_cast<int>(i);
        }
    }
    return -1;
}

// The kind of number a CSV cell's text is written as: an integer, a real, or text when it is not
// a number or carries what marks a code rather than a quantity (a leading zero as in "007", a
// plus sign as in "+93", spaces).
FieldType number_kind(std::string_view text) {
    std::size_t i = text.empty() || text[0] != '-' ? 0 : 1;
    const std::size_t digits = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == digits || (text[digits] == '0' && i - digits > 1)) return FieldType::text;
    bool integer = true;
    if (i < text.size() && text[i] == '.') {
        const std::size_t fraction = ++i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
        if (i == fraction) return FieldType::text;
        integer = false;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        if (++i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        const std::size_t exponent = i;
        while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
        if (i == exponent) return FieldType::text;
        integer = false;
    }
    if (i != text.size()) return FieldType::text;
    if (integer) {
        std::int64_t v = 0;
        if (std::from_chars(text.data(), text.data() + text.size(), v).ec != std::errc()) return FieldType::real;  // beyond 64 bits
        return FieldType::integer;
    }
    return FieldType::real;
}

// CSV cells arrive as text (the driver's own guess looks at the first rows only). A pass-through
// column whose filled cells are all integers, or all numbers, is typed so; the values stay as
// written, so rejects.csv shows them unchanged. NumberKinds gathers the kinds: integer while
// every value is one, real once one is a real, text once one is neither.
class NumberKinds {
public:
    explicit NumberKinds(const FieldSchema& schema) : kinds_(schema.names.size()), open_(schema.names.size()) {
        for (std::size_t c = 0; c < open_.size(); ++c) open_[c] = schema.types[c] == FieldType::text && schema.passthrough[c];
        open_count_ = static_cast<std::size_t>(std::count(open_.begin(), open_.end(), true));
    }

    /// Whether a column's kind may still change.
    bool any_open() const { return open_count_ > 0; }

    void add(const std::vector<std::string_view>& fields) {
        for (std::size_t c = 0; c < kinds_.size(); ++c) {
            if (!open_[c] || fields[c].empty()) continue;
            const FieldType k = number_kind(fields[c]);
            if (k == FieldType::text) {
                kinds_[c] = FieldType::text;
                open_[c] = false;
                --open_count_;
                continue;
            }
            kinds_[c] = kinds_[c] == FieldType::real || k == FieldType::real ? FieldType::real : FieldType::integer;
        }
    }

    void type(FieldSchema& schema) const {
        for (std::size_t c = 0; c < kinds_.size(); ++c)
            if (schema.types[c] == FieldType::text && kinds_[c]) schema.types[c] = *kinds_[c];
    }

private:
    std::vector<std::optional<FieldType>> kinds_;
    std::vector<bool> open_;  ///< a pass-through text column whose kind may still change
    std::size_t open_count_ = 0;
};

// A CSV's pass-through columns typed over all its rows with the header's field count, placed or
// not, before any row is read: the incidents layer declares its fields before its first feature.
void type_number_columns(const std::function<std::unique_ptr<detail::CsvReader>()>& open, FieldSchema& schema) {
    NumberKinds kinds(schema);
    if (!kinds.any_open()) return;
    const std::unique_ptr<detail::CsvReader> reader = open();
    detail::CsvReader& csv = *reader;
    std::vector<std::string_view> fields;
    csv.next(fields);  // the header
    for (std::size_t n = 1; kinds.any_open() && csv.next(fields); ++n) {
        if (fields.size() == schema.names.size()) kinds.add(fields);
        if (n % 65536 == 0) csv.release_read();
    }
    kinds.type(schema);
}

}  // namespace

void check_local_path(const std::string& path) {
    const bool virtual_fs = path.rfind("/vsi", 0) == 0;
    const auto colon = path.find(':');
    const bool url = colon != std::string::npos && path.find("//") == colon + 1;
    if (virtual_fs || url)
        throw InputError(path, "remote and virtual paths are not read; give a local file");
}

namespace {

// A file the user named that can be opened for reading; refusals name it.
void check_readable(const std::string& path) {
    check_local_path(path);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw InputError(path, "no such file");
    if (!std::filesystem::is_regular_file(path, ec)) throw InputError(path, "not a regular file");
    if (FILE* probe = std::fopen(path.c_str(), "rb")) std::fclose(probe);
    else throw InputError(path, "cannot read (permission denied?)");
}

// The incident table: the file opened by the one driver its content names, among those incimap
// reads. Errors are caught by the caller's GdalErrorCapture.
// `path` is the file named, `gdal_path` where GDAL reads it (the data file inside a .gz or .zip).
DatasetPtr open_table(const std::string& path, const std::string& gdal_path, const GdalErrorCapture& capture, std::string& driver_name) {
    GDALDriverH driver = GDALIdentifyDriverEx(gdal_path.c_str(), GDAL_OF_VECTOR, input_drivers, nullptr);
    if (driver == nullptr)
        throw InputError(path, "unknown format (incimap reads CSV, XLSX, ODS, GeoJSON and GeoPackage; CSV and TSV also packed as .gz or .zip)");
    driver_name = GDALGetDriverShortName(driver);
    std::vector<const char*> options;
    // Lines up to 256 MiB are read (GDAL's default stops at 10 MB), so that a long cell is one
    // rejected row rather than the end of the file.
    if (driver_name == "CSV") options = {"HEADERS=YES", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES", "MAX_LINE_SIZE=268435456"};
    if (driver_name == "XLSX" || driver_name == "ODS") options = {"HEADERS=FORCE"};
    options.push_back(nullptr);
    const char* only[] = {driver_name.c_str(), nullptr};
    DatasetPtr ds(GDALDataset::Open(gdal_path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, only, options.data()));
    if (!ds) {
        const std::string why = !capture.first_error().empty() ? capture.first_error()
                                : driver_name == "CSV" ? "no header line with comma, semicolon or tab separated columns"
                                                       : "the driver refused it";
        throw InputError(path, "cannot open as " + driver_name + ": " + why);
    }
    refuse_if_fetched(path);
    if (ds->GetLayerCount() == 0) throw InputError(path, "no table or layer in the file");
    return ds;
}

// The columns' names and types; a header that is not UTF-8 means the whole file is in another
// encoding.
std::shared_ptr<FieldSchema> schema_of(const OGRFeatureDefn& defn, const std::string& path, const std::string& encoding) {
    auto schema = std::make_shared<FieldSchema>();
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const std::string name = encoding.empty() ? defn.GetFieldDefn(i)->GetNameRef() : detail::to_utf8(defn.GetFieldDefn(i)->GetNameRef(), encoding);
        if (const auto at = invalid_utf8_at(name))
            throw InputError(path, "the name of column " + std::to_string(i + 1) + " is not valid UTF-8 (byte " + std::to_string(*at + 1) +
                                       "): the file is in another encoding; give it with {input.columns.encoding} (cp1252, cp1251, "
                                       "cp1256 ...) or save the file as UTF-8");
        schema->names.push_back(name);
        schema->types.push_back(field_type(defn.GetFieldDefn(i)->GetType()));
    }
    return schema;
}

// Why a row is refused: the column at fault and the reason.
struct Refusal {
    std::string field, reason;
};

// The row's position, if it gives one: latitude and longitude columns, else the feature's
// geometry (a point, or a point inside a line or polygon), in WGS 84.
std::optional<Refusal> read_given_position(const OGRGeometry* g, const SourceRow& src, const Columns& cols,
                                           const std::function<std::string(int)>& name_of,
                                           const std::function<std::string_view(int)>& column_name, OGRCoordinateTransformation* to_wgs84,
                                           Incident& inc) {
    if (cols.lat >= 0) {
        const Coordinate lat = read_coordinate(src.values[static_cast<std::size_t>(cols.lat)], "latitude");
        const Coordinate lon = read_coordinate(src.values[static_cast<std::size_t>(cols.lon)], "longitude");
        if (!lat.error.empty()) return Refusal{name_of(cols.lat), lat.error};
        if (!lon.error.empty()) return Refusal{name_of(cols.lon), lon.error};
        if (lat.value.has_value() != lon.value.has_value())
            return Refusal{name_of(lat.value ? cols.lon : cols.lat), "only one of latitude and longitude is given"};
        if (lat.value) {
            if (std::fabs(*lat.value) > 90 || std::fabs(*lon.value) > 180)
                return Refusal{name_of(std::fabs(*lat.value) > 90 ? cols.lat : cols.lon), out_of_range(*lat.value, *lon.value)};
            inc.given_position = LonLat{*lon.value, *lat.value};
            inc.position_column = column_name(cols.lat);
            return std::nullopt;
        }
    }
    if (g == nullptr || g->IsEmpty()) return std::nullopt;
    OGRPoint point;
    if (wkbFlatten(g->getGeometryType()) == wkbPoint) {
        point = *g->toPoint();
    } else {
        // Lines and polygons stand for the place at a point inside them.
        OGRGeometryUniquePtr inside(OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(const_cast<OGRGeometry*>(g)))));
        if (!inside || wkbFlatten(inside->getGeometryType()) != wkbPoint) return Refusal{"geometry", "cannot take a point from the geometry"};
        point = *inside->toPoint();
    }
    if (to_wgs84 && !transform_input_geometry(point, *to_wgs84)) return Refusal{"geometry", "cannot transform to WGS 84"};
    const LonLat p{point.getX(), point.getY()};
    if (!is_valid(p)) return Refusal{"geometry", "point outside the valid longitude/latitude range"};
    inc.given_position = p;
    inc.position_column = "geometry";
    return std::nullopt;
}

// One row's cells read into an incident, or why the row is refused: the cells as text, the date,
// the position or place, then the other columns.
struct RowReader {
    const Columns& cols;
    std::function<std::string(int)> name_of;
    DateOrder date_order;
    OGRCoordinateTransformation* to_wgs84;
    std::string stem;  ///< of the file, for ids of rows that have none

    // An overlong cell is cut to its start in `src`, as rejects.csv shows it. `geometry`: the
    // row's own, if any.
    std::variant<Incident, Refusal> read(const OGRGeometry* geometry, SourceRow& src) const {
        auto text_of = [&](int i) { return i >= 0 ? trimmed(to_text(src.values[static_cast<std::size_t>(i)])) : std::string(); };
        std::string cell_problem;
        if (const int bad = overlong_cell(src.values, cell_problem); bad >= 0) return Refusal{name_of(bad), cell_problem};
        if (const int bad = invalid_text_cell(src.values, cell_problem); bad >= 0) return Refusal{name_of(bad), cell_problem};
        Incident inc;
        const ParsedDate date = parse_date(text_of(cols.date), date_order);
        if (!date.span) return Refusal{name_of(cols.date), date.reason};
        inc.date = *date.span;
        auto column_name = [&](int i) { return i >= 0 ? std::string_view(src.schema->names[static_cast<std::size_t>(i)]) : std::string_view(); };
        if (auto refusal = read_given_position(geometry, src, cols, name_of, column_name, to_wgs84, inc)) return *refusal;
        inc.place = text_of(cols.place);
        inc.place_column = column_name(cols.place);
        if (!inc.given_position && inc.place.empty()) return Refusal{name_of(cols.place), "no place and no coordinates"};
        inc.event_type = text_of(cols.type);
        inc.id = text_of(cols.id);
        if (inc.id.empty()) inc.id = stem + ":" + std::to_string(src.row);
        for (int h : cols.hints)
            if (std::string hint = text_of(h); !hint.empty()) inc.hints.push_back(std::move(hint));
        return inc;
    }
};

}  // namespace

namespace {

// GDAL's warnings while reading, one per line.
std::vector<std::string> warning_lines(const std::string& warnings) {
    std::vector<std::string> lines;
    for (std::size_t start = 0; start < warnings.size();) {
        const std::size_t end = warnings.find('\n', start);
        lines.push_back(warnings.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return lines;
}

// Sorts one row into the result: an incident, or a rejected row with its reason. `fields`: how
// many fields the row had in the file, when known.
void take_row(SourceRow src, const OGRGeometry* geometry, std::optional<int> fields, const RowReader& rows, IngestResult& result) {
    auto reject = [&](std::string field, std::string reason) {
        result.problems.push_back({std::move(src), RowOutcome::rejected, std::move(field), std::move(reason)});
    };
    const int field_count = static_cast<int>(result.schema->names.size());
    if (fields && *fields != field_count)
        return reject("(row)", "the row has " + std::to_string(*fields) + (*fields == 1 ? " field" : " fields") + ", the header " +
                                   std::to_string(field_count) + (*fields > field_count ? " (a separator in an unquoted value?)" : ""));
    std::variant<Incident, Refusal> read = rows.read(geometry, src);
    if (auto* refusal = std::get_if<Refusal>(&read)) return reject(std::move(refusal->field), std::move(refusal->reason));
    Incident& inc = std::get<Incident>(read);
    inc.source = std::move(src);
    result.incidents.push_back(std::move(inc));
}

// A row's raw fields as the CSV reader split them: null where empty (the driver's
// EMPTY_STRING_AS_NULL), padded or cut to the header's count.
SourceRow csv_source_row(const std::vector<std::string_view>& fields, std::int64_t row,
                         const std::shared_ptr<FieldSchema>& schema) {
    const std::size_t field_count = schema->names.size();
    SourceRow src{row, schema, std::vector<FieldValue>(field_count)};
    for (std::size_t i = 0; i < std::min(fields.size(), field_count); ++i)
        if (!fields[i].empty()) src.values[i] = std::string(fields[i]);
    return src;
}

}  // namespace

// What stays open between chunks: the dataset (GDAL names the columns and reads what our CSV
// reader does not), the column mapping, and where reading stands.
struct IncidentReader::State {
    DatasetPtr ds;
    OGRLayer* layer = nullptr;
    std::string driver_name;
    std::shared_ptr<FieldSchema> schema;
    Columns cols;
    TransformPtr to_wgs84;
    std::optional<RowReader> rows;
    std::unique_ptr<detail::CsvReader> csv;          ///< plain CSV/TSV: our reader splits the rows
    std::unique_ptr<detail::CsvReader> csv_counts;   ///< the driver reads a CSV: field counts beside it
    std::vector<std::string_view> fields;
    Reporter* reporter = nullptr;
    std::string encoding;  ///< of a CSV's text; empty: UTF-8
    std::optional<Progress> progress;  ///< from the first chunk: files are opened well before they are read
    std::size_t bytes_total = 0;
    std::int64_t rows_read = 0;
    std::vector<std::string> warnings;
    bool done = false;
};

IncidentReader::IncidentReader(const std::string& path, const ColumnMapping& mapping, Reporter& reporter) : state_(std::make_unique<State>()) {
    State& st = *state_;
    check_readable(path);
    ensure_gdal_registered();
    take_refused_url();  // forget what an earlier file asked for
    // A .gz or .zip is read as it unpacks: GDAL names the columns of the data file inside it, our
    // reader streams its rows.
    const detail::Packing packing = detail::packing_of(path);
    const std::string entry = packing == detail::Packing::zip ? detail::zip_data_entry(path, mapping.layer) : std::string();
    GdalErrorCapture capture;
    // Sidecar files are never wanted for a plain table and scanning the directory costs time.
    const CPLConfigOptionSetter no_sidecars("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR", /*bSetOnlyIfUndefined=*/false);
    st.ds = open_table(path, packing == detail::Packing::plain ? path : detail::unpacked_path(path, packing, entry), capture, st.driver_name);
    if (packing != detail::Packing::plain && st.driver_name != "CSV") throw InputError(path, "a .gz or .zip input must hold a CSV or TSV file");
    if (!mapping.encoding.empty() && st.driver_name != "CSV")
        throw InputError(path, "{input.columns.encoding} is for CSV and TSV files; " + st.driver_name + " files are Unicode already");
    st.encoding = mapping.encoding;
    const bool by_layer_name = !mapping.layer.empty() && packing != detail::Packing::zip;  // in a zip, --layer names the file
    st.layer = by_layer_name ? st.ds->GetLayerByName(mapping.layer.c_str()) : st.ds->GetLayer(0);
    if (st.layer == nullptr) throw InputError(path, "no layer or sheet named '" + mapping.layer + "'");

    const OGRFeatureDefn& defn = *st.layer->GetLayerDefn();
    const bool has_geometry = st.layer->GetGeomType() != wkbNone;
    st.schema = schema_of(defn, path, mapping.encoding);
    st.schema->file = path;
    st.cols = map_columns(st.schema->names, path, mapping, has_geometry);
    st.to_wgs84 = has_geometry ? transform_to_wgs84(*st.layer, path, "layer's") : nullptr;
    auto name_of = [schema = st.schema](int i) { return i >= 0 ? schema->names[static_cast<std::size_t>(i)] : std::string(); };
    st.rows.emplace(RowReader{st.cols, name_of, mapping.date_order, st.to_wgs84.get(), std::filesystem::path(path).stem().string()});
    st.schema->passthrough.assign(st.schema->names.size(), true);
    for (int used : {st.cols.date, st.cols.place, st.cols.lat, st.cols.lon, st.cols.type, st.cols.id})
        if (used >= 0) st.schema->passthrough[static_cast<std::size_t>(used)] = false;
    st.warnings = warning_lines(capture.warnings());

    st.reporter = &reporter;
    const int field_count = defn.GetFieldCount();
    if (st.driver_name == "CSV") {
        // A plain table of two or more columns is split by our reader; a one-column file leaves
        // the separator unknown, and the driver makes geometries of WKT columns. The driver pads
        // short rows and cuts long ones: the records split alongside it tell how many fields each
        // row had, so that they are rejected instead.
        // A plain UTF-8 file is memory-mapped; a packed one, or one in another encoding, streamed.
        const bool mapped = packing == detail::Packing::plain && mapping.encoding.empty();
        auto stream = [&, max = mapping.max_unpacked] {
            std::unique_ptr<detail::ByteStream> bytes =
                packing == detail::Packing::plain ? detail::open_plain(path) : detail::open_unpacked(path, packing, entry, max);
            return mapping.encoding.empty() ? std::move(bytes) : detail::decoded(std::move(bytes), mapping.encoding, path);
        };
        const auto separator = mapped ? detail::separator_giving(path, field_count) : detail::separator_giving(stream, field_count);
        if (separator) {
            auto open = [&, sep = *separator] {
                return mapped ? std::make_unique<detail::CsvReader>(path, sep) : std::make_unique<detail::CsvReader>(stream(), sep);
            };
            (has_geometry || field_count == 1 ? st.csv_counts : st.csv) = open();
            (st.csv ? st.csv : st.csv_counts)->next(st.fields);  // the header, named by GDAL
            if (st.csv) st.bytes_total = st.csv->size();
            type_number_columns(open, *st.schema);
        }
    }
    st.layer->ResetReading();
}

IncidentReader::~IncidentReader() = default;

const std::shared_ptr<FieldSchema>& IncidentReader::schema() const { return state_->schema; }
const std::vector<std::string>& IncidentReader::warnings() const { return state_->warnings; }

std::optional<double> IncidentReader::share_read() const {
    const auto& csv = state_->csv;
    if (!csv || csv->size() == 0) return std::nullopt;
    return static_cast<double>(csv->offset()) / static_cast<double>(csv->size());
}

std::optional<IngestResult> IncidentReader::next_chunk(std::size_t max_rows) {
    State& st = *state_;
    if (st.done) return std::nullopt;
    const std::string& path = st.schema->file;
    if (!st.progress) {
        st.progress.emplace(*st.reporter, "reading " + std::filesystem::path(path).filename().string());
        st.progress->set_bytes_total(st.bytes_total);
    }
    IngestResult chunk;
    chunk.file = path;
    chunk.schema = st.schema;
    GdalErrorCapture capture;
    bool more = true;
    while (more && static_cast<std::size_t>(chunk.rows) < max_rows) {
        if (st.csv) {
            more = st.csv->next(st.fields);
            if (!more) break;
            ++chunk.rows;
            st.progress->read_to(st.csv->offset());
            st.progress->advance();
            take_row(csv_source_row(st.fields, st.rows_read + chunk.rows, st.schema), nullptr, static_cast<int>(st.fields.size()),
                     *st.rows, chunk);
            continue;
        }
        const OGRFeatureUniquePtr feature(st.layer->GetNextFeature());
        more = feature != nullptr;
        if (!more) break;
        ++chunk.rows;
        st.progress->advance();
        SourceRow src{st.rows_read + chunk.rows, st.schema, {}};
        src.values.reserve(st.schema->names.size());
        for (int i = 0; i < feature->GetFieldCount(); ++i) {
            src.values.push_back(read_value(*feature, i));
            if (auto* text = std::get_if<std::string>(&src.values.back()); text && !st.encoding.empty()) *text = detail::to_utf8(*text, st.encoding);
        }
        std::optional<int> count;
        if (st.csv_counts && st.csv_counts->next(st.fields)) count = static_cast<int>(st.fields.size());
        take_row(std::move(src), feature->GetGeometryRef(), count, *st.rows, chunk);
    }
    st.rows_read += chunk.rows;
    // A driver that stops early (a line beyond the limit, a corrupt file) reports an error: the
    // rows after it would be lost without a trace, so the file is refused.
    if (!capture.first_error().empty())
        throw InputError(path, "reading stopped after row " + std::to_string(st.rows_read) + ": " + capture.first_error());
    for (std::string& w : warning_lines(capture.warnings())) st.warnings.push_back(std::move(w));
    if (st.csv) st.csv->release_read();
    if (!more) {
        st.done = true;
        st.progress->finish("rows");
    }
    if (chunk.rows == 0 && st.done) return std::nullopt;
    return chunk;
}

IngestResult read_incidents(const std::string& path, const ColumnMapping& mapping, Reporter& reporter) {
    IncidentReader reader(path, mapping, reporter);
    IngestResult result;
    result.file = path;
    result.schema = reader.schema();
    while (std::optional<IngestResult> chunk = reader.next_chunk(std::numeric_limits<std::size_t>::max())) {
        result.rows += chunk->rows;
        std::move(chunk->incidents.begin(), chunk->incidents.end(), std::back_inserter(result.incidents));
        std::move(chunk->problems.begin(), chunk->problems.end(), std::back_inserter(result.problems));
    }
    result.warnings = reader.warnings();
    return result;
}

}  // namespace incimap
