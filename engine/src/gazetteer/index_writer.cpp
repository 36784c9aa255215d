#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "incimap/core/error.hpp"
#include "incimap/gazetteer/normalize.hpp"
#include "incimap/gazetteer/phonetic.hpp"
#include "incimap/core/script.hpp"
#include "index_format.hpp"
#include "place_draft.hpp"

namespace incimap::detail {

namespace {

// Longer keys are descriptions, not names; all-digit keys are postal or other codes.
constexpr std::size_t max_key_bytes = 160;
// Shorter skeletons say too little to match on; deletions need longer ones still.
constexpr std::size_t min_skeleton = 2;
constexpr std::size_t min_deletion_skeleton = 5;

bool usable_key(const std::string& key) {
    if (key.empty() || key.size() > max_key_bytes) return false;
    return !std::all_of(key.begin(), key.end(), [](char c) { return (c >= '0' && c <= '9') || c == ' '; });
}

// GeoNames lists all-lowercase ASCII alternates such as "kwlmar", "ke er ma" or "korumaru":
// machine romanisations of Arabic, Chinese or Japanese names. They stay findable exactly, but
// are kept out of phonetic matching, where their missing vowels would let near-nonsense in.
bool is_machine_romanisation(const std::string& name) {
    bool letters = false;
    for (char c : name) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x80 || (c >= 'A' && c <= 'Z')) return false;
        letters |= c >= 'a' && c <= 'z';
    }
    return letters;
}

class StringPool {
public:
    StringPool() { add(""); }
    std::uint32_t add(const std::string& s) {
        const auto [it, inserted] = offsets_.try_emplace(s, static_cast<std::uint32_t>(bytes_.size()));
        if (inserted) {
            bytes_.append(s);
            bytes_.push_back('\0');
            if (bytes_.size() > UINT32_MAX) throw DataError("gazetteer string pool exceeds 4 GiB");
        }
        return it->second;
    }
    const std::string& bytes() const { return bytes_; }

private:
    std::string bytes_;
    std::unordered_map<std::string, std::uint32_t> offsets_;
};

void copy_fixed(char* dest, std::size_t size, const std::string& src) {
    std::memset(dest, 0, size);
    std::memcpy(dest, src.data(), std::min(size, src.size()));
}

std::uint64_t align8(std::uint64_t v) { return (v + 7) & ~std::uint64_t{7}; }

}  // namespace

