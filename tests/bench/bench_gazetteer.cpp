// Benchmarks of the gazetteer hot paths: index load, exact-name lookup, and point-in-polygon
// country lookup, the latter side by side with a plain loop over GEOS prepared geometries.
// Run: build/incimap_bench [--benchmark_filter=...]; geodata from $INCIMAP_GEODATA or build/geodata.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <random>

#include "incimap/core/geos.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/gazetteer/normalize.hpp"
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

void BM_Geocode(benchmark::State& state) {
    const auto& names = sample_names();
    const Geocoder geocoder(gazetteer());
    std::size_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(geocoder.geocode(names[i++ % names.size()]));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Geocode);

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
