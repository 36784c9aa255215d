#include "incimap/io/geojson_writer.hpp"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "incimap/core/error.hpp"

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

GeoJsonPointWriter::GeoJsonPointWriter(const std::filesystem::path& path, LayerSchema schema)
    : schema_(std::move(schema)), file_(path) {
    for (const LayerSchema::Field& field : schema_.fields) {
        std::string key;
        append_json_string(key, field.name);
        keys_.push_back(key + ": ");
    }
    buffer_ = "{\n\"type\": \"FeatureCollection\",\n\"features\": [\n";
}

void GeoJsonPointWriter::begin_feature() {
    buffer_ += first_feature_ ? "{ \"type\": \"Feature\", \"properties\": { " : ",\n{ \"type\": \"Feature\", \"properties\": { ";
    first_feature_ = false;
    field_ = 0;
}

void GeoJsonPointWriter::key() {
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
    buffer_ += " ] } }";
    flush_if_full();
}

void GeoJsonPointWriter::flush_if_full() {
    if (buffer_.size() < flush_bytes) return;
    file_.stream().write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
}

LayerSchema GeoJsonPointWriter::commit() {
    buffer_ += "\n]\n}\n";
    file_.stream().write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
    file_.commit();
    return schema_;
}

}  // namespace incimap
