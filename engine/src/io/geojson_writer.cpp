#include "incimap/io/geojson_writer.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "incimap/core/error.hpp"
#include "incimap/io/checked_gdal_file.hpp"
#include "spill_file.hpp"

namespace incimap {

namespace {

constexpr std::size_t flush_bytes = 1 << 20;

// Whether the digits after the point hold a run of six 0s or 9s: GDAL's sign of a binary
// rounding artefact (0.85699999999999998) that fewer digits avoid.
bool has_rounding_run(const char* text) {
    const char* dot = std::strchr(text, '.');
    return dot != nullptr && (std::strstr(dot, "999999") != nullptr || std::strstr(dot, "000000") != nullptr);
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t plain = 0;  // start of the run of bytes copied as they are
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: out += "\\u00"; out += hex[c >> 4]; out += hex[c & 15];
        }
    }
    out.append(s.data() + plain, s.size() - plain);
    out += '"';
}

void append_json_real(std::string& out, double v) {
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", v);
    if (has_rounding_run(text)) {
        bool shorter = false;
        for (int digits = 16; digits >= 14 && !shorter; --digits) {
            std::snprintf(text, sizeof text, "%.*g", digits, v);
            shorter = std::strchr(text, '.') != nullptr && !has_rounding_run(text);
        }
        if (!shorter) std::snprintf(text, sizeof text, "%.17g", v);
    }
    out += text;
    if (std::strchr(text, '.') == nullptr && std::strchr(text, 'e') == nullptr) out += ".0";
}

void append_json_coordinate(std::string& out, double v) {
    char text[64];
    // to_chars in fixed form is exact, as printf's %.7f is, and far faster.
    char* end = std::to_chars(text, text + sizeof text, v, std::chars_format::fixed, 7).ptr;
    while (end[-1] == '0' && end[-2] != '.') --end;
    out.append(text, end);
}

// Features waiting for their deferred value are records of (u32 cut, u32 length, the feature's
// bytes) in a spill file beside the layer.
namespace {

constexpr std::size_t record_header = 8;

void put_u32(std::string& buffer, std::size_t at, std::size_t v) {
    if (v > 0xffffffffu) throw IoError("a feature of more than 4 GiB");
    const auto u = static_cast<std::uint32_t>(v);
    std::memcpy(buffer.data() + at, &u, sizeof u);
}


}  // namespace

GeoJsonPointWriter::GeoJsonPointWriter(const std::filesystem::path& path, LayerSchema schema, std::optional<std::size_t> deferred_field,
                                       bool sequence)
    : schema_(std::move(schema)), file_(path), sequence_(sequence), deferred_field_(deferred_field) {
    for (const LayerSchema::Field& field : schema_.fields) {
        std::string key;
        append_json_string(key, field.name);
        keys_.push_back(key + ": ");
    }
    if (deferred_field_) {
        if (*deferred_field_ >= keys_.size()) throw std::logic_error("GeoJsonPointWriter: no such deferred field");
        spill_ = std::make_unique<detail::SpillFile>(path);
    }
    if (!sequence_) buffer_ = "{\n\"type\": \"FeatureCollection\",\n\"features\": [\n";
    if (spill_) {
        file_.stream() << buffer_;
        buffer_.clear();
    }
}

GeoJsonPointWriter::~GeoJsonPointWriter() = default;

void GeoJsonPointWriter::begin_feature() {
    if (spill_) {
        feature_start_ = buffer_.size();
        buffer_.append(record_header, '\0');
    }
    buffer_ += sequence_ ? "\x1e{ \"type\": \"Feature\", \"properties\": { "
               : first_feature_ ? "{ \"type\": \"Feature\", \"properties\": { " : ",\n{ \"type\": \"Feature\", \"properties\": { ";
    first_feature_ = false;
    field_ = 0;
}

void GeoJsonPointWriter::deferred_value() {
    if (field_ != deferred_field_) throw std::logic_error("GeoJsonPointWriter: not the deferred field");
    write_key();
    cut_ = buffer_.size() - feature_start_ - record_header;
}

void GeoJsonPointWriter::key() {
    if (field_ == deferred_field_) throw std::logic_error("GeoJsonPointWriter: the deferred field is given on commit");
    write_key();
}

void GeoJsonPointWriter::write_key() {
    if (field_ > 0) buffer_ += ", ";
    buffer_ += keys_.at(field_++);
}

void GeoJsonPointWriter::null_value() {
    key();
    buffer_ += "null";
}

void GeoJsonPointWriter::text_value(std::string_view s) {
    key();
    append_json_string(buffer_, s);
}

void GeoJsonPointWriter::integer_value(std::int64_t v) {
    key();
    char text[24];
    buffer_.append(text, std::to_chars(text, text + sizeof text, v).ptr);
}

void GeoJsonPointWriter::real_value(double v) {
    key();
    const auto bits = std::bit_cast<std::uint64_t>(v);
    RecentReal& recent = recent_reals_[(bits ^ bits >> 29 ^ bits >> 47) % recent_reals_.size()];
    if (recent.bits != bits) {
        recent.bits = bits;
        recent.text.clear();
        append_json_real(recent.text, v);
    }
    buffer_ += recent.text;
}

