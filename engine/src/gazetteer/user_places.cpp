#include "incimap/core/ascii.hpp"
#include "incimap/gazetteer/user_places.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <variant>

#include "../core/parallel.hpp"
#include "incimap/core/error.hpp"
#include "incimap/core/utf8.hpp"
#include "incimap/gazetteer/boundaries.hpp"
#include "incimap/gazetteer/normalize.hpp"
#include "incimap/io/ingest.hpp"
#include "incimap/io/polygon_file.hpp"
#include "place_draft.hpp"

namespace incimap {

namespace {

const char* const place_drivers[] = {"CSV", "XLSX", "ODS", "GeoJSON", "GPKG", "ESRI Shapefile", "FlatGeobuf", nullptr};

// Names whose key the index would not hold (see index_writer.cpp) are refused with a reason.
constexpr std::size_t max_name_key_bytes = 160;

// A row that cannot become a place: the field at fault and why.
struct BadRow {
    std::string field;
    std::string reason;
};

// A row as read from its file, before it is placed in its country and admin-1 area (placing
// needs no file access, so rows are placed on all cores).
struct RowRead {
    std::int64_t row = 0;
    std::variant<UserPlace, BadRow> place;
    std::string country, admin1;          // as the row gives them
    std::optional<BadRow> bad_population; // reported after a bad area, as a row is checked in order
};

struct Columns {
    int name = -1, alt_names = -1, lat = -1, lon = -1, country = -1, admin1 = -1, kind = -1, population = -1;
};

Columns find_columns(const OGRFeatureDefn& defn) {
    Columns c;
    for (int i = 0; i < defn.GetFieldCount(); ++i) {
        const std::string n = ascii_lower(defn.GetFieldDefn(i)->GetNameRef());
        int* slot = n == "name" ? &c.name
                    : n == "alt_names" ? &c.alt_names
                    : n == "lat" || n == "latitude" ? &c.lat
                    : n == "lon" || n == "lng" || n == "longitude" ? &c.lon
                    : n == "country" ? &c.country
                    : n == "admin1" ? &c.admin1
                    : n == "kind" ? &c.kind
                    : n == "population" ? &c.population
                                        : nullptr;
        if (slot != nullptr && *slot < 0) *slot = i;
    }
    return c;
}

std::string text_of(const OGRFeature& f, int i) {
    return i >= 0 && f.IsFieldSetAndNotNull(i) ? trimmed(f.GetFieldAsString(i)) : std::string();
}

// Why `name` cannot be a gazetteer name, or empty.
std::string name_problem(const std::string& name) {
    if (name.empty()) return "empty name";
    if (invalid_utf8_at(name)) return "not valid UTF-8";
    if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
        return "control characters in the name";
    const std::string key = normalize_name(name);
    if (key.empty()) return "'" + name + "' holds no letters";
    if (key.size() > max_name_key_bytes) return "a name longer than " + std::to_string(max_name_key_bytes) + " bytes";
    if (std::all_of(key.begin(), key.end(), [](char c) { return (c >= '0' && c <= '9') || c == ' '; }))
        return "'" + name + "' is a number, not a name";
    return {};
}

std::optional<double> number(const std::string& text) {
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

class RowReader {
public:
    RowReader(const PolygonFile& file, const Columns& cols, const Gazetteer& gazetteer, const Boundaries& boundaries)
        : file_(file), cols_(cols), gazetteer_(gazetteer), boundaries_(boundaries) {}

    // One row of the file, read but not yet placed.
    RowRead read(const OGRFeature& f, std::int64_t row) const {
        RowRead out;
        out.row = row;
        out.place = read_place(f, row);
        if (std::holds_alternative<UserPlace>(out.place)) {
            out.country = text_of(f, cols_.country);
            out.admin1 = text_of(f, cols_.admin1);
            out.bad_population = read_population(f, std::get<UserPlace>(out.place));
        }
        return out;
    }

    // Gives the read row its country and admin-1 area, as the row names them or where it lies.
    // Reads no file; safe to run on several rows at once.
    void assign_areas(RowRead& read) const {
        auto* p = std::get_if<UserPlace>(&read.place);
        if (p == nullptr) return;
        if (auto bad = read_area(read.country, read.admin1, *p)) read.place = *bad;
        else if (read.bad_population) read.place = *read.bad_population;
    }

private:
    const PolygonFile& file_;
    const Columns& cols_;
    const Gazetteer& gazetteer_;
    const Boundaries& boundaries_;

    // The row's names, kind and position, or why it has none.
    std::variant<UserPlace, BadRow> read_place(const OGRFeature& f, std::int64_t row) const {
        UserPlace p;
        p.row = row;
        p.name = text_of(f, cols_.name);
        if (std::string why = name_problem(p.name); !why.empty()) return BadRow{"name", why};
        const std::string alt_names = text_of(f, cols_.alt_names);
        for (std::string_view rest = alt_names; !rest.empty();) {
            const std::size_t bar = rest.find('|');
            std::string alt = trimmed(rest.substr(0, bar));
            rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
            if (alt.empty()) continue;
            if (std::string why = name_problem(alt); !why.empty()) return BadRow{"alt_names", why};
            p.alt_names.push_back(std::move(alt));
        }
        if (auto bad = read_kind(f, p)) return *bad;
        if (auto bad = read_position(f, row, p)) return *bad;
        return p;
    }

    std::optional<BadRow> read_kind(const OGRFeature& f, UserPlace& p) const {
        const std::string kind = ascii_lower(text_of(f, cols_.kind));
        if (kind.empty() || kind == "place") p.kind = PlaceKind::city;
        else if (kind == "district") p.kind = PlaceKind::district;
        else if (kind == "admin1") p.kind = PlaceKind::admin1;
        else return BadRow{"kind", "'" + kind + "' is not one of place, district, admin1"};
        return std::nullopt;
    }

    // lat/lon when given, else the geometry's point, else the polygon's point on surface; a
    // polygon is the footprint in either case.
    std::optional<BadRow> read_position(const OGRFeature& f, std::int64_t row, UserPlace& p) const {
        std::vector<std::string> notes;
        std::unique_ptr<OGRGeometry> polygon;
        try {
            polygon = file_.polygon(f, row, notes);
        } catch (const InputError& e) {
            return BadRow{"geometry", e.what()};
        }
        if (polygon) {
            if (!polygon->IsValid()) return BadRow{"geometry", "an invalid polygon (self-intersecting?)"};
            p.footprint_wkb.resize(static_cast<std::size_t>(polygon->WkbSize()));
            polygon->exportToWkb(wkbNDR, p.footprint_wkb.data(), wkbVariantIso);
        }
        const std::string lat = text_of(f, cols_.lat), lon = text_of(f, cols_.lon);
        if (!lat.empty() || !lon.empty()) {
            const auto y = number(lat), x = number(lon);
            if (!y || std::fabs(*y) > 90) return BadRow{"lat", "'" + lat + "' is not a latitude"};
            if (!x || std::fabs(*x) > 180) return BadRow{"lon", "'" + lon + "' is not a longitude"};
            p.position = {*x, *y};
            return std::nullopt;
        }
        if (polygon) {
            const std::unique_ptr<OGRGeometry> inside(
                OGRGeometry::FromHandle(OGR_G_PointOnSurface(OGRGeometry::ToHandle(polygon.get()))));
            if (!inside || wkbFlatten(inside->getGeometryType()) != wkbPoint || inside->IsEmpty())
                return BadRow{"geometry", "no point inside the polygon"};
            p.position = {inside->toPoint()->getX(), inside->toPoint()->getY()};
            return std::nullopt;
        }
        if (const OGRGeometry* g = f.GetGeometryRef(); g != nullptr && wkbFlatten(g->getGeometryType()) == wkbPoint && !g->IsEmpty()) {
            OGRPoint point(*g->toPoint());
            if (file_.to_wgs84 && !transform_input_geometry(point, *file_.to_wgs84))
                return BadRow{"geometry", "cannot transform the point to WGS 84"};
            p.position = {point.getX(), point.getY()};
            return std::nullopt;
        }
        return BadRow{"lat", "no position: give lat and lon, or a point or polygon geometry"};
    }

    // Country and admin-1 area: as given (codes or names), else where the place lies.
    std::optional<BadRow> read_area(const std::string& country, const std::string& admin1, UserPlace& p) const {
        const std::optional<Area> lies_in = boundaries_.country_at(p.position);
        if (!country.empty()) {
            p.country = country_code(country);
            if (p.country.empty()) return BadRow{"country", "'" + country + "' is no country code or name"};
            if ((!lies_in || lies_in->code != p.country) && p.footprint_wkb.empty())
                return BadRow{"lat", "the position lies " + (lies_in ? "in " + lies_in->code : std::string("in no country")) +
                                         ", not in " + p.country + " (latitude and longitude swapped?)"};
        } else if (lies_in) {
            p.country = lies_in->code;
        } else {
            return BadRow{"country", "the position lies in no country; give the country"};
        }
        if (!admin1.empty()) {
            const std::optional<Place> area = admin1_area(admin1, p.country);
            if (!area) return BadRow{"admin1", "'" + admin1 + "' is no admin-1 area of " + p.country};
            p.admin1_code = area->admin1_code;
            p.admin1_name = area->name;
        } else if (p.kind != PlaceKind::admin1) {
            if (const auto a = boundaries_.admin1_at(p.position); a && a->country == p.country) {
                p.admin1_code = a->code;
                if (const auto area = gazetteer_.admin1(a->code)) p.admin1_name = area->name;
                else p.admin1_name = a->name;
            }
        }
        return std::nullopt;
    }

    std::optional<BadRow> read_population(const OGRFeature& f, UserPlace& p) const {
        const std::string text = text_of(f, cols_.population);
        if (text.empty()) return std::nullopt;
        const auto v = number(text);
        if (!v || *v < 0 || *v > UINT32_MAX || *v != std::floor(*v)) return BadRow{"population", "'" + text + "' is not a population"};
        p.population = static_cast<std::uint32_t>(*v);
        return std::nullopt;
    }

    std::string country_code(const std::string& text) const {
        if (text.size() <= 3)
            if (std::string code = gazetteer_.country_alpha2(text); !code.empty()) return code;
        for (const NameHit& h : gazetteer_.find(text))
            if (gazetteer_.kind(h.place) == PlaceKind::country) return std::string(gazetteer_.place(h.place).country);
        return {};
    }

    std::optional<Place> admin1_area(const std::string& text, const std::string& country) const {
        if (const auto area = gazetteer_.admin1(text); area && area->country == country) return area;
        for (const NameHit& h : gazetteer_.find(text))
            if (gazetteer_.kind(h.place) == PlaceKind::admin1)
                if (const Place area = gazetteer_.place(h.place); area.country == country) return area;
        return std::nullopt;
    }
};

PolygonFile open_places_file(const std::string& path) {
    check_local_path(path);
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw InputError(path, "no such file");
    ensure_gdal_registered();
    take_refused_url();
    GdalErrorCapture capture;
    // A CSV's geometry may be a WKT column; its coordinates may be lat/lon columns, read as text.
    const char* csv_options[] = {"HEADERS=YES", "AUTODETECT_TYPE=NO", "EMPTY_STRING_AS_NULL=YES",
                                 "GEOM_POSSIBLE_NAMES=geometry,wkt,the_geom", "KEEP_GEOM_COLUMNS=NO", nullptr};
    PolygonFile file;
    file.path = path;
    GDALDriverH driver = GDALIdentifyDriverEx(path.c_str(), GDAL_OF_VECTOR, place_drivers, nullptr);
    if (driver == nullptr)
        throw InputError(path, "unknown format (places are read from CSV, XLSX, ODS, GeoJSON, GeoPackage, Shapefile, FlatGeobuf)");
    const std::string driver_name = GDALGetDriverShortName(driver);
    const char* only[] = {driver_name.c_str(), nullptr};
    file.dataset.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, only,
                                         driver_name == "CSV" ? csv_options : nullptr));
    if (!file.dataset || file.dataset->GetLayerCount() == 0)
        throw InputError(path, "cannot open the places file" + (capture.first_error().empty() ? "" : ": " + capture.first_error()));
    refuse_if_fetched(path);
    file.layer = file.dataset->GetLayer(0);
    file.to_wgs84 = transform_to_wgs84(*file.layer, path, "places file");
    return file;
}

}  // namespace

