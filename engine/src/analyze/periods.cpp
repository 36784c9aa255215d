#include "incimap/analyze/periods.hpp"

#include <algorithm>
#include <cstdio>

namespace incimap {

using namespace std::chrono;

std::optional<PeriodUnit> parse_period_unit(std::string_view text) {
    if (text == "day") return PeriodUnit::day;
    if (text == "week") return PeriodUnit::week;
    if (text == "month") return PeriodUnit::month;
    if (text == "quarter") return PeriodUnit::quarter;
    if (text == "year") return PeriodUnit::year;
    return std::nullopt;
}

std::string_view to_string(PeriodUnit unit) {
    switch (unit) {
        case PeriodUnit::day: return "day";
        case PeriodUnit::week: return "week";
        case PeriodUnit::month: return "month";
        case PeriodUnit::quarter: return "quarter";
        case PeriodUnit::year: return "year";
    }
    return "?";
}

namespace {

std::string label_of(sys_days first, PeriodUnit unit) {
    const year_month_day ymd{first};
    const int y = int(ymd.year());
    const unsigned m = unsigned(ymd.month());
    char buf[32];
    switch (unit) {
        case PeriodUnit::day: return format_day(first);
        case PeriodUnit::week: {
            // The ISO week-numbering year is the year of the week's Thursday.
            const sys_days thursday = first + days{3};
            const year iso_year = year_month_day{thursday}.year();
            const sys_days jan4{iso_year / January / 4};
            const sys_days week1_monday = jan4 - (weekday{jan4} - Monday);
            const auto week = (thursday - week1_monday).count() / 7 + 1;
            std::snprintf(buf, sizeof buf, "%04d-W%02d", int(iso_year), int(week));
            return buf;
        }
        case PeriodUnit::month: std::snprintf(buf, sizeof buf, "%04d-%02u", y, m); return buf;
        case PeriodUnit::quarter: std::snprintf(buf, sizeof buf, "%04d-Q%u", y, (m - 1) / 3 + 1); return buf;
        case PeriodUnit::year: std::snprintf(buf, sizeof buf, "%04d", y); return buf;
    }
    return {};
}

}  // namespace

Period period_containing(sys_days day, PeriodUnit unit) {
    const year_month_day ymd{day};
    sys_days first = day, last = day;
    switch (unit) {
        case PeriodUnit::day: break;
        case PeriodUnit::week:
            first = day - (weekday{day} - Monday);  // ISO weeks start on Monday
            last = first + days{6};
            break;
        case PeriodUnit::month:
            first = sys_days{ymd.year() / ymd.month() / 1};
            last = sys_days{ymd.year() / ymd.month() / std::chrono::last};
            break;
        case PeriodUnit::quarter: {
            const unsigned q0 = (unsigned(ymd.month()) - 1) / 3 * 3 + 1;
            first = sys_days{ymd.year() / month{q0} / 1};
            last = sys_days{ymd.year() / month{q0 + 2} / std::chrono::last};
            break;
        }
        case PeriodUnit::year:
            first = sys_days{ymd.year() / January / 1};
            last = sys_days{ymd.year() / December / 31};
            break;
    }
    return {first, last, label_of(first, unit)};
}

Period next_period(const Period& p, PeriodUnit unit) { return period_containing(p.last + days{1}, unit); }

std::vector<Period> periods_between(sys_days first, sys_days last, PeriodUnit unit) {
    std::vector<Period> out;
    if (last < first) return out;
    for (Period p = period_containing(first, unit); p.first <= last; p = next_period(p, unit)) out.push_back(p);
    return out;
}

std::vector<Period> periods_spanned(std::span<const IncidentPoint> placed, PeriodUnit unit) {
    if (placed.empty()) return {};
    sys_days first = placed.front().first, last = placed.front().last;
    for (const IncidentPoint& p : placed) {
        first = std::min(first, p.first);
        last = std::max(last, p.last);
    }
    return periods_between(first, last, unit);
}

std::vector<std::pair<Period, double>> spread_over_periods(sys_days first, sys_days last, PeriodUnit unit) {
    std::vector<std::pair<Period, double>> out;
    const double span_days = double((last - first).count() + 1);
    for (Period& p : periods_between(first, last, unit)) {
        const sys_days a = std::max(p.first, first);
        const sys_days b = std::min(p.last, last);
        out.emplace_back(std::move(p), double((b - a).count() + 1) / span_days);
    }
    return out;
}

std::vector<PeriodShares> shares_by_period(std::span<const IncidentPoint> placed, PeriodUnit unit) {
    std::vector<PeriodShares> out;
    for (Period& p : periods_spanned(placed, unit)) out.push_back({std::move(p), {}});
    for (std::size_t i = 0; i < placed.size(); ++i)
        for (auto& [period, share] : spread_over_periods(placed[i].first, placed[i].last, unit)) {
            const auto at = std::lower_bound(out.begin(), out.end(), period, [](const PeriodShares& s, const Period& p) { return s.period < p; });
            at->shares.emplace_back(i, share);
        }
    return out;
}

}  // namespace incimap
