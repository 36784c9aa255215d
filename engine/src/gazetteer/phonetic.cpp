#include "incimap/gazetteer/phonetic.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <span>
#include <stdexcept>

#include "incimap/gazetteer/normalize.hpp"

namespace incimap {

namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
// In similarity, y is a vowel too: "Ghazny", "Ghazni".
bool is_soft(char c) { return is_vowel(c) || c == 'y'; }

icu::Transliterator& transliterator() {
    // Transliterators keep internal state while they run; one per thread.
    thread_local std::unique_ptr<icu::Transliterator> t = [] {
        UErrorCode status = U_ZERO_ERROR;
        std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
            "Russian-Latin/BGN; Arabic-Latin; Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !made) throw std::runtime_error(std::string("ICU transliterator: ") + u_errorName(status));
        return made;
    }();
    return *t;
}

// Digraphs and letters that sources and transliteration schemes write for the same sound,
// longest first, grouped by first letter so that a position is matched against few rules.
struct Rewrite {
    std::string_view from;
    std::string_view to;
};

std::span<const Rewrite> rewrites_from(char first) {
    static constexpr Rewrite c[] = {{"ch", "c"}, {"ck", "k"}};
    static constexpr Rewrite d[] = {{"dzh", "j"}, {"dj", "j"}, {"dh", "d"}};
    static constexpr Rewrite e[] = {{"ee", "i"}};
    static constexpr Rewrite g[] = {{"gh", "g"}};
    static constexpr Rewrite k[] = {{"kh", "h"}};
    static constexpr Rewrite o[] = {{"ou", "u"}, {"oo", "u"}};
    static constexpr Rewrite p[] = {{"ph", "f"}};
    static constexpr Rewrite q[] = {{"q", "k"}};
    static constexpr Rewrite s[] = {{"sch", "s"}, {"sh", "s"}};
    static constexpr Rewrite t[] = {{"tch", "c"}, {"th", "t"}, {"ts", "c"}, {"tz", "c"}};
    static constexpr Rewrite x[] = {{"x", "ks"}};
    static constexpr Rewrite z[] = {{"zh", "j"}};
    switch (first) {
        case 'c': return c;
        case 'd': return d;
        case 'e': return e;
        case 'g': return g;
        case 'k': return k;
        case 'o': return o;
        case 'p': return p;
        case 'q': return q;
        case 's': return s;
        case 't': return t;
        case 'x': return x;
        case 'z': return z;
        default: return {};
    }
}

// What ICU's chain (Arabic-Latin, Latin-ASCII, then normalize_name) makes of each Arabic-script
// letter that normalize_name leaves in a key. Arabic-Latin spells these letters one at a time:
// its only rules that read a neighbour take vowel marks and digit separators, which keys no
// longer hold. Hamza and ain become modifier letters that normalisation drops.
const char* arabic_letter_in_ascii(UChar32 c) {
    switch (c) {
        case 0x0621: return "";    // hamza
        case 0x0627: return "a";   // alef
        case 0x0628: return "b";
        case 0x0629: return "t";   // teh marbuta
        case 0x062A: return "t";
        case 0x062B: return "th";
        case 0x062C: return "j";
        case 0x062D: return "h";
        case 0x062E: return "kh";
        case 0x062F: return "d";
        case 0x0630: return "dh";
        case 0x0631: return "r";
        case 0x0632: return "z";
        case 0x0633: return "s";
        case 0x0634: return "sh";
        case 0x0635: return "s";
        case 0x0636: return "d";
        case 0x0637: return "t";
        case 0x0638: return "z";
        case 0x0639: return "";    // ain
        case 0x063A: return "gh";
        case 0x0641: return "f";
        case 0x0642: return "q";
        case 0x0643: return "k";
        case 0x0644: return "l";
        case 0x0645: return "m";
        case 0x0646: return "n";
        case 0x0647: return "h";
        case 0x0648: return "w";
        case 0x0649: return "y";   // alef maksura
        case 0x064A: return "y";
        case 0x067E: return "p";
        case 0x0686: return "ch";
        case 0x0698: return "zh";
        case 0x069A: return "s";   // Pashto sheen with dots
        case 0x06A4: return "v";
        case 0x06A9: return "k";   // keheh
        case 0x06AD: return "ng";
        case 0x06AF: return "g";
        case 0x06CB: return "v";
        case 0x06CC: return "y";   // Persian yeh
        default: return nullptr;
    }
}

// A key written in the letters above, spaces and ASCII, spelled in ASCII; false for a key with
// any other letter. ICU runs every rule-based transliteration in the process under one lock, at
// about 10 µs a name: a places file of Dari names spent most of its loading there.
bool spell_arabic_letters(std::string_view key, std::string& out) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(key.data());
    const auto length = static_cast<std::int32_t>(key.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c >= 0 && c < 0x80) {
            out += static_cast<char>(c);
        } else if (const char* ascii = c >= 0x0600 && c <= 0x06FF ? arabic_letter_in_ascii(c) : nullptr) {
            out += ascii;
        } else {
            return false;
        }
    }
    return true;
}

