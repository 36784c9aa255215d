#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <optional>
#include <span>
#include <tuple>

#include "incimap/core/error.hpp"
#include "incimap/gazetteer/normalize.hpp"
#include "incimap/gazetteer/phonetic.hpp"
#include "incimap/core/script.hpp"
#include "index_format.hpp"
#include "place_draft.hpp"
#include "../core/huge_pages.hpp"
#include "../core/parallel.hpp"
#include "../core/radix_sort.hpp"

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

// Each distinct string once, NUL-terminated. The open-addressing table holds offsets into the
// bytes, not copies: the pool takes millions of keys, for the built index and at run time for a
// places file.
class StringPool {
public:
    /// Sized for `strings` strings of `bytes` bytes in all, which spares growing (each growth
    /// hashes every string again).
    StringPool(std::size_t strings, std::size_t bytes) {
        const std::size_t slots = std::bit_ceil(std::max<std::size_t>(1024, strings + strings / 3 + 1));
        reserve_in_huge_pages(slots_, slots);
        slots_.resize(slots);
        reserve_in_huge_pages(bytes_, bytes);
        add("");
    }
    std::uint32_t add(std::string_view s) { return add(s, name_hash(s)); }
    /// `hash` is name_hash(s), when the caller has it already.
    std::uint32_t add(std::string_view s, std::uint64_t hash) {
        const auto tag = static_cast<std::uint32_t>(hash >> 32);
        std::size_t i = hash & (slots_.size() - 1);
        for (; slots_[i].offset != empty_slot; i = (i + 1) & (slots_.size() - 1))
            if (slots_[i].tag == tag && slots_[i].offset + s.size() < bytes_.size() &&
                bytes_[slots_[i].offset + s.size()] == '\0' && bytes_.compare(slots_[i].offset, s.size(), s) == 0)
                return slots_[i].offset;
        const auto offset = static_cast<std::uint32_t>(bytes_.size());
        if (bytes_.size() + s.size() + 1 >= empty_slot) throw DataError("gazetteer string pool exceeds 4 GiB");
        bytes_.append(s);
        bytes_.push_back('\0');
        slots_[i] = {tag, offset};
        if (++used_ * 4 > slots_.size() * 3) grow();
        return offset;
    }
    const std::string& bytes() const { return bytes_; }
    /// Brings the slot where a string of this name_hash starts its probe into the cache.
    void prefetch(std::uint64_t hash) const { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }
    std::string take_bytes() { return std::move(bytes_); }

private:
    // Strings never hold NUL, so a stored string equals s when its bytes do and a NUL follows.
    static constexpr std::uint32_t empty_slot = UINT32_MAX;
    struct Slot {
        std::uint32_t tag = 0;  // the high half of the hash; the low half chose the slot
        std::uint32_t offset = empty_slot;
    };
    void grow() {
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        for (const Slot& s : old) {
            if (s.offset == empty_slot) continue;
            std::size_t i = name_hash(bytes_.c_str() + s.offset) & (slots_.size() - 1);
            while (slots_[i].offset != empty_slot) i = (i + 1) & (slots_.size() - 1);
            slots_[i] = s;
        }
    }
    std::string bytes_;
    std::vector<Slot> slots_;
    std::size_t used_ = 0;
};

// Records in one total order (hash, place, form, flags), the directory holding where each bucket
// of the hash's top `dir_bits` starts. A radix sort by bucket, then insertion sort in the buckets,
// which mostly hold a record or two: far faster than a comparison sort of millions.
void sort_into_buckets(std::vector<NameRecord>& names, std::uint32_t dir_bits, std::vector<std::uint32_t>& directory) {
    const auto bucket = [dir_bits](const NameRecord& n) { return n.hash >> (64 - dir_bits); };
    radix_sort(names, static_cast<int>(dir_bits), bucket);
    directory.clear();
    reserve_in_huge_pages(directory, (std::size_t{1} << dir_bits) + 1);
    directory.resize((std::size_t{1} << dir_bits) + 1, 0);
    for (const NameRecord& n : names) ++directory[bucket(n) + 1];
    for (std::size_t b = 1; b < directory.size(); ++b) directory[b] += directory[b - 1];
    const auto before = [](const NameRecord& a, const NameRecord& b) {
        return std::tie(a.hash, a.place, a.form, a.flags) < std::tie(b.hash, b.place, b.form, b.flags);
    };
    for (std::size_t b = 0; b + 1 < directory.size(); ++b) {
        const auto first = names.begin() + directory[b], last = names.begin() + directory[b + 1];
        if (last - first > 16) {
            std::sort(first, last, before);  // a common key's bucket
            continue;
        }
        for (auto i = first; i != last; ++i)
            for (auto j = i; j != first && before(*j, *(j - 1)); --j) std::iter_swap(j, j - 1);
    }
}

