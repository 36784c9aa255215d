#pragma once
// MBTiles 1.3 output (SQLite): a metadata table and a tiles table with TMS row numbers, written
// in transactions to a temporary file that replaces the final path only when complete.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "incimap/io/atomic_file.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace incimap {

class MbtilesWriter {
public:
    /// Creates the file's tables and writes `metadata` (name, format, bounds, minzoom ...).
    /// Throws IoError naming the file.
    MbtilesWriter(const std::filesystem::path& path, const std::map<std::string, std::string>& metadata);
    ~MbtilesWriter();
    MbtilesWriter(const MbtilesWriter&) = delete;
    MbtilesWriter& operator=(const MbtilesWriter&) = delete;

    /// Adds tile z/x/y, numbered as XYZ (row 0 at the top); stored with the TMS row.
    void add(int z, int x, int y, const std::vector<std::uint8_t>& data);
    /// Ends the last transaction, closes the database and renames it into place.
    void commit();

private:
    void exec(const char* sql);
    AtomicOutput output_;
    sqlite3* db_ = nullptr;
    sqlite3_stmt* insert_ = nullptr;
    std::size_t in_transaction_ = 0;
};

}  // namespace incimap
