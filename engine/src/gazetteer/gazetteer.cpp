#include "incimap/core/ascii.hpp"
#include "incimap/gazetteer/gazetteer.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "incimap/core/error.hpp"
#include "incimap/gazetteer/normalize.hpp"
#include "incimap/io/mapped_file.hpp"
#include "incimap/gazetteer/user_places.hpp"
#include "index_format.hpp"
#include "place_draft.hpp"

namespace incimap {

using detail::FileHeader;
using detail::NameRecord;
using detail::PlaceRecord;

namespace {

std::string_view fixed_field(const char* data, std::size_t size) {
    return {data, strnlen(data, size)};
}

}  // namespace

std::string_view source_name(const Place& p) {
    if (p.source == PlaceSource::user) return "user";
    return p.kind == PlaceKind::city ? "geonames" : "natural_earth";
}

// One packed index: the built one, mapped from its file, or the user's places, packed in memory.
struct Gazetteer::Layer {
    std::uint32_t dir_bits = 0;
    std::span<const PlaceRecord> places;
    std::span<const NameRecord> names;
    std::span<const std::uint32_t> directory;
    std::string_view strings;
    std::uint32_t first = 0;  // gazetteer index of its first place

    Layer(const std::byte* base, std::size_t size, const std::string& name, std::uint32_t first_index) : first(first_index) {
        if (size < sizeof(FileHeader)) throw DataError(name + ": truncated gazetteer index");
        const auto* header = reinterpret_cast<const FileHeader*>(base);
        if (std::memcmp(header->magic, detail::gazetteer_magic, sizeof header->magic) != 0)
            throw DataError(name + ": not an incimap gazetteer index");
        if (header->format_version != detail::gazetteer_format_version)
            throw DataError(name + ": gazetteer format " + std::to_string(header->format_version) +
                            ", this build reads " + std::to_string(detail::gazetteer_format_version) +
                            "; rebuild the geodata with tools/setup.sh");
        // Overflow-safe: counts are compared with what the rest of the file can hold.
        const auto fits = [&](std::uint64_t offset, std::uint64_t count, std::uint64_t item_size) {
            return offset <= size && offset % 8 == 0 && count <= (size - offset) / item_size;
        };
        if (header->file_size != size || header->dir_bits < 1 || header->dir_bits > 30)
            throw DataError(name + ": corrupt or truncated gazetteer index");
        const std::uint64_t dir_entries = (std::uint64_t{1} << header->dir_bits) + 1;
        if (!fits(header->places_offset, header->place_count, sizeof(PlaceRecord)) ||
            !fits(header->names_offset, header->name_count, sizeof(NameRecord)) ||
            !fits(header->directory_offset, dir_entries, sizeof(std::uint32_t)) ||
            !fits(header->strings_offset, header->strings_size, 1) ||
            header->place_count > UINT32_MAX - first_index)
            throw DataError(name + ": corrupt or truncated gazetteer index");
        places = {reinterpret_cast<const PlaceRecord*>(base + header->places_offset), header->place_count};
        names = {reinterpret_cast<const NameRecord*>(base + header->names_offset), header->name_count};
        directory = {reinterpret_cast<const std::uint32_t*>(base + header->directory_offset), dir_entries};
        strings = {reinterpret_cast<const char*>(base + header->strings_offset), header->strings_size};
        dir_bits = header->dir_bits;
    }

    // A layer packed in memory, which is valid by construction.
    Layer(const detail::PackedIndex& packed, std::uint32_t first_index)
        : dir_bits(packed.header.dir_bits), places(packed.places), names(packed.names), directory(packed.directory),
          strings(packed.strings), first(first_index) {}

    std::string_view string_at(std::uint32_t offset) const {
        if (offset == 0 || offset >= strings.size()) return {};  // offset 0 is the empty string
        const char* start = strings.data() + offset;
        return {start, strnlen(start, strings.size() - offset)};
    }

