// incimap's CSV reader against GDAL's CSV driver: on awkward files, the same records and fields.
#include <catch2/catch.hpp>

#include <random>

#include "incimap/io/gdal.hpp"
#include "io/csv_reader.hpp"
#include "support.hpp"

using namespace incimap;

namespace {

using Records = std::vector<std::vector<std::string>>;

// The data rows as the driver reads them with ingest's options (a null field as "").
Records read_by_gdal(const std::filesystem::path& path) {
    ensure_gdal_registered();
    const char* options[] = {"HEADERS=YES", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES", nullptr};
    const char* drivers[] = {"CSV", nullptr};
    DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options));
    REQUIRE(ds);
    Records records;
    for (auto& feature : *ds->GetLayer(0)) {
        std::vector<std::string>& r = records.emplace_back();
        for (int i = 0; i < feature->GetFieldCount(); ++i)
            r.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "");
    }
    return records;
}

// The data rows as CsvReader splits them, padded or cut to `fields` as the driver does.
Records data_rows(detail::CsvReader& reader, std::size_t fields) {
    std::vector<std::string_view> split;
    Records records;
    reader.next(split);  // the header
    while (reader.next(split)) {
        std::vector<std::string>& r = records.emplace_back(split.begin(), split.begin() + std::min(fields, split.size()));
        r.resize(fields);
    }
    return records;
}

Records read_by_incimap(const std::filesystem::path& path, char separator, std::size_t fields) {
    detail::CsvReader reader(path, separator);
    return data_rows(reader, fields);
}

// A string given a few bytes a read, so that the reader's window ends everywhere in a record.
class Trickle : public detail::ByteStream {
public:
    Trickle(std::string text, std::size_t step) : text_(std::move(text)), step_(step) {}
    std::size_t read(char* into, std::size_t n) override {
        const std::size_t k = std::min({n, step_, text_.size() - at_});
        text_.copy(into, k, at_);
        at_ += k;
        return k;
    }
    std::uint64_t done() const override { return at_; }
    std::uint64_t total() const override { return text_.size(); }

private:
    std::string text_;
    std::size_t step_, at_ = 0;
};

// The same, from a stream.
Records read_streamed(const std::string& text, std::size_t step, char separator, std::size_t fields) {
    detail::CsvReader reader(std::make_unique<Trickle>(text, step), separator);
    return data_rows(reader, fields);
}

}  // namespace

TEST_CASE("the CSV reader splits records as GDAL's CSV driver does") {
    incimap::test::TempDir dir;
    const char* pieces[] = {"a", "Kabul", " ", ",", ",", "\"", "\"\"", "\n", "\r\n", "\n", "x,\"y\"", "\"q,\"", "Кабул", ";", "\t", "\r"};
    std::mt19937 random(20261207);
    for (int file = 0; file < 1000; ++file) {
        std::string text = file % 3 == 0 ? "\xEF\xBB\xBFid,place,date\n" : "id,place,date\n";
        const int length = static_cast<int>(random() % 60);
        for (int k = 0; k < length; ++k) text += pieces[random() % std::size(pieces)];
        if (random() % 2) text += "\n";
        const std::filesystem::path path = dir / ("f" + std::to_string(file) + ".csv");
        incimap::test::write_text(path, text);
        INFO("file " << file << ": " << text);
        const Records by_gdal = read_by_gdal(path);
        CHECK(read_by_incimap(path, ',', 3) == by_gdal);
        CHECK(read_streamed(text, 1 + file % 3, ',', 3) == by_gdal);  // as an unpacked file is read
    }
}

TEST_CASE("the CSV reader finds the separator that splits the header as the driver did") {
    incimap::test::TempDir dir;
    incimap::test::write_text(dir / "semi.csv", "id;place;date\n1;Kabul;2024-01-01\n");
    incimap::test::write_text(dir / "tab.tsv", "id\tplace\n1\tKabul\n");
    CHECK(detail::separator_giving(dir / "semi.csv", 3) == ';');
    CHECK(detail::separator_giving(dir / "tab.tsv", 2) == '\t');
    CHECK_FALSE(detail::separator_giving(dir / "semi.csv", 5).has_value());
}
