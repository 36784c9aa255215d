#pragma once
// Incident dates as sources give them: a year, a month, a day, or a moment. A partial date is a
// span of days and keeps its precision; "2024-02" is February 2024, never 2024-02-01.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace incimap {

enum class DatePrecision { year, month, day, time };

std::string_view to_string(DatePrecision p);

/// An inclusive span of civil days with the precision the source gave.
struct DateSpan {
    std::chrono::sys_days first;  ///< first day covered
    std::chrono::sys_days last;   ///< last day covered (inclusive)
    DatePrecision precision = DatePrecision::day;
    std::string text;  ///< canonical ISO 8601 form: "2024", "2024-03", "2024-03-22", "2024-03-22T19:58:00+03:00"
};

/// Result of parsing one date field: a span, or the reason it could not be read.
struct ParsedDate {
    std::optional<DateSpan> span;
    std::string reason;  ///< empty when span is set
};

/// How all-numeric day/month dates such as `05/06/2023` are read: not at all (they are
/// ambiguous), day first (`05/06/2023` is 5 June) or month first (6 May).
enum class DateOrder { unknown, day_first, month_first };

/// "dmy" -> day_first, "mdy" -> month_first; none otherwise.
std::optional<DateOrder> parse_date_order(std::string_view text);

/// Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `/`), ISO 8601 date-times
/// (`YYYY-MM-DDTHH:MM[:SS[.fff]][Z|+HH[:MM]]`, a space instead of `T` too) and English forms
/// with a month name: `26 August 2021`, `26 Aug 2021`, `August 26, 2021`, `August 2021`.
/// A date-time keeps the calendar day as written (no conversion to UTC): the local day of an
/// event is the one that matters. All-numeric day/month forms `D/M/YYYY`, `D.M.YYYY` and
/// `D-M-YYYY` are read in the given order, and refused as ambiguous when it is unknown (even
/// `25/06/2023`: a file whose dates are read only when the day happens to exceed 12 would be
/// worse than one refused whole).
ParsedDate parse_date(std::string_view text, DateOrder order = DateOrder::unknown);

/// Formats a day as `YYYY-MM-DD`.
std::string format_day(std::chrono::sys_days day);

}  // namespace incimap
