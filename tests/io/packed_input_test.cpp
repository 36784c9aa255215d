// Inputs packed as data sets ship them (.csv.gz, .tsv.gz, .zip): read as they unpack, to the same
// incidents as the plain file; refused, naming the file, when corrupt, cut short, a bomb, or a zip
// whose data file is not clear.
#include <zlib.h>

#include <catch2/catch.hpp>

#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/io/ingest.hpp"
#include "incimap/io/zip_archive.hpp"
#include "incimap/pipeline/options.hpp"

#include <nlohmann/json.hpp>
#include "support.hpp"

using namespace incimap;

namespace {

std::string gzipped(const std::string& text) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

// An incident list over several of the reader's 1 MiB windows and 64Ki-row chunks, with quoted
// separators, quotes and line breaks, numbers to type, and a bad row.
std::string incident_list(char separator) {
    const std::string s(1, separator);
    std::string text = "event_id_cnty" + s + "event_date" + s + "location" + s + "latitude" + s + "longitude" + s + "fatalities" + s + "notes\n";
    for (int i = 0; i < 70000; ++i) {
        const std::string n = std::to_string(i);
        text += "AFG" + n + s + "2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + s + (i % 7 ? "Kabul" : "\"Jalalabad" + s + " east\"") + s +
                std::to_string(34 + i % 100 * 0.001) + s + "69.2" + s + std::to_string(i % 13) + s +
                (i % 11 ? "\"a \"\"quoted\"\" note\"" : "\"two\nlines\"") + "\n";
    }
    return text + "AFG-bad" + s + "not a date" + s + "Kabul" + s + "34.5" + s + "69.2" + s + "1" + s + "x\n";
}

// What a read gave, without the file's name: rows, incidents with their cells, rejects, types.
std::string digest(const IngestResult& r) {
    std::string out = std::to_string(r.rows) + " rows\n";
    for (const FieldType t : r.schema->types) out += std::to_string(static_cast<int>(t));
    for (const Incident& inc : r.incidents) {
        out += "\n" + std::to_string(inc.source.row) + ":" + inc.id + "|" + inc.date.text + "|" + inc.place;
        for (const FieldValue& v : inc.source.values) out += "|" + to_text(v);
    }
    for (const RowProblem& p : r.problems) out += "\nrejected " + std::to_string(p.source.row) + " " + p.field + ": " + p.reason;
    return out;
}

IngestResult read(const std::filesystem::path& path, ColumnMapping mapping = {}) {
    return read_incidents(path.string(), mapping, silent_reporter());
}

}  // namespace

TEST_CASE("gzipped and zipped CSV and TSV files give what the plain file gives", "[ingest][packed]") {
    const test::TempDir dir;
    for (const char separator : {',', '\t'}) {
        const std::string ext = separator == ',' ? ".csv" : ".tsv";
        INFO("a" << ext);
        const std::string text = incident_list(separator);
        test::write_text(dir / ("plain" + ext), text);
        const std::string expected = digest(read(dir / ("plain" + ext)));
        REQUIRE(expected.find("rejected 70001 event_date") != std::string::npos);

        test::write_text(dir / ("a" + ext + ".gz"), gzipped(text));
        CHECK(digest(read(dir / ("a" + ext + ".gz"))) == expected);
        // Two gzip members one after the other (cat a.gz b.gz) are one file.
        const std::size_t half = text.find('\n', text.size() / 2) + 1;
        test::write_text(dir / ("b" + ext + ".GZ"), gzipped(text.substr(0, half)) + gzipped(text.substr(half)));
        CHECK(digest(read(dir / ("b" + ext + ".GZ"))) == expected);
        // ACLED and UCDP ship a zip holding the data file (and a readme).
        test::write_text(dir / ("c" + ext + ".zip"), zip_archive({{"README.md", "about"}, {"data/events" + ext, text}}));
        CHECK(digest(read(dir / ("c" + ext + ".zip"))) == expected);
    }
}

