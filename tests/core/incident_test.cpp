#include <catch2/catch.hpp>

#include "incimap/core/incident.hpp"

using namespace incimap;

TEST_CASE("field values as text", "[incident]") {
    CHECK(to_text(FieldValue{}).empty());
    CHECK(to_text(FieldValue{std::int64_t{-42}}) == "-42");
    CHECK(to_text(FieldValue{34.52813}) == "34.52813");  // shortest round-trip, no trailing zeros
    CHECK(to_text(FieldValue{0.1}) == "0.1");
    CHECK(to_text(FieldValue{std::string("Кабул")}) == "Кабул");
}
