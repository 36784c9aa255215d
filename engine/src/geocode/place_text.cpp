#include "incimap/geocode/place_text.hpp"

#include <algorithm>
#include <unordered_map>

#include "incimap/core/script.hpp"
#include "incimap/gazetteer/normalize.hpp"

namespace incimap {

namespace {

using Tokens = std::vector<std::string>;

Tokens split_words(std::string_view key) {
    Tokens words;
    for (std::size_t start = 0; start <= key.size();) {
        const std::size_t end = std::min(key.find(' ', start), key.size());
        if (end > start) words.emplace_back(key.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

std::string join_words(Tokens::const_iterator first, Tokens::const_iterator last) {
    std::string out;
    for (auto it = first; it != last; ++it) out += (out.empty() ? "" : " ") + *it;
    return out;
}

struct Descriptor {
    Tokens words;  // normalised
    DescriptorRole role;
};

// Descriptors as sources write them, in English, Russian (and Tajik and Uzbek Cyrillic), Dari and
// Pashto, Urdu, Arabic, French and German. They are stripped only when the whole text names no
// place, so "City of London" or "In Salah" stay names. (A table, hence its length.)
const std::vector<Descriptor>& descriptors() {
    static const std::vector<Descriptor> list = [] {
        const std::pair<const char*, DescriptorRole> source[] = {
            // grammar: prepositions and articles
            {"in", DescriptorRole::grammar}, {"at", DescriptorRole::grammar}, {"the", DescriptorRole::grammar},
            {"в", DescriptorRole::grammar}, {"во", DescriptorRole::grammar}, {"из", DescriptorRole::grammar},
            {"на", DescriptorRole::grammar}, {"к", DescriptorRole::grammar}, {"ко", DescriptorRole::grammar},
            {"у", DescriptorRole::grammar}, {"от", DescriptorRole::grammar}, {"до", DescriptorRole::grammar},
            {"с", DescriptorRole::grammar}, {"со", DescriptorRole::grammar}, {"дар", DescriptorRole::grammar},
            {"à", DescriptorRole::grammar}, {"au", DescriptorRole::grammar}, {"en", DescriptorRole::grammar},
            {"im", DescriptorRole::grammar}, {"nach", DescriptorRole::grammar}, {"aus", DescriptorRole::grammar},
            {"در", DescriptorRole::grammar}, {"از", DescriptorRole::grammar}, {"في", DescriptorRole::grammar},
            {"میں", DescriptorRole::grammar}, {"سے", DescriptorRole::grammar}, {"د", DescriptorRole::grammar},
            {"аз", DescriptorRole::grammar}, {"la", DescriptorRole::grammar}, {"le", DescriptorRole::grammar},
            {"von", DescriptorRole::grammar},
            // admin-1 areas
            {"province", DescriptorRole::area}, {"province of", DescriptorRole::area}, {"provincia", DescriptorRole::area},
            {"region", DescriptorRole::area}, {"oblast", DescriptorRole::area}, {"governorate", DescriptorRole::area},
            {"viloyat", DescriptorRole::area}, {"viloyati", DescriptorRole::area}, {"wilayat", DescriptorRole::area},
            {"область", DescriptorRole::area}, {"области", DescriptorRole::area}, {"обл", DescriptorRole::area},
            {"провинция", DescriptorRole::area}, {"провинции", DescriptorRole::area}, {"вилоят", DescriptorRole::area},
            {"вилояти", DescriptorRole::area}, {"ولایت", DescriptorRole::area}, {"ولاية", DescriptorRole::area},
            {"استان", DescriptorRole::area}, {"محافظة", DescriptorRole::area}, {"صوبہ", DescriptorRole::area},
            {"صوبه", DescriptorRole::area}, {"province de", DescriptorRole::area}, {"région", DescriptorRole::area},
            {"provinz", DescriptorRole::area}, {"bundesland", DescriptorRole::area}, {"state", DescriptorRole::area},
            // towns and cities
            {"city", DescriptorRole::city}, {"city of", DescriptorRole::city}, {"town", DescriptorRole::city},
            {"town of", DescriptorRole::city}, {"village", DescriptorRole::city}, {"village of", DescriptorRole::city},
            {"город", DescriptorRole::city}, {"города", DescriptorRole::city}, {"городе", DescriptorRole::city},
            {"г", DescriptorRole::city}, {"поселок", DescriptorRole::city}, {"поселке", DescriptorRole::city},
            {"село", DescriptorRole::city}, {"селе", DescriptorRole::city}, {"кишлак", DescriptorRole::city},
            {"кишлаке", DescriptorRole::city}, {"шахри", DescriptorRole::city}, {"shahri", DescriptorRole::city},
            {"шаҳри", DescriptorRole::city}, {"شهر", DescriptorRole::city}, {"شہر", DescriptorRole::city},
            {"مدينة", DescriptorRole::city}, {"قرية", DescriptorRole::city}, {"ville", DescriptorRole::city},
            {"ville de", DescriptorRole::city}, {"stadt", DescriptorRole::city}, {"ښار", DescriptorRole::city},
            // said of the place, not matched: reported
            {"airport", DescriptorRole::reported}, {"international airport", DescriptorRole::reported},
            {"airbase", DescriptorRole::reported}, {"air base", DescriptorRole::reported},
            {"near", DescriptorRole::reported}, {"nearby", DescriptorRole::reported}, {"outskirts", DescriptorRole::reported},
            {"outskirts of", DescriptorRole::reported}, {"suburb of", DescriptorRole::reported},
            {"suburbs of", DescriptorRole::reported}, {"suburbs", DescriptorRole::reported},
            {"district", DescriptorRole::reported}, {"district of", DescriptorRole::reported},
            {"agency", DescriptorRole::reported}, {"tehsil", DescriptorRole::reported}, {"area", DescriptorRole::reported},
            {"area of", DescriptorRole::reported}, {"north of", DescriptorRole::reported}, {"south of", DescriptorRole::reported},
            {"east of", DescriptorRole::reported}, {"west of", DescriptorRole::reported}, {"airfield", DescriptorRole::reported},
            {"downtown", DescriptorRole::reported}, {"central", DescriptorRole::reported}, {"city centre", DescriptorRole::reported},
            {"city center", DescriptorRole::reported}, {"northern", DescriptorRole::reported}, {"southern", DescriptorRole::reported},
            {"eastern", DescriptorRole::reported}, {"western", DescriptorRole::reported}, {"centre ville de", DescriptorRole::reported},
            {"innenstadt", DescriptorRole::reported}, {"hauptbahnhof", DescriptorRole::reported},
            {"аэропорт", DescriptorRole::reported}, {"аэропорта", DescriptorRole::reported},
            {"аэропорту", DescriptorRole::reported}, {"район", DescriptorRole::reported}, {"района", DescriptorRole::reported},
            {"районе", DescriptorRole::reported}, {"под", DescriptorRole::reported}, {"около", DescriptorRole::reported},
            {"возле", DescriptorRole::reported}, {"близ", DescriptorRole::reported}, {"рядом с", DescriptorRole::reported},
            {"окрестности", DescriptorRole::reported}, {"окрестностях", DescriptorRole::reported},
            {"пригород", DescriptorRole::reported}, {"пригороде", DescriptorRole::reported},
            {"ولسوالی", DescriptorRole::reported}, {"ولسوالۍ", DescriptorRole::reported},
            {"میدان هوایی", DescriptorRole::reported}, {"فرودگاه", DescriptorRole::reported},
            {"نزدیک", DescriptorRole::reported}, {"حومه", DescriptorRole::reported}, {"ضلع", DescriptorRole::reported},
            {"تحصیل", DescriptorRole::reported}, {"کے قریب", DescriptorRole::reported}, {"ایجنسی", DescriptorRole::reported},
            {"ہوائی اڈہ", DescriptorRole::reported}, {"مطار", DescriptorRole::reported}, {"قرب", DescriptorRole::reported},
            {"بالقرب من", DescriptorRole::reported}, {"ضواحي", DescriptorRole::reported}, {"منطقة", DescriptorRole::reported},
            {"قضاء", DescriptorRole::reported}, {"près de", DescriptorRole::reported}, {"aéroport", DescriptorRole::reported},
            {"aéroport de", DescriptorRole::reported}, {"banlieue de", DescriptorRole::reported},
            {"environs de", DescriptorRole::reported}, {"district de", DescriptorRole::reported},
            {"bei", DescriptorRole::reported}, {"nahe", DescriptorRole::reported}, {"flughafen", DescriptorRole::reported},
            {"bezirk", DescriptorRole::reported}, {"umgebung von", DescriptorRole::reported},
            {"in der nähe von", DescriptorRole::reported}, {"vorort von", DescriptorRole::reported},
        };
        std::vector<Descriptor> out;
        for (const auto& [text, role] : source) out.push_back({split_words(normalize_name(text)), role});
        // Articles and prepositions last, since names begin with them too ("La Viste airport":
        // "airport" goes first, and "La Viste" is a name); the longest first, so that
        // "outskirts of" goes before "outskirts".
        std::stable_sort(out.begin(), out.end(), [](const Descriptor& a, const Descriptor& b) {
            const bool a_grammar = a.role == DescriptorRole::grammar, b_grammar = b.role == DescriptorRole::grammar;
            if (a_grammar != b_grammar) return b_grammar;
            return a.words.size() > b.words.size();
        });
        return out;
    }();
    return list;
}

// Case endings of Russian nouns and adjectives, and Uzbek and Tajik suffixes, with the
// nominative endings they may stand for (normalised: й is и, ё is е). Longer endings first.
struct Ending {
    const char* suffix;
    std::vector<const char*> nominative;
};

const std::vector<Ending>& endings() {
    static const std::vector<Ending> list = {
        {"скои", {"ская"}},           {"ском", {"скии", "ское", "ск"}}, {"ского", {"скии", "ское", "ск"}},
        {"ого", {"ыи", "ии", "ое"}},  {"даги", {""}},                   {"дан", {""}},
        {"ами", {"ы", "и"}},          {"ях", {"и"}},                    {"ах", {"ы", "и"}},
        {"ои", {"а", "ая", "ыи"}},    {"еи", {"я", "ь", "ея"}},         {"ою", {"а"}},
        {"ею", {"я"}},                {"ом", {"", "о", "ыи"}},          {"ем", {"ь", "и", "е", "ии"}},
        {"да", {""}},                 {"га", {""}},                     {"ии", {"ия"}},
        {"ы", {"а"}},                 {"и", {"ь", "я", "а"}},           {"е", {"", "а", "я", "ь", "о"}},
        {"у", {"", "а"}},             {"ю", {"я", "ь"}},                {"а", {"", "о"}},
        {"я", {"ь", "и", "е"}},
    };
    return list;
}

// Letters of a normalised Cyrillic word: every Cyrillic letter takes two bytes in UTF-8.
std::size_t letters(std::string_view word) { return word.size() / 2; }

bool has_prefix(const Tokens& words, const Tokens& d) {
    return words.size() > d.size() && std::equal(d.begin(), d.end(), words.begin());
}

bool has_suffix(const Tokens& words, const Tokens& d) {
    return words.size() > d.size() && std::equal(d.begin(), d.end(), words.end() - static_cast<std::ptrdiff_t>(d.size()));
}

// The descriptors that may stand at the front or the back of `words`, in the order of
// descriptors(): those whose first word is the text's first or whose last word is its last.
std::vector<std::size_t> descriptors_around(const Tokens& words) {
    using WordIndex = std::unordered_map<std::string, std::vector<std::size_t>>;
    static const WordIndex by_first = [] {
        WordIndex index;
        for (std::size_t i = 0; i < descriptors().size(); ++i) index[descriptors()[i].words.front()].push_back(i);
        return index;
    }();
    static const WordIndex by_last = [] {
        WordIndex index;
        for (std::size_t i = 0; i < descriptors().size(); ++i) index[descriptors()[i].words.back()].push_back(i);
        return index;
    }();
    std::vector<std::size_t> out;
    if (words.size() < 2) return out;  // a descriptor needs a name beside it
    const auto add = [&out](const WordIndex& index, const std::string& word) {
        if (const auto it = index.find(word); it != index.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    };
    add(by_first, words.front());
    add(by_last, words.back());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

std::vector<std::string> cyrillic_nominatives(std::string_view word) {
    std::vector<std::string> out;
    if (script_of(word) != Script::cyrillic || letters(word) < 3) return out;
    for (const Ending& e : endings()) {
        const std::string_view suffix = e.suffix;
        if (!word.ends_with(suffix)) continue;
        const std::string_view stem = word.substr(0, word.size() - suffix.size());
        for (const char* n : e.nominative) {
            std::string form = std::string(stem) + n;
            if (letters(form) >= 2 && form != word && std::find(out.begin(), out.end(), form) == out.end()) out.push_back(std::move(form));
        }
    }
    return out;
}

PlaceTextReading read_place_text(std::string_view key, const std::function<bool(std::string_view)>& names_a_place) {
    PlaceTextReading reading;
    Tokens words = split_words(key);
    // One descriptor at a time, from either end. Where more than one could go, one whose going
    // leaves a place's name goes first, and the reading ends there: the words left are the name
    // ("near Hill Country Village": "near"; "La Viste airport": "airport").
    for (bool named = false; !named;) {
        std::optional<std::size_t> strip;
        bool front = false;
        const std::vector<std::size_t> around = descriptors_around(words);
        for (const std::size_t i : around) {
            const Tokens& d = descriptors()[i].words;
            const bool at_front = has_prefix(words, d);
            if (!at_front && !has_suffix(words, d)) continue;
            if (!strip) strip = i, front = at_front;
            if (!names_a_place) break;
            const std::size_t left = words.size() - d.size();
            // a lone candidate leaving one word is looked up by the caller anyway
            if (left == 1 && around.size() == 1) break;
            const auto first = words.begin() + (at_front ? static_cast<std::ptrdiff_t>(d.size()) : 0);
            if (names_a_place(join_words(first, first + static_cast<std::ptrdiff_t>(left)))) {
                strip = i, front = at_front, named = true;
                break;
            }
        }
        if (!strip) break;
        const Descriptor& d = descriptors()[*strip];
        if (d.role == DescriptorRole::reported) reading.reported.push_back(join_words(d.words.begin(), d.words.end()));
        if (d.role == DescriptorRole::area) reading.kind = PlaceKind::admin1;
        if (d.role == DescriptorRole::city) reading.kind = PlaceKind::city;
        if (front) words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(d.words.size()));
        else words.erase(words.end() - static_cast<std::ptrdiff_t>(d.words.size()), words.end());
    }
    reading.name_key = join_words(words.begin(), words.end());

    // Each word as written or in one of its nominatives ("нижнем новгороде": "нижнии новгород"),
    // the name as written excluded; a handful of words at most, so the combinations stay few.
    // Only Cyrillic words have any.
    if (std::none_of(words.begin(), words.end(), [](const std::string& w) { return script_of(w) == Script::cyrillic; })) return reading;
    constexpr std::size_t max_forms = 32;
    std::vector<std::string> forms = {""};
    for (const std::string& w : words) {
        std::vector<std::string> options = {w};
        for (std::string& n : cyrillic_nominatives(w)) options.push_back(std::move(n));
        std::vector<std::string> next;
        for (const std::string& f : forms)
            for (const std::string& o : options)
                if (next.size() < max_forms) next.push_back(f.empty() ? o : f + " " + o);
        forms.swap(next);
    }
    for (std::string& f : forms)
        if (f != reading.name_key) reading.nominatives.push_back(std::move(f));
    return reading;
}

}  // namespace incimap
