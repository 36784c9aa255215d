#pragma once
// Calendar periods (day, ISO week, month, quarter, year) and how an incident's date span is
// shared among them.
//
// Rule: an incident counts once in all, spread over the periods its date covers by the fraction
// of its days that fall in each. A day-level incident falls wholly in one period; a month-level
// incident counts 1 in its quarter or year, and in weekly bins is split by the days of the month
// in each week, never pinned to the first day. Shares of one incident always sum to 1, so
// totals over periods equal incident counts.
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "incimap/core/date.hpp"
#include "incimap/core/incident.hpp"

namespace incimap {

enum class PeriodUnit { day, week, month, quarter, year };

std::optional<PeriodUnit> parse_period_unit(std::string_view text);
std::string_view to_string(PeriodUnit unit);

/// One calendar period: inclusive day range and its label ("2024-03-22", "2024-W05" (ISO 8601
/// week), "2024-03", "2024-Q1", "2024").
struct Period {
    std::chrono::sys_days first;
    std::chrono::sys_days last;
    std::string label;

    bool operator==(const Period& o) const { return first == o.first && last == o.last; }
    bool operator<(const Period& o) const { return first < o.first; }
};

/// The period of `unit` that contains `day`.
Period period_containing(std::chrono::sys_days day, PeriodUnit unit);

/// The period right after `p`.
Period next_period(const Period& p, PeriodUnit unit);

/// Every period from the one containing `first` to the one containing `last`, in order.
std::vector<Period> periods_between(std::chrono::sys_days first, std::chrono::sys_days last, PeriodUnit unit);

/// Every period from the first day any incident's date covers to the last; none without incidents.
std::vector<Period> periods_spanned(std::span<const IncidentPoint> placed, PeriodUnit unit);

/// The shares of `span` per period (see the rule above); shares sum to 1.
std::vector<std::pair<Period, double>> spread_over_periods(std::chrono::sys_days first, std::chrono::sys_days last, PeriodUnit unit);
inline std::vector<std::pair<Period, double>> spread_over_periods(const DateSpan& span, PeriodUnit unit) {
    return spread_over_periods(span.first, span.last, unit);
}

/// One period of periods_spanned and the incidents whose dates reach into it.
struct PeriodShares {
    Period period;
    std::vector<std::pair<std::size_t, double>> shares;  ///< (index in `placed`, share of its date), by index
};

/// periods_spanned, each with its incidents and their shares (spread_over_periods), in one pass.
std::vector<PeriodShares> shares_by_period(std::span<const IncidentPoint> placed, PeriodUnit unit);

}  // namespace incimap