// Exact keys that share their fold with another key are marked, so that lookups try the fold
// only for them. `fold_keys` holds (fold, Latin exact key) pairs as pool offsets.
void mark_fold_shared(std::vector<NameRecord>& names, std::vector<std::pair<std::uint32_t, std::uint32_t>> fold_keys) {
    std::sort(fold_keys.begin(), fold_keys.end());
    fold_keys.erase(std::unique(fold_keys.begin(), fold_keys.end()), fold_keys.end());
    std::vector<std::uint32_t> shared_keys;
    for (std::size_t b = 0, e = 0; b < fold_keys.size(); b = e) {
        while (e < fold_keys.size() && fold_keys[e].first == fold_keys[b].first) ++e;
        if (e - b > 1)
            for (std::size_t k = b; k < e; ++k) shared_keys.push_back(fold_keys[k].second);
    }
    std::sort(shared_keys.begin(), shared_keys.end());
    for (NameRecord& n : names)
        if (kind_of(n.flags) == KeyKind::exact && std::binary_search(shared_keys.begin(), shared_keys.end(), n.key))
            n.flags |= name_fold_shared;
}

void copy_fixed(char* dest, std::size_t size, const std::string& src) {
    std::memset(dest, 0, size);
    std::memcpy(dest, src.data(), std::min(size, src.size()));
}

std::uint64_t align8(std::uint64_t v) { return (v + 7) & ~std::uint64_t{7}; }

// The keys of a run of places in the order they are packed, derived apart from the packing so
// that the derivation (normalisation and transliteration, most of the time) runs on all cores.
// One buffer for the run, not one per place: millions of small allocations cost a page fault for
// every few kilobytes of heap first touched.
struct KeyRun {
    struct Key {
        std::uint32_t key = 0, key_size = 0;    // in text
        std::uint32_t form = 0, form_size = 0;  // in text: the phonetic fold; none for exact keys
        KeyKind kind = KeyKind::exact;
        bool primary = false, latin = false, current = false, spells_own = false;
    };
    std::string text;
    std::vector<Key> keys;
    std::vector<std::size_t> place_end;  // per place of the run: one past its last key

    void add(std::string_view key, KeyKind kind, bool primary, bool latin, std::string_view form = {}, bool current = false,
             bool spells_own = false) {
        if (text.size() + key.size() + form.size() > UINT32_MAX) throw DataError("gazetteer keys of one thread exceed 4 GiB");
        Key k{static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(key.size()), 0, 0, kind, primary, latin, current,
              spells_own};
        text.append(key);
        if (!form.empty()) {
            k.form = static_cast<std::uint32_t>(text.size());
            k.form_size = static_cast<std::uint32_t>(form.size());
            text.append(form);
        }
        keys.push_back(k);
    }
};

// Appends the keys of one place to `out`.
void add_keys_of(const PlaceDraft& d, KeyRun& out) {
    std::vector<std::string> seen_keys;
    std::vector<std::pair<std::string, bool>> seen_forms;  // (fold, Latin)
    auto first_time = [](auto& seen, auto value) {
        if (std::find(seen.begin(), seen.end(), value) != seen.end()) return false;
        seen.push_back(std::move(value));
        return true;
    };
    // Whether a Latin alternate spells the place's own name (flag name_spells_own); the own
    // name's fold is made once, when first needed.
    const bool romanised = writes_script(d.country, Script::arabic) || writes_script(d.country, Script::cyrillic);
    std::optional<std::string> own_fold;
    auto spells_own = [&](const std::string& folded) {
        if (!romanised) return false;
        if (!own_fold) own_fold = phonetic_fold(to_ascii(normalize_name(d.name)));
        return folded_similarity(folded, *own_fold) >= own_spelling_similarity;
    };
    auto add_names = [&](const std::vector<std::string>& raw, bool primary, bool current) {
        for (const std::string& n : raw) {
            std::string key = normalize_name(n);
            if (!usable_key(key) || !first_time(seen_keys, key)) continue;
            const bool latin = is_ascii(key);
            const std::string folded = phonetic_fold(to_ascii(key));
            out.add(key, KeyKind::exact, primary, latin, {}, current && !primary, !primary && latin && spells_own(folded));
            if (!primary && is_machine_romanisation(n)) continue;
            const std::string skel = skeleton(folded);
            // A fold seen from a transliterated name is seen again from a Latin one: Latin
            // queries compare only with Latin names, so both records are kept.
            if (skel.size() < min_skeleton || !first_time(seen_forms, std::pair(folded, latin))) continue;
            out.add(skel, KeyKind::skeleton, primary, latin, folded);
            if (latin) out.add(folded, KeyKind::fold, primary, latin, folded);
            // One-edit errors are looked for only in a place's own names, which keeps the
            // table small; alternate names still match exactly and phonetically.
            if (!primary || skel.size() < min_deletion_skeleton) continue;
            for (const std::string& del : single_deletions(skel)) out.add(del, KeyKind::deletion, primary, latin, folded);
        }
    };
    // Own names first, then current names: a name listed twice keeps its strongest kind.
    add_names(d.primary_names, true, true);
    add_names(d.current_names, false, true);
    add_names(d.alternate_names, false, d.alternates_current);
    out.place_end.push_back(out.keys.size());
}

