#include "incimap/output/mbtiles.hpp"

#include <sqlite3.h>

#include "incimap/core/error.hpp"
#include "incimap/render/tiles.hpp"

namespace incimap {

namespace {
constexpr std::size_t tiles_per_transaction = 2000;
}

MbtilesWriter::MbtilesWriter(const std::filesystem::path& path, const std::map<std::string, std::string>& metadata) : output_(path) {
    std::filesystem::remove(output_.temp_path());
    if (sqlite3_open_v2(output_.temp_path().c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK)
        throw IoError(path.string() + ": cannot create: " + (db_ ? sqlite3_errmsg(db_) : "out of memory"));
    // The temporary file is renamed into place whole: SQLite needs no journal of its own.
    exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;"
         "CREATE TABLE metadata (name text, value text);"
         "CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob);"
         "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
         "CREATE UNIQUE INDEX name ON metadata (name);");
    sqlite3_stmt* meta = nullptr;
    if (sqlite3_prepare_v2(db_, "INSERT INTO metadata (name, value) VALUES (?, ?)", -1, &meta, nullptr) != SQLITE_OK)
        throw IoError(path.string() + ": " + sqlite3_errmsg(db_));
    for (const auto& [name, value] : metadata) {
        sqlite3_bind_text(meta, 1, name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(meta, 2, value.c_str(), -1, SQLITE_TRANSIENT);
        const int rc = sqlite3_step(meta);
        sqlite3_reset(meta);
        if (rc != SQLITE_DONE) {
            sqlite3_finalize(meta);
            throw IoError(path.string() + ": " + sqlite3_errmsg(db_));
        }
    }
    sqlite3_finalize(meta);
    if (sqlite3_prepare_v2(db_, "INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)", -1, &insert_,
                           nullptr) != SQLITE_OK)
        throw IoError(path.string() + ": " + sqlite3_errmsg(db_));
}

MbtilesWriter::~MbtilesWriter() {
    if (insert_) sqlite3_finalize(insert_);
    if (db_) sqlite3_close(db_);
}

void MbtilesWriter::exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw IoError(output_.final_path().string() + ": " + message);
    }
}

void MbtilesWriter::add(int z, int x, int y, const std::vector<std::uint8_t>& data) {
    if (in_transaction_ == 0) exec("BEGIN");
    sqlite3_bind_int(insert_, 1, z);
    sqlite3_bind_int(insert_, 2, x);
    sqlite3_bind_int(insert_, 3, tms_row({z, x, y}));
    sqlite3_bind_blob(insert_, 4, data.data(), static_cast<int>(data.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(insert_);
    sqlite3_reset(insert_);
    if (rc != SQLITE_DONE) throw IoError(output_.final_path().string() + ": " + sqlite3_errmsg(db_));
    if (++in_transaction_ == tiles_per_transaction) {
        exec("COMMIT");
        in_transaction_ = 0;
    }
}

void MbtilesWriter::commit() {
    if (in_transaction_ > 0) exec("COMMIT");
    in_transaction_ = 0;
    sqlite3_finalize(insert_);
    insert_ = nullptr;
    if (sqlite3_close(db_) != SQLITE_OK) throw IoError(output_.final_path().string() + ": cannot close: " + sqlite3_errmsg(db_));
    db_ = nullptr;
    output_.commit();
}

}  // namespace incimap