UserPlacesFile read_user_places(const std::string& path, const Gazetteer& gazetteer, const Boundaries& boundaries) {
    const PolygonFile file = open_places_file(path);
    const Columns cols = find_columns(*file.layer->GetLayerDefn());
    if (cols.name < 0) throw InputError(path, "no 'name' column");
    const RowReader reader(file, cols, gazetteer, boundaries);
    UserPlacesFile out;
    GdalErrorCapture capture;
    file.layer->ResetReading();
    std::vector<RowRead> rows;
    for (auto& feature : *file.layer) rows.push_back(reader.read(*feature, ++out.rows));
    if (!capture.first_error().empty()) throw InputError(path, capture.first_error());
    constexpr int rows_per_thread = 4096;  // fewer rows are placed sooner than a thread starts
    const int count = static_cast<int>(rows.size());
    const unsigned threads = std::min(thread_count(0), static_cast<unsigned>(count / rows_per_thread + 1));
    share_rows(count, threads, [&](int begin, int end) {
        for (int i = begin; i < end; ++i) reader.assign_areas(rows[static_cast<std::size_t>(i)]);
    });
    for (RowRead& read : rows) {
        if (auto* bad = std::get_if<BadRow>(&read.place))
            out.problems.push_back(InputError(path, bad->reason, read.row, bad->field).what());
        else
            out.places.push_back(std::move(std::get<UserPlace>(read.place)));
    }
    if (out.places.empty())
        throw InputError(path, out.rows == 0 ? "no places in the file"
                                             : "no usable place in " + std::to_string(out.rows) + " rows; the first problem: " +
                                                   out.problems.front());
    return out;
}


namespace detail {

PlaceDraft user_place_draft(const UserPlace& u) {
    PlaceDraft d;
    d.kind = u.kind;
    d.source = PlaceSource::user;
    d.lat_deg = u.position.lat_deg;
    d.lon_deg = u.position.lon_deg;
    d.population = u.population;
    d.name = u.name;
    d.country = u.country;
    d.admin1_code = u.admin1_code;
    d.admin1_name = u.kind == PlaceKind::admin1 ? u.name : u.admin1_name;
    d.feature_code = u.kind == PlaceKind::city ? "PPL" : u.kind == PlaceKind::district ? "ADM2" : "ADM1";
    // Every name the analyst wrote is the place's own: one-edit spellings of them match too.
    d.primary_names.push_back(u.name);
    d.primary_names.insert(d.primary_names.end(), u.alt_names.begin(), u.alt_names.end());
    return d;
}

}  // namespace detail

}  // namespace incimap
