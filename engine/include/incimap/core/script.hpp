#pragma once
// Which script a place name is written in, and where that script is written: sources write a
// place's name in the script of its region, so a Cyrillic name most likely means a place where
// Cyrillic is written.
#include <string_view>

namespace incimap {

enum class Script { latin, cyrillic, arabic, other };

/// The first non-Latin script found in UTF-8 text (Cyrillic U+0400-04FF, Arabic U+0600-06FF),
/// `other` for any other non-ASCII text, else `latin`.
Script script_of(std::string_view text) noexcept;

/// True when `script` is an official or common script of the country (ISO alpha-2).
bool writes_script(std::string_view country, Script script) noexcept;

}  // namespace incimap
