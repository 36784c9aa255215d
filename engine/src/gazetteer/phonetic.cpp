#include "incimap/gazetteer/phonetic.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

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

}  // namespace

bool is_ascii(std::string_view key) noexcept {
    return std::all_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string to_ascii(std::string_view key) {
    if (is_ascii(key)) return std::string(key);
    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(key.data(), static_cast<int32_t>(key.size())));
    transliterator().transliterate(text);
    std::string latin;
    text.toUTF8String(latin);
    // What the transliterators leave outside ASCII (modifier letters such as U+02CC) is dropped.
    std::string ascii;
    for (char c : normalize_name(latin))
        if (static_cast<unsigned char>(c) < 0x80) ascii += c;
    return ascii;
}

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
