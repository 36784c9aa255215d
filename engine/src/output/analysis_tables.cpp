#include "incimap/output/analysis_tables.hpp"

#include <chrono>
#include <cmath>
#include <sstream>

#include "incimap/core/error.hpp"
#include "incimap/io/atomic_file.hpp"
#include "incimap/io/csv.hpp"
#include "incimap/io/geojson_layer.hpp"

namespace incimap {

namespace {

// Counts keep four decimals: enough for spread shares, short in the files.
double rounded(double v) { return std::round(v * 10000) / 10000; }

std::string number(double v) {
    std::ostringstream s;
    s << rounded(v);
    return s.str();
}

void set_date(OGRFeature& f, const char* field, std::chrono::sys_days day) {
    const std::chrono::year_month_day ymd{day};
    f.SetField(f.GetFieldIndex(field), int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())));
}

}  // namespace

std::string event_type_field(const std::string& event_type) {
    std::string slug;
    for (char c : event_type) {
        const bool alnum = std::isalnum(static_cast<unsigned char>(c)) != 0;
        if (alnum) slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        else if (!slug.empty() && slug.back() != '_') slug += '_';
    }
    while (!slug.empty() && slug.back() == '_') slug.pop_back();
    return "type_" + (slug.empty() ? std::string("unknown") : slug);
}

LayerSchema write_regions_geojson(const std::filesystem::path& path, const RegionPeriodTable& table, const RegionSet& regions) {
    GeoJsonLayer::Fields fields = {
        {"region", OFTString}, {"region_code", OFTString}, {"period", OFTString}, {"period_start", OFTDate},
        {"period_end", OFTDate}, {"total", OFTReal}, {"domestic", OFTReal}, {"transnational", OFTReal}};
    for (const std::string& type : table.event_types) fields.emplace_back(event_type_field(type), OFTReal);
    GeoJsonLayer layer(path, "regions", wkbMultiPolygon, 5, fields);
    // Every region's every day or week would grow the layer to millions of polygons (a gigabyte
    // for 54 incidents over four years): there it holds the days and weeks with incidents only,
    // and periods.csv keeps the zeros.
    const bool with_zeros = table.unit != PeriodUnit::day && table.unit != PeriodUnit::week;
    for (std::size_t r = 0; r < table.regions.size(); ++r) {
        const Region& region = regions.region(table.regions[r]);
        for (std::size_t k = 0; k < table.periods.size(); ++k) {
            const CellCounts& c = table.cells[r][k];
            if (!with_zeros && !(c.total > 0)) continue;
            OGRFeature f = layer.feature();
            f.SetField("region", region.name.c_str());
            f.SetField("region_code", region.code.c_str());
            f.SetField("period", table.periods[k].label.c_str());
            set_date(f, "period_start", table.periods[k].first);
            set_date(f, "period_end", table.periods[k].last);
            f.SetField("total", rounded(c.total));
            f.SetField("domestic", rounded(c.domestic));
            f.SetField("transnational", rounded(c.transnational));
            for (const std::string& type : table.event_types) {
                const auto it = c.by_type.find(type);
                f.SetField(event_type_field(type).c_str(), it == c.by_type.end() ? 0.0 : rounded(it->second));
            }
            if (const auto geometry = regions.output_geometry(table.regions[r])) f.SetGeometry(geometry.get());
            layer.write(f);
        }
    }
    return layer.commit();
}

void write_periods_csv(const std::filesystem::path& path, const RegionPeriodTable& table, const RegionSet& regions) {
    AtomicTextFile file(path);
    std::ostream& out = file.stream();
    out << "region,region_code,period,period_start,period_end,total,domestic,transnational";
    for (const std::string& type : table.event_types) out << ',' << event_type_field(type);
    out << "\r\n";
    auto row = [&](const std::string& name, const std::string& code, std::size_t k, const CellCounts& c) {
        out << csv_field(name) << ',' << csv_field(code) << ',' << table.periods[k].label << ',' << format_day(table.periods[k].first)
            << ',' << format_day(table.periods[k].last) << ',' << number(c.total) << ',' << number(c.domestic) << ','
            << number(c.transnational);
        for (const std::string& type : table.event_types) {
            const auto it = c.by_type.find(type);
            out << ',' << number(it == c.by_type.end() ? 0.0 : it->second);
        }
        out << "\r\n";
    };
    for (std::size_t r = 0; r < table.regions.size(); ++r) {
        const Region& region = regions.region(table.regions[r]);
        for (std::size_t k = 0; k < table.periods.size(); ++k) row(region.name, region.code, k, table.cells[r][k]);
    }
    for (std::size_t k = 0; k < table.periods.size(); ++k)
        if (table.unassigned[k].total > 0) row("(none)", "", k, table.unassigned[k]);
    file.commit();
}

void write_trends_csv(const std::filesystem::path& path, const std::vector<TrendRow>& rows) {
    AtomicTextFile file(path);
    std::ostream& out = file.stream();
    out << "scope,region_code,region,class,periods,first_period,last_period,mk_s,mk_z,p_value,direction,"
           "last_value,previous_value,change\r\n";
    for (const TrendRow& t : rows)
        out << t.scope << ',' << csv_field(t.region_code) << ',' << csv_field(t.region_name) << ',' << t.incident_class << ','
            << t.periods << ',' << t.first_period << ',' << t.last_period << ',' << number(t.test.s) << ',' << number(t.test.z)
            << ',' << number(t.test.p_value) << ',' << t.test.direction << ',' << number(t.last_value) << ','
            << number(t.previous_value) << ',' << number(t.change) << "\r\n";
    file.commit();
}

}  // namespace incimap