    std::string_view string_of(std::uint32_t offset, std::size_t length) const {
        if (offset >= strings.size() || length > strings.size() - offset) return {};
        return {strings.data() + offset, length};
    }
};

Gazetteer::Gazetteer(const std::filesystem::path& index_file)
    : file_(std::make_unique<detail::MappedFile>(index_file)) {
    layers_.emplace_back(file_->data(), file_->size(), index_file.string(), 0);
    const Layer& index = layers_.front();
    size_ = index.places.size();
    name_count_ = index.names.size();
    for (std::uint32_t i = 0; i < index.places.size(); ++i) {
        const PlaceRecord& r = index.places[i];
        if (r.kind == PlaceKind::country) {
            country_by_code_.emplace(std::string(r.country, 2), i);
            // The alpha-3 code is stored as the feature code of country entries.
            country_by_code_.emplace(std::string(fixed_field(r.feature_code, sizeof r.feature_code)), i);
        } else if (r.kind == PlaceKind::admin1) {
            const std::string_view code = index.string_at(r.admin1_code);
            if (!code.empty()) admin1_by_code_.emplace(code, i);
        }
    }
}

Gazetteer::~Gazetteer() = default;

void Gazetteer::add_user_places(std::span<const UserPlace> places) {
    if (layers_.size() > 1) throw std::logic_error("Gazetteer::add_user_places called twice");
    std::vector<detail::PlaceDraft> drafts;
    drafts.reserve(places.size());
    for (const UserPlace& u : places) {
        detail::PlaceDraft d = detail::user_place_draft(u);
        user_footprint_rows_.push_back(u.footprint_wkb.empty() ? 0 : u.row);
        drafts.push_back(std::move(d));
    }
    user_index_ = std::make_unique<detail::PackedIndex>(detail::pack_gazetteer_index(drafts));
    layers_.emplace_back(*user_index_, static_cast<std::uint32_t>(size_));
    size_ += layers_.back().places.size();
    name_count_ += layers_.back().names.size();
}

std::size_t Gazetteer::size() const noexcept { return size_; }
std::size_t Gazetteer::name_count() const noexcept { return name_count_; }
std::size_t Gazetteer::mapped_bytes() const noexcept { return file_->size(); }

const Gazetteer::Layer& Gazetteer::layer_of(std::uint32_t index) const {
    return layers_.size() > 1 && index >= layers_[1].first ? layers_[1] : layers_[0];
}

PlaceKind Gazetteer::kind(std::uint32_t index) const {
    const Layer& l = layer_of(index);
    return l.places[index - l.first].kind;
}

Place Gazetteer::place(std::uint32_t index) const {
    const Layer& l = layer_of(index);
    const PlaceRecord& r = l.places[index - l.first];
    Place p;
    p.index = index;
    p.kind = static_cast<PlaceKind>(r.kind);
    p.geonameid = r.geonameid;
    p.position = {r.lon_deg, r.lat_deg};
    p.population = r.population;
    p.name = l.string_of(r.name, r.name_length);
    p.country = fixed_field(r.country, sizeof r.country);
    p.admin1_code = l.string_of(r.admin1_code, r.admin1_code_length);
    p.admin1_name = l.string_of(r.admin1_name, r.admin1_name_length);
    p.has_cyrillic_name = (r.scripts & detail::script_cyrillic) != 0;
    p.has_arabic_name = (r.scripts & detail::script_arabic) != 0;
    p.feature_code = p.kind == PlaceKind::country ? std::string_view("PCLI")
                                                   : fixed_field(r.feature_code, sizeof r.feature_code);
    p.source = r.source;
    if (l.first > 0) p.footprint_row = user_footprint_rows_[index - l.first];
    return p;
}

std::vector<NameHit> Gazetteer::find(std::string_view name) const {
    return find_key(normalize_name(name));
}

template <typename Visit>
void Gazetteer::scan(std::string_view key, std::uint32_t kind, Visit visit) const {
    if (key.empty()) return;
    const auto key_kind = static_cast<detail::KeyKind>(kind);
    const std::uint64_t h = detail::key_hash(key, key_kind);
    for (const Layer& l : layers_) {
        if (l.names.empty()) continue;
        const std::uint64_t bucket = h >> (64 - l.dir_bits);
        const std::uint32_t end = std::min<std::uint32_t>(l.directory[bucket + 1], static_cast<std::uint32_t>(l.names.size()));
        // Keys are pooled once, so records of one key share its offset: the text is compared once.
        std::uint32_t verified = UINT32_MAX;
        for (std::uint32_t i = l.directory[bucket]; i < end; ++i) {
            const NameRecord& n = l.names[i];
            if (n.hash != h || detail::kind_of(n.flags) != key_kind || n.place >= l.places.size()) continue;
            if (n.key != verified) {
                if (l.string_of(n.key, detail::key_length_of(n.flags)) != key) continue;
                verified = n.key;
            }
            visit(n, l);
        }
    }
}

std::vector<NameHit> Gazetteer::find_key(std::string_view key) const {
    std::vector<NameHit> hits;
    scan(key, static_cast<std::uint32_t>(detail::KeyKind::exact), [&](const NameRecord& n, const Layer& l) {
        hits.push_back({n.place + l.first, (n.flags & detail::name_primary) != 0, (n.flags & detail::name_fold_shared) != 0,
                        (n.flags & detail::name_current) != 0, (n.flags & detail::name_spells_own) != 0});
    });
    return hits;
}

std::vector<FormHit> Gazetteer::find_forms(std::string_view key, std::uint32_t kind) const {
    std::vector<FormHit> hits;
    scan(key, kind, [&](const NameRecord& n, const Layer& l) {
        hits.push_back({n.place + l.first, (n.flags & detail::name_primary) != 0, (n.flags & detail::name_latin) != 0,
                        l.string_of(n.form, detail::form_length_of(n.flags))});
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
    const auto it = country_by_code_.find(ascii_upper(iso_code));
    if (it == country_by_code_.end()) return std::nullopt;
    return place(it->second);
}

std::string Gazetteer::country_alpha2(std::string_view iso_code) const {
    const auto c = country(iso_code);
    return c ? std::string(c->country) : std::string();
}

std::optional<Place> Gazetteer::admin1(std::string_view iso_3166_2) const {
    const auto it = admin1_by_code_.find(ascii_upper(iso_3166_2));
    if (it == admin1_by_code_.end()) return std::nullopt;
    return place(it->second);
}

std::vector<std::string> alpha2_codes(const std::vector<std::string>& codes, const Gazetteer& gazetteer, const std::string& field) {
    std::vector<std::string> out;
    for (const std::string& code : codes) {
        const std::string a2 = gazetteer.country_alpha2(code);
        if (a2.empty()) throw InvalidOption(field, "unknown ISO 3166-1 country code '" + code + "'");
        out.push_back(a2);
    }
    return out;
}

}  // namespace incimap
