#include "incimap/io/atomic_file.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "incimap/core/error.hpp"

namespace incimap {

namespace {

std::filesystem::path temp_name_for(const std::filesystem::path& final_path) {
    static std::atomic<unsigned> counter{0};
    std::string name = "." + final_path.stem().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                       std::to_string(counter++) + final_path.extension().string();
    return final_path.parent_path() / name;
}

void fsync_path(const std::filesystem::path& path, bool directory) {
    const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
    if (fd < 0) throw IoError(path.string() + ": cannot open to flush: " + std::strerror(errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) throw IoError(path.string() + ": cannot flush to disk: " + std::strerror(err));
}

}  // namespace

AtomicOutput::AtomicOutput(std::filesystem::path final_path)
    : final_(std::move(final_path)), temp_(temp_name_for(final_)) {}

AtomicOutput::~AtomicOutput() {
    if (!committed_) {
        std::error_code ignored;
        std::filesystem::remove(temp_, ignored);
    }
}

void AtomicOutput::commit() {
    if (!std::filesystem::exists(temp_)) throw IoError(final_.string() + ": nothing was written");
    fsync_path(temp_, false);
    if (std::rename(temp_.c_str(), final_.c_str()) != 0)
        throw IoError(final_.string() + ": cannot rename into place: " + std::strerror(errno));
    committed_ = true;
    const std::filesystem::path dir = final_.parent_path().empty() ? "." : final_.parent_path();
    fsync_path(dir, true);
}

AtomicTextFile::AtomicTextFile(std::filesystem::path final_path)
    : output_(std::move(final_path)), out_(output_.temp_path(), std::ios::binary | std::ios::trunc) {
    if (!out_) throw IoError(output_.final_path().string() + ": cannot create " + output_.temp_path().string());
}

void AtomicTextFile::commit() {
    errno = 0;
    out_.flush();
    const bool ok = static_cast<bool>(out_);
    out_.close();
    if (!ok || out_.fail())
        throw IoError(output_.final_path().string() + ": write failed" + (errno != 0 ? std::string(": ") + std::strerror(errno) : ""));
    output_.commit();
}

void swap_directory_in(const std::filesystem::path& fresh, const std::filesystem::path& final_dir) {
    const std::filesystem::path parent = final_dir.parent_path().empty() ? "." : final_dir.parent_path();
    if (!std::filesystem::exists(final_dir)) {
        std::filesystem::rename(fresh, final_dir);
    } else if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, final_dir.c_str(), RENAME_EXCHANGE) == 0) {
        std::filesystem::remove_all(fresh);  // now the old tree
    } else if (errno == EINVAL || errno == ENOSYS) {
        const std::filesystem::path old = parent / ("." + final_dir.filename().string() + ".old");
        std::filesystem::remove_all(old);
        std::filesystem::rename(final_dir, old);
        std::filesystem::rename(fresh, final_dir);
        std::filesystem::remove_all(old);
    } else {
        throw IoError(final_dir.string() + ": cannot swap in " + fresh.string() + ": " + std::strerror(errno));
    }
    fsync_path(parent, true);
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
    AtomicTextFile file(path);
    file.stream() << text;
    file.commit();
}

}  // namespace incimap