void GeoJsonPointWriter::end_feature(LonLat position) {
    if (field_ != keys_.size()) throw std::logic_error("GeoJsonPointWriter: a feature without all its fields");
    buffer_ += " }, \"geometry\": { \"type\": \"Point\", \"coordinates\": [ ";
    append_json_coordinate(buffer_, position.lon_deg);
    buffer_ += ", ";
    append_json_coordinate(buffer_, position.lat_deg);
    buffer_ += sequence_ ? " ] } }\n" : " ] } }";
    if (spill_) {
        put_u32(buffer_, feature_start_, cut_);
        put_u32(buffer_, feature_start_ + 4, buffer_.size() - feature_start_ - record_header);
    }
    flush_if_full();
}

void GeoJsonPointWriter::flush_if_full() {
    if (buffer_.size() < flush_bytes) return;
    if (spill_) spill_->write(buffer_);
    else file_.stream().write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
}

void GeoJsonPointWriter::write_spilled(const DeferredValues& values) {
    spill_->write(buffer_);
    buffer_.clear();
    std::size_t feature = 0;
    char digits[24];
    spill_->read_records([&](std::uint32_t cut, std::string_view bytes) {
        buffer_.append(bytes.substr(0, cut));
        if (const std::optional<std::int64_t> v = values(feature++)) buffer_.append(digits, std::to_chars(digits, digits + sizeof digits, *v).ptr);
        else buffer_ += "null";
        buffer_.append(bytes.substr(cut));
        if (buffer_.size() >= flush_bytes) {
            file_.stream().write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
            buffer_.clear();
        }
    });
}

LayerSchema GeoJsonPointWriter::commit(const DeferredValues& values) {
    if (spill_) write_spilled(values);
    if (!sequence_) buffer_ += "\n]\n}\n";
    file_.stream().write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    file_.commit();
    return schema_;
}

class OgrPointWriter::Impl {
public:
    Impl(const std::filesystem::path& path, const char* driver_name, const char* layer_name, LayerSchema schema,
         const std::vector<std::string>& options)
        : path_(path), output_(path), schema_(std::move(schema)) {
        ensure_gdal_registered();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name);
        if (driver == nullptr) throw IoError(path.string() + ": GDAL has no " + driver_name + " driver");
        ds_.reset(driver->Create(checked_gdal_path(output_.temp_path()).c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds_) fail("cannot create");
        std::vector<const char*> list;
        for (const std::string& o : options) list.push_back(o.c_str());
        list.push_back(nullptr);
        layer_ = ds_->CreateLayer(layer_name, const_cast<OGRSpatialReference*>(&wgs84_lonlat()), wkbPoint, const_cast<char**>(list.data()));
        if (layer_ == nullptr) fail("cannot create the layer");
        for (const LayerSchema::Field& field : schema_.fields) {
            OGRFieldDefn defn(field.name.c_str(), field.type);
            defn.SetSubType(field.subtype);
            if (layer_->CreateField(&defn) != OGRERR_NONE) fail("cannot create field " + field.name);
        }
        feature_ = std::make_unique<OGRFeature>(layer_->GetLayerDefn());
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw IoError(path_.string() + ": " + what + (errors_.first_error().empty() ? "" : ": " + errors_.first_error()));
    }

    std::filesystem::path path_;
    GdalErrorCapture errors_;
    AtomicOutput output_;
    LayerSchema schema_;
    DatasetPtr ds_;
    OGRLayer* layer_ = nullptr;
    std::unique_ptr<OGRFeature> feature_;
    int field_ = 0;
    std::string text_;  ///< a value with its terminating NUL, for OGR
};

OgrPointWriter::OgrPointWriter(const std::filesystem::path& path, const char* driver, const char* layer_name, LayerSchema schema,
                               const std::vector<std::string>& options)
    : impl_(std::make_unique<Impl>(path, driver, layer_name, std::move(schema), options)) {}

OgrPointWriter::~OgrPointWriter() = default;

void OgrPointWriter::begin_feature() {
    impl_->feature_->Reset();
    impl_->field_ = 0;
}

void OgrPointWriter::null_value() { impl_->feature_->SetFieldNull(impl_->field_++); }

void OgrPointWriter::text_value(std::string_view s) {
    impl_->text_.assign(s);
    impl_->feature_->SetField(impl_->field_++, impl_->text_.c_str());
}

void OgrPointWriter::integer_value(std::int64_t v) { impl_->feature_->SetField(impl_->field_++, static_cast<GIntBig>(v)); }

void OgrPointWriter::real_value(double v) {
    if (std::isfinite(v)) impl_->feature_->SetField(impl_->field_++, v);
    else null_value();  // as the GeoJSON writer writes it
}

void OgrPointWriter::end_feature(LonLat position) {
    if (impl_->field_ != impl_->feature_->GetFieldCount()) throw std::logic_error("OgrPointWriter: a feature without all its fields");
    impl_->feature_->SetGeometryDirectly(new OGRPoint(position.lon_deg, position.lat_deg));
    impl_->feature_->SetFID(OGRNullFID);
    if (impl_->layer_->CreateFeature(impl_->feature_.get()) != OGRERR_NONE) impl_->fail("cannot write a feature");
}

LayerSchema OgrPointWriter::commit() {
    Impl& i = *impl_;
    i.feature_.reset();
    i.ds_.reset();  // the driver writes (and indexes) on close
    if (!i.errors_.first_error().empty()) i.fail("cannot write");
    if (const int error = take_write_error(i.output_.temp_path())) i.fail(std::string("write failed: ") + std::strerror(error));
    i.output_.commit();
    return i.schema_;
}

}  // namespace incimap
