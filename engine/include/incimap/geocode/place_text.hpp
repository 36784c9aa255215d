#pragma once
// Reading one part of place text the way sources write it: descriptor words around the name
// ("Kabul airport", "near Kabul", "Nangarhar province", "شهر کابل", "près de Lyon", "bei Wien",
// "Ташкентская область") and Russian, Tajik and Uzbek Cyrillic case forms ("в Кабуле", "из
// Москвы", "под Москвой", "Тошкентда"). Everything works on normalised keys (normalize_name).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "incimap/gazetteer/gazetteer.hpp"

namespace incimap {

/// What a descriptor says about the place it goes with.
enum class DescriptorRole {
    grammar,   ///< a preposition or article ("в", "in", "the"): says nothing, not reported
    area,      ///< province, oblast, ولایت: the name is an admin-1 area
    city,      ///< city of, شهر: the name is a town or city
    reported,  ///< airport, district, near, outskirts: said of the place, not matched; reported
};

struct PlaceTextReading {
    std::string name_key;                  ///< the normalised name left after the descriptors
    std::vector<std::string> reported;     ///< descriptors to report as unmatched, as normalised
    std::optional<PlaceKind> kind;         ///< the kind of place the descriptors name, if they do
    /// Cyrillic names: the nominatives the name's case endings may stand for ("кабул" for
    /// "кабуле"), in order; empty for other scripts.
    std::vector<std::string> nominatives;
};

/// Strips descriptors from both ends of a normalised part (repeatedly: "near the city of Kabul")
/// and lists the nominatives of a Cyrillic name. A part that is nothing but descriptors keeps its
/// last word as the name. Stripping stops at the first remainder that `names_a_place` accepts, so
/// that names which begin or end with such a word keep it ("La Viste airport" is La Viste, not
/// "viste"; "Hill Country Village").
PlaceTextReading read_place_text(std::string_view key, const std::function<bool(std::string_view)>& names_a_place = {});

/// The nominative forms a Cyrillic word (normalised: й is и) may stand for, by the case endings of
/// Russian nouns and adjectives and the Uzbek and Tajik suffixes, without the word itself. Words
/// under three letters have none ("в Оше" is Osh).
std::vector<std::string> cyrillic_nominatives(std::string_view word);

}  // namespace incimap
