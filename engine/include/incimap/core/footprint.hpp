#pragma once
// The area an imprecise location stands for, so that density maps can spread it over the
// polygon and the home-area test can weigh it: an admin-1 area, a country, or an analyst's place
// given as a polygon. Outputs write it as "admin1:AF-NAN", "country:TJ" or "user:12".
#include <cstdint>
#include <string>
#include <string_view>

namespace incimap {

struct Footprint {
    enum class Kind { none, admin1, country, user };
    Kind kind = Kind::none;
    std::string code;  ///< ISO 3166-2, ISO 3166-1 alpha-2, or the row of the analyst's place

    static Footprint admin1(std::string_view iso_3166_2) { return {Kind::admin1, std::string(iso_3166_2)}; }
    static Footprint country(std::string_view iso_a2) { return {Kind::country, std::string(iso_a2)}; }
    static Footprint user(std::int64_t row) { return {Kind::user, std::to_string(row)}; }

    bool empty() const noexcept { return kind == Kind::none; }
    /// "admin1:AF-NAN", "country:TJ", "user:12"; empty for none.
    std::string text() const {
        switch (kind) {
            case Kind::admin1: return "admin1:" + code;
            case Kind::country: return "country:" + code;
            case Kind::user: return "user:" + code;
            case Kind::none: break;
        }
        return {};
    }
    bool operator==(const Footprint&) const = default;
};

}  // namespace incimap
