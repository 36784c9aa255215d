// Benchmarks of the gazetteer hot paths: index load, exact-name lookup, and point-in-polygon
// country lookup, the latter side by side with a plain loop over GEOS prepared geometries.
// Run: build/incimap_bench [--benchmark_filter=...]; geodata from $INCIMAP_GEODATA or build/geodata.
#include <benchmark/benchmark.h>

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>

#include "incimap/core/geos.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/gazetteer/normalize.hpp"
#include "incimap/gazetteer/user_places.hpp"
#include "incimap/gazetteer/phonetic.hpp"
#include "incimap/geocode/geocoder.hpp"
#include "incimap/io/gdal.hpp"

using namespace incimap;

namespace {

std::filesystem::path geodata() {
    const char* env = std::getenv("INCIMAP_GEODATA");
    return env != nullptr ? env : INCIMAP_GEODATA_DIR;
}

const Gazetteer& gazetteer() {
    static const Gazetteer g(geodata() / "gazetteer.bin");
    return g;
}

// Names as users type them: the display names of a random sample of places (all scripts the
// display names use), fixed seed so runs compare.
const std::vector<std::string>& sample_names() {
    static const std::vector<std::string> names = [] {
        std::mt19937 rng(42);
        std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(gazetteer().size() - 1));
        std::vector<std::string> out;
        for (int i = 0; i < 10000; ++i) out.emplace_back(gazetteer().place(pick(rng)).name);
        return out;
    }();
    return names;
}

// Incident-like points: positions of a random sample of populated places.
const std::vector<LonLat>& all_sample_points() {
    static const std::vector<LonLat> points = [] {
        std::mt19937 rng(7);
        std::uniform_int_distribution<std::uint32_t> pick(0, static_cast<std::uint32_t>(gazetteer().size() - 1));
        std::vector<LonLat> out;
        while (out.size() < 10000) {
            const Place p = gazetteer().place(pick(rng));
            if (p.kind == PlaceKind::city) out.push_back(p.position);
        }
        return out;
    }();
    return points;
}

const Boundaries& boundaries() {
    static const Boundaries b(geodata() / "boundaries.gpkg");
    return b;
}

// The sample points that lie inside a country polygon, so that both sides of the comparison do
// the same work (the plain loop has no coastal fallback).
const std::vector<LonLat>& sample_points() {
    static const std::vector<LonLat> inside = [] {
        const GeosContextPtr ctx = make_geos_context();
        std::vector<LonLat> out;
        for (const LonLat& p : all_sample_points()) {
            const auto area = boundaries().country_at(p);
            if (!area) continue;
            const GeosGeometryPtr point = make_point(ctx.get(), p.lon_deg, p.lat_deg);
            if (GEOSIntersects_r(boundaries().context(), boundaries().country_footprint(area->code), point.get()) == 1)
                out.push_back(p);
        }
        return out;
    }();
    return inside;
}

// Points within the coastal tolerance but outside every polygon: the nearest-polygon fallback.
const std::vector<LonLat>& coastal_points() {
    static const std::vector<LonLat> coastal = [] {
        std::vector<LonLat> out;
        const auto& inside = sample_points();
        for (const LonLat& p : all_sample_points())
            if (std::find_if(inside.begin(), inside.end(), [&](const LonLat& q) { return q.lon_deg == p.lon_deg && q.lat_deg == p.lat_deg; }) == inside.end())
                out.push_back(p);
        return out;
    }();
    return coastal;
}

double resident_mib() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return double(resident) * double(::sysconf(_SC_PAGESIZE)) / (1 << 20);
}

void BM_GazetteerLoad(benchmark::State& state) {
    for (auto _ : state) {
        Gazetteer g(geodata() / "gazetteer.bin");
        benchmark::DoNotOptimize(g.size());
    }
    state.counters["mapped_MiB"] = double(gazetteer().mapped_bytes()) / (1 << 20);
    state.counters["places"] = double(gazetteer().size());
    state.counters["names"] = double(gazetteer().name_count());
}
BENCHMARK(BM_GazetteerLoad)->Unit(benchmark::kMillisecond);

void BM_ExactLookup(benchmark::State& state) {
    const auto& names = sample_names();
    std::size_t i = 0, hits = 0;
    for (auto _ : state) {
        hits += gazetteer().find(names[i++ % names.size()]).size();
    }
    benchmark::DoNotOptimize(hits);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ExactLookup);

void BM_NormalizeName(benchmark::State& state) {
    const auto& names = sample_names();
    std::size_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(normalize_name(names[i++ % names.size()]));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NormalizeName);