PackedIndex pack_gazetteer_index(const std::vector<PlaceDraft>& drafts) {
    StringPool pool;
    std::vector<PlaceRecord> places;
    places.reserve(drafts.size());
    std::vector<NameRecord> names;
    names.reserve(drafts.size() * 8);
    std::unordered_map<std::string, std::unordered_set<std::string>> fold_keys;  // fold -> Latin exact keys

    for (std::size_t i = 0; i < drafts.size(); ++i) {
        const PlaceDraft& d = drafts[i];
        PlaceRecord r{};
        r.geonameid = d.geonameid;
        r.lat_deg = d.lat_deg;
        r.lon_deg = d.lon_deg;
        r.population = d.population;
        // Display strings are cut to what their length fields hold (names are far shorter).
        const std::string name = d.name.substr(0, UINT16_MAX);
        const std::string admin1_code = d.admin1_code.substr(0, UINT8_MAX);
        const std::string admin1_name = d.admin1_name.substr(0, UINT16_MAX);
        r.name = pool.add(name);
        r.admin1_code = pool.add(admin1_code);
        r.admin1_name = pool.add(admin1_name);
        r.name_length = static_cast<std::uint16_t>(name.size());
        r.admin1_code_length = static_cast<std::uint8_t>(admin1_code.size());
        r.admin1_name_length = static_cast<std::uint16_t>(admin1_name.size());
        copy_fixed(r.country, sizeof r.country, d.country);
        copy_fixed(r.feature_code, sizeof r.feature_code, d.feature_code);
        r.kind = d.kind;
        r.source = d.source;
        for (const auto* names_of_kind : {&d.primary_names, &d.current_names, &d.alternate_names})
            for (const std::string& n : *names_of_kind) {
                const Script s = script_of(n);
                if (s == Script::cyrillic) r.scripts |= script_cyrillic;
                if (s == Script::arabic) r.scripts |= script_arabic;
            }
        places.push_back(r);

        const auto place = static_cast<std::uint32_t>(i);
        std::unordered_set<std::string> seen_keys, seen_forms;
        auto add = [&](const std::string& key, KeyKind kind, bool primary, std::uint32_t form, std::size_t form_length, bool latin) {
            const std::uint32_t lengths = (static_cast<std::uint32_t>(key.size()) << key_length_shift) |
                                          (static_cast<std::uint32_t>(form_length) << form_length_shift);
            names.push_back({key_hash(key, kind), pool.add(key), place, flags_of(kind, primary, latin) | lengths, form});
        };
        auto add_names = [&](const std::vector<std::string>& raw, bool primary, bool current) {
            for (const std::string& n : raw) {
                std::string key = normalize_name(n);
                if (!usable_key(key) || !seen_keys.insert(key).second) continue;
                add(key, KeyKind::exact, primary, 0, 0, is_ascii(key));
                if (current && !primary) names.back().flags |= name_current;
                if (!primary && is_machine_romanisation(n)) continue;
                const std::string folded = phonetic_fold(to_ascii(key));
                const std::string skel = skeleton(folded);
                const bool latin = is_ascii(key);
                // A fold seen from a transliterated name is seen again from a Latin one: Latin
                // queries compare only with Latin names, so both records are kept.
                if (skel.size() < min_skeleton || !seen_forms.insert(folded + (latin ? "\1" : "\2")).second) continue;
                const std::uint32_t form = pool.add(folded);
                add(skel, KeyKind::skeleton, primary, form, folded.size(), latin);
                if (latin) {
                    add(folded, KeyKind::fold, primary, form, folded.size(), latin);
                    fold_keys[folded].insert(key);
                }
                // One-edit errors are looked for only in a place's own names, which keeps the
                // table small; alternate names still match exactly and phonetically.
                if (!primary || skel.size() < min_deletion_skeleton) continue;
                for (const std::string& del : single_deletions(skel)) add(del, KeyKind::deletion, primary, form, folded.size(), latin);
            }
        };
        // Own names first, then current names: a name listed twice keeps its strongest kind.
        add_names(d.primary_names, true, true);
        add_names(d.current_names, false, true);
        add_names(d.alternate_names, false, d.alternates_current);
    }

    // Exact keys that share their fold with another key are marked, so that lookups try the fold
    // only for them.
    std::unordered_set<std::string> shared_keys;
    for (const auto& [fold, keys] : fold_keys)
        if (keys.size() > 1) shared_keys.insert(keys.begin(), keys.end());
    for (NameRecord& n : names)
        if (kind_of(n.flags) == KeyKind::exact &&
            shared_keys.count(std::string(pool.bytes().data() + n.key, key_length_of(n.flags))))
            n.flags |= name_fold_shared;

    std::sort(names.begin(), names.end(), [](const NameRecord& a, const NameRecord& b) {
        return a.hash != b.hash ? a.hash < b.hash : a.place < b.place;
    });
    // About one name per directory slot keeps each lookup to a short run.
    const std::uint32_t dir_bits = std::clamp<std::uint32_t>(
        static_cast<std::uint32_t>(std::bit_width(names.size())), 8, 26);
    std::vector<std::uint32_t> directory((std::size_t{1} << dir_bits) + 1, 0);
    {
        std::size_t n = 0;
        for (std::size_t b = 0; b + 1 < directory.size(); ++b) {
            while (n < names.size() && (names[n].hash >> (64 - dir_bits)) < b) ++n;
            directory[b] = static_cast<std::uint32_t>(n);
        }
        directory.back() = static_cast<std::uint32_t>(names.size());
    }

    FileHeader h{};
    std::memcpy(h.magic, gazetteer_magic, sizeof h.magic);
    h.format_version = gazetteer_format_version;
    h.dir_bits = dir_bits;
    h.place_count = places.size();
    h.name_count = names.size();
    h.places_offset = align8(sizeof(FileHeader));
    h.names_offset = align8(h.places_offset + places.size() * sizeof(PlaceRecord));
    h.directory_offset = align8(h.names_offset + names.size() * sizeof(NameRecord));
    h.strings_offset = align8(h.directory_offset + directory.size() * sizeof(std::uint32_t));
    h.strings_size = pool.bytes().size();
    h.file_size = h.strings_offset + h.strings_size;

    PackedIndex packed;
    packed.words.assign((h.file_size + 7) / 8, 0);
    packed.size = h.file_size;
    packed.names = names.size();
    auto* bytes = reinterpret_cast<char*>(packed.words.data());
    auto put = [&](std::uint64_t offset, const void* data, std::size_t size) {
        if (size > 0) std::memcpy(bytes + offset, data, size);
    };
    put(0, &h, sizeof h);
    put(h.places_offset, places.data(), places.size() * sizeof(PlaceRecord));
    put(h.names_offset, names.data(), names.size() * sizeof(NameRecord));
    put(h.directory_offset, directory.data(), directory.size() * sizeof(std::uint32_t));
    put(h.strings_offset, pool.bytes().data(), pool.bytes().size());
    return packed;
}

std::size_t write_gazetteer_index(const std::vector<PlaceDraft>& drafts, const std::string& path) {
    const PackedIndex packed = pack_gazetteer_index(drafts);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(packed.words.data()), static_cast<std::streamsize>(packed.size));
    out.close();
    if (!out) throw IoError(path + ": cannot write gazetteer index");
    return packed.names;
}

}  // namespace incimap::detail
