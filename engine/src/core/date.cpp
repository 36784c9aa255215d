#include "incimap/core/date.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <vector>

namespace incimap {

using namespace std::chrono;

std::string_view to_string(DatePrecision p) {
    switch (p) {
        case DatePrecision::year: return "year";
        case DatePrecision::month: return "month";
        case DatePrecision::day: return "day";
        case DatePrecision::time: return "time";
    }
    return "?";
}

std::string format_day(sys_days day) {
    const year_month_day ymd{day};
    const int year = int(ymd.year());
    if (year < 0 || year > 9999) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, unsigned(ymd.month()), unsigned(ymd.day()));
        return buf;
    }
    // Written digit by digit: a run writes three dates per incident, and snprintf parses its format each time.
    const unsigned y = static_cast<unsigned>(year), m = unsigned(ymd.month()), d = unsigned(ymd.day());
    const char text[10] = {char('0' + y / 1000), char('0' + y / 100 % 10), char('0' + y / 10 % 10), char('0' + y % 10), '-',
                           char('0' + m / 10),   char('0' + m % 10),       '-',                      char('0' + d / 10), char('0' + d % 10)};
    return std::string(text, sizeof text);
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return true;
}

int to_int(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

ParsedDate fail(std::string reason) { return {std::nullopt, std::move(reason)}; }

// Years outside this range are almost always typos or spreadsheet serial numbers.
constexpr int min_year = 1800;
constexpr int max_year = 2200;

bool year_ok(int y) { return y >= min_year && y <= max_year; }

ParsedDate make_year(int y) {
    if (!year_ok(y)) return fail("year out of range " + std::to_string(min_year) + "-" + std::to_string(max_year));
    const year yy{y};
    char text[8];
    std::snprintf(text, sizeof text, "%04d", y);
    return {DateSpan{sys_days{yy / January / 1}, sys_days{yy / December / 31}, DatePrecision::year, text}, {}};
}

ParsedDate make_month(int y, int m) {
    if (!year_ok(y)) return fail("year out of range");
    if (m < 1 || m > 12) return fail("month out of range 1-12");
    const year_month ym{year{y}, month{unsigned(m)}};
    char text[12];
    std::snprintf(text, sizeof text, "%04d-%02d", y, m);
    return {DateSpan{sys_days{ym / 1}, sys_days{ym / last}, DatePrecision::month, text}, {}};
}

ParsedDate make_day(int y, int m, int d) {
    if (!year_ok(y)) return fail("year out of range");
    if (m < 1 || m > 12) return fail("month out of range 1-12");
    const year_month_day ymd{year{y}, month{unsigned(m)}, day{unsigned(d)}};
    if (d < 1 || !ymd.ok()) return fail("no such day in that month");
    const sys_days day_value{ymd};
    return {DateSpan{day_value, day_value, DatePrecision::day, format_day(day_value)}, {}};
}

// "Jan", "January", "sept" ... -> 1..12, or 0.
int month_from_name(std::string_view word) {
    static constexpr std::array<std::string_view, 12> names = {
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december"};
    std::string lower;
    for (char c : word) {
        if (c == '.') continue;
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lower.size() < 3) return 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (lower == names[i]) return int(i) + 1;
        if (lower.size() <= 4 && names[i].substr(0, lower.size()) == lower) {
            if (lower.size() == 3 || lower == "sept") return int(i) + 1;
        }
    }
    return 0;
}

std::vector<std::string_view> words(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '-')) ++i;
        const std::size_t start = i;
        while (i < s.size() && s[i] != ' ' && s[i] != ',' && s[i] != '-') ++i;
        if (i > start) out.push_back(s.substr(start, i - start));
    }
    return out;
}

// "26 August 2021", "August 26, 2021", "August 2021", "26-Aug-2021".
ParsedDate parse_month_name_form(std::string_view s) {
    const auto w = words(s);
    if (w.size() == 2 && all_digits(w[1]) && w[1].size() == 4) {
        if (const int m = month_from_name(w[0])) return make_month(to_int(w[1]), m);
    }
    if (w.size() == 3 && all_digits(w[2]) && w[2].size() == 4) {
        if (all_digits(w[0]) && w[0].size() <= 2) {
            if (const int m = month_from_name(w[1])) return make_day(to_int(w[2]), m, to_int(w[0]));
        }
        if (all_digits(w[1]) && w[1].size() <= 2) {
            if (const int m = month_from_name(w[0])) return make_day(to_int(w[2]), m, to_int(w[1]));
        }
    }
    return fail("unrecognised date format");
}

