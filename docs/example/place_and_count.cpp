// An example of incimap's C++ API: place the incidents of a list, count them per country and
// class, and write the placed incidents as GeoJSON.
//
//   place_and_count INPUT.csv HOME OUT.geojson [GEODATA_DIR]
//
// Built by CMake beside the incimap executable (build/place_and_count), so that it finds the
// geodata there; or give the geodata directory. Exit codes follow incimap's: 0 ok, 1 failed, 2
// usage.
#include <incimap/incimap.hpp>

#include <iostream>
#include <map>

int main(int argc, char** argv) {
    if (argc < 4 || argc > 5) {
        std::cerr << "Usage: place_and_count INPUT.csv HOME OUT.geojson [GEODATA_DIR]\n";
        return 2;
    }
    incimap::InputOptions input;
    input.files = {argv[1]};
    incimap::PlacementOptions placement;
    placement.home_countries = {argv[2]};
    if (argc == 5) placement.geodata_dir = argv[4];
    try {
        incimap::Reporter& quiet = incimap::silent_reporter();
        const incimap::JobContext context = incimap::open_job(placement, quiet);
        const incimap::Placement placed = incimap::place_incidents(placement, incimap::read_inputs(input, quiet), context, quiet);

        std::map<std::string, std::pair<int, int>> by_country;  // domestic, transnational
        for (const incimap::PlacedIncident& p : placed.placed) {
            auto& [domestic, transnational] = by_country[p.location.country];
            ++(p.incident_class == incimap::IncidentClass::domestic ? domestic : transnational);
        }
        for (const auto& [country, counts] : by_country)
            std::cout << (country.empty() ? "(none)" : country) << "\t" << counts.first << " domestic\t" << counts.second
                      << " transnational\n";
        std::cout << placed.counts.rows << " rows: " << placed.counts.placed << " placed, " << placed.counts.unresolved
                  << " unresolved, " << placed.counts.rejected << " rejected\n";
        incimap::write_incidents_geojson(argv[3], placed.placed);
    } catch (const incimap::InvalidOption& e) {
        std::cerr << "place_and_count: error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "place_and_count: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