void run_geocode(benchmark::State& state, const std::vector<std::string>& queries) {
    const Geocoder geocoder(gazetteer());
    std::size_t i = 0, resolved = 0;
    for (auto _ : state) resolved += geocoder.geocode(queries[i++ % queries.size()]).best.has_value();
    state.SetItemsProcessed(state.iterations());
    state.counters["resolved_share"] = double(resolved) / double(state.iterations());
    state.counters["resident_MiB"] = resident_mib();
}

// Listed names of random GeoNames places: the exact path, including common names with a
// hundred homonyms ("San José") that each cost a ranking of every candidate.
void BM_GeocodeExact(benchmark::State& state) { run_geocode(state, sample_names()); }
BENCHMARK(BM_GeocodeExact);

// What analysts type: the 356 queries of the labelled accuracy set (cities, towns, areas and
// countries in three scripts, variants, transliterations, ambiguous names, nonsense).
void BM_GeocodeLabelledSet(benchmark::State& state) {
    static const std::vector<std::string> queries = [] {
        std::vector<std::string> out;
        std::ifstream in(std::string(INCIMAP_SOURCE_DIR) + "/tests/data/geocoder-accuracy.tsv");
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            const auto first = line.find('\t');
            const auto second = line.find('\t', first + 1);
            if (first != std::string::npos && second != std::string::npos) out.push_back(line.substr(first + 1, second - first - 1));
        }
        return out;
    }();
    run_geocode(state, queries);
}
BENCHMARK(BM_GeocodeLabelledSet);

// Latin spelling variants of listed names (a vowel changed, a letter doubled, q/k, kh/h): the
// phonetic and one-edit paths, and for those that match nothing the whole cascade.
const std::vector<std::string>& variant_names() {
    static const std::vector<std::string> variants = [] {
        std::vector<std::string> out;
        std::mt19937 rng(11);
        for (const std::string& name : sample_names()) {
            std::string v = normalize_name(name);
            if (v.size() < 6 || !is_ascii(v)) continue;
            switch (rng() % 4) {
                case 0: for (char& c : v) if (c == 'a') { c = 'e'; break; } break;
                case 1: v.insert(v.size() / 2, 1, v[v.size() / 2]); break;
                case 2: for (char& c : v) if (c == 'k') { c = 'q'; break; } else if (c == 'q') { c = 'k'; break; } break;
                case 3: v.erase(v.size() / 2, 1); break;
            }
            out.push_back(v);
        }
        return out;
    }();
    return variants;
}
void BM_GeocodeVariant(benchmark::State& state) { run_geocode(state, variant_names()); }
BENCHMARK(BM_GeocodeVariant);

// Names written in Cyrillic by ICU's Latin-Cyrillic transliterator: most are not listed in that
// form, so they take the transliteration path.
const std::vector<std::string>& cyrillic_names() {
    static const std::vector<std::string> names = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> to_cyrillic(icu::Transliterator::createInstance("Latin-Cyrillic", UTRANS_FORWARD, status));
        std::vector<std::string> out;
        for (const std::string& name : sample_names()) {
            const std::string key = normalize_name(name);
            if (key.size() < 5 || !is_ascii(key)) continue;
            icu::UnicodeString text = icu::UnicodeString::fromUTF8(key);
            to_cyrillic->transliterate(text);
            std::string cyrillic;
            text.toUTF8String(cyrillic);
            out.push_back(cyrillic);
        }
        return out;
    }();
    return names;
}
void BM_GeocodeTranslit(benchmark::State& state) { run_geocode(state, cyrillic_names()); }
BENCHMARK(BM_GeocodeTranslit);

// Descriptive and inflected place text, each against the same names plain: what reading the
// descriptors ("Kabul airport", "near Kabul", "Kabul province") and the Russian case endings
// ("в Кабуле") costs. Listed Latin names, each given one descriptor in turn.
const std::vector<std::string>& plain_latin_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const std::string& name : sample_names())
            if (is_ascii(name) && name.find(',') == std::string::npos) out.push_back(name);
        return out;
    }();
    return names;
}
void BM_GeocodePlainForDescriptive(benchmark::State& state) { run_geocode(state, plain_latin_names()); }
BENCHMARK(BM_GeocodePlainForDescriptive);

