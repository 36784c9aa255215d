// The streaming GeoJSON writer against GDAL's GeoJSON driver: the same features, the same bytes.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "incimap/io/geojson_writer.hpp"
#include "incimap/io/read_file.hpp"
#include "support.hpp"

using namespace incimap;

namespace {

const std::vector<std::string> awkward_texts = {
    "", "Kabul", "a/b", "q\"q", "back\\slash", "tab\there", "nl\nx", "cr\rx", "\x01\x1f\x7f", "Кабул کابل",
    "\xe2\x80\xa8line separator", "<script>alert(1)</script>", "it's", "\b\f", "emoji \xf0\x9f\x98\x80", "trailing space "};

// Reals of the shapes incident data holds: rounded shares, coordinates, counts, extremes.
std::vector<double> awkward_reals() {
    std::vector<double> v = {0.0, -0.0, 1.0, 0.1, 0.857, 1.0 / 3, 1e21, 1e-7, 2.5e-5, 1e16, 1e15, 1.5e300,
                             5e-324, 0.000123, 123456789.123, 0.30000000000000004, 100.0, -42.5, 9007199254740993.0};
    std::mt19937_64 random(20261207);
    std::uniform_real_distribution<double> any(-1000, 1000);
    for (int i = 0; i < 3000; ++i) {
        const double x = any(random);
        const double scale = std::pow(10.0, static_cast<int>(random() % 8));
        v.push_back(i % 3 == 0 ? x : std::round(x * scale) / scale);
        v.push_back(std::ldexp(x, static_cast<int>(random() % 200) - 100));
    }
    return v;
}

std::vector<LonLat> awkward_positions() {
    std::vector<LonLat> v = {{0, 0}, {-0.0, 0.0}, {180, -90}, {-180, 90}, {1e-8, -1e-8}, {12.34567895, 1.23456785},
                             {-179.99999999, 89.999999951}, {0.00000005, 0.00000015}, {69.17, 34.53}};
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> lon(-180, 180), lat(-90, 90);
    for (int i = 0; i < 3000; ++i) {
        const double scale = std::pow(10.0, static_cast<int>(random() % 10));
        v.push_back({std::round(lon(random) * scale) / scale, std::round(lat(random) * scale) / scale});
    }
    return v;
}

}  // namespace

TEST_CASE("the streaming GeoJSON writer writes the bytes GDAL's GeoJSON driver writes") {
    incimap::test::TempDir dir;
    const GeoJsonLayer::Fields fields = {{"text", OFTString}, {"real", OFTReal}, {"integer", OFTInteger64}};
    const std::vector<double> reals = awkward_reals();
    const std::vector<LonLat> positions = awkward_positions();
    const std::size_t n = std::max(reals.size(), positions.size());

    GeoJsonLayer gdal(dir.path() / "gdal.geojson", "incidents", wkbPoint, 7, fields);
    LayerSchema schema{wkbPoint, {}};
    for (const auto& [name, type] : fields) schema.fields.push_back({name, type, OFSTNone});
    GeoJsonPointWriter ours(dir.path() / "ours.geojson", schema);
    for (std::size_t i = 0; i < n; ++i) {
        OGRFeature f = gdal.feature();
        ours.begin_feature();
        if (i % 7 == 6) {
            f.SetFieldNull(0);
            ours.null_value();
        } else {
            const std::string& text = awkward_texts[i % awkward_texts.size()];
            f.SetField(0, text.c_str());
            ours.text_value(text);
        }
        const double real = reals[i % reals.size()];
        f.SetField(1, real);
        ours.real_value(real);
        const auto integer = static_cast<std::int64_t>(i * 1000000007) * (i % 2 ? -1 : 1);
        f.SetField(2, static_cast<GIntBig>(integer));
        ours.integer_value(integer);
        const LonLat p = positions[i % positions.size()];
        f.SetGeometryDirectly(new OGRPoint(p.lon_deg, p.lat_deg));
        gdal.write(f);
        ours.end_feature(p);
    }
    gdal.commit();
    const LayerSchema written = ours.commit();
    CHECK(written.fields.size() == 3);
    const std::string expected = *read_file(dir.path() / "gdal.geojson");
    const std::string got = *read_file(dir.path() / "ours.geojson");
    REQUIRE(got.size() == expected.size());
    CHECK(got == expected);
}

TEST_CASE("an empty point layer is an empty FeatureCollection, as GDAL writes it") {
    incimap::test::TempDir dir;
    GeoJsonLayer gdal(dir.path() / "gdal.geojson", "incidents", wkbPoint, 7, {{"a", OFTString}});
    GeoJsonPointWriter ours(dir.path() / "ours.geojson", LayerSchema{wkbPoint, {{"a", OFTString, OFSTNone}}});
    gdal.commit();
    ours.commit();
    CHECK(*read_file(dir.path() / "ours.geojson") == *read_file(dir.path() / "gdal.geojson"));
}

TEST_CASE("a point layer left without commit leaves no file") {
    incimap::test::TempDir dir;
    {
        GeoJsonPointWriter ours(dir.path() / "ours.geojson", LayerSchema{wkbPoint, {{"a", OFTString, OFSTNone}}});
        ours.begin_feature();
        ours.text_value("x");
        ours.end_feature({1, 2});
    }
    CHECK(std::filesystem::is_empty(dir.path()));
}
