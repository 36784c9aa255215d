// GeoJSON polygon files given as custom regions: any bytes are refused with a message or read
// into regions (invalid polygons repaired), and points are looked up in them without a crash.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "incimap/analyze/regions.hpp"
#include "incimap/core/error.hpp"

using namespace incimap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::InputFile input(data, size, ".geojson");
    std::vector<std::string> warnings;
    try {
        const RegionSet regions = RegionSet::from_file(input.path(), "name", warnings);
        TextPool text;
        IncidentPoint at = point_of(PlacedIncident{}, text);
        for (const LonLat p : {LonLat{69.2, 34.5}, LonLat{0, 0}, LonLat{179.99, -16.5}, LonLat{-180, 90}}) {
            at.position = p;
            if (const auto i = regions.region_of(at); i && *i >= regions.size()) std::abort();
        }
    } catch (const InputError&) {
    }
    return 0;
}