std::string transliterate_with_icu(std::string_view key) {
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(key.data(), static_cast<int32_t>(key.size())));
    transliterator().transliterate(text);
    std::string latin;
    text.toUTF8String(latin);
    return latin;
}

// What the transliterators leave outside ASCII (modifier letters such as U+02CC) is dropped.
std::string ascii_key_of(std::string_view latin) {
    std::string ascii;
    for (char c : normalize_name(latin))
        if (static_cast<unsigned char>(c) < 0x80) ascii += c;
    return ascii;
}

}  // namespace

bool is_ascii(std::string_view key) noexcept {
    return std::all_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string to_ascii(std::string_view key) {
    if (is_ascii(key)) return std::string(key);
    std::string latin;
    if (!spell_arabic_letters(key, latin)) latin = transliterate_with_icu(key);
    return ascii_key_of(latin);
}

std::string to_ascii_by_icu(std::string_view key) { return ascii_key_of(transliterate_with_icu(key)); }

std::string phonetic_fold(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (std::size_t i = 0; i < key.size();) {
        if (key[i] == ' ') {
            ++i;
            continue;
        }
        bool rewritten = false;
        for (const Rewrite& r : rewrites_from(key[i])) {
            if (key.compare(i, r.from.size(), r.from) == 0) {
                for (char c : r.to)
                    if (out.empty() || out.back() != c) out += c;
                i += r.from.size();
                rewritten = true;
                break;
            }
        }
        if (rewritten) continue;
        if (out.empty() || out.back() != key[i]) out += key[i];
        ++i;
    }
    return out;
}

std::string skeleton(std::string_view folded) {
    std::string out;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        const char c = folded[i];
        if (i == 0 && is_vowel(c)) {
            out += 'a';
            continue;
        }
        if (is_vowel(c) || c == 'w' || c == 'y') continue;
        if (out.empty() || out.back() != c) out += c;
    }
    return out;
}

std::vector<std::string> single_deletions(std::string_view s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i > 0 && s[i] == s[i - 1]) continue;  // deleting either of two equal neighbours gives the same string
        std::string d;
        d.reserve(s.size() - 1);
        d.append(s.substr(0, i));
        // Skeletons never hold doubled letters; a deletion that makes one collapses it ("mkm" -> "m").
        const std::string_view rest = s.substr(i + 1);
        d.append(!d.empty() && !rest.empty() && d.back() == rest.front() ? rest.substr(1) : rest);
        if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(std::move(d));
    }
    return out;
}

double folded_similarity(std::string_view a, std::string_view b) {
    if (a.empty() && b.empty()) return 1;
    // Damerau-Levenshtein (optimal string alignment) with half-cost vowel edits, in doubled units.
    const std::size_t n = a.size(), m = b.size();
    std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
    auto indel = [](char c) { return is_soft(c) ? 1 : 2; };
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j == 0 ? 0 : prev[j - 1] + indel(b[j - 1]);
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = prev[0] + indel(a[i - 1]);
        for (std::size_t j = 1; j <= m; ++j) {
            const char x = a[i - 1], y = b[j - 1];
            const int substitute = x == y ? 0 : (is_soft(x) && is_soft(y)) ? 1 : 2;
            int best = std::min({prev[j] + indel(x), cur[j - 1] + indel(y), prev[j - 1] + substitute});
            if (i > 1 && j > 1 && x == b[j - 2] && a[i - 2] == y) best = std::min(best, prev2[j - 2] + 2);
            cur[j] = best;
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    const double distance = prev[m] / 2.0;
    return 1.0 - distance / static_cast<double>(std::max(n, m));
}

}  // namespace incimap
