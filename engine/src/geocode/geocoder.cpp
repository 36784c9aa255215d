#include "incimap/geocode/geocoder.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "incimap/core/script.hpp"
#include "incimap/core/utf8.hpp"
#include "incimap/gazetteer/normalize.hpp"
#include "incimap/gazetteer/phonetic.hpp"
#include "incimap/geocode/place_text.hpp"

namespace incimap {

std::string_view to_string(GeocodeStatus s) {
    switch (s) {
        case GeocodeStatus::resolved: return "resolved";
        case GeocodeStatus::ambiguous: return "ambiguous";
        case GeocodeStatus::unresolved: return "unresolved";
    }
    return "?";
}

Footprint footprint_of(const GeocodeCandidate& c) {
    if (c.place.footprint_row > 0) return Footprint::user(c.place.footprint_row);
    if (c.precision == GeoPrecision::admin1 && !c.place.admin1_code.empty()) return Footprint::admin1(c.place.admin1_code);
    if (c.precision == GeoPrecision::country) return Footprint::country(c.place.country);
    return {};
}

namespace {

// Separators between "place, region, country" parts, in Latin and Arabic script.
std::vector<std::string> split_parts(std::string_view query) {
    std::vector<std::string> parts;
    std::string current;
    auto flush = [&] {
        const std::size_t b = current.find_first_not_of(" \t");
        const std::size_t e = current.find_last_not_of(" \t");
        if (b != std::string::npos) parts.push_back(current.substr(b, e - b + 1));
        current.clear();
    };
    for (std::size_t i = 0; i < query.size(); ++i) {
        const char c = query[i];
        if (c == ',' || c == ';' || c == '(' || c == ')') {
            flush();
        } else if (c == '\xD8' && i + 1 < query.size() && query[i + 1] == '\x8C') {  // U+060C Arabic comma
            flush();
            ++i;
        } else {
            current += c;
        }
    }
    flush();
    return parts;
}

GeoPrecision precision_of(const Place& p) {
    switch (p.kind) {
        case PlaceKind::city: return GeoPrecision::city;
        case PlaceKind::district: return GeoPrecision::district;
        case PlaceKind::admin1: return GeoPrecision::admin1;
        case PlaceKind::country: return GeoPrecision::country;
    }
    return GeoPrecision::city;
}

// What kind of name a query matched, strongest first: the place's own name (its main or ASCII
// name); an alternate in a script its country writes ("کابل", "Худжанд"); a current name in
// another language (a GeoNames locale name: "Кандагар"; Natural Earth's names of areas); any
// other alternate: historical, or a transliteration made for another script ("Philadelphia" is
// also an ancient name of Amman).
enum class NameKind { own, local, current, other };

bool romanised(const Place& p) { return writes_script(p.country, Script::arabic) || writes_script(p.country, Script::cyrillic); }

// `query_fold` gives the phonetic fold of a Latin query, computed when first needed.
template <typename QueryFold>
NameKind name_kind(const NameMatch& m, const Place& p, Script query_script, QueryFold query_fold) {
    if (m.primary) return NameKind::own;
    // a spelling variant may be of any name: it is not told apart from the own name
    if ((m.method != MatchMethod::exact && !m.listed) || (query_script != Script::latin && writes_script(p.country, query_script)))
        return NameKind::local;
    if (m.current) return NameKind::current;
    if (query_script != Script::latin) return NameKind::other;
    // a romanisation of the own name (own_spelling_similarity): known from the index for a listed
    // name, compared here for a namesake met by its fold
    const auto spells_own = [&] {
        return romanised(p) && folded_similarity(query_fold(), phonetic_fold(to_ascii(normalize_name(p.name)))) >= own_spelling_similarity;
    };
    if (m.listed ? m.spells_own : spells_own()) return NameKind::local;
    return NameKind::other;
}

// The own name outweighs any alternate by a factor of 20 in population: a main-name match wins
// unless a rival matched on an alternate is at least 20 times as populous.
const double own_name_bonus = std::log10(20.0) / 7;

// Ranking: a country outranks a province, a province outranks all but large or capital cities,
// and among cities population decides, with the kind of name as evidence. log10(population)/7
// maps a city of ten million to 1.0, so a factor of five in population is worth 0.1. A capital's
// or an administrative seat's rank counts in full for its own names, half for a current name in
// another language, not at all for other alternates: an old name of a capital is no reason to
// prefer the capital. Likewise an area's rank counts half for other alternates: "Achin", an old
// name of Aceh, does not outrank the Afghan district centre whose name it is.
double rank_score(const Place& p, NameKind name) {
    const double area_share = name == NameKind::other ? 0.5 : 1.0;
    double s = 0;
    switch (p.kind) {
        case PlaceKind::country: s = 1.5 * area_share; break;
        case PlaceKind::admin1: s = 0.9 * area_share; break;
        case PlaceKind::district: s = 0.7 * area_share; break;
        case PlaceKind::city: {
            s = std::log10(assumed_population(p) + 1.0) / 7;
            const std::string_view f = p.feature_code;
            double seat = 0;
            if (f == "PPLC") seat = 0.5;
            else if (f == "PPLA" || f == "PPLG") seat = 0.3;
            else if (f == "PPLA2") seat = 0.15;
            else if (f == "PPLA3" || f == "PPLA4") seat = 0.1;
            else if (f == "PPLX" || f == "PPLH" || f == "PPLQ" || f == "PPLW") s -= 0.1;  // sections, historical
            s += name == NameKind::own || name == NameKind::local ? seat : name == NameKind::current ? seat / 2 : 0;
            break;
        }
    }
    return s + (name == NameKind::own ? own_name_bonus : 0);
}

// A hint naming a town confirms answers within this distance of it; so does a hint naming an
// analyst's district (whose outline the gazetteer does not hold).
constexpr double hint_town_reach_km = 150;

// Does `p` lie in the hinted area `h` (an admin-1 area, a district or a country)?
bool within(const Place& p, const Place& h) {
    if (h.kind == PlaceKind::country) return p.country == h.country;
    if (h.kind == PlaceKind::district) return p.country == h.country && haversine_km(p.position, h.position) <= hint_town_reach_km;
    // A place whose admin-1 area is unknown is taken to fit any admin-1 area of its country.
    if (h.kind == PlaceKind::admin1)
        return p.admin1_code.empty() ? p.country == h.country : p.admin1_code == h.admin1_code;
    return false;
}

// Two candidates that are one place seen twice (a city and its own province, two GeoNames entries
// for one town) are not competitors.
bool same_place(const Place& a, const Place& b) {
    if (a.index == b.index) return true;
    if (a.kind == PlaceKind::city && b.kind != PlaceKind::city) return within(a, b);
    if (b.kind == PlaceKind::city && a.kind != PlaceKind::city) return within(b, a);
    if (a.kind == PlaceKind::city && b.kind == PlaceKind::city) {
        // 30 km is 0.27 degrees of latitude: most namesakes are told apart without trigonometry.
        if (a.country != b.country || std::fabs(a.position.lat_deg - b.position.lat_deg) > 0.3) return false;
        return haversine_km(a.position, b.position) < 30;
    }
    return false;
}

struct Scored {
    Place place;
    double score;
    MatchMethod method;
    double similarity;
    NameKind name;
};

// Looser matches rank lower, and less similar ones lower still.
double match_adjustment(const NameMatch& m) {
    double penalty = 0;
    switch (m.method) {
        case MatchMethod::exact: penalty = 0; break;
        case MatchMethod::phonetic: penalty = 0.1; break;
        case MatchMethod::translit: penalty = 0.15; break;
        case MatchMethod::fuzzy: penalty = 0.25; break;
    }
    return -penalty - (1 - m.similarity);
}

// How far a method alone lets us trust a match, whatever the competition.
double method_confidence(MatchMethod m) {
    switch (m) {
        case MatchMethod::exact: return 1.0;
        case MatchMethod::phonetic: return 0.9;
        case MatchMethod::translit: return 0.85;
        case MatchMethod::fuzzy: return 0.75;
    }
    return 0;
}

// A Latin spelling variant is as likely another place's name as the one it is nearest to once it
// strays from it: on the tuning rows, variants at similarity 0.95 or more were all right, those
// below about two in three ("Sarbaz" is not Sarabuz in Crimea, "Surkh Rod" not Sharhorod). Each
// 0.01 under 0.95 costs 2.5% of the confidence. (Transliterations are exempt: unvowelled Arabic
// script is compared at a flat 0.9.)
constexpr double sure_spelling_similarity = 0.95;
constexpr double spelling_doubt_per_similarity = 2.5;

bool is_spelling_guess(MatchMethod method) { return method == MatchMethod::phonetic || method == MatchMethod::fuzzy; }

double match_confidence(MatchMethod method, double similarity) {
    const double doubt =
        is_spelling_guess(method) ? spelling_doubt_per_similarity * std::max(0.0, sure_spelling_similarity - similarity) : 0.0;
    return method_confidence(method) * (1 - doubt);
}

// A spelling guess under this confidence is `ambiguous`: a bare district name the gazetteer lacks
// ("Surkh Rod", "Sholgara", "Taftan") is as near some far town's name as a real variant is to its
// place, so the answer is offered for checking, never as settled.
constexpr double min_resolved_spelling_confidence = 0.8;

bool biased(const Place& p, const std::vector<std::string>& countries) {
    return std::find(countries.begin(), countries.end(), p.country) != countries.end();
}

// Two large cities of one name (Tripoli in Libya and in Lebanon, Hyderabad in India and in
// Pakistan) are ambiguous whatever their administrative rank: an analyst must check which. A
// rival met only on an old or foreign alternate does not make a city's own name ambiguous.
bool comparable_cities(const Scored& best, const Scored& rival) {
    constexpr std::uint32_t large_city = 100000;
    return best.place.kind == PlaceKind::city && rival.place.kind == PlaceKind::city && rival.place.population >= large_city &&
           rival.place.population >= best.place.population / 5 && rival.name <= best.name;
}

// A name in a script points to the countries that write it: worth a factor of five in population.
constexpr double script_bonus = 0.1;

// An exact match in the analyst's own list of places outranks every gazetteer entry: more than a
// country's rank and every bonus together.
constexpr double user_place_bonus = 2;

// An answer that a hint does not confirm is never resolved: at most half sure when the hint names
// no place ("Khar, Bajaur": the gazetteer lacks the district) or when the place text names places
// the hint excludes, less when the hint names only places far from the answer.
constexpr double unmatched_hint_confidence = 0.5;
constexpr double distant_hint_confidence = 0.45;
// Areas named by a hint exclude every place outside them: a loose reading of the hint ("Kurram"
// read as "Krym", Crimea) must not exclude the right place.
constexpr double min_area_hint_similarity = 0.9;

// A part's matches: the text as written when it is a listed name; else the name its descriptors
// go with ("Kabul airport", "Nangarhar province") or the nominative of its case form ("в Кабуле");
// else looser spellings. `reported` holds the descriptors said of the place.
struct PartMatches {
    std::vector<NameMatch> matches;
    std::vector<std::string> reported;
};

PartMatches match_part(const Gazetteer& gazetteer, std::string_view part) {
    MatchOptions exact;
    exact.exact_only = true;
    // normalised once: the forms below are normalised keys too
    const std::string key = normalize_name(part);
    if (std::vector<NameMatch> m = match_key(gazetteer, key, exact); !m.empty()) return {std::move(m), {}};
    PlaceTextReading reading = read_place_text(key, [&](std::string_view name) { return !gazetteer.find_key(name).empty(); });
    if (reading.name_key == key && reading.nominatives.empty()) return {match_key(gazetteer, key), {}};
    std::vector<NameMatch> m = match_key(gazetteer, reading.name_key, exact);
    if (m.empty()) {
        // every nominative the case form may stand for, ranked together ("вене": Vienna, not a
        // village listed as "Вен")
        for (const std::string& n : reading.nominatives) {
            std::vector<NameMatch> more = match_key(gazetteer, n, exact);
            m.insert(m.end(), more.begin(), more.end());
        }
        keep_best_per_place(m);
    }
    if (m.empty() && reading.name_key != key) m = match_key(gazetteer, reading.name_key);
    if (m.empty()) {
        // The whole text spelled otherwise ("Согдийская область" transliterated); no one-edit
        // guesses at text that holds descriptors ("Bajaur district" is not Beja).
        MatchOptions loose;
        loose.allow_fuzzy = reading.name_key == key;
        return {match_key(gazetteer, key, loose), {}};
    }
    const auto of_kind = [&](const NameMatch& n) { return gazetteer.kind(n.place) == reading.kind; };
    if (reading.kind && std::any_of(m.begin(), m.end(), of_kind)) std::erase_if(m, [&](const NameMatch& n) { return !of_kind(n); });
    return {std::move(m), std::move(reading.reported)};
}

// Why the text cannot be a place name, or nothing.
std::optional<std::string> refusal(std::string_view query, std::size_t max_bytes) {
    if (query.size() > max_bytes) return "place text longer than " + std::to_string(max_bytes) + " bytes";
    if (invalid_utf8_at(query)) return "place text is not valid UTF-8";
    // Tabs and line breaks (spreadsheet cells have them) are spaces; other control characters
    // mean the text is not a place name.
    if (std::any_of(query.begin(), query.end(), [](char c) {
            return (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
        }))
        return "control characters in place text";
    return std::nullopt;
}

// The query read once: its parts and hints with their matches, and the areas that constrain it.
struct Reading {
    std::vector<std::string> parts;
    std::vector<PartMatches> part_matches;
    std::vector<std::vector<Place>> part_areas;  // areas each later part names (none for the first)
    std::vector<PartMatches> hint_matches;
    std::vector<std::vector<Place>> fixed_constraints;  // the hint country's and the hints' areas
    // the first part whose every match the hints excluded, and the countries of its matches
    std::size_t excluded_by_hints = 0;
    std::string excluded_part;
    std::vector<std::string_view> excluded_countries;
};

// Areas (admin-1 entries, countries) a part or hint names; one-edit matches are left out, since a
// misread hint would exclude the right place.
std::vector<Place> areas_in(const Gazetteer& gazetteer, const std::vector<NameMatch>& matches) {
    std::vector<Place> areas;
    for (const NameMatch& m : matches)
        if (m.method != MatchMethod::fuzzy && m.similarity >= min_area_hint_similarity && gazetteer.kind(m.place) != PlaceKind::city)
            areas.push_back(gazetteer.place(m.place));
    return areas;
}

// Reads the parts and hints; returns why not when the hint country is unknown.
std::optional<std::string> read_query(const Gazetteer& gazetteer, std::vector<std::string> parts, const GeocodeOptions& options, Reading& r) {
    r.parts = std::move(parts);
    for (std::size_t j = 0; j < r.parts.size(); ++j) {
        r.part_matches.push_back(match_part(gazetteer, r.parts[j]));
        // The first part is never a hint to an earlier one: its areas are not needed.
        r.part_areas.push_back(j == 0 ? std::vector<Place>{} : areas_in(gazetteer, r.part_matches.back().matches));
    }
    for (const std::string& hint : options.hints) r.hint_matches.push_back(match_part(gazetteer, hint));
    if (!options.hint_country.empty()) {
        const auto c = gazetteer.country(options.hint_country);
        if (!c) return "unknown hint country '" + options.hint_country + "'";
        r.fixed_constraints.push_back({*c});
    }
    for (const PartMatches& hint : r.hint_matches)
        if (auto areas = areas_in(gazetteer, hint.matches); !areas.empty()) r.fixed_constraints.push_back(std::move(areas));
    return std::nullopt;
}

// Deterministic order: score, then population, then gazetteer position.
void sort_candidates(std::vector<Scored>& candidates) {
    std::sort(candidates.begin(), candidates.end(), [](const Scored& a, const Scored& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.place.population != b.place.population) return a.place.population > b.place.population;
        return a.place.index < b.place.index;
    });
}

// The candidates of part i that the hints and later parts allow, scored; counts and notes what
// the hints excluded in `r`.
std::vector<Scored> candidates_of(const Gazetteer& gazetteer, Reading& r, std::size_t i, const GeocodeOptions& options) {
    std::vector<std::vector<Place>> constraints = r.fixed_constraints;
    for (std::size_t j = i + 1; j < r.parts.size(); ++j)
        if (!r.part_areas[j].empty()) constraints.push_back(r.part_areas[j]);
    const auto fits_hints = [&](const Place& p) {
        return std::all_of(constraints.begin(), constraints.end(), [&](const std::vector<Place>& areas) {
            return std::any_of(areas.begin(), areas.end(), [&](const Place& a) { return a.index == p.index || within(p, a); });
        });
    };
    std::vector<NameMatch> hits = r.part_matches[i].matches;
    // Exact matches that the hints all exclude ("Jalal Abad" names a town in Kyrgyzstan; with
    // ", Nangarhar" the Afghan Jalalabad is meant): look for spelling variants instead.
    const bool exact_excluded = !hits.empty() && hits.front().method == MatchMethod::exact &&
                                std::none_of(hits.begin(), hits.end(), [&](const NameMatch& m) { return fits_hints(gazetteer.place(m.place)); });
    std::vector<NameMatch> excluded_exact;
    if (exact_excluded) {
        MatchOptions looser;
        looser.skip_exact = true;
        r.excluded_by_hints += hits.size();
        excluded_exact = std::exchange(hits, match_name(gazetteer, r.parts[i], looser));
    }
    // A later part stands in for the place only when it names something for sure: "Upper
    // Chitral" one edit from "Upper Corral" (California) is no answer for "Booni, Upper
    // Chitral", nor "Kurram" spelled like Kurume (Japan) for "Pewar, Kurram".
    if (i > 0) std::erase_if(hits, [](const NameMatch& m) { return m.method != MatchMethod::exact && !m.listed; });
    r.excluded_by_hints += hits.size();
    const Script script = script_of(r.parts[i]);
    std::optional<std::string> fold;
    const auto query_fold = [&]() -> const std::string& {
        if (!fold) fold = phonetic_fold(to_ascii(normalize_name(r.parts[i])));
        return *fold;
    };
    std::vector<Scored> candidates;
    for (const NameMatch& hit : hits) {
        const Place p = gazetteer.place(hit.place);
        if (!fits_hints(p)) continue;
        --r.excluded_by_hints;
        // The kind of name weighs one candidate against another: a lone one is left unread.
        const NameKind name = hits.size() > 1 ? name_kind(hit, p, script, query_fold) : NameKind::own;
        const double s = rank_score(p, name) + match_adjustment(hit) + (biased(p, options.bias_countries) ? Geocoder::bias_bonus : 0) +
                         (writes_script(p.country, script) ? script_bonus : 0) +
                         (p.source == PlaceSource::user && hit.method == MatchMethod::exact ? user_place_bonus : 0);
        candidates.push_back({p, s, hit.method, hit.similarity, name});
    }
    // Only a part that names places exactly contradicts the hints (loose readings are weak); the
    // countries of all it names are kept, to tell a contradiction from a neighbourhood the
    // gazetteer lacks.
    const bool named_exactly =
        exact_excluded || std::any_of(hits.begin(), hits.end(), [](const NameMatch& m) { return m.method == MatchMethod::exact; });
    if (candidates.empty() && named_exactly && r.excluded_part.empty()) {
        r.excluded_part = r.parts[i];
        for (const std::vector<NameMatch>* named : {&excluded_exact, &hits})
            for (const NameMatch& m : *named) r.excluded_countries.push_back(gazetteer.place(m.place).country);
    }
    sort_candidates(candidates);
    return candidates;
}

// The best candidate with its confidence and up to three alternatives, and whether it is sure.
// Confidence is the best candidate's share of a softmax over distinct candidates: a rival 0.1
// behind leaves about 0.73, one 0.5 behind under 0.01. Rivals are told apart from each other only
// among the first few: further down their weight is negligible, and a common name ("San Antonio")
// would otherwise cost a quadratic number of comparisons.
void settle(const std::vector<Scored>& candidates, GeocodeResult& result) {
    constexpr double sharpness = 10;
    constexpr std::size_t rivals_told_apart = 8;
    const Scored& best = candidates.front();
    std::vector<const Scored*> rivals;
    double total = 1;
    for (std::size_t k = 1; k < candidates.size(); ++k) {
        const Scored& c = candidates[k];
        if (same_place(best.place, c.place)) continue;
        if (rivals.size() < rivals_told_apart) {
            if (std::any_of(rivals.begin(), rivals.end(), [&](const Scored* r) { return same_place(r->place, c.place); })) continue;
            rivals.push_back(&c);
        }
        total += std::exp(-sharpness * (best.score - c.score));
    }
    result.best = GeocodeCandidate{best.place, precision_of(best.place), match_confidence(best.method, best.similarity) / total, best.score,
                                   best.method};
    for (std::size_t k = 0; k < rivals.size() && k < 3; ++k) {
        const Scored& r = *rivals[k];
        result.alternatives.push_back({r.place, precision_of(r.place),
                                       match_confidence(r.method, r.similarity) * std::exp(-sharpness * (best.score - r.score)) / total,
                                       r.score, r.method});
    }
    // Ambiguous: a close rival, a comparable city of the same name among the rivals told apart,
    // so many lesser rivals that the answer is less likely right than wrong, or a spelling guess
    // that strays from the name it met.
    const bool close = !rivals.empty() && best.score - rivals.front()->score < Geocoder::ambiguity_margin;
    const bool comparable = std::any_of(rivals.begin(), rivals.end(), [&](const Scored* r) { return comparable_cities(best, *r); });
    const bool loose_guess = is_spelling_guess(best.method) && result.best->confidence < min_resolved_spelling_confidence;
    const bool unsure = close || comparable || loose_guess || result.best->confidence < 0.5;
    result.status = unsure ? GeocodeStatus::ambiguous : GeocodeStatus::resolved;
}

// Lowers the answer to ambiguous when the place text named places in other countries than the
// hints allow, or when a hint (a later part or a given one) names no area and no town near it.
void weigh_hints(const Gazetteer& gazetteer, const Reading& r, std::size_t i, const GeocodeOptions& options, GeocodeResult& result) {
    const Place& best = result.best->place;
    const auto confirms = [&](const PartMatches& hint) {
        return std::any_of(hint.matches.begin(), hint.matches.end(), [&](const NameMatch& m) {
            if (m.method == MatchMethod::fuzzy) return false;
            const Place h = gazetteer.place(m.place);
            return h.kind == PlaceKind::city ? haversine_km(h.position, best.position) <= hint_town_reach_km
                                             : h.index == best.index || within(best, h);
        });
    };
    const PartMatches* unconfirmed = nullptr;
    std::string hint;
    for (std::size_t j = i + 1; j < r.parts.size() && !unconfirmed; ++j)
        if (r.part_areas[j].empty() && !confirms(r.part_matches[j])) unconfirmed = &r.part_matches[j], hint = r.parts[j];
    for (std::size_t h = 0; h < options.hints.size() && !unconfirmed; ++h)
        if (!options.hints[h].empty() && !confirms(r.hint_matches[h])) {
            unconfirmed = &r.hint_matches[h], hint = options.hints[h];
            result.unmatched_parts.push_back(hint);
        }
    const bool contradicts = !r.excluded_part.empty() &&
                             std::find(r.excluded_countries.begin(), r.excluded_countries.end(), best.country) == r.excluded_countries.end();
    if (contradicts) {
        // The place text named places in other countries than the hint ("Mamand Dara, Achin": the
        // village in Nangarhar, and Aceh, whose old name is Achin): either may be meant. (A
        // namesake of the same country, "Dasht-e-Barchi, Kabul", is a neighbourhood the gazetteer
        // lacks: the hint stands in for it.)
        result.best->confidence = std::min(result.best->confidence, unmatched_hint_confidence);
        result.status = GeocodeStatus::ambiguous;
        result.reason = "'" + r.excluded_part + "' names places outside '" + r.parts[i] + "'";
    } else if (unconfirmed) {
        // a hint met only loosely (spelled like some far town) names nothing for sure
        const bool names_nothing = std::none_of(unconfirmed->matches.begin(), unconfirmed->matches.end(),
                                                [](const NameMatch& m) { return m.method == MatchMethod::exact; });
        result.best->confidence = std::min(result.best->confidence, names_nothing ? unmatched_hint_confidence : distant_hint_confidence);
        if (result.status == GeocodeStatus::resolved) result.status = GeocodeStatus::ambiguous;
        result.reason = "the hint '" + hint + (names_nothing ? "' names no place in the gazetteer" : "' names no place near the answer");
    }
}

// The parts the answer leaves unmatched: those before it, later ones that name no area, and the
// descriptors said of a place.
void note_unmatched(const Reading& r, std::size_t i, GeocodeResult& result) {
    result.matched_part = r.parts[i];
    for (std::size_t j = 0; j < r.parts.size(); ++j) {
        if (j < i || (j > i && r.part_areas[j].empty())) result.unmatched_parts.push_back(r.parts[j]);
        else for (const std::string& d : r.part_matches[j].reported) result.unmatched_parts.push_back(d);
    }
}

}  // namespace

GeocodeResult Geocoder::geocode(std::string_view query, const GeocodeOptions& options) const {
    GeocodeResult result;
    if (std::optional<std::string> why = refusal(query, max_query_bytes)) {
        result.reason = std::move(*why);
        return result;
    }
    std::vector<std::string> parts = split_parts(query);
    if (parts.empty()) {
        result.reason = "empty place";
        return result;
    }
    Reading r;
    if (std::optional<std::string> why = read_query(gazetteer_, std::move(parts), options, r)) {
        result.reason = std::move(*why);
        return result;
    }
    // The first part with a candidate names the place; later ones are hints to it.
    for (std::size_t i = 0; i < r.parts.size(); ++i) {
        const std::vector<Scored> candidates = candidates_of(gazetteer_, r, i, options);
        if (candidates.empty()) continue;
        settle(candidates, result);
        note_unmatched(r, i, result);
        weigh_hints(gazetteer_, r, i, options, result);
        return result;
    }
    const std::size_t n = r.excluded_by_hints;
    result.reason = n > 0 ? std::to_string(n) + (n == 1 ? " gazetteer match" : " gazetteer matches") + " for '" + std::string(query) +
                                "', none in the hinted area"
                          : "no gazetteer match for '" + std::string(query) + "'";
    return result;
}

}  // namespace incimap