TEST_CASE("packed inputs that are corrupt, cut short, bombs or unclear are refused naming the file", "[ingest][packed][hostile]") {
    const test::TempDir dir;
    const std::string text = incident_list(',');
    const std::string packed = gzipped(text);
    auto refusal = [&](const std::filesystem::path& path, ColumnMapping mapping = {}) -> std::string {
        try {
            read(path, mapping);
        } catch (const InputError& e) {
            CHECK(e.file() == path.string());
            return e.what();
        }
        FAIL("read " << path);
        return {};
    };
    test::write_text(dir / "cut.csv.gz", packed.substr(0, packed.size() * 2 / 3));
    CHECK_THAT(refusal(dir / "cut.csv.gz"), Catch::Contains("gzip data ends early"));
    std::string corrupt = packed;
    for (std::size_t i = corrupt.size() / 2; i < corrupt.size() / 2 + 64; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
    test::write_text(dir / "corrupt.csv.gz", corrupt);
    CHECK_THAT(refusal(dir / "corrupt.csv.gz"), Catch::Contains("corrupt gzip data"));
    // 40 MB of line breaks pack 1,000 to 1: a bomb (empty lines are skipped, so it would read on).
    test::write_text(dir / "bomb.csv.gz", gzipped("event_date,location\n" + std::string(40 << 20, '\n') + "2024-01-01,Kabul\n"));
    CHECK_THAT(refusal(dir / "bomb.csv.gz"), Catch::Contains("more than 1000 times its size"));
    ColumnMapping small;
    small.max_unpacked = 1 << 20;
    test::write_text(dir / "big.csv.gz", packed);
    CHECK_THAT(refusal(dir / "big.csv.gz", small), Catch::Contains("unpacks to more than 1 MiB (--max-unpacked)"));

    test::write_text(dir / "two.zip", zip_archive({{"a.csv", text}, {"b.tsv", "date\tplace\n2024-01-01\tKabul\n"}}));
    CHECK_THAT(refusal(dir / "two.zip"), Catch::Contains("several data files (a.csv, b.tsv)") && Catch::Contains("{input.columns.layer}"));
    ColumnMapping pick;
    pick.layer = "b.tsv";
    CHECK(read(dir / "two.zip", pick).incidents.size() == 1);
    pick.layer = "c.csv";
    CHECK_THAT(refusal(dir / "two.zip", pick), Catch::Contains("no data file 'c.csv'"));
    test::write_text(dir / "none.zip", zip_archive({{"README.md", "about"}}));
    CHECK_THAT(refusal(dir / "none.zip"), Catch::Contains("no CSV or TSV file in the archive"));
    test::write_text(dir / "fake.zip", text);
    CHECK_THAT(refusal(dir / "fake.zip"), Catch::Contains("not a readable zip archive"));
    const std::string zipped = zip_archive({{"a.csv", text}});
    test::write_text(dir / "cut.zip", zipped.substr(0, zipped.size() / 2));
    CHECK_THAT(refusal(dir / "cut.zip"), Catch::Contains("not a readable zip archive"));
    test::write_text(dir / "a.geojson.gz", gzipped(R"({"type":"FeatureCollection","features":[]})"));
    CHECK_THAT(refusal(dir / "a.geojson.gz"), Catch::Contains("must hold a CSV or TSV file"));
}

TEST_CASE("a run on a cut-short .csv.gz fails with one message and writes nothing", "[cli][packed][hostile]") {
    const test::TempDir dir;
    const std::string packed = gzipped(incident_list(','));
    test::write_text(dir / "cut.csv.gz", packed.substr(0, packed.size() - 1000));
    const auto r = test::run_incimap("map " + (dir / "cut.csv.gz").string() + " --home AF -o " + (dir / "out").string() + " --quiet");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "incimap map: error: " + (dir / "cut.csv.gz").string() + ": the gzip data ends early (a truncated download?)\n");
    CHECK_FALSE(std::filesystem::exists(dir / "out/incidents.geojson"));
    CHECK_FALSE(std::filesystem::exists(dir / "out/summary.json"));
}

