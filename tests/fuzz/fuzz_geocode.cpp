// Place text against the real gazetteer: the query parser (parts, separators, scripts) and the
// matcher never crash, and a result is consistent: resolved or ambiguous with a candidate whose
// confidence lies in 0..1, unresolved with a reason and no candidate.
#include <cstdlib>
#include <memory>

#include "fuzz_support.hpp"
#include "incimap/gazetteer/gazetteer.hpp"
#include "incimap/geocode/geocoder.hpp"
#include "incimap/pipeline/geodata.hpp"

using namespace incimap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::unique_ptr<Gazetteer> gazetteer = open_gazetteer(fuzz::geodata_dir());
    static const Geocoder geocoder(*gazetteer);
    // The first byte picks options, so that hints and country restrictions are fuzzed too.
    GeocodeOptions options;
    std::string_view text = fuzz::as_text(data, size);
    if (!text.empty()) {
        const unsigned char flags = static_cast<unsigned char>(text.front());
        text.remove_prefix(1);
        if (flags & 1) options.hint_country = "AF";
        if (flags & 2) options.bias_countries = {"RU", "TJ"};
        if (flags & 4) {
            const auto bar = text.find('|');
            if (bar != std::string_view::npos) {
                options.hints.emplace_back(text.substr(bar + 1));
                text = text.substr(0, bar);
            }
        }
    }
    const GeocodeResult result = geocoder.geocode(text, options);
    if (result.status == GeocodeStatus::unresolved) {
        if (result.best || result.reason.empty()) std::abort();
    } else {
        if (!result.best || !(result.best->confidence >= 0 && result.best->confidence <= 1)) std::abort();
        if (!is_valid(result.best->place.position)) std::abort();
    }
    return 0;
}
