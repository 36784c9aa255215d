#include "incimap/io/file_hash.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <memory>

#include "incimap/core/error.hpp"

namespace incimap {

std::string sha256_of_files(const std::vector<std::string>& paths) {
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw IoError("cannot start a SHA-256 digest");
    std::vector<char> buffer(1 << 16);
    for (const std::string& path : paths) {
        std::ifstream in(path, std::ios::binary);
        if (!in) throw IoError(path + ": cannot read to hash it");
        while (in) {
            in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
            EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<std::size_t>(in.gcount()));
        }
        if (in.bad()) throw IoError(path + ": read error while hashing");
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &size);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < size; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

}  // namespace incimap
