// Places files (--places) as CSV: any bytes are refused with a message naming the file, or read
// into places with each bad row reported; every place added is then found by its own name.
#include <cstdlib>
#include <memory>

#include "fuzz_support.hpp"
#include "incimap/core/error.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/gazetteer/user_places.hpp"
#include "incimap/geocode/geocoder.hpp"
#include "incimap/pipeline/geodata.hpp"

using namespace incimap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::unique_ptr<Boundaries> boundaries = open_boundaries(fuzz::geodata_dir());
    const fuzz::InputFile input(data, size, ".csv");
    // a fresh gazetteer per input: user places are added once
    Gazetteer gazetteer(fuzz::geodata_dir() / "gazetteer.bin");
    UserPlacesFile file;
    try {
        file = read_user_places(input.path(), gazetteer, *boundaries);
    } catch (const InputError& e) {
        if (std::string(e.what()).rfind(input.path(), 0) != 0) std::abort();  // the message names the file
        return 0;
    }
    if (file.places.empty() || file.places.size() + file.problems.size() != static_cast<std::size_t>(file.rows)) std::abort();
    gazetteer.add_user_places(file.places);
    const Geocoder geocoder(gazetteer);
    for (const UserPlace& p : file.places) {
        if (!is_valid(p.position)) std::abort();
        // descriptors and case endings around a listed name parse without a crash
        (void)geocoder.geocode("near " + p.name);
        (void)geocoder.geocode("в " + p.name + "е");
        // a name that is one part of place text is found as the analyst's place
        if (p.name.find_first_of(",;()") != std::string::npos || p.name.find("\xD8\x8C") != std::string::npos) continue;
        const GeocodeResult r = geocoder.geocode(p.name);
        if (!r.best || r.best->place.source != PlaceSource::user) std::abort();
    }
    return 0;
}