// The keys of drafts [begin, end), in buffers backed by huge pages and sized from the names with
// room to spare (room never written is never backed): a name gives about eight keys, mostly
// one-edit deletions, each with its fold beside it.
KeyRun key_run(const std::vector<PlaceDraft>& drafts, std::size_t begin, std::size_t end) {
    std::size_t names = 0, name_bytes = 0;
    for (std::size_t i = begin; i < end; ++i)
        for (const auto* names_of_kind : {&drafts[i].primary_names, &drafts[i].current_names, &drafts[i].alternate_names})
            for (const std::string& n : *names_of_kind) {
                ++names;
                name_bytes += n.size();
            }
    KeyRun run;
    reserve_in_huge_pages(run.keys, names * 10);
    reserve_in_huge_pages(run.text, name_bytes * 16);
    run.place_end.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i) add_keys_of(drafts[i], run);
    return run;
}

PlaceRecord record_of(const PlaceDraft& d, StringPool& pool) {
    PlaceRecord r{};
    r.geonameid = d.geonameid;
    r.lat_deg = d.lat_deg;
    r.lon_deg = d.lon_deg;
    r.population = d.population;
    // Display strings are cut to what their length fields hold (names are far shorter).
    const std::string_view name = std::string_view(d.name).substr(0, UINT16_MAX);
    const std::string_view admin1_code = std::string_view(d.admin1_code).substr(0, UINT8_MAX);
    const std::string_view admin1_name = std::string_view(d.admin1_name).substr(0, UINT16_MAX);
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
    return r;
}

}  // namespace

namespace {

// The records of one place's keys, pooled. The pool is far larger than the caches: its slots for
// the keys are fetched ahead, and a form shared by consecutive keys (a name's skeleton, fold and
// deletions) is looked up once. `fold_keys` gets each (fold, Latin exact key) pair.
void add_place_keys(const KeyRun& run, std::span<const KeyRun::Key> keys, std::uint32_t place, StringPool& pool,
                    std::vector<NameRecord>& names, std::vector<std::pair<std::uint32_t, std::uint32_t>>& fold_keys,
                    std::vector<std::uint64_t>& hashes) {
    hashes.clear();
    for (const KeyRun::Key& k : keys) {
        hashes.push_back(name_hash(std::string_view(run.text.data() + k.key, k.key_size)));
        pool.prefetch(hashes.back());
    }
    std::uint32_t exact_key = 0, form = 0;
    std::string_view form_text;
    for (std::size_t j = 0; j < keys.size(); ++j) {
        const KeyRun::Key& k = keys[j];
        const std::string_view key(run.text.data() + k.key, k.key_size);
        if (k.form_size == 0) {
            form = 0;
            form_text = {};
        } else if (const std::string_view text(run.text.data() + k.form, k.form_size); text != form_text) {
            form = pool.add(text);
            form_text = text;
        }
        const std::uint64_t hash = hashes[j];
        const std::uint32_t offset = pool.add(key, hash);
        const std::uint32_t lengths = (k.key_size << key_length_shift) | (k.form_size << form_length_shift);
        const std::uint32_t flags = flags_of(k.kind, k.primary, k.latin) | lengths | (k.current ? std::uint32_t{name_current} : 0U) |
                                    (k.spells_own ? std::uint32_t{name_spells_own} : 0U);
        names.push_back({key_hash(hash, k.kind), offset, place, flags, form});
        if (k.kind == KeyKind::exact) exact_key = offset;
        if (k.kind == KeyKind::fold) fold_keys.emplace_back(form, exact_key);
    }
}

// The file header: where each section starts, 8-byte aligned.
FileHeader header_of(std::size_t places, std::size_t names, std::size_t directory, std::size_t strings, std::uint32_t dir_bits) {
    FileHeader h{};
    std::memcpy(h.magic, gazetteer_magic, sizeof h.magic);
    h.format_version = gazetteer_format_version;
    h.dir_bits = dir_bits;
    h.place_count = places;
    h.name_count = names;
    h.places_offset = align8(sizeof(FileHeader));
    h.names_offset = align8(h.places_offset + places * sizeof(PlaceRecord));
    h.directory_offset = align8(h.names_offset + names * sizeof(NameRecord));
    h.strings_offset = align8(h.directory_offset + directory * sizeof(std::uint32_t));
    h.strings_size = strings;
    h.file_size = h.strings_offset + h.strings_size;
    return h;
}

}  // namespace

