#pragma once
// Shared by the one-line benchmark programs: peak memory, wall time, and the points files that
// `cluster_bench gen` writes (one "lat,lon" per line).
#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <string>
#include <vector>

#include "incimap/core/geo.hpp"

namespace incimap::bench {

inline double peak_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024;
}

template <typename F>
double seconds(F f) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline std::vector<LonLat> load_points(const std::string& file) {
    std::ifstream in(file);
    std::vector<LonLat> points;
    double lat = 0, lon = 0;
    char comma = 0;
    while (in >> lat >> comma >> lon) points.push_back({lon, lat});
    return points;
}

}  // namespace incimap::bench
