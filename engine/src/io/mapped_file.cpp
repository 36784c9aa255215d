#include "incimap/io/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "incimap/core/error.hpp"

namespace incimap::detail {

MappedFile::MappedFile(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw DataError(path.string() + ": cannot open: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
        ::close(fd);
        throw DataError(path.string() + ": empty or unreadable file");
    }
    size_ = static_cast<std::size_t>(st.st_size);
    void* map = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) throw DataError(path.string() + ": cannot map: " + std::strerror(errno));
    data_ = static_cast<const std::byte*>(map);
}

void MappedFile::release_before(std::size_t offset) const noexcept {
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    if (const std::size_t bytes = std::min(offset, size_) / page * page; bytes > 0)
        ::madvise(const_cast<std::byte*>(data_), bytes, MADV_DONTNEED);  // a hint: a failure costs only memory
}

MappedFile::~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<std::byte*>(data_), size_);
}

}  // namespace incimap::detail