TEST_CASE("CSV in a legacy encoding is read with its encoding named, packed or not", "[ingest][packed][encoding]") {
    const test::TempDir dir;
    // Excel on Russian Windows saves CSV in cp1251, on Persian Windows in cp1256.
    const std::string cp1251 = "\xE4\xE0\xF2\xE0,location,notes\n"  // дата
                               "2024-01-02,\xCA\xE0\xE1\xF3\xEB,\"\xC4\xE6\xE0\xEB\xE0\xEB\xE0\xE1\xE0\xE4, \"\"east\"\"\"\n";  // Кабул, Джалалабад
    test::write_text(dir / "ru.csv", cp1251);
    test::write_text(dir / "ru.csv.gz", gzipped(cp1251));
    ColumnMapping mapping;
    mapping.encoding = "cp1251";
    mapping.date = "дата";
    for (const char* name : {"ru.csv", "ru.csv.gz"}) {
        INFO(name);
        const IngestResult r = read(dir / name, mapping);
        REQUIRE(r.incidents.size() == 1);
        CHECK(r.schema->names[0] == "дата");
        CHECK(r.incidents[0].place == "Кабул");
        CHECK(to_text(r.incidents[0].source.values[2]) == "Джалалабад, \"east\"");
    }
    test::write_text(dir / "fa.csv", "event_date,location\n2024-01-02,\x98\xC7\xC8\xE1\n");
    ColumnMapping persian;
    persian.encoding = "cp1256";
    CHECK(read(dir / "fa.csv", persian).incidents.at(0).place == "کابل");

    // Without it: the header is refused naming the option, a cell rejects its row suggesting it.
    try {
        read(dir / "ru.csv");
        FAIL("read a cp1251 header as UTF-8");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::Contains("not valid UTF-8") && Catch::Contains("{input.columns.encoding}"));
    }
    const IngestResult as_utf8 = read(dir / "fa.csv");
    REQUIRE(as_utf8.problems.size() == 1);
    CHECK_THAT(as_utf8.problems[0].reason, Catch::Contains("give it with --encoding"));

    InputOptions unknown{{(dir / "ru.csv").string()}, {}};
    unknown.columns.encoding = "cp9999";
    CHECK_THROWS_WITH(unknown.validate(), Catch::Contains("unknown encoding 'cp9999'"));
    test::write_text(dir / "a.geojson", R"({"type":"FeatureCollection","features":[]})");
    try {
        read(dir / "a.geojson", persian);
        FAIL("read GeoJSON with an encoding");
    } catch (const InputError& e) {
        CHECK_THAT(e.what(), Catch::Contains("is for CSV and TSV files"));
    }
}

TEST_CASE("incimap map --encoding cp1251 geocodes Cyrillic place names of a cp1251 file", "[cli][packed][encoding]") {
    const test::TempDir dir;
    test::write_text(dir / "ru.csv", "event_date,location\n2024-01-02,\xCA\xE0\xE1\xF3\xEB\n");
    const auto r = test::run_incimap("map " + (dir / "ru.csv").string() + " --encoding cp1251 --home AF -o " + (dir / "out").string() + " --quiet");
    REQUIRE(r.exit_code == 0);
    const auto layer = nlohmann::json::parse(test::read_text(dir / "out/incidents.geojson"));
    CHECK(layer["features"][0]["properties"]["place"] == "Кабул");
    CHECK(layer["features"][0]["properties"]["country"] == "AF");
    const auto bad = test::run_incimap("map " + (dir / "ru.csv").string() + " --encoding nope --home AF -o " + (dir / "out2").string());
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Catch::Contains("--encoding: unknown encoding 'nope'"));
}
