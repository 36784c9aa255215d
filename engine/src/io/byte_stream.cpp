#include "byte_stream.hpp"

#include <unicode/ucnv.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "incimap/core/ascii.hpp"
#include "incimap/core/error.hpp"
#include "incimap/io/gdal.hpp"

namespace incimap::detail {

namespace {

// A file that unpacks to more than this many times its size is a zip bomb, not a data set
// (CSV gzips about 5 to 20 times).
constexpr std::uint64_t max_expansion = 1000;

std::string mib(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// Refuses unpacking beyond the bounds, naming the file.
void check_unpacked(const std::filesystem::path& path, std::uint64_t unpacked, std::uint64_t packed_size, std::uint64_t max_unpacked) {
    if (unpacked > max_unpacked)
        throw InputError(path.string(), "unpacks to more than " + mib(max_unpacked) + " (--max-unpacked)");
    if (unpacked > max_expansion * std::max<std::uint64_t>(packed_size, 1))
        throw InputError(path.string(), "unpacks to more than " + std::to_string(max_expansion) + " times its size (" +
                                            mib(packed_size) + "): a zip bomb?");
}

// A gzip file, all its members (as `cat a.gz b.gz` makes), unpacked with zlib: it must end where
// a member does, or it was cut short.
class GzipStream : public ByteStream {
public:
    GzipStream(const std::filesystem::path& path, std::uint64_t max_unpacked)
        : path_(path), max_unpacked_(max_unpacked), file_(std::fopen(path.c_str(), "rb")), in_(1 << 18) {
        if (file_ == nullptr) throw InputError(path.string(), std::string("cannot read: ") + std::strerror(errno));
        std::error_code ec;
        size_ = std::filesystem::file_size(path, ec);
        if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK) throw InputError(path.string(), "cannot start unpacking (zlib)");
    }
    ~GzipStream() override {
        inflateEnd(&z_);
        std::fclose(file_);
    }

    std::size_t read(char* into, std::size_t n) override {
        z_.next_out = reinterpret_cast<Bytef*>(into);
        z_.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
        while (z_.avail_out > 0 && !ended_) {
            if (z_.avail_in == 0 && !refill()) {
                if (in_member_) throw InputError(path_.string(), "the gzip data ends early (a truncated download?)");
                ended_ = true;
                break;
            }
            const int rc = inflate(&z_, Z_NO_FLUSH);
            in_member_ = true;
            if (rc == Z_STREAM_END) {
                in_member_ = false;
                if (inflateReset(&z_) != Z_OK) throw InputError(path_.string(), "cannot unpack (zlib)");
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                throw InputError(path_.string(), std::string("corrupt gzip data: ") + (z_.msg ? z_.msg : zError(rc)));
            }
        }
        const std::size_t got = static_cast<std::size_t>(reinterpret_cast<char*>(z_.next_out) - into);
        unpacked_ += got;
        check_unpacked(path_, unpacked_, size_, max_unpacked_);
        return got;
    }
    std::uint64_t done() const override { return packed_read_ - z_.avail_in; }
    std::uint64_t total() const override { return size_; }

private:
    bool refill() {
        const std::size_t got = std::fread(in_.data(), 1, in_.size(), file_);
        if (got == 0 && std::ferror(file_)) throw InputError(path_.string(), std::string("cannot read: ") + std::strerror(errno));
        z_.next_in = in_.data();
        z_.avail_in = static_cast<uInt>(got);
        packed_read_ += got;
        return got > 0;
    }

    std::filesystem::path path_;
    std::uint64_t max_unpacked_;
    std::FILE* file_;
    std::vector<Bytef> in_;
    z_stream z_{};
    std::uint64_t size_ = 0, packed_read_ = 0, unpacked_ = 0;
    bool in_member_ = false, ended_ = false;
};

// One file of a zip archive, unpacked by GDAL's /vsizip/ as it is read; GDAL's errors (a corrupt
// entry) are caught, and the entry must give the size its directory records.
class ZipEntryStream : public ByteStream {
public:
    ZipEntryStream(const std::filesystem::path& path, const std::string& entry, std::uint64_t max_unpacked)
        : path_(path), max_unpacked_(max_unpacked), vsi_path_(unpacked_path(path, Packing::zip, entry)) {
        std::error_code ec;
        size_ = std::filesystem::file_size(path, ec);
        GdalErrorCapture capture;
        VSIStatBufL stat{};
        if (VSIStatL(vsi_path_.c_str(), &stat) != 0) throw InputError(path.string(), "cannot read '" + entry + "' in the archive");
        entry_size_ = static_cast<std::uint64_t>(stat.st_size);
        check_unpacked(path_, entry_size_, size_, max_unpacked_);  // as the directory says; checked again as it unpacks
        file_ = VSIFOpenL(vsi_path_.c_str(), "rb");
        if (file_ == nullptr) throw InputError(path.string(), "cannot open '" + entry + "' in the archive: " + capture.first_error());
    }
    ~ZipEntryStream() override { VSIFCloseL(file_); }

