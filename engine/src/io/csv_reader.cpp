#include "csv_reader.hpp"

namespace incimap::detail {

CsvReader::CsvReader(const std::filesystem::path& path, char separator) : file_(path), separator_(separator) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(file_.data());
    if (file_.size() >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) pos_ = 3;  // UTF-8 byte-order mark
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
    const char* data = reinterpret_cast<const char*>(file_.data());
    const std::size_t size = file_.size();
    fields.clear();
    while (pos_ < size && (data[pos_] == '\n' || data[pos_] == '\r')) ++pos_;  // empty lines
    if (pos_ >= size) return false;
    // Fields are views of the file where they hold no quote; the others are unquoted into
    // unquoted_, whose views are made once the record is complete (it may grow meanwhile).
    struct Unquoted {
        std::size_t field, begin, end;
    };
    std::vector<Unquoted> unquoted;
    unquoted_.clear();
    std::size_t start = pos_;
    bool quoted = false, any_quote = false;
    std::size_t unquoted_begin = 0;
    auto end_field = [&](std::size_t end) {
        if (any_quote) unquoted.push_back({fields.size(), unquoted_begin, unquoted_.size()});
        fields.emplace_back(data + start, end - start);
        any_quote = false;
    };
    bool ended = false;  // by a line break, rather than by the end of the file
    for (; pos_ < size && !ended; ++pos_) {
        const char c = data[pos_];
        if (c == '"') {
            if (!any_quote) {  // from here the field is copied, quotes taken out
                any_quote = true;
                unquoted_begin = unquoted_.size();
                unquoted_.append(data + start, pos_ - start);
            }
            if (quoted && pos_ + 1 < size && data[pos_ + 1] == '"') unquoted_ += '"', ++pos_;
            else quoted = !quoted;
            continue;
        }
        if (!quoted && c == separator_) {
            end_field(pos_);
            start = pos_ + 1;
            continue;
        }
        if (c == '\n' || c == '\r') {
            // One line break: \r\n, \n\r, \n or \r, as GDAL's line reader takes them.
            const bool pair = pos_ + 1 < size && data[pos_ + 1] == (c == '\n' ? '\r' : '\n');
            if (!quoted) {
                end_field(pos_);
                pos_ += pair ? 1 : 0;
                ended = true;
                continue;
            }
            if (pair) ++pos_;
            unquoted_ += '\n';
            continue;
        }
        if (any_quote) unquoted_ += c;
    }
    if (!ended) {
        // A quote left open runs to the end of the file, whose last line break the driver drops.
        if (quoted && size > 0 && (data[size - 1] == '\n' || data[size - 1] == '\r') && !unquoted_.empty()) unquoted_.pop_back();
        end_field(size);
    }
    for (const Unquoted& u : unquoted) fields[u.field] = std::string_view(unquoted_).substr(u.begin, u.end - u.begin);
    return true;
}

std::optional<char> separator_giving(const std::filesystem::path& path, int fields) {
    std::vector<std::string_view> header;
    for (const char separator : {',', ';', '\t', '|'}) {
        CsvReader records(path, separator);
        if (records.next(header) && static_cast<int>(header.size()) == fields) return separator;
    }
    return std::nullopt;
}

}  // namespace incimap::detail
