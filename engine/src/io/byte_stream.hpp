#pragma once
// The bytes of an incident list as they are read: unpacked, never to disk, from a gzip file
// (.csv.gz, .tsv.gz) or the one data file of a zip archive, as ACLED, UCDP and GDELT ship them;
// and decoded from a legacy encoding to UTF-8 (Excel on Russian or Persian Windows saves CSV in
// cp1251 or cp1256). Unpacking is bounded: a file that unpacks to more than 1,000 times its size
// (a zip bomb) or to more than a set limit is refused, and so is a corrupt or truncated one,
// naming the file.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace incimap::detail {

class ByteStream {
public:
    virtual ~ByteStream() = default;
    /// Up to `n` bytes into `into`; 0 at the end. Throws InputError naming the file when the data
    /// is corrupt or truncated, or unpacks beyond the bounds.
    virtual std::size_t read(char* into, std::size_t n) = 0;
    /// How far reading is, in units of total(): for progress.
    virtual std::uint64_t done() const = 0;
    virtual std::uint64_t total() const = 0;
};

/// How a file is packed, from its name: `.gz` is gzip, `.zip` a zip archive; plain otherwise.
enum class Packing { plain, gzip, zip };
Packing packing_of(const std::filesystem::path& path);

/// The path GDAL reads the unpacked data file at (/vsigzip/..., /vsizip/.../ENTRY). For a zip,
/// `entry` is the data file inside (zip_data_entry).
std::string unpacked_path(const std::filesystem::path& path, Packing packing, const std::string& entry = {});

/// The CSV or TSV file inside a zip archive: the only one, or the one named `wanted`. Throws
/// InputError naming the archive when there is none, several and no `wanted`, or the archive is
/// corrupt.
std::string zip_data_entry(const std::filesystem::path& archive, const std::string& wanted);

/// Unpacks `path` (gzip, or `entry` of a zip) as it is read. `max_unpacked`: bytes.
std::unique_ptr<ByteStream> open_unpacked(const std::filesystem::path& path, Packing packing, const std::string& entry,
                                          std::uint64_t max_unpacked);

/// A plain file read from start to end.
std::unique_ptr<ByteStream> open_plain(const std::filesystem::path& path);

/// The bytes of `text`, in an ASCII-compatible legacy encoding (an ICU converter name: cp1251,
/// cp1256, windows-1252, latin1, koi8-r ...), as UTF-8, as they are read. `path` names the file
/// in errors.
std::unique_ptr<ByteStream> decoded(std::unique_ptr<ByteStream> text, const std::string& encoding, const std::filesystem::path& path);

/// `bytes` in `encoding` as UTF-8 (column names).
std::string to_utf8(std::string_view bytes, const std::string& encoding);

/// Whether ICU has a converter of that name.
bool known_encoding(const std::string& encoding);

}  // namespace incimap::detail
