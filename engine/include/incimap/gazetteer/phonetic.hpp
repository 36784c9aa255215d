#pragma once
// Keys for names that are not written the same way: transliteration of any script to ASCII, a
// phonetic fold of the spelling variants the field produces, and a consonant skeleton that
// meets names across scripts that omit short vowels (Arabic, Dari, Pashto).
//
//   normalize_name("Мазари-Шариф") -> "мазари шариф"
//   to_ascii(...)                    -> "mazari sharif"  (Russian BGN, Arabic-Latin, Any-Latin; Latin-ASCII)
//   phonetic_fold(...)               -> "mazarisarif"    (no spaces; q->k, kh->h, sh->s ...; doubles collapsed)
//   skeleton(...)                    -> "mzrsrf"         (vowels, w and y dropped; a leading vowel kept as 'a')
//   "مزار شریف" -> "mzar shryf" -> "mzarsryf" -> "mzrsrf": the same skeleton from Dari script.
#include <string>
#include <string_view>
#include <vector>

namespace incimap {

/// True when a normalised key holds only ASCII.
bool is_ascii(std::string_view key) noexcept;

/// ASCII transliteration of a normalised key (Cyrillic by BGN/PCGN, Arabic script by ICU's
/// Arabic-Latin, other scripts by Any-Latin), normalised again. ASCII keys come back unchanged.
/// Keys in Arabic-script letters that Arabic-Latin spells one by one are spelled from a table
/// that gives ICU's answer, without ICU. Thread-safe (one ICU transliterator per thread).
std::string to_ascii(std::string_view key);

/// to_ascii through ICU alone: the reference that to_ascii's table is checked against.
std::string to_ascii_by_icu(std::string_view key);

/// Phonetic fold of an ASCII key: spaces dropped; digraphs and near-letters unified (kh->h,
/// gh->g, sh->s, ch/tch/ts/tz->c, zh/dzh/dj->j, q->k, ph->f, th->t, dh->d, ck->k, x->ks, ou/oo->u,
/// ee->i); doubled letters collapsed. Vowels kept.
std::string phonetic_fold(std::string_view ascii_key);

/// Consonant skeleton of a folded key: vowels, w and y dropped (Arabic-script transliterations
/// write long vowels as alef, waw and yeh), except that a leading vowel becomes 'a'.
std::string skeleton(std::string_view folded);

/// Every string made by deleting one character of `s` (distinct, in order of position).
std::vector<std::string> single_deletions(std::string_view s);

/// Latin alternates that spell the own name of a place in a country writing Arabic or Cyrillic
/// script otherwise ("Mazar-i-Sharif" for Mazār-e Sharīf) are romanisations, not other names:
/// their phonetic folds are at least this alike. (In Latin-writing countries a close alternate is
/// as likely another town's name: "Abadan" is listed for Ibadan.)
inline constexpr double own_spelling_similarity = 0.8;

/// Similarity in [0, 1] of two folded keys: 1 - weighted edit distance / longer length, where
/// an edit touching only vowels (and y) costs 0.5 and a transposition 1.
double folded_similarity(std::string_view a, std::string_view b);

}  // namespace incimap
