#include "incimap/geocode/name_matcher.hpp"

#include <algorithm>

#include "incimap/core/script.hpp"
#include "incimap/gazetteer/normalize.hpp"
#include "incimap/gazetteer/phonetic.hpp"

namespace incimap {

std::string_view to_string(MatchMethod m) {
    switch (m) {
        case MatchMethod::exact: return "exact";
        case MatchMethod::phonetic: return "phonetic";
        case MatchMethod::translit: return "translit";
        case MatchMethod::fuzzy: return "fuzzy";
    }
    return "?";
}

namespace {

// Short skeletons say little ("kbl" fits hundreds of villages): two consonants only with a long
// enough spelling to check similarity on ("Kwetta"), three in Arabic script only for towns.
constexpr std::size_t min_skeleton = 2;
constexpr std::size_t min_fold_for_short_skeleton = 5;
constexpr std::size_t min_arabic_skeleton = 2;
constexpr std::size_t short_arabic_skeleton = 3;
constexpr std::size_t min_fuzzy_skeleton = 4;
constexpr std::size_t min_fuzzy_fold = 6;
// A country outranks every town, so a loose match to one must be close ("Achin" is not China).
constexpr double min_country_similarity = 0.9;
constexpr double unvowelled_similarity = 0.9;
// A namesake spelled otherwise ("Filadelfia" for "Philadelphia") is exact by its fold, but the
// place whose own spelling was written ranks a little higher.
constexpr double fold_namesake_similarity = 0.95;

// The key with the final ه of each word of four letters or more removed.
std::string without_final_heh(std::string_view key) {
    constexpr std::string_view heh = "\xD9\x87";
    constexpr std::size_t min_letters = 4;
    std::string out;
    std::size_t start = 0;
    while (start <= key.size()) {
        const std::size_t space = std::min(key.find(' ', start), key.size());
        std::string_view word = key.substr(start, space - start);
        const auto letters = std::count_if(word.begin(), word.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
        if (word.ends_with(heh) && static_cast<std::size_t>(letters) >= min_letters) word.remove_suffix(heh.size());
        out.append(word);
        if (space == key.size()) break;
        out += ' ';
        start = space + 1;
    }
    return out;
}

}  // namespace

std::uint32_t assumed_population(const Place& p) {
    if (p.population > 0 || p.kind != PlaceKind::city) return p.population;
    // GeoNames writes 0 for an unknown population; cities500 places have at least 500, and a
    // seat of administration is a town.
    return p.feature_code.starts_with("PPLA") ? 5000 : 500;
}

namespace {

// A key's Latin and phonetic forms, which the looser stages compare.
struct LooseKey {
    bool latin, arabic;
    std::string folded, skel;
};

// Places whose names share the skeleton `skel_text`, as `method` matches.
void add_skeleton_matches(const Gazetteer& gazetteer, const LooseKey& k, const std::string& skel_text, MatchMethod method,
                          const MatchOptions& options, std::vector<NameMatch>& out) {
    for (const FormHit& h : gazetteer.find_skeleton(skel_text)) {
        // A Latin spelling is compared with Latin names only: transliterated names ("kwlmar" for
        // Colmar, from Arabic) lack the vowels that keep near-nonsense out.
        if (k.latin && !h.latin) continue;
        // A three-consonant Arabic-script word fits many names; it may stand for a place only
        // where the gazetteer lists no Arabic-script name of it (else the query would have
        // matched that name exactly).
        if (k.arabic && skel_text.size() <= short_arabic_skeleton && gazetteer.place(h.place).has_arabic_name) continue;
        if (k.arabic) {
            // Unvowelled: the skeleton is all there is to compare, so similarity is a flat 0.9,
            // and countries (whose Arabic-script names are all listed) are never met this way.
            const Place p = gazetteer.place(h.place);
            if (p.kind == PlaceKind::country) continue;
            if (p.kind == PlaceKind::city && assumed_population(p) < options.min_population_arabic_skeleton) continue;
            if (skel_text.size() <= short_arabic_skeleton &&
                (assumed_population(p) < options.min_population_short_arabic || !writes_script(p.country, Script::arabic)))
                continue;
            out.push_back({h.place, h.primary, method, unvowelled_similarity});
            continue;
        }
        const double sim = folded_similarity(k.folded, h.form);
        if (sim >= options.min_similarity && (sim >= min_country_similarity || gazetteer.place(h.place).kind != PlaceKind::country))
            out.push_back({h.place, h.primary, method, sim});
    }
}

// One edit on the skeleton, as in SymSpell: the query lost a consonant (its skeleton is a
// deletion of the name's), gained one (a deletion of the query is the name's skeleton), or
// changed one (both share a deletion).
void add_one_edit_matches(const Gazetteer& gazetteer, const LooseKey& k, const MatchOptions& options, std::vector<NameMatch>& out) {
    auto consider = [&](const std::vector<FormHit>& hits) {
        for (const FormHit& h : hits) {
            if ((k.latin && !h.latin) || gazetteer.place(h.place).kind == PlaceKind::country) continue;
            const double sim = folded_similarity(k.folded, h.form);
            if (sim >= options.min_fuzzy_similarity) out.push_back({h.place, h.primary, MatchMethod::fuzzy, sim});
        }
    };
    consider(gazetteer.find_deletion(k.skel));
    for (const std::string& d : single_deletions(k.skel)) {
        consider(gazetteer.find_skeleton(d));
        consider(gazetteer.find_deletion(d));
    }
}

// Spellings of the key: same skeleton (phonetic for Latin text, transliterated for other
// scripts), then one edit away.
void add_spelling_matches(const Gazetteer& gazetteer, std::string_view key, const LooseKey& k, const MatchOptions& options,
                          std::vector<NameMatch>& out) {
    add_skeleton_matches(gazetteer, k, k.skel, k.latin ? MatchMethod::phonetic : MatchMethod::translit, options, out);
    // Persian, Urdu and Pashto write a word's final vowel as ه ("تیمرگره" Timargara, "دیره" Dera):
    // read as a vowel when reading it as h finds nothing.
    if (out.empty() && k.arabic)
        if (const std::string vowel = skeleton(phonetic_fold(to_ascii(without_final_heh(key)))); vowel != k.skel && vowel.size() >= min_arabic_skeleton)
            add_skeleton_matches(gazetteer, k, vowel, MatchMethod::translit, options, out);
    if (out.empty() && options.allow_fuzzy && !k.arabic && k.skel.size() >= min_fuzzy_skeleton && k.folded.size() >= min_fuzzy_fold)
        add_one_edit_matches(gazetteer, k, options, out);
}

std::vector<NameMatch> all_matches(const Gazetteer& gazetteer, std::string_view key, const MatchOptions& options) {
    std::vector<NameMatch> out;
    if (key.empty()) return out;
    // Text with invalid UTF-8 (kept as U+FFFD in the key) gets no looser match.
    const bool invalid = key.find("\xEF\xBF\xBD") != std::string::npos;
    const bool latin = is_ascii(key);
    const Script script = script_of(key);
    bool fold_shared = false;
    if (!options.skip_exact) {
        for (const NameHit& h : gazetteer.find_key(key)) {
            out.push_back({h.place, h.primary, MatchMethod::exact, 1.0, h.current, true, h.spells_own});
            fold_shared |= h.fold_shared;
        }
        if (invalid || (!out.empty() && !latin)) return out;
    }
    if (invalid || (!out.empty() && !fold_shared) || (out.empty() && options.exact_only)) return out;
    const std::string ascii = to_ascii(key);
    if (script == Script::cyrillic && !options.skip_exact) {
        // A Cyrillic spelling whose transliteration is a listed Latin name ("Денау": Denau, listed
        // for Denov) names that place as surely as the Latin spelling would; looser readings
        // ("Denver") are not needed.
        for (const NameHit& h : gazetteer.find_key(ascii))
            out.push_back({h.place, h.primary, MatchMethod::translit, 1.0, h.current, true, h.spells_own});
        if (!out.empty()) return out;
    }
    LooseKey k{latin, script == Script::arabic, phonetic_fold(ascii), {}};
    k.skel = skeleton(k.folded);
    if (k.skel.size() < (k.arabic ? min_arabic_skeleton : min_skeleton)) return out;
    if (k.skel.size() == min_skeleton && k.folded.size() < min_fold_for_short_skeleton) return out;
    if (!out.empty()) {
        // A listed name also names the places whose Latin names fold the same ("Jalalabad" and
        // Jalal-Abad): exact too, so that the namesakes compete. Without a listed name the fold is
        // only phonetic evidence, since folding also merges vowels ("Khoost" is not Khust).
        if (latin)
            for (const FormHit& h : gazetteer.find_fold(k.folded)) out.push_back({h.place, h.primary, MatchMethod::exact, fold_namesake_similarity});
        return out;
    }
    add_spelling_matches(gazetteer, key, k, options, out);
    return out;
}

}  // namespace

// Sorting once beats a search per hit for common names with hundreds of matches.
void keep_best_per_place(std::vector<NameMatch>& out) {
    std::sort(out.begin(), out.end(), [](const NameMatch& a, const NameMatch& b) {
        if (a.place != b.place) return a.place < b.place;
        if (a.similarity != b.similarity) return a.similarity > b.similarity;
        if (a.primary != b.primary) return a.primary;
        return a.current && !b.current;
    });
    out.erase(std::unique(out.begin(), out.end(), [](const NameMatch& a, const NameMatch& b) { return a.place == b.place; }),
              out.end());
}

std::vector<NameMatch> match_name(const Gazetteer& gazetteer, std::string_view text, const MatchOptions& options) {
    return match_key(gazetteer, normalize_name(text), options);
}

std::vector<NameMatch> match_key(const Gazetteer& gazetteer, std::string_view key, const MatchOptions& options) {
    std::vector<NameMatch> out = all_matches(gazetteer, key, options);
    keep_best_per_place(out);
    return out;
}

}  // namespace incimap
