// CSV files through ingest and the rejects file: reading never crashes; every row is accounted
// for (an incident or a problem); rejects.csv is written and is valid UTF-8.
#include <cstdlib>

#include "fuzz_support.hpp"
#include "incimap/core/error.hpp"
#include "incimap/core/utf8.hpp"
#include "incimap/core/reporter.hpp"
#include "incimap/io/ingest.hpp"
#include "incimap/output/vector_layers.hpp"
#include "incimap/io/read_file.hpp"

using namespace incimap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::InputFile input(data, size, ".csv");
    ColumnMapping mapping;
    mapping.date_order = size % 2 ? DateOrder::day_first : DateOrder::unknown;
    IngestResult result;
    try {
        result = read_incidents(input.path(), mapping, silent_reporter());
    } catch (const InputError&) {
        return 0;  // the file as a whole refused, with a message
    }
    if (static_cast<std::int64_t>(result.incidents.size() + result.problems.size()) != result.rows) std::abort();
    for (const Incident& i : result.incidents)
        if (i.given_position && !is_valid(*i.given_position)) std::abort();
    const std::filesystem::path rejects = input.path() + ".rejects.csv";
    write_rejects_csv(rejects, result.problems);
    const std::string written = read_file(rejects).value_or("");
    std::filesystem::remove(rejects);
    if (invalid_utf8_at(written)) std::abort();
    return 0;
}