void BM_GeocodeDescriptive(benchmark::State& state) {
    static const std::vector<std::string> queries = [] {
        const char* const forms[][2] = {{"", " airport"}, {"near ", ""}, {"", " province"}, {"city of ", ""},
                                        {"outskirts of ", ""}, {"", " district"}, {"pr\xC3\xA8s de ", ""}, {"bei ", ""}};
        std::vector<std::string> out;
        std::size_t k = 0;
        for (const std::string& name : plain_latin_names()) {
            const auto& f = forms[k++ % std::size(forms)];
            out.push_back(f[0] + name + f[1]);
        }
        return out;
    }();
    run_geocode(state, queries);
}
BENCHMARK(BM_GeocodeDescriptive);

void BM_GeocodePlainForInflected(benchmark::State& state) { run_geocode(state, cyrillic_names()); }
BENCHMARK(BM_GeocodePlainForInflected);

// The Cyrillic names above in the prepositional case after "в" (a final vowel dropped first).
void BM_GeocodeInflected(benchmark::State& state) {
    static const std::vector<std::string> queries = [] {
        std::vector<std::string> out;
        for (std::string name : cyrillic_names()) {
            for (const char* vowel : {"\xD0\xB0", "\xD0\xB5", "\xD0\xBE", "\xD0\xB8"})  // а е о и
                if (name.ends_with(vowel)) {
                    name.resize(name.size() - 2);
                    break;
                }
            out.push_back("\xD0\xB2 " + name + "\xD0\xB5");  // "в ...е"
        }
        return out;
    }();
    run_geocode(state, queries);
}
BENCHMARK(BM_GeocodeInflected);

// A village name as analysts' lists spell them: an optional prefix, two or three syllables and an
// optional suffix, in Latin letters, with a variant spelling and the Dari/Pashto form.
struct VillageName {
    std::string latin, variant, native;
};

VillageName village_name(std::mt19937& rng) {
    static const std::pair<const char*, const char*> prefixes[] = {{"", ""}, {"", ""}, {"Qala-e ", "قلعه "}, {"Kili ", "کلی "}, {"Deh ", "ده "},
                                                                   {"Kot ", "کوت "}, {"Banda ", "بنده "}, {"Pul-e ", "پل "}, {"Dara-e ", "دره "}};
    static const std::pair<const char*, const char*> syllables[] = {
        {"ka", "کا"}, {"bul", "بل"}, {"man", "من"}, {"zai", "زی"}, {"gul", "گل"}, {"shir", "شیر"}, {"nur", "نور"}, {"ja", "جا"},
        {"lal", "لال"}, {"pur", "پور"}, {"dar", "در"}, {"kan", "کن"}, {"sang", "سنگ"}, {"tar", "تر"}, {"mir", "میر"}, {"nik", "نیک"},
        {"baz", "باز"}, {"rud", "رود"}, {"sar", "سر"}, {"bagh", "باغ"}, {"gar", "گر"}, {"mal", "مال"}, {"sha", "شا"}, {"kho", "خو"},
        {"dil", "دل"}, {"ham", "هم"}, {"zar", "زر"}, {"par", "پر"}, {"tal", "تل"}, {"qal", "قل"}};
    static const std::pair<const char*, const char*> suffixes[] = {{"", ""}, {"", ""}, {"abad", "آباد"}, {"khel", "خیل"}, {"kot", "کوت"}, {"gai", "گی"}};
    auto pick = [&rng](const auto& list) { return list[std::uniform_int_distribution<std::size_t>(0, std::size(list) - 1)(rng)]; };
    const auto prefix = pick(prefixes);
    VillageName v{prefix.first, "", prefix.second};
    std::string core, core_native;
    for (int i = 0, n = std::uniform_int_distribution<int>(2, 3)(rng); i < n; ++i) {
        const auto syllable = pick(syllables);
        core += syllable.first;
        core_native += syllable.second;
    }
    const auto suffix = pick(suffixes);
    core += suffix.first;
    core_native += suffix.second;
    core[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(core[0])));
    v.latin += core;
    v.native += core_native;
    // Spellings differ in their vowels: u/o, a/aa.
    v.variant = v.latin;
    if (const std::size_t u = v.variant.find('u'); u != std::string::npos) v.variant[u] = 'o';
    else if (const std::size_t a = v.variant.find('a', 1); a != std::string::npos) v.variant.insert(a, "a");
    return v;
}

