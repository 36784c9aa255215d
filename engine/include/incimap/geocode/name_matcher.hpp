#pragma once
// Finding the gazetteer entries a piece of place text may name, from the surest way to the
// loosest: the exact normalised name; the same consonant skeleton (spelling variants, and names
// in another script after transliteration); one consonant edit away (typos in long names).
// A looser way is tried only when the surer ones find nothing.
#include <cstdint>
#include <string_view>
#include <vector>

#include "incimap/gazetteer/gazetteer.hpp"

namespace incimap {

enum class MatchMethod {
    exact,     ///< a listed name or alternate name, after normalisation
    phonetic,  ///< a Latin spelling variant (vowels, hyphens, q/k, kh/h, doubled letters)
    translit,  ///< another script, transliterated, meets a listed name's skeleton
    fuzzy,     ///< one consonant edit away, in a long name
};

std::string_view to_string(MatchMethod m);

struct NameMatch {
    std::uint32_t place;
    bool primary;           ///< matched the place's own name rather than an alternate
    MatchMethod method;
    double similarity;      ///< 1 for exact; folded_similarity of the phonetic folds otherwise
    bool current = false;   ///< matched an alternate that is a current name in some language (exact only)
    /// The text, or its transliteration ("Денау": Denau), is a listed name of the place, so
    /// `primary`, `current` and `spells_own` say which kind of name it is.
    bool listed = false;
    bool spells_own = false;  ///< a listed Latin alternate that spells the place's own name
};

struct MatchOptions {
    bool allow_fuzzy = true;
    /// Start from phonetic matching (when exact matches were all excluded by hints).
    bool skip_exact = false;
    /// Exact matches only (and the namesakes whose Latin names fold the same).
    bool exact_only = false;
    /// Phonetic and translit matches below this similarity are dropped (Latin script).
    double min_similarity = 0.8;
    /// One-edit matches below this similarity are dropped.
    double min_fuzzy_similarity = 0.85;
    /// Arabic-script transliterations lack short vowels, so their skeleton matches are checked
    /// against population instead: only places of at least this many people, and for two- and
    /// three-consonant skeletons only places of `min_population_short_arabic` in countries that write
    /// Arabic script.
    std::uint32_t min_population_arabic_skeleton = 1000;
    std::uint32_t min_population_short_arabic = 20000;
};

/// A city's population, or for a city whose population GeoNames does not know (0) what its kind
/// says: 5000 for a seat of administration, else 500 (every cities500 place has that many).
std::uint32_t assumed_population(const Place& p);

/// Every distinct place `text` may name, by the surest method that finds any; one entry per
/// place. Empty when nothing matches. When the text is a listed Latin name, the places whose
/// Latin names have the same phonetic fold ("Jalalabad" and Jalal-Abad) count as exact too.
std::vector<NameMatch> match_name(const Gazetteer& gazetteer, std::string_view text, const MatchOptions& options = {});
/// match_name for text already normalised (normalize_name): a key read once and looked up in
/// several forms is not normalised again.
std::vector<NameMatch> match_key(const Gazetteer& gazetteer, std::string_view key, const MatchOptions& options = {});

/// Keeps one match per place, the best: highest similarity, then an own name over a current name
/// over another alternate. Sorts by place.
void keep_best_per_place(std::vector<NameMatch>& matches);

}  // namespace incimap
