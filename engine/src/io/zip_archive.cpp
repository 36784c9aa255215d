#include "incimap/io/zip_archive.hpp"

#include <zlib.h>

#include <cstdint>
#include <limits>

#include "incimap/core/error.hpp"

namespace incimap {

namespace {

constexpr std::uint16_t dos_date_1980_01_01 = (0 << 9) | (1 << 5) | 1;  // years since 1980, month, day
constexpr std::uint16_t dos_time_midnight = 0;
constexpr std::uint16_t version_needed = 20;  // deflate
constexpr std::uint16_t method_deflate = 8;

void put16(std::string& out, std::uint16_t v) {
    out += static_cast<char>(v & 0xff);
    out += static_cast<char>(v >> 8);
}

void put32(std::string& out, std::uint32_t v) {
    for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((v >> shift) & 0xff);
}

// Raw deflate (no zlib header), as ZIP stores it; level 9 whatever zlib's default.
std::string deflated(const std::string& data) {
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw IoError("zlib: cannot start deflate");
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw IoError("zlib: deflate failed");
    return out;
}

}  // namespace

std::string zip_archive(const std::vector<ZipEntry>& entries) {
    constexpr std::size_t limit = std::numeric_limits<std::uint32_t>::max();
    std::string out, directory;
    for (const ZipEntry& e : entries) {
        if (e.data.size() >= limit || e.name.size() > 0xffff) throw IoError("zip: entry " + e.name + " is too large");
        const std::string packed = deflated(e.data);
        const auto crc = static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(e.data.data()), static_cast<uInt>(e.data.size())));
        const auto offset = static_cast<std::uint32_t>(out.size());
        auto common = [&](std::string& h) {
            put16(h, version_needed);
            put16(h, 0);  // flags
            put16(h, method_deflate);
            put16(h, dos_time_midnight);
            put16(h, dos_date_1980_01_01);
            put32(h, crc);
            put32(h, static_cast<std::uint32_t>(packed.size()));
            put32(h, static_cast<std::uint32_t>(e.data.size()));
            put16(h, static_cast<std::uint16_t>(e.name.size()));
            put16(h, 0);  // extra field length
        };
        put32(out, 0x04034b50);
        common(out);
        out += e.name;
        out += packed;

        put32(directory, 0x02014b50);
        put16(directory, version_needed);  // made by: MS-DOS, version 2.0
        common(directory);
        put16(directory, 0);  // comment length
        put16(directory, 0);  // disk number
        put16(directory, 0);  // internal attributes
        put32(directory, 0);  // external attributes
        put32(directory, offset);
        directory += e.name;
        if (out.size() >= limit) throw IoError("zip: archive is too large");
    }
    const auto directory_offset = static_cast<std::uint32_t>(out.size());
    out += directory;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, static_cast<std::uint16_t>(entries.size()));
    put16(out, static_cast<std::uint16_t>(entries.size()));
    put32(out, static_cast<std::uint32_t>(directory.size()));
    put32(out, directory_offset);
    put16(out, 0);  // comment length
    return out;
}

}  // namespace incimap
