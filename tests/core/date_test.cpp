#include <catch2/catch.hpp>

#include "incimap/core/date.hpp"

using namespace incimap;
using namespace std::chrono;

namespace {
sys_days civil(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / d}; }
}  // namespace

TEST_CASE("a year covers the whole year and stays a year", "[date]") {
    const ParsedDate p = parse_date("2023");
    REQUIRE(p.span);
    CHECK(p.span->precision == DatePrecision::year);
    CHECK(p.span->first == civil(2023, 1, 1));
    CHECK(p.span->last == civil(2023, 12, 31));
    CHECK(p.span->text == "2023");
}

TEST_CASE("a month is the month, never its first day", "[date]") {
    const ParsedDate p = parse_date("2024-02");
    REQUIRE(p.span);
    CHECK(p.span->precision == DatePrecision::month);
    CHECK(p.span->first == civil(2024, 2, 1));
    CHECK(p.span->last == civil(2024, 2, 29));  // leap year
    CHECK(p.span->text == "2024-02");
    CHECK(parse_date("2023-02").span->last == civil(2023, 2, 28));
}

TEST_CASE("days in ISO, slash and ACLED forms", "[date]") {
    for (const char* text : {"2021-08-26", "2021/08/26", "26 August 2021", "26 Aug 2021", "August 26, 2021", " 26-Aug-2021 "}) {
        INFO(text);
        const ParsedDate p = parse_date(text);
        REQUIRE(p.span);
        CHECK(p.span->precision == DatePrecision::day);
        CHECK(p.span->first == civil(2021, 8, 26));
        CHECK(p.span->last == p.span->first);
        CHECK(p.span->text == "2021-08-26");
    }
    const ParsedDate month_name = parse_date("March 2024");
    REQUIRE(month_name.span);
    CHECK(month_name.span->precision == DatePrecision::month);
    CHECK(month_name.span->text == "2024-03");
}

TEST_CASE("date-times keep the day as written and their time precision", "[date]") {
    const ParsedDate p = parse_date("2024-03-22T19:58:00+03:00");
    REQUIRE(p.span);
    CHECK(p.span->precision == DatePrecision::time);
    CHECK(p.span->first == civil(2024, 3, 22));
    CHECK(p.span->text == "2024-03-22T19:58:00+03:00");
    CHECK(parse_date("2024-03-22 19:58").span->precision == DatePrecision::time);
    CHECK(parse_date("2024-03-22T19:58:00.250Z").span);
    // spreadsheets write a plain day as midnight
    CHECK(parse_date("2024-03-22T00:00:00").span->precision == DatePrecision::day);
}

TEST_CASE("bad dates are refused with a reason", "[date]") {
    for (const char* text : {"", "   ", "2023-13", "2023-02-30", "2021-08-26T25:00", "yesterday", "2023-1-5",
                             "0000", "99999", "32 May 2020", "2021-08-26 garbage", "Smarch 2020"}) {
        INFO(text);
        const ParsedDate p = parse_date(text);
        CHECK_FALSE(p.span);
        CHECK_FALSE(p.reason.empty());
    }
}

TEST_CASE("all-numeric day/month orders are ambiguous", "[date]") {
    const ParsedDate p = parse_date("05/06/2023");
    CHECK_FALSE(p.span);
    CHECK_THAT(p.reason, Catch::Contains("ambiguous"));
    CHECK_FALSE(parse_date("05.06.2023").span);
}
