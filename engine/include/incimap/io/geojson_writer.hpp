#pragma once
// A GeoJSON layer of points written as text, feature by feature, in the very bytes GDAL's
// GeoJSON driver writes (RFC7946=YES, WRITE_NAME=NO, 7 coordinate decimals): building an
// OGRFeature and a json-c tree per row cost more than everything else `incimap map` does with an
// incident. Used for the incidents layer, which holds a feature per input row; the same layer
// goes to a format GDAL writes (FlatGeobuf) through OgrPointWriter, one OGRFeature reused.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "incimap/core/geo.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/geojson_layer.hpp"

namespace incimap {

namespace detail {
class SpillFile;
}

/// Appends `s` as a JSON string as GDAL writes it: `"` and `\` escaped, control characters as
/// \b \f \n \r \t or \u00XX, everything else (UTF-8, `/`, DEL) as it is.
void append_json_string(std::string& out, std::string_view s);
/// Appends a real property as GDAL writes it: %.17g, or the first of %.16g, %.15g and %.14g
/// without a run of six 0s or 9s after the point, with ".0" when it would read as an integer.
/// Non-finite values are written as null (GDAL leaves them out).
void append_json_real(std::string& out, double v);
/// Appends a coordinate as GDAL writes it with 7 decimals: fixed, trailing zeros cut, one kept.
void append_json_coordinate(std::string& out, double v);

/// A point layer written a feature at a time into a temporary file and renamed into place on
/// commit(). Each feature gives every field of the schema, in order, then its position.
class PointLayerWriter {
public:
    virtual ~PointLayerWriter() = default;
    virtual void begin_feature() = 0;
    virtual void null_value() = 0;
    virtual void text_value(std::string_view s) = 0;
    virtual void integer_value(std::int64_t v) = 0;
    virtual void real_value(double v) = 0;
    virtual void end_feature(LonLat position) = 0;
    /// Closes the layer (IoError with the first write error, a full disk among them), renames it
    /// into place and returns its schema.
    virtual LayerSchema commit() = 0;
};

/// The point layer in GeoJSON text.
///
/// One field may be left for later (DBSCAN's cluster ids, known once every incident is placed):
/// features then wait in an unnamed spill file beside the layer, and commit() writes them with
/// that field's values, so that memory does not grow with the layer either way.
class GeoJsonPointWriter : public PointLayerWriter {
public:
    /// The value of the deferred field for each feature, by its number; none for null.
    using DeferredValues = std::function<std::optional<std::int64_t>(std::size_t feature)>;

    /// `deferred_field`: the index of the field whose values commit() is given. Throws IoError
    /// naming the file when it cannot be created.
    /// `sequence`: GeoJSON text sequences (RFC 8142), each feature after a record separator and
    /// before a line feed, no collection around them.
    GeoJsonPointWriter(const std::filesystem::path& path, LayerSchema schema, std::optional<std::size_t> deferred_field = std::nullopt,
                       bool sequence = false);
    ~GeoJsonPointWriter() override;

    void begin_feature() override;
    void null_value() override;
    void text_value(std::string_view s) override;
    void integer_value(std::int64_t v) override;
    void real_value(double v) override;
    /// The deferred field's place in this feature.
    void deferred_value();
    void end_feature(LonLat position) override;

    LayerSchema commit() override { return commit(DeferredValues()); }
    /// With a deferred field, `values` gives it for every feature.
    LayerSchema commit(const DeferredValues& values);

private:
    /// The next field's key (not the deferred one's).
    void key();
    void write_key();
    void flush_if_full();
    /// Writes the spilled features with their deferred values.
    void write_spilled(const DeferredValues& values);

    LayerSchema schema_;
    std::vector<std::string> keys_;  ///< `"name": ` of each field
    AtomicTextFile file_;
    std::string buffer_;
    std::size_t field_ = 0;
    bool first_feature_ = true;
    bool sequence_;
    std::optional<std::size_t> deferred_field_;
    std::unique_ptr<detail::SpillFile> spill_;  ///< with a deferred field
    std::size_t feature_start_ = 0;  ///< in buffer_, of the feature being written (spilling)
    std::size_t cut_ = 0;            ///< where its deferred value goes, from the feature's start
    /// Reals recently written, by their bits: incident layers repeat few values (confidences,
    /// distances in 0.01 km) and GDAL's format costs up to four printf calls.
    struct RecentReal {
        std::uint64_t bits = ~std::uint64_t{0};  ///< a NaN, which is written as null
        std::string text = "null";
    };
    std::vector<RecentReal> recent_reals_ = std::vector<RecentReal>(4096);
};

/// The point layer in a format GDAL writes (FlatGeobuf, with `options` such as SPATIAL_INDEX=YES),
/// WGS 84, its fields created with the schema's types.
class OgrPointWriter : public PointLayerWriter {
public:
    /// Throws IoError naming the file when it cannot be created.
    OgrPointWriter(const std::filesystem::path& path, const char* driver, const char* layer_name, LayerSchema schema,
                   const std::vector<std::string>& options);
    ~OgrPointWriter() override;

    void begin_feature() override;
    void null_value() override;
    void text_value(std::string_view s) override;
    void integer_value(std::int64_t v) override;
    void real_value(double v) override;
    void end_feature(LonLat position) override;
    LayerSchema commit() override;

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace incimap
