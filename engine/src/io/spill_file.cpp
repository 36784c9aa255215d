#include "spill_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "incimap/core/error.hpp"

namespace incimap::detail {

SpillFile::SpillFile(const std::filesystem::path& output) : output_(output.string()) {
    const std::filesystem::path dir = output.parent_path().empty() ? "." : output.parent_path();
    fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd_ < 0) {  // a file system without O_TMPFILE
        const std::filesystem::path named = dir / ("." + output.filename().string() + ".spill-" + std::to_string(::getpid()));
        fd_ = ::open(named.c_str(), O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
        if (fd_ >= 0) ::unlink(named.c_str());
    }
    if (fd_ < 0) throw IoError(output_ + ": cannot create a spill file beside it: " + std::strerror(errno));
}

SpillFile::~SpillFile() { ::close(fd_); }

void SpillFile::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw IoError(output_ + ": cannot write its spill file: " + std::strerror(n < 0 ? errno : ENOSPC));
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void SpillFile::rewind() {
    if (::lseek(fd_, 0, SEEK_SET) != 0) throw IoError(output_ + ": cannot read its spill file back: " + std::strerror(errno));
}

std::size_t SpillFile::read(std::string& into, std::size_t n) {
    const std::size_t old = into.size();
    into.resize(old + n);
    ssize_t got = 0;
    do got = ::read(fd_, into.data() + old, n);
    while (got < 0 && errno == EINTR);
    if (got < 0) throw IoError(output_ + ": cannot read its spill file back: " + std::strerror(errno));
    into.resize(old + static_cast<std::size_t>(got));
    return static_cast<std::size_t>(got);
}

void SpillFile::read_records(const std::function<void(std::uint32_t tag, std::string_view bytes)>& take) {
    auto u32_at = [](const std::string& in, std::size_t at) {
        std::uint32_t u = 0;
        std::memcpy(&u, in.data() + at, sizeof u);
        return u;
    };
    rewind();
    std::string in;
    std::size_t at = 0;  // the next record in `in`
    for (bool more = true; more;) {
        in.erase(0, at);
        at = 0;
        more = read(in, 1 << 20) > 0;
        while (in.size() - at >= 8 && in.size() - at - 8 >= u32_at(in, at + 4)) {
            const std::size_t length = u32_at(in, at + 4);
            take(u32_at(in, at), std::string_view(in).substr(at + 8, length));
            at += 8 + length;
        }
    }
    if (at != in.size()) throw IoError(output_ + ": its spill file ends inside a record");
}

}  // namespace incimap::detail
