#include "incimap/gazetteer/gazetteer.hpp"

#include <algorithm>
#include <cstring>

#include "incimap/core/error.hpp"
#include "incimap/gazetteer/normalize.hpp"
#include "incimap/io/mapped_file.hpp"
#include "index_format.hpp"

namespace incimap {

using detail::FileHeader;
using detail::NameRecord;
using detail::PlaceRecord;

namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

std::string_view fixed_field(const char* data, std::size_t size) {
    return {data, strnlen(data, size)};
}

}  // namespace

Gazetteer::Gazetteer(const std::filesystem::path& index_file)
    : file_(std::make_unique<detail::MappedFile>(index_file)) {
    const std::string name = index_file.string();
    const std::byte* base = file_->data();
    const std::size_t size = file_->size();
    if (size < sizeof(FileHeader)) throw DataError(name + ": truncated gazetteer index");
    header_ = reinterpret_cast<const FileHeader*>(base);
    if (std::memcmp(header_->magic, detail::gazetteer_magic, sizeof header_->magic) != 0)
        throw DataError(name + ": not an incimap gazetteer index");
    if (header_->format_version != detail::gazetteer_format_version)
        throw DataError(name + ": gazetteer format " + std::to_string(header_->format_version) +
                        ", this build reads " + std::to_string(detail::gazetteer_format_version) +
                        "; rebuild the geodata with tools/setup.sh");
    // Overflow-safe: counts are compared with what the rest of the file can hold.
    const auto fits = [&](std::uint64_t offset, std::uint64_t count, std::uint64_t item_size) {
        return offset <= size && offset % 8 == 0 && count <= (size - offset) / item_size;
    };
    if (header_->file_size != size || header_->dir_bits < 1 || header_->dir_bits > 30)
        throw DataError(name + ": corrupt or truncated gazetteer index");
    const std::uint64_t dir_entries = (std::uint64_t{1} << header_->dir_bits) + 1;
    if (!fits(header_->places_offset, header_->place_count, sizeof(PlaceRecord)) ||
        !fits(header_->names_offset, header_->name_count, sizeof(NameRecord)) ||
        !fits(header_->directory_offset, dir_entries, sizeof(std::uint32_t)) ||
        !fits(header_->strings_offset, header_->strings_size, 1))
        throw DataError(name + ": corrupt or truncated gazetteer index");

    places_ = {reinterpret_cast<const PlaceRecord*>(base + header_->places_offset), header_->place_count};
    names_ = {reinterpret_cast<const NameRecord*>(base + header_->names_offset), header_->name_count};
    directory_ = {reinterpret_cast<const std::uint32_t*>(base + header_->directory_offset), dir_entries};
    strings_ = {reinterpret_cast<const char*>(base + header_->strings_offset), header_->strings_size};

    for (std::uint32_t i = 0; i < places_.size(); ++i) {
        const PlaceRecord& r = places_[i];
        if (r.kind == PlaceKind::country) {
            country_by_code_.emplace(std::string(r.country, 2), i);
            // The alpha-3 code is stored as the feature code of country entries.
            country_by_code_.emplace(std::string(fixed_field(r.feature_code, sizeof r.feature_code)), i);
        } else if (r.kind == PlaceKind::admin1) {
            const std::string_view code = string_at(r.admin1_code);
            if (!code.empty()) admin1_by_code_.emplace(code, i);
        }
    }
}

Gazetteer::~Gazetteer() = default;

std::size_t Gazetteer::size() const noexcept { return places_.size(); }
std::size_t Gazetteer::name_count() const noexcept { return names_.size(); }
std::size_t Gazetteer::mapped_bytes() const noexcept { return file_->size(); }

std::string_view Gazetteer::string_at(std::uint32_t offset) const {
    if (offset == 0 || offset >= strings_.size()) return {};  // offset 0 is the empty string
    const char* start = strings_.data() + offset;
    return {start, strnlen(start, strings_.size() - offset)};
}

PlaceKind Gazetteer::kind(std::uint32_t index) const { return places_[index].kind; }

Place Gazetteer::place(std::uint32_t index) const {
    const PlaceRecord& r = places_[index];
    Place p;
    p.index = index;
    p.kind = static_cast<PlaceKind>(r.kind);
    p.geonameid = r.geonameid;
    p.position = {r.lon_deg, r.lat_deg};
    p.population = r.population;
    p.name = string_of(r.name, r.name_length);
    p.country = fixed_field(r.country, sizeof r.country);
    p.admin1_code = string_of(r.admin1_code, r.admin1_code_length);
    p.admin1_name = string_of(r.admin1_name, r.admin1_name_length);
    p.has_cyrillic_name = (r.scripts & detail::script_cyrillic) != 0;
    p.has_arabic_name = (r.scripts & detail::script_arabic) != 0;
    p.feature_code = p.kind == PlaceKind::country ? std::string_view("PCLI")
                                                   : fixed_field(r.feature_code, sizeof r.feature_code);
    return p;
}

