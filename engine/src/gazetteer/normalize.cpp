#include "incimap/gazetteer/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "incimap/core/error.hpp"

namespace incimap {

namespace {

bool is_apostrophe(UChar32 c) {
    return c == '\'' || c == '`' || c == 0x2018 || c == 0x2019 || c == 0x02BB || c == 0x02BC ||
           c == 0x02BE || c == 0x02BF || c == 0x00B4;
}

// Letters that NFKD does not decompose but that sources write interchangeably with a base letter,
// and Arabic-script letters that Arabic, Dari and Pashto orthographies write differently.
UChar32 fold_letter(UChar32 c) {
    switch (c) {
        case 0x0131: return 'i';     // dotless i (Turkish)
        case 0x00F8: return 'o';     // ø
        case 0x0142: return 'l';     // ł
        case 0x0111: return 'd';     // đ
        case 0x00F0: return 'd';     // ð
        case 0x0127: return 'h';     // ħ
        case 0x064A:                 // Arabic yeh
        case 0x0649:                 // alef maksura
            return 0x06CC;           // -> Persian yeh
        case 0x0643: return 0x06A9;  // Arabic kaf -> keheh (Persian kaf)
        case 0x0629:                 // teh marbuta
        case 0x06D5:                 // ae (Persian heh at end of word)
        case 0x06C1:                 // heh goal (Urdu)
            return 0x0647;           // -> heh
        case 0x0671: return 0x0627;  // alef wasla -> alef
        // Urdu and Pashto letters written with their Persian counterparts by other sources
        case 0x0679: return 0x062A;  // tteh -> teh
        case 0x0688: return 0x062F;  // ddal -> dal
        case 0x0691: return 0x0631;  // rreh -> reh
        case 0x06BA: return 0x0646;  // noon ghunna -> noon
        case 0x06BE: return 0x0647;  // heh doachashmee -> heh
        case 0x06D2:                 // yeh barree
        case 0x06D3:
        case 0x06CD:                 // Pashto yeh with tail
        case 0x06D0:                 // Pashto yeh (e)
            return 0x06CC;           // -> Persian yeh
        case 0x06AB: return 0x06AF;  // Pashto gaf with ring -> gaf
        case 0x0693: return 0x0631;  // Pashto reh with ring -> reh
        case 0x06BC: return 0x0646;  // Pashto noon with ring -> noon
        case 0x069A: return 0x0634;  // Pashto sheen with dots -> sheen
        case 0x0696: return 0x0698;  // Pashto reh with dots -> jeh
        default: return c;
    }
}

// Multi-letter folds that a single code point map cannot express.
const char* expand_letter(UChar32 c) {
    switch (c) {
        case 0x00E6: return "ae";  // æ
        case 0x0153: return "oe";  // œ
        case 0x00FE: return "th";  // þ
        default: return nullptr;
    }
}

std::string normalize_ascii(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\'' || c == '`') continue;
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    return out;
}

void append_utf8(std::string& out, UChar32 c) {
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, U8_MAX_LENGTH, c, error);
    if (!error) out.append(buf, static_cast<std::size_t>(len));
}

}  // namespace

std::string normalize_name(std::string_view s) {
    bool ascii = true;
    for (char c : s) ascii &= static_cast<unsigned char>(c) < 0x80;
    if (ascii) return normalize_ascii(s);

    UErrorCode status = U_ZERO_ERROR;
    static const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    if (nfkd == nullptr) throw DataError("ICU NFKD normaliser unavailable (ICU data missing?)");

    icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    // Folded and decomposed twice (Unicode's compatibility caseless match): a decomposition can
    // give a letter that folds again (lunate sigma to final sigma to sigma), and the key must
    // not change when normalised a second time.
    icu::UnicodeString decomposed;
    for (int pass = 0; pass < 2; ++pass) {
        text.foldCase();
        status = U_ZERO_ERROR;
        decomposed = nfkd->normalize(text, status);
        if (U_FAILURE(status)) return {};
        text = decomposed;
    }

    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (int32_t i = 0; i < decomposed.length();) {
        const UChar32 c = decomposed.char32At(i);
        i += U16_LENGTH(c);
        const auto type = static_cast<UCharCategory>(u_charType(c));
        if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || c == 0x0640 /* tatweel */ ||
            is_apostrophe(c))
            continue;
        if (c == 0x200C) {  // zero-width non-joiner separates words in Persian script
            pending_space = !out.empty();
            continue;
        }
        if (type == U_FORMAT_CHAR) continue;  // zero-width joiner, direction marks, BOM
        UChar32 folded;
        if (c == 0xFFFD) {
            folded = c;  // an invalid byte sequence: kept, so that the key matches no real name
        } else if (u_isdigit(c)) {
            folded = '0' + u_charDigitValue(c);
        } else if (u_isalpha(c) || type == U_COMBINING_SPACING_MARK) {
            if (const char* expansion = expand_letter(c)) {
                if (pending_space) out += ' ';
                pending_space = false;
                out += expansion;
                continue;
            }
            folded = fold_letter(c);
        } else {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        append_utf8(out, folded);
    }
    return out;
}

std::uint64_t name_hash(std::string_view key) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : key) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

}  // namespace incimap
