#pragma once
// Outputs that appear whole or not at all: written to a temporary file in the same directory,
// flushed to disk, then renamed over the final path.
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

namespace incimap {

/// A temporary path beside `final_path` that becomes `final_path` on commit(). Until then readers
/// of `final_path` see the previous complete file (or none). Destroyed without commit(), the
/// temporary file is removed. The temporary name keeps the final extension, because GDAL drivers
/// such as GPKG look at it.
class AtomicOutput {
public:
    explicit AtomicOutput(std::filesystem::path final_path);
    ~AtomicOutput();
    AtomicOutput(const AtomicOutput&) = delete;
    AtomicOutput& operator=(const AtomicOutput&) = delete;

    const std::filesystem::path& temp_path() const noexcept { return temp_; }
    const std::filesystem::path& final_path() const noexcept { return final_; }

    /// fsyncs the temporary file, renames it over the final path and fsyncs the directory.
    /// Throws IoError naming the final path on failure.
    void commit();

private:
    std::filesystem::path final_;
    std::filesystem::path temp_;
    bool committed_ = false;
};

/// A text file written through AtomicOutput. Its stream writes straight to the file descriptor
/// and keeps the first error, so that a full disk is reported as such.
class AtomicTextFile {
public:
    explicit AtomicTextFile(std::filesystem::path final_path);
    ~AtomicTextFile();
    AtomicTextFile(const AtomicTextFile&) = delete;
    AtomicTextFile& operator=(const AtomicTextFile&) = delete;
    std::ostream& stream() noexcept { return out_; }
    /// Flushes and closes the file (throwing IoError with the first write error) and commits.
    void commit();

private:
    class Buffer;
    AtomicOutput output_;
    std::unique_ptr<Buffer> buffer_;
    std::ostream out_;
};

/// Puts the complete directory `fresh` at `final_dir` in one step (Linux renameat2 with
/// RENAME_EXCHANGE), so that `final_dir` always holds the old tree or the new one, then removes
/// the old. Where the file system cannot exchange, the old tree is moved aside first (a moment
/// with no tree at all).
void swap_directory_in(const std::filesystem::path& fresh, const std::filesystem::path& final_dir);

/// Writes `text` to `path` atomically.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace incimap