PackedIndex pack_gazetteer_index(const std::vector<PlaceDraft>& drafts) {
    const unsigned threads = std::max<unsigned>(1, std::min<unsigned>(thread_count(0), static_cast<unsigned>(drafts.size())));
    std::vector<KeyRun> runs(threads);
    on_threads(threads, [&](unsigned k) { runs[k] = key_run(drafts, drafts.size() * k / threads, drafts.size() * (k + 1) / threads); });

    // Strings are pooled in one order whatever the thread count: the index is the same.
    std::size_t key_count = 0, text_bytes = 0;
    for (const KeyRun& run : runs) {
        key_count += run.keys.size();
        text_bytes += run.text.size() + run.keys.size();
    }
    for (const PlaceDraft& d : drafts) text_bytes += d.name.size() + d.admin1_code.size() + d.admin1_name.size() + 3;
    StringPool pool(key_count + 3 * drafts.size(), text_bytes);
    std::vector<PlaceRecord> places;
    reserve_in_huge_pages(places, drafts.size());
    std::vector<NameRecord> names;
    reserve_in_huge_pages(names, key_count);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> fold_keys;  // (fold, Latin exact key), as pool offsets
    std::vector<std::uint64_t> hashes;
    std::size_t i = 0;  // the place
    for (KeyRun& run : runs) {
        for (std::size_t first_key = 0; const std::size_t end_key : run.place_end) {
            places.push_back(record_of(drafts[i], pool));
            add_place_keys(run, std::span<const KeyRun::Key>(run.keys.data() + first_key, end_key - first_key), static_cast<std::uint32_t>(i),
                           pool, names, fold_keys, hashes);
            first_key = end_key;
            ++i;
        }
        run = {};  // its memory is no longer needed
    }

    mark_fold_shared(names, std::move(fold_keys));

    // About one name per directory slot keeps each lookup to a short run.
    const std::uint32_t dir_bits = std::clamp<std::uint32_t>(
        static_cast<std::uint32_t>(std::bit_width(names.size())), 8, 26);
    std::vector<std::uint32_t> directory;
    sort_into_buckets(names, dir_bits, directory);

    PackedIndex packed;
    packed.header = header_of(places.size(), names.size(), directory.size(), pool.bytes().size(), dir_bits);
    packed.places = std::move(places);
    packed.names = std::move(names);
    packed.directory = std::move(directory);
    packed.strings = pool.take_bytes();
    return packed;
}

std::size_t write_gazetteer_index(const std::vector<PlaceDraft>& drafts, const std::string& path) {
    const PackedIndex packed = pack_gazetteer_index(drafts);
    const FileHeader& h = packed.header;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    // Each part at its offset; the gaps between them are zero.
    auto put = [&](std::uint64_t offset, const void* data, std::size_t size) {
        static constexpr char zeros[8] = {};
        out.write(zeros, static_cast<std::streamsize>(offset - static_cast<std::uint64_t>(out.tellp())));
        out.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    };
    put(0, &h, sizeof h);
    put(h.places_offset, packed.places.data(), packed.places.size() * sizeof(PlaceRecord));
    put(h.names_offset, packed.names.data(), packed.names.size() * sizeof(NameRecord));
    put(h.directory_offset, packed.directory.data(), packed.directory.size() * sizeof(std::uint32_t));
    put(h.strings_offset, packed.strings.data(), packed.strings.size());
    out.close();
    if (!out) throw IoError(path + ": cannot write gazetteer index");
    return packed.names.size();
}

}  // namespace incimap::detail
