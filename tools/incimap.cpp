#include <iostream>
#include "incimap/gazetteer/geodata_build.hpp"
int main(int argc, char** argv) {
    if (argc == 4) {
        auto s = incimap::GeodataSources::in_directory(argv[2]);
        incimap::build_geodata(s, argv[3], false);
    }
}
