#pragma once
// UTF-8 checks for text that comes from files: a cell of Windows-1252 or Latin-1 bytes in a file
// read as UTF-8 is found and named, never passed on to outputs that must be valid UTF-8.
#include <optional>
#include <string>
#include <string_view>

namespace incimap {

/// The byte offset of the first invalid UTF-8 sequence (stray continuation byte, truncated or
/// overlong sequence, surrogate), or none when `text` is valid.
std::optional<std::size_t> invalid_utf8_at(std::string_view text) noexcept;

/// `text` with each invalid sequence replaced by U+FFFD, for writing what was rejected.
std::string with_valid_utf8(std::string_view text);

}  // namespace incimap
