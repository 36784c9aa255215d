#pragma once
// Incident counts per region and period, by class and event type, and their trends.
#include <map>
#include <span>
#include <string>
#include <vector>

#include "incimap/analyze/periods.hpp"
#include "incimap/analyze/regions.hpp"
#include "incimap/core/incident.hpp"

namespace incimap {

/// Counts in one region and period. Counts are fractional when partial dates are spread over
/// several periods (see periods.hpp); they sum to whole incidents over all periods.
struct CellCounts {
    double total = 0;
    double domestic = 0;
    double transnational = 0;
    std::map<std::string, double> by_type;  ///< event type -> count ("" for none)
};

struct RegionPeriodTable {
    PeriodUnit unit = PeriodUnit::quarter;
    std::vector<Period> periods;            ///< every period from the first incident's to the last's
    /// RegionSet indices by code: those with incidents, every admin-1 area of the countries with
    /// incidents, every custom region (their counts are zero)
    std::vector<std::size_t> regions;
    std::vector<std::vector<CellCounts>> cells;  ///< [position in `regions`][period]
    std::vector<CellCounts> unassigned;     ///< per period: incidents in no region
    std::vector<CellCounts> overall;        ///< per period: all incidents
    std::vector<std::string> event_types;   ///< every event type seen, sorted
};

/// True when region row `r` of the table has no incident in any period.
bool without_incidents(const RegionPeriodTable& table, std::size_t r);

RegionPeriodTable aggregate(std::span<const IncidentPoint> incidents, const RegionSet& regions, PeriodUnit unit);

/// Mann-Kendall trend test (normal approximation with tie correction and continuity correction).
struct MannKendall {
    double s = 0;
    double variance = 0;
    double z = 0;
    double p_value = 1;         ///< two-sided
    std::string direction;      ///< "increasing" or "decreasing" (p < 0.05), "no trend", or "too few periods" (< 3)
};

MannKendall mann_kendall(const std::vector<double>& series);

/// The trend of one class's counts, overall or in one region.
struct TrendRow {
    std::string scope;        ///< "overall" or "region"
    std::string region_code;  ///< empty for overall
    std::string region_name;
    std::string incident_class;  ///< "domestic" or "transnational"
    std::size_t periods = 0;
    std::string first_period, last_period;
    MannKendall test;
    double last_value = 0;
    double previous_value = 0;  ///< the period before the last
    double change = 0;          ///< last - previous
};

std::vector<TrendRow> trends(const RegionPeriodTable& table, const RegionSet& regions);

}  // namespace incimap
