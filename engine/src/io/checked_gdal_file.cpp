#include "incimap/io/checked_gdal_file.hpp"

#include <cpl_vsi.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <map>
#include <mutex>

namespace incimap {

namespace {

constexpr const char* prefix = "/vsiincimap_checked/";

std::mutex errors_mutex;
std::map<std::string, int> errors;  // path -> first errno

void remember(const std::string& path, int error) {
    const std::lock_guard lock(errors_mutex);
    errors.try_emplace(path, error);
}

std::string local(const char* gdal_path) {
    const std::string p = gdal_path;
    return p.rfind(prefix, 0) == 0 ? p.substr(std::char_traits<char>::length(prefix)) : p;
}

// A buffered stdio stream whose failures are remembered.
struct Handle {
    std::FILE* file;
    std::string path;
};

void* open_file(void*, const char* name, const char* access) {
    std::string mode = access;
    if (mode.find('b') == std::string::npos) mode += 'b';
    const std::string path = local(name);
    std::FILE* f = std::fopen(path.c_str(), mode.c_str());
    if (f == nullptr) return nullptr;
    return new Handle{f, path};
}

vsi_l_offset tell(void* h) { return static_cast<vsi_l_offset>(::ftello(static_cast<Handle*>(h)->file)); }

int seek(void* h, vsi_l_offset offset, int whence) {
    return ::fseeko(static_cast<Handle*>(h)->file, static_cast<off_t>(offset), whence) == 0 ? 0 : -1;
}

size_t read(void* h, void* buffer, size_t size, size_t count) { return std::fread(buffer, size, count, static_cast<Handle*>(h)->file); }

int eof(void* h) { return std::feof(static_cast<Handle*>(h)->file) ? 1 : 0; }

size_t write(void* h, const void* buffer, size_t size, size_t count) {
    auto* handle = static_cast<Handle*>(h);
    const size_t written = std::fwrite(buffer, size, count, handle->file);
    if (written != count) remember(handle->path, errno != 0 ? errno : EIO);
    return written;
}

int flush(void* h) {
    auto* handle = static_cast<Handle*>(h);
    if (std::fflush(handle->file) == 0) return 0;
    remember(handle->path, errno != 0 ? errno : EIO);
    return -1;
}

int truncate(void* h, vsi_l_offset size) {
    auto* handle = static_cast<Handle*>(h);
    if (std::fflush(handle->file) != 0 || ::ftruncate(::fileno(handle->file), static_cast<off_t>(size)) != 0) {
        remember(handle->path, errno != 0 ? errno : EIO);
        return -1;
    }
    return 0;
}

int close(void* h) {
    auto* handle = static_cast<Handle*>(h);
    const int rc = std::fclose(handle->file);
    if (rc != 0) remember(handle->path, errno != 0 ? errno : EIO);
    delete handle;
    return rc == 0 ? 0 : -1;
}

int stat(void*, const char* name, VSIStatBufL* buf, int) { return ::stat64(local(name).c_str(), buf); }

int unlink(void*, const char* name) { return ::unlink(local(name).c_str()); }

void install() {
    static std::once_flag once;
    std::call_once(once, [] {
        VSIFilesystemPluginCallbacksStruct* cb = VSIAllocFilesystemPluginCallbacksStruct();
        cb->open = open_file;
        cb->tell = tell;
        cb->seek = seek;
        cb->read = read;
        cb->eof = eof;
        cb->write = write;
        cb->flush = flush;
        cb->truncate = truncate;
        cb->close = close;
        cb->stat = stat;
        cb->unlink = unlink;
        VSIInstallPluginHandler(prefix, cb);
        VSIFreeFilesystemPluginCallbacksStruct(cb);
    });
}

}  // namespace

std::string checked_gdal_path(const std::filesystem::path& path) {
    install();
    return prefix + path.string();
}

int take_write_error(const std::filesystem::path& path) {
    const std::lock_guard lock(errors_mutex);
    const auto it = errors.find(path.string());
    if (it == errors.end()) return 0;
    const int error = it->second;
    errors.erase(it);
    return error;
}

}  // namespace incimap
