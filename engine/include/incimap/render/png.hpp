#pragma once
// PNG encoding of RGBA images through libpng, in memory: for tiles, renders and figures.
#include <cstdint>
#include <vector>

namespace incimap {

enum class PngEncoding {
    small,  ///< libpng's defaults: filters chosen per row, zlib level 6
    fast,   ///< for many tiles: the Up filter and zlib level 1
};

/// PNG bytes of an RGBA image (row-major, 4 bytes a pixel), by libpng.
std::vector<std::uint8_t> encode_png(int width, int height, const std::vector<std::uint8_t>& rgba,
                                     PngEncoding encoding = PngEncoding::small);

}  // namespace incimap
