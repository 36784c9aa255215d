#include <catch2/catch.hpp>

#include "incimap/analyze/periods.hpp"

using namespace incimap;
using namespace std::chrono;

namespace {
sys_days civil(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / d}; }
}  // namespace

TEST_CASE("period labels and bounds", "[periods]") {
    const sys_days d = civil(2024, 3, 22);
    CHECK(period_containing(d, PeriodUnit::day).label == "2024-03-22");
    CHECK(period_containing(d, PeriodUnit::month).label == "2024-03");
    CHECK(period_containing(d, PeriodUnit::quarter).label == "2024-Q1");
    CHECK(period_containing(d, PeriodUnit::quarter).last == civil(2024, 3, 31));
    CHECK(period_containing(d, PeriodUnit::year).label == "2024");
    const Period w = period_containing(d, PeriodUnit::week);
    CHECK(w.label == "2024-W12");
    CHECK(w.first == civil(2024, 3, 18));  // Monday
    CHECK(w.last == civil(2024, 3, 24));
}

TEST_CASE("ISO week numbers at year ends", "[periods]") {
    CHECK(period_containing(civil(2021, 1, 3), PeriodUnit::week).label == "2020-W53");
    CHECK(period_containing(civil(2024, 12, 30), PeriodUnit::week).label == "2025-W01");
    CHECK(period_containing(civil(2023, 1, 1), PeriodUnit::week).label == "2022-W52");
}

TEST_CASE("a month-level date is spread over weeks by its days, summing to one", "[periods]") {
    const auto shares = spread_over_periods(*parse_date("2024-02").span, PeriodUnit::week);
    REQUIRE(shares.size() == 5);  // 29 Feb 2024 days: Thu 1st .. Thu 29th
    double sum = 0;
    for (const auto& [p, share] : shares) sum += share;
    CHECK(sum == Approx(1.0));
    CHECK(shares.front().second == Approx(4.0 / 29));  // 1-4 Feb in the week of 29 Jan
    CHECK(shares.back().second == Approx(4.0 / 29));   // 26-29 Feb
}

TEST_CASE("a coarse date counts whole in a coarser period", "[periods]") {
    const auto month_in_year = spread_over_periods(*parse_date("2024-02").span, PeriodUnit::year);
    REQUIRE(month_in_year.size() == 1);
    CHECK(month_in_year[0].second == 1.0);
    const auto year_in_quarters = spread_over_periods(*parse_date("2023").span, PeriodUnit::quarter);
    REQUIRE(year_in_quarters.size() == 4);
    CHECK(year_in_quarters[0].second == Approx(90.0 / 365));
    CHECK(year_in_quarters[2].second == Approx(92.0 / 365));
}

TEST_CASE("periods between two days, and unit names", "[periods]") {
    const auto q = periods_between(civil(2022, 11, 5), civil(2023, 4, 1), PeriodUnit::quarter);
    REQUIRE(q.size() == 3);
    CHECK(q[0].label == "2022-Q4");
    CHECK(q[2].label == "2023-Q2");
    CHECK(periods_between(civil(2023, 1, 2), civil(2023, 1, 1), PeriodUnit::day).empty());
    CHECK(parse_period_unit("quarter") == PeriodUnit::quarter);
    CHECK_FALSE(parse_period_unit("fortnight"));
}