// "D/M/YYYY", "D.M.YYYY", "D-M-YYYY" (one or two digits each) in the given order; an empty
// reason when the text has another shape.
ParsedDate parse_day_month_year(std::string_view s, DateOrder order) {
    std::size_t first = 0;
    while (first < s.size() && std::isdigit(static_cast<unsigned char>(s[first]))) ++first;
    if (first == 0 || first > 2 || first + 1 >= s.size()) return {};
    const char sep = s[first];
    if (sep != '/' && sep != '.' && sep != '-') return {};
    const std::size_t second = s.find(sep, first + 1);
    if (second == std::string_view::npos || second - first - 1 == 0 || second - first - 1 > 2) return {};
    const std::string_view a = s.substr(0, first), b = s.substr(first + 1, second - first - 1), y = s.substr(second + 1);
    if (!all_digits(b) || !all_digits(y) || y.size() != 4) return {};
    if (order == DateOrder::unknown)
        return fail("ambiguous numeric date '" + std::string(s) + "' (day/month order unknown: give the day/month order, dmy or mdy, or write YYYY-MM-DD)");
    const bool day_first = order == DateOrder::day_first;
    return make_day(to_int(y), to_int(day_first ? b : a), to_int(day_first ? a : b));
}

// Time part after the day: "HH:MM[:SS[.fff]][Z|+HH[:MM]|-HH[:MM]]".
bool valid_time_part(std::string_view t) {
    auto two_digits = [&](std::size_t pos, int max) {
        if (t.size() < pos + 2 || !all_digits(t.substr(pos, 2))) return false;
        return to_int(t.substr(pos, 2)) <= max;
    };
    if (!two_digits(0, 23) || t.size() < 5 || t[2] != ':' || !two_digits(3, 59)) return false;
    std::size_t i = 5;
    if (i < t.size() && t[i] == ':') {
        if (!two_digits(i + 1, 60)) return false;
        i += 3;
        if (i < t.size() && (t[i] == '.' || t[i] == ',')) {
            ++i;
            const std::size_t start = i;
            while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
            if (i == start) return false;
        }
    }
    if (i == t.size()) return true;
    if (t[i] == 'Z' || t[i] == 'z') return i + 1 == t.size();
    if (t[i] != '+' && t[i] != '-') return false;
    const std::string_view zone = t.substr(i + 1);
    if (zone.size() == 2) return two_digits(i + 1, 14);
    if (zone.size() == 4) return all_digits(zone) && to_int(zone.substr(0, 2)) <= 14;
    return zone.size() == 5 && two_digits(i + 1, 14) && zone[2] == ':' && two_digits(i + 4, 59);
}

}  // namespace

std::optional<DateOrder> parse_date_order(std::string_view text) {
    if (text == "dmy") return DateOrder::day_first;
    if (text == "mdy") return DateOrder::month_first;
    return std::nullopt;
}

ParsedDate parse_date(std::string_view raw, DateOrder order) {
    const std::string_view s = trim(raw);
    if (s.empty()) return fail("empty date");
    if (s.size() > 64) return fail("date text too long");

    if (s.size() == 4 && all_digits(s)) return make_year(to_int(s));

    if (s.size() >= 7 && all_digits(s.substr(0, 4)) && (s[4] == '-' || s[4] == '/')) {
        const char sep = s[4];
        if (s.size() == 7 && all_digits(s.substr(5, 2))) return make_month(to_int(s.substr(0, 4)), to_int(s.substr(5, 2)));
        if (s.size() >= 10 && all_digits(s.substr(5, 2)) && s[7] == sep && all_digits(s.substr(8, 2))) {
            ParsedDate day = make_day(to_int(s.substr(0, 4)), to_int(s.substr(5, 2)), to_int(s.substr(8, 2)));
            if (s.size() == 10 || !day.span) return day;
            if (sep == '-' && (s[10] == 'T' || s[10] == 't' || s[10] == ' ')) {
                const std::string_view time_part = s.substr(11);
                // Spreadsheets write midnight for a plain day: that is a day, not a moment.
                if (time_part == "00:00:00" || time_part == "00:00") return day;
                if (!valid_time_part(time_part)) return fail("invalid time of day in '" + std::string(s) + "'");
                day.span->precision = DatePrecision::time;
                day.span->text = std::string(s.substr(0, 10)) + "T" + std::string(time_part);
                return day;
            }
            return fail("unrecognised text after the day in '" + std::string(s) + "'");
        }
    }

    bool has_alpha = false;
    for (char c : s) has_alpha |= std::isalpha(static_cast<unsigned char>(c)) != 0;
    if (has_alpha) {
        ParsedDate named = parse_month_name_form(s);
        if (named.span) return named;
        return fail("unrecognised date '" + std::string(s) + "'");
    }
    if (ParsedDate numeric = parse_day_month_year(s, order); numeric.span || !numeric.reason.empty()) return numeric;
    return fail("unrecognised date '" + std::string(s) + "'");
}

}  // namespace incimap