std::vector<NameHit> Gazetteer::find(std::string_view name) const {
    return find_key(normalize_name(name));
}

std::string_view Gazetteer::string_of(std::uint32_t offset, std::size_t length) const {
    if (offset >= strings_.size() || length > strings_.size() - offset) return {};
    return {strings_.data() + offset, length};
}

template <typename Visit>
void Gazetteer::scan(std::string_view key, std::uint32_t kind, Visit visit) const {
    if (key.empty() || names_.empty()) return;
    const auto key_kind = static_cast<detail::KeyKind>(kind);
    const std::uint64_t h = detail::key_hash(key, key_kind);
    const std::uint64_t bucket = h >> (64 - header_->dir_bits);
    const std::uint32_t end = std::min<std::uint32_t>(directory_[bucket + 1], static_cast<std::uint32_t>(names_.size()));
    // Keys are pooled once, so records of one key share its offset: the text is compared once.
    std::uint32_t verified = UINT32_MAX;
    for (std::uint32_t i = directory_[bucket]; i < end; ++i) {
        const NameRecord& n = names_[i];
        if (n.hash != h || detail::kind_of(n.flags) != key_kind || n.place >= places_.size()) continue;
        if (n.key != verified) {
            if (string_of(n.key, detail::key_length_of(n.flags)) != key) continue;
            verified = n.key;
        }
        visit(n);
    }
}

std::vector<NameHit> Gazetteer::find_key(std::string_view key) const {
    std::vector<NameHit> hits;
    scan(key, static_cast<std::uint32_t>(detail::KeyKind::exact),
         [&](const NameRecord& n) {
             hits.push_back({n.place, (n.flags & detail::name_primary) != 0, (n.flags & detail::name_fold_shared) != 0,
                         (n.flags & detail::name_current) != 0});
         });
    return hits;
}

std::vector<FormHit> Gazetteer::find_forms(std::string_view key, std::uint32_t kind) const {
    std::vector<FormHit> hits;
    scan(key, kind, [&](const NameRecord& n) {
        hits.push_back({n.place, (n.flags & detail::name_primary) != 0, (n.flags & detail::name_latin) != 0,
                        string_of(n.form, detail::form_length_of(n.flags))});
    });
    return hits;
}

std::vector<FormHit> Gazetteer::find_skeleton(std::string_view skeleton) const {
    return find_forms(skeleton, static_cast<std::uint32_t>(detail::KeyKind::skeleton));
}

std::vector<FormHit> Gazetteer::find_fold(std::string_view folded) const {
    return find_forms(folded, static_cast<std::uint32_t>(detail::KeyKind::fold));
}

std::vector<FormHit> Gazetteer::find_deletion(std::string_view deleted) const {
    return find_forms(deleted, static_cast<std::uint32_t>(detail::KeyKind::deletion));
}

std::optional<Place> Gazetteer::country(std::string_view iso_code) const {
    const auto it = country_by_code_.find(upper(iso_code));
    if (it == country_by_code_.end()) return std::nullopt;
    return place(it->second);
}

std::string Gazetteer::country_alpha2(std::string_view iso_code) const {
    const auto c = country(iso_code);
    return c ? std::string(c->country) : std::string();
}

std::optional<Place> Gazetteer::admin1(std::string_view iso_3166_2) const {
    const auto it = admin1_by_code_.find(upper(iso_3166_2));
    if (it == admin1_by_code_.end()) return std::nullopt;
    return place(it->second);
}

std::vector<std::string> parse_country_codes(const std::string& codes, const Gazetteer& gazetteer, const std::string& option) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= codes.size() && !codes.empty()) {
        const std::size_t comma = codes.find(',', start);
        std::string code = codes.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        code.erase(0, code.find_first_not_of(' '));
        code.erase(code.find_last_not_of(' ') + 1);
        if (!code.empty()) {
            const std::string a2 = gazetteer.country_alpha2(code);
            if (a2.empty()) throw UsageError(option + ": unknown ISO 3166-1 country code '" + code + "'");
            out.push_back(a2);
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace incimap
