// Place-name keys from any bytes: normalize_name never crashes, gives valid UTF-8 without
// leading, trailing or doubled spaces, and folding a key again changes nothing.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "incimap/core/utf8.hpp"
#include "incimap/gazetteer/normalize.hpp"

using namespace incimap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string key = normalize_name(fuzz::as_text(data, size));
    if (invalid_utf8_at(key)) std::abort();
    if (!key.empty() && (key.front() == ' ' || key.back() == ' ' || key.find("  ") != std::string::npos)) std::abort();
    if (normalize_name(key) != key) std::abort();
    (void)name_hash(key);
    return 0;
}