// An analyst's list of 100,000 places (--places): villages in dense blobs around 500 real towns,
// each with a variant spelling and its Dari/Pashto name, and no country or admin-1 column, so that
// both come from where the point lies (the slowest reading). Loading reads the CSV, checks every
// row and indexes the names.
void BM_UserPlacesLoad(benchmark::State& state) {
    static const std::filesystem::path csv = [] {
        const std::filesystem::path path = std::filesystem::temp_directory_path() / "incimap-bench-places.csv";
        std::ofstream out(path);
        out << "name,alt_names,lat,lon,kind\n";
        std::mt19937 rng(5);
        std::normal_distribution<double> spread(0, 0.15);
        const auto& towns = all_sample_points();
        for (int i = 0; i < 100000; ++i) {
            const LonLat town = towns[static_cast<std::size_t>(i % 500)];
            const VillageName name = village_name(rng);
            out << name.latin << "," << name.variant << "|" << name.native << "," << std::clamp(town.lat_deg + spread(rng), -89.0, 89.0)
                << "," << std::clamp(town.lon_deg + spread(rng), -179.0, 179.0) << ",place\n";
        }
        return path;
    }();
    std::size_t added = 0;
    for (auto _ : state) {
        // A run opens both afresh: what the places add is reading, placing and indexing them.
        state.PauseTiming();
        auto g = std::make_unique<Gazetteer>(geodata() / "gazetteer.bin");
        auto boundaries = std::make_unique<Boundaries>(geodata() / "boundaries.gpkg");
        state.ResumeTiming();
        const UserPlacesFile file = read_user_places(csv.string(), *g, *boundaries);
        g->add_user_places(file.places);
        added = file.places.size();
        state.PauseTiming();
        g.reset();
        boundaries.reset();
        state.ResumeTiming();
    }
    state.counters["places"] = double(added);
    state.counters["resident_MiB"] = resident_mib();
}
BENCHMARK(BM_UserPlacesLoad)->Unit(benchmark::kMillisecond)->Iterations(6);

void BM_BoundariesLoad(benchmark::State& state) {
    for (auto _ : state) {
        Boundaries b(geodata() / "boundaries.gpkg");
        benchmark::DoNotOptimize(b.country_count());
    }
}
BENCHMARK(BM_BoundariesLoad)->Unit(benchmark::kMillisecond)->Iterations(3);

// incimap: R-tree over envelopes, then GEOS prepared geometries for the few candidates.
void BM_CountryAt_Indexed(benchmark::State& state) {
    const auto& points = sample_points();
    std::size_t i = 0, found = 0;
    for (auto _ : state) found += boundaries().country_at(points[i++ % points.size()]).has_value();
    benchmark::DoNotOptimize(found);
    state.SetItemsProcessed(state.iterations());
    state.counters["points"] = double(points.size());
}
BENCHMARK(BM_CountryAt_Indexed);

void BM_CountryAt_CoastalFallback(benchmark::State& state) {
    const auto& points = coastal_points();
    std::size_t i = 0, found = 0;
    for (auto _ : state) found += boundaries().country_at(points[i++ % points.size()]).has_value();
    benchmark::DoNotOptimize(found);
    state.SetItemsProcessed(state.iterations());
    state.counters["points"] = double(points.size());
}
BENCHMARK(BM_CountryAt_CoastalFallback);

// The peer: a plain loop over every admin-0 polygon, each a GEOS prepared geometry.
void BM_CountryAt_PlainGeosLoop(benchmark::State& state) {
    ensure_gdal_registered();
    static const GeosContextPtr ctx = make_geos_context();
    static std::vector<GeosGeometryPtr> polygons;
    static std::vector<GeosPreparedPtr> prepared;
    if (prepared.empty()) {
        DatasetPtr ds(GDALDataset::Open((geodata() / "boundaries.gpkg").c_str(), GDAL_OF_VECTOR));
        std::vector<unsigned char> wkb;
        for (auto& f : *ds->GetLayerByName("admin0")) {
            const OGRGeometry* g = f->GetGeometryRef();
            wkb.resize(static_cast<std::size_t>(g->WkbSize()));
            g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
            polygons.push_back(geometry_from_wkb(ctx.get(), wkb));
            prepared.emplace_back(GEOSPrepare_r(ctx.get(), polygons.back().get()), GeosPreparedDeleter{ctx.get()});
        }
    }
    const auto& points = sample_points();
    std::size_t i = 0, found = 0;
    for (auto _ : state) {
        const LonLat p = points[i++ % points.size()];
        const GeosGeometryPtr point = make_point(ctx.get(), p.lon_deg, p.lat_deg);
        for (const auto& poly : prepared)
            if (GEOSPreparedContains_r(ctx.get(), poly.get(), point.get()) == 1) {
                ++found;
                break;
            }
    }
    benchmark::DoNotOptimize(found);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CountryAt_PlainGeosLoop);

}  // namespace

BENCHMARK_MAIN();
