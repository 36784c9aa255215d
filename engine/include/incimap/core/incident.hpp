#pragma once
// Incidents as read from a source, and what the pipeline learns about them.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <variant>
#include <vector>

#include "incimap/core/date.hpp"
#include "incimap/core/footprint.hpp"
#include "incimap/core/geo.hpp"

namespace incimap {

/// One attribute value of an input row; null, integer, real or text, as the source typed it.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

enum class FieldType { integer, real, text };

/// One input file: its columns in source order, its path, and which columns are written to the
/// output as they are. Shared by its rows, so that they hold none of this themselves.
struct FieldSchema {
    std::vector<std::string> names;
    std::vector<FieldType> types;
    std::string file;
    std::vector<bool> passthrough;  ///< per column; empty: none
};

/// One input row: where it came from and all its fields.
struct SourceRow {
    std::int64_t row = 0;  ///< 1-based data row (a CSV's header line is not counted)
    std::shared_ptr<const FieldSchema> schema;
    std::vector<FieldValue> values;

    /// The path of the row's file (empty without a schema).
    const std::string& file() const;
    /// Whether column `i` is written to the output as it is.
    bool passes_through(std::size_t i) const { return schema && i < schema->passthrough.size() && schema->passthrough[i]; }
};

/// Text form of a value as it is written to CSV or compared: integers and reals in shortest
/// round-trip form, null as empty.
std::string to_text(const FieldValue& v);

/// An incident with a valid date, ready to be located.
struct Incident {
    SourceRow source;
    std::string id;
    DateSpan date;
    std::string event_type;
    std::string place;                  ///< place text as given (may be empty when coordinates are)
    std::string_view place_column;      ///< the column the place text came from (a name of source.schema)
    std::string_view position_column;   ///< the latitude column (ditto), or "geometry", that gave the position
    std::vector<std::string> hints;     ///< region and country names from other columns
    std::optional<LonLat> given_position;
};

/// Where an incident was placed and how sure we are.
struct Location {
    LonLat position;
    GeoPrecision precision = GeoPrecision::exact;
    double confidence = 1;
    std::string matched_name;
    std::int64_t geonameid = 0;  ///< 0 unless the place came from GeoNames
    /// The data set of the matched place: "geonames", "natural_earth" or "user" (a static string;
    /// see source_name); empty for given coordinates.
    std::string_view place_source;
    std::string country;         ///< ISO alpha-2, empty when outside every country
    std::string admin1;          ///< ISO 3166-2, empty when unknown
    bool ambiguous = false;
    std::string_view method;     ///< "given" for coordinates, else how the name matched (exact, phonetic ...): a static string
    std::string unmatched;       ///< parts of the place text that were neither matched nor used, "; "-joined
    /// The area an admin-1, country or polygon geocode stands for; none for points.
    Footprint footprint;
    /// For given coordinates: the nearest populated place within the job's radius, if any.
    std::string nearest_name;
    std::int64_t nearest_geonameid = 0;
    double nearest_km = -1;      ///< negative when there is none
};

struct PlacedIncident {
    Incident incident;
    Location location;
    IncidentClass incident_class = IncidentClass::transnational;
    int cluster_id = -1;  ///< DBSCAN cluster, -1 for noise or when not clustered
};

/// Text kept once per distinct value, at an address that stays put (moving the pool keeps it), for
/// the members of IncidentPoint. Not copyable: points would refer into the original.
class TextPool {
public:
    TextPool() = default;
    TextPool(TextPool&&) noexcept = default;
    TextPool& operator=(TextPool&&) noexcept = default;
    TextPool(const TextPool&) = delete;
    TextPool& operator=(const TextPool&) = delete;

    /// The pool's copy of `s`.
    const std::string* intern(std::string_view s);

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_set<std::string, Hash, std::equal_to<>> strings_;
};

/// What the analysis, the heatmaps and the views need of a placed incident: 72 bytes, so that a
/// run keeps millions once their rows are written. Text members point into the run's TextPool.
struct IncidentPoint {
    LonLat position;
    std::chrono::sys_days first, last;  ///< the days its date covers
    double weight = 1;                  ///< the heatmap's weight column; 1 without one
    const std::string* event_type;      ///< as given, empty when none
    const std::string* country;         ///< ISO alpha-2, empty when outside every country
    const std::string* admin1;          ///< ISO 3166-2, empty when unknown
    const std::string* footprint_code;  ///< see Footprint::code
    std::int32_t cluster_id = -1;       ///< DBSCAN cluster, -1 for noise or when not clustered
    IncidentClass incident_class = IncidentClass::transnational;
    GeoPrecision precision = GeoPrecision::exact;
    Footprint::Kind footprint_kind = Footprint::Kind::none;

    Footprint footprint() const { return {footprint_kind, *footprint_code}; }
};

/// The point of a placed incident, its text interned in `text`.
IncidentPoint point_of(const PlacedIncident& p, TextPool& text, double weight = 1);
/// The points of placed incidents, in order.
std::vector<IncidentPoint> points_of(const std::vector<PlacedIncident>& placed, TextPool& text);

enum class RowOutcome { rejected, unresolved };

/// A row that did not become a placed incident, and why.
struct RowProblem {
    SourceRow source;
    RowOutcome outcome = RowOutcome::rejected;
    std::string field;   ///< the field at fault, when one is
    std::string reason;
};

}  // namespace incimap
