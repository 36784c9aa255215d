#pragma once
// Place-name keys: the folded form under which names are stored and looked up, so that
// "Mazār-i-Sharīf", "MAZAR I SHARIF" and "mazar-i-sharif" meet.
#include <cstdint>
#include <string>
#include <string_view>

namespace incimap {

/// Folds a UTF-8 place name to its lookup key:
/// - full Unicode case folding and NFKD, twice (so that a key normalises to itself), with combining
///   marks removed (diacritics, harakat);
/// - letters without a decomposition folded to their base (ø, ł, đ, ı, æ, ß ...);
/// - Arabic-script variants unified: Arabic and Persian yeh and kaf, teh marbuta to heh, alef forms,
///   Urdu tteh, ddal, rreh, noon ghunna, do-chashmi heh and yeh barree to their Persian letters,
///   tatweel removed; zero-width non-joiner read as a word break;
/// - digits of any script to ASCII; apostrophes dropped; other punctuation and spaces collapsed
///   to one ASCII space; leading and trailing space trimmed.
/// Invalid UTF-8 sequences become U+FFFD, which stays in the key, so they never match a real name.
/// Pure ASCII input takes a fast path with the same result. Thread-safe.
std::string normalize_name(std::string_view utf8);

/// 64-bit FNV-1a hash of a key; stable across builds because it is stored in the index file.
std::uint64_t name_hash(std::string_view key) noexcept;

}  // namespace incimap
