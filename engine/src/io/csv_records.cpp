#include "csv_records.hpp"

namespace incimap::detail {

CsvRecords::CsvRecords(const std::filesystem::path& path, char separator) : file_(path), separator_(separator) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(file_.data());
    if (file_.size() >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) pos_ = 3;  // UTF-8 byte-order mark
}

std::optional<int> CsvRecords::next_field_count() {
    const char* data = reinterpret_cast<const char*>(file_.data());
    const std::size_t size = file_.size();
    while (pos_ < size && (data[pos_] == '\n' || (data[pos_] == '\r' && pos_ + 1 < size && data[pos_ + 1] == '\n')))
        pos_ += data[pos_] == '\r' ? 2 : 1;
    if (pos_ >= size) return std::nullopt;
    int fields = 1;
    bool quoted = false;
    for (; pos_ < size; ++pos_) {
        const char c = data[pos_];
        if (c == '"') quoted = !quoted;
        else if (c == separator_ && !quoted) ++fields;
        else if (c == '\n' && !quoted) break;
    }
    ++pos_;
    return fields;
}

std::optional<char> separator_giving(const std::filesystem::path& path, int fields) {
    for (const char separator : {',', ';', '\t', '|'}) {
        CsvRecords records(path, separator);
        if (records.next_field_count() == fields) return separator;
    }
    return std::nullopt;
}

}  // namespace incimap::detail
