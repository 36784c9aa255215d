// Dates as sources write them, in every order: parse_date never crashes, and what it accepts
// is a well-formed span whose canonical text reads back to the same span.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "incimap/core/date.hpp"

using namespace incimap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    for (DateOrder order : {DateOrder::unknown, DateOrder::day_first, DateOrder::month_first}) {
        const ParsedDate parsed = parse_date(text, order);
        if (!parsed.span) {
            if (parsed.reason.empty()) std::abort();  // a refusal always says why
            continue;
        }
        const DateSpan& span = *parsed.span;
        if (span.last < span.first || span.text.empty()) std::abort();
        const ParsedDate again = parse_date(span.text);
        if (!again.span || again.span->first != span.first || again.span->last != span.last ||
            again.span->precision != span.precision)
            std::abort();
    }
    return 0;
}
