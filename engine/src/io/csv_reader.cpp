#include "csv_reader.hpp"

namespace incimap::detail {

CsvReader::CsvReader(const std::filesystem::path& path, char separator)
    : file_(std::make_unique<MappedFile>(path)), separator_(separator) {
    data_ = reinterpret_cast<const char*>(file_->data());
    size_ = file_->size();
    skip_byte_order_mark();
}

CsvReader::CsvReader(std::unique_ptr<ByteStream> stream, char separator) : stream_(std::move(stream)), separator_(separator) {
    complete_ = false;
    while (size_ < 3 && fill()) {
    }
    skip_byte_order_mark();
}

void CsvReader::skip_byte_order_mark() {
    const auto* bytes = reinterpret_cast<const unsigned char*>(data_);
    if (size_ >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) pos_ = 3;  // UTF-8 byte-order mark
}

bool CsvReader::fill() {
    constexpr std::size_t step = 1 << 20;
    window_.erase(0, pos_);
    pos_ = 0;
    const std::size_t old = window_.size();
    window_.resize(old + std::max(step, old));  // a record longer than the window doubles it
    const std::size_t got = stream_->read(window_.data() + old, window_.size() - old);
    window_.resize(old + got);
    data_ = window_.data();
    size_ = window_.size();
    complete_ = got == 0;
    return got > 0;
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
    for (;;) {
        const std::size_t record = pos_;
        const Parsed parsed = parse(fields);
        if (parsed != Parsed::need_more) return parsed == Parsed::record;
        pos_ = record;
        fill();
    }
}

CsvReader::Parsed CsvReader::parse(std::vector<std::string_view>& fields) {
    const char* data = data_;
    const std::size_t size = size_;
    fields.clear();
    while (pos_ < size && (data[pos_] == '\n' || data[pos_] == '\r')) ++pos_;  // empty lines
    if (pos_ >= size) return complete_ ? Parsed::end : Parsed::need_more;
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
    // A byte after this one decides what it means (a doubled quote, a two-byte line break): a
    // window that ends here is filled first.
    auto undecided = [&] { return pos_ + 1 >= size && !complete_; };
    bool ended = false;  // by a line break, rather than by the end of the file
    for (; pos_ < size && !ended; ++pos_) {
        const char c = data[pos_];
        if (c == '"') {
            if (undecided()) return Parsed::need_more;
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
            if (undecided()) return Parsed::need_more;
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
        if (!complete_) return Parsed::need_more;
        // A quote left open runs to the end of the file, whose last line break the driver drops.
        if (quoted && size > 0 && (data[size - 1] == '\n' || data[size - 1] == '\r') && !unquoted_.empty()) unquoted_.pop_back();
        end_field(size);
    }
    for (const Unquoted& u : unquoted) fields[u.field] = std::string_view(unquoted_).substr(u.begin, u.end - u.begin);
    return Parsed::record;
}

namespace {

std::optional<char> separator_giving(const std::function<std::unique_ptr<CsvReader>(char)>& reader, int fields) {
    std::vector<std::string_view> header;
    for (const char separator : {',', ';', '\t', '|'}) {
        const std::unique_ptr<CsvReader> records = reader(separator);
        if (records->next(header) && static_cast<int>(header.size()) == fields) return separator;
    }
    return std::nullopt;
}

}  // namespace

std::optional<char> separator_giving(const std::filesystem::path& path, int fields) {
    return separator_giving([&](char separator) { return std::make_unique<CsvReader>(path, separator); }, fields);
}

std::optional<char> separator_giving(const std::function<std::unique_ptr<ByteStream>()>& open, int fields) {
    return separator_giving([&](char separator) { return std::make_unique<CsvReader>(open(), separator); }, fields);
}

}  // namespace incimap::detail
