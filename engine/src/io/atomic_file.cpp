#include "incimap/io/atomic_file.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <vector>

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

// A stream buffer over a file descriptor that remembers the first failed write's errno.
class AtomicTextFile::Buffer : public std::streambuf {
public:
    explicit Buffer(int fd) : fd_(fd), data_(1 << 16) { setp(data_.data(), data_.data() + data_.size()); }
    ~Buffer() override {
        if (fd_ >= 0) ::close(fd_);
    }
    /// Writes what is buffered and closes; the first error of any write, or 0.
    int close() {
        drain();
        if (::close(fd_) != 0 && error_ == 0) error_ = errno;
        fd_ = -1;
        return error_;
    }

protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }
    int sync() override { return drain() ? 0 : -1; }

private:
    bool drain() {
        const char* p = pbase();
        while (p < pptr() && error_ == 0) {
            const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) error_ = n < 0 ? errno : EIO;
            else p += n;
        }
        setp(data_.data(), data_.data() + data_.size());
        return error_ == 0;
    }

    int fd_;
    std::vector<char> data_;
    int error_ = 0;
};

AtomicTextFile::AtomicTextFile(std::filesystem::path final_path) : output_(std::move(final_path)), out_(nullptr) {
    const int fd = ::open(output_.temp_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) throw IoError(output_.final_path().string() + ": cannot create " + output_.temp_path().string() + ": " + std::strerror(errno));
    buffer_ = std::make_unique<Buffer>(fd);
    out_.rdbuf(buffer_.get());
}

AtomicTextFile::~AtomicTextFile() = default;

void AtomicTextFile::commit() {
    if (const int error = buffer_->close(); error != 0)
        throw IoError(output_.final_path().string() + ": write failed: " + std::strerror(error));
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
