#include "incimap/analyze/aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace incimap {

RegionPeriodTable aggregate(std::span<const IncidentPoint> incidents, const RegionSet& regions, PeriodUnit unit) {
    RegionPeriodTable t;
    t.unit = unit;
    if (incidents.empty()) return t;
    auto first = incidents.front().first, last = incidents.front().last;
    std::set<std::string> types;
    for (const IncidentPoint& p : incidents) {
        first = std::min(first, p.first);
        last = std::max(last, p.last);
        types.insert(*p.event_type);
    }
    t.periods = periods_between(first, last, unit);
    t.event_types.assign(types.begin(), types.end());
    t.unassigned.resize(t.periods.size());
    t.overall.resize(t.periods.size());

    std::vector<std::optional<std::size_t>> region_of(incidents.size());
    std::set<std::size_t> present;
    std::set<std::string> countries;
    for (std::size_t i = 0; i < incidents.size(); ++i) {
        region_of[i] = regions.region_of(incidents[i]);
        if (region_of[i]) present.insert(*region_of[i]);
        countries.insert(*incidents[i].country);
    }
    // A choropleth needs the regions without incidents too: every admin-1 area of a country with
    // incidents ("AF-NAN" lies in AF), every custom region. Countries and subregions without
    // incidents lie outside the countries that have them.
    for (std::size_t r = 0; r < regions.size(); ++r) {
        const std::string& code = regions.region(r).code;
        const bool wanted = regions.kind() == RegionKind::custom ||
                            (regions.kind() == RegionKind::admin1 && code.find('-') != std::string::npos &&
                             countries.count(code.substr(0, code.find('-'))) > 0);
        if (wanted) present.insert(r);
    }
    t.regions.assign(present.begin(), present.end());
    std::sort(t.regions.begin(), t.regions.end(),
              [&](std::size_t a, std::size_t b) { return regions.region(a).code < regions.region(b).code; });
    std::vector<std::size_t> row_of(regions.size(), 0);
    for (std::size_t r = 0; r < t.regions.size(); ++r) row_of[t.regions[r]] = r;
    t.cells.assign(t.regions.size(), std::vector<CellCounts>(t.periods.size()));

    for (std::size_t i = 0; i < incidents.size(); ++i) {
        const IncidentPoint& p = incidents[i];
        for (const auto& [period, share] : spread_over_periods(p.first, p.last, unit)) {
            const auto k = static_cast<std::size_t>(std::lower_bound(t.periods.begin(), t.periods.end(), period) - t.periods.begin());
            for (CellCounts* c : {&t.overall[k], region_of[i] ? &t.cells[row_of[*region_of[i]]][k] : &t.unassigned[k]}) {
                c->total += share;
                (p.incident_class == IncidentClass::domestic ? c->domestic : c->transnational) += share;
                c->by_type[*p.event_type] += share;
            }
        }
    }
    return t;
}

bool without_incidents(const RegionPeriodTable& table, std::size_t r) {
    return std::all_of(table.cells[r].begin(), table.cells[r].end(), [](const CellCounts& c) { return c.total == 0; });
}

MannKendall mann_kendall(const std::vector<double>& x) {
    MannKendall mk;
    const std::size_t n = x.size();
    if (n < 3) {
        mk.direction = "too few periods";
        return mk;
    }
    for (std::size_t i = 0; i + 1 < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) mk.s += (x[j] > x[i]) - (x[j] < x[i]);
    // Ties lower the variance: groups of t equal values remove t(t-1)(2t+5)/18.
    std::vector<double> sorted = x;
    std::sort(sorted.begin(), sorted.end());
    double tie_term = 0;
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i;
        while (j < n && sorted[j] == sorted[i]) ++j;
        const double t = double(j - i);
        tie_term += t * (t - 1) * (2 * t + 5);
        i = j;
    }
    const double dn = double(n);
    mk.variance = (dn * (dn - 1) * (2 * dn + 5) - tie_term) / 18;
    if (mk.variance > 0) {
        if (mk.s > 0) mk.z = (mk.s - 1) / std::sqrt(mk.variance);
        if (mk.s < 0) mk.z = (mk.s + 1) / std::sqrt(mk.variance);
    }
    mk.p_value = std::erfc(std::fabs(mk.z) / std::sqrt(2.0));
    mk.direction = mk.p_value < 0.05 ? (mk.s > 0 ? "increasing" : "decreasing") : "no trend";
    return mk;
}

namespace {

TrendRow trend_of(const std::vector<CellCounts>& cells, const std::vector<Period>& periods, bool domestic) {
    std::vector<double> series;
    for (const CellCounts& c : cells) series.push_back(domestic ? c.domestic : c.transnational);
    TrendRow row;
    row.incident_class = domestic ? "domestic" : "transnational";
    row.periods = series.size();
    if (!periods.empty()) {
        row.first_period = periods.front().label;
        row.last_period = periods.back().label;
    }
    row.test = mann_kendall(series);
    if (!series.empty()) row.last_value = series.back();
    if (series.size() >= 2) row.previous_value = series[series.size() - 2];
    row.change = row.last_value - row.previous_value;
    return row;
}

}  // namespace

std::vector<TrendRow> trends(const RegionPeriodTable& table, const RegionSet& regions) {
    std::vector<TrendRow> rows;
    for (bool domestic : {true, false}) {
        TrendRow row = trend_of(table.overall, table.periods, domestic);
        row.scope = "overall";
        rows.push_back(std::move(row));
    }
    for (std::size_t r = 0; r < table.regions.size(); ++r)
        for (bool domestic : {true, false}) {
            if (without_incidents(table, r)) continue;  // a flat zero has no trend worth a row
            TrendRow row = trend_of(table.cells[r], table.periods, domestic);
            row.scope = "region";
            row.region_code = regions.region(table.regions[r]).code;
            row.region_name = regions.region(table.regions[r]).name;
            rows.push_back(std::move(row));
        }
    return rows;
}

}  // namespace incimap