    std::size_t read(char* into, std::size_t n) override {
        GdalErrorCapture capture;
        const std::size_t got = VSIFReadL(into, 1, n, file_);
        if (!capture.first_error().empty()) throw InputError(path_.string(), "corrupt zip data: " + capture.first_error());
        unpacked_ += got;
        check_unpacked(path_, unpacked_, size_, max_unpacked_);
        if (got == 0 && unpacked_ != entry_size_)
            throw InputError(path_.string(), "the zip entry ends after " + std::to_string(unpacked_) + " of its " + std::to_string(entry_size_) +
                                                 " bytes (a corrupt or truncated archive)");
        return got;
    }
    std::uint64_t done() const override { return unpacked_; }
    std::uint64_t total() const override { return entry_size_; }

private:
    std::filesystem::path path_;
    std::uint64_t max_unpacked_;
    std::string vsi_path_;
    VSILFILE* file_ = nullptr;
    std::uint64_t size_ = 0, entry_size_ = 0, unpacked_ = 0;
};

class PlainStream : public ByteStream {
public:
    explicit PlainStream(const std::filesystem::path& path) : path_(path), file_(std::fopen(path.c_str(), "rb")) {
        if (file_ == nullptr) throw InputError(path.string(), std::string("cannot read: ") + std::strerror(errno));
        std::error_code ec;
        size_ = std::filesystem::file_size(path, ec);
    }
    ~PlainStream() override { std::fclose(file_); }
    std::size_t read(char* into, std::size_t n) override {
        const std::size_t got = std::fread(into, 1, n, file_);
        if (got == 0 && std::ferror(file_)) throw InputError(path_.string(), std::string("cannot read: ") + std::strerror(errno));
        done_ += got;
        return got;
    }
    std::uint64_t done() const override { return done_; }
    std::uint64_t total() const override { return size_; }

private:
    std::filesystem::path path_;
    std::FILE* file_;
    std::uint64_t size_ = 0, done_ = 0;
};

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

Converter open_converter(const std::string& name) {
    UErrorCode status = U_ZERO_ERROR;
    Converter c(ucnv_open(name.c_str(), &status));
    return U_SUCCESS(status) ? std::move(c) : nullptr;
}

// Text in a legacy encoding turned into UTF-8 as it is read, through ICU's pivot (UTF-16), so
// that a character split across reads is whole in the output.
class DecodedStream : public ByteStream {
public:
    DecodedStream(std::unique_ptr<ByteStream> text, const std::string& encoding, const std::filesystem::path& path)
        : text_(std::move(text)), from_(open_converter(encoding)), to_(open_converter("UTF-8")), in_(1 << 16), path_(path) {
        if (!from_ || !to_) throw InputError(path.string(), "no converter for the encoding '" + encoding + "'");
    }
    std::size_t read(char* into, std::size_t n) override {
        char* target = into;
        while (target == into && !(ended_ && in_at_ == in_end_ && !pending_)) {
            if (in_at_ == in_end_ && !ended_) {
                in_end_ = text_->read(in_.data(), in_.size());
                in_at_ = 0;
                ended_ = in_end_ == 0;
            }
            const char* source = in_.data() + in_at_;
            UErrorCode status = U_ZERO_ERROR;
            ucnv_convertEx(to_.get(), from_.get(), &target, into + n, &source, in_.data() + in_end_, pivot_, &pivot_source_, &pivot_target_,
                           pivot_ + std::size(pivot_), first_, ended_, &status);
            first_ = false;
            in_at_ = static_cast<std::size_t>(source - in_.data());
            pending_ = status == U_BUFFER_OVERFLOW_ERROR;
            if (U_FAILURE(status) && !pending_) throw InputError(path_.string(), std::string("cannot decode: ") + u_errorName(status));
        }
        return static_cast<std::size_t>(target - into);
    }
    std::uint64_t done() const override { return text_->done(); }
    std::uint64_t total() const override { return text_->total(); }

private:
    std::unique_ptr<ByteStream> text_;
    Converter from_, to_;
    std::vector<char> in_;
    std::size_t in_at_ = 0, in_end_ = 0;
    UChar pivot_[1 << 12];
    UChar* pivot_source_ = pivot_;
    UChar* pivot_target_ = pivot_;
    bool first_ = true, ended_ = false, pending_ = false;
    std::filesystem::path path_;
};

bool is_data_file(const std::string& name) {
    const std::string lower = ascii_lower(name);
    return lower.ends_with(".csv") || lower.ends_with(".tsv") || lower.ends_with(".txt");
}

}  // namespace

Packing packing_of(const std::filesystem::path& path) {
    const std::string ext = ascii_lower(path.extension().string());
    return ext == ".gz" ? Packing::gzip : ext == ".zip" ? Packing::zip : Packing::plain;
}

std::string unpacked_path(const std::filesystem::path& path, Packing packing, const std::string& entry) {
    const std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
    switch (packing) {
        case Packing::gzip: return "/vsigzip/" + absolute;
        case Packing::zip: return "/vsizip/" + absolute + "/" + entry;
        case Packing::plain: break;
    }
    return absolute;
}

std::string zip_data_entry(const std::filesystem::path& archive, const std::string& wanted) {
    ensure_gdal_registered();
    GdalErrorCapture capture;
    char** names = VSIReadDirRecursive(("/vsizip/" + std::filesystem::absolute(archive).lexically_normal().string()).c_str());
    if (names == nullptr)
        throw InputError(archive.string(), "not a readable zip archive" + (capture.first_error().empty() ? "" : ": " + capture.first_error()));
    std::vector<std::string> data;
    for (char** n = names; *n != nullptr; ++n) {
        const std::string name = *n;
        if (!name.ends_with("/") && name.rfind("__MACOSX/", 0) != 0 && is_data_file(name)) data.push_back(name);
    }
    CSLDestroy(names);
    if (!wanted.empty()) {
        if (std::find(data.begin(), data.end(), wanted) != data.end()) return wanted;
        throw InputError(archive.string(), "no data file '" + wanted + "' in the archive");
    }
    if (data.size() == 1) return data.front();
    if (data.empty()) throw InputError(archive.string(), "no CSV or TSV file in the archive");
    std::string list;
    for (const std::string& name : data) list += (list.empty() ? "" : ", ") + name;
    throw InputError(archive.string(), "the archive holds several data files (" + list + "): name one with {input.columns.layer}");
}

std::unique_ptr<ByteStream> open_unpacked(const std::filesystem::path& path, Packing packing, const std::string& entry,
                                          std::uint64_t max_unpacked) {
    if (packing == Packing::gzip) return std::make_unique<GzipStream>(path, max_unpacked);
    return std::make_unique<ZipEntryStream>(path, entry, max_unpacked);
}

std::unique_ptr<ByteStream> open_plain(const std::filesystem::path& path) { return std::make_unique<PlainStream>(path); }

std::unique_ptr<ByteStream> decoded(std::unique_ptr<ByteStream> text, const std::string& encoding, const std::filesystem::path& path) {
    return std::make_unique<DecodedStream>(std::move(text), encoding, path);
}

std::string to_utf8(std::string_view bytes, const std::string& encoding) {
    std::string out(bytes.size() * 4 + 4, '\0');
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n = ucnv_convert("UTF-8", encoding.c_str(), out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                   static_cast<int32_t>(bytes.size()), &status);
    if (U_FAILURE(status)) return std::string(bytes);
    out.resize(static_cast<std::size_t>(n));
    return out;
}

bool known_encoding(const std::string& encoding) { return open_converter(encoding) != nullptr; }

}  // namespace incimap::detail
