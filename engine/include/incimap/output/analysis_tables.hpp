#pragma once
// Outputs of region x period analysis, each written atomically.
#include <filesystem>
#include <vector>

#include "incimap/analyze/aggregate.hpp"
#include "incimap/io/geojson_layer.hpp"

namespace incimap {

/// The output field for an event type: "type_" and the type lower-cased, with other characters
/// than letters and digits as '_' ("foiled plot" -> "type_foiled_plot"; none -> "type_unknown").
std::string event_type_field(const std::string& event_type);

/// RFC 7946 GeoJSON, one feature per region and period: the region's polygon (simplified to
/// about 1 km) and region, region_code, period, period_start, period_end (dates, for QGIS's
/// temporal controller), total, domestic, transnational and one count field per event type.
LayerSchema write_regions_geojson(const std::filesystem::path& path, const RegionPeriodTable& table, const RegionSet& regions);

/// The same numbers as CSV, one row per region and period; incidents in no region are the
/// region "(none)".
void write_periods_csv(const std::filesystem::path& path, const RegionPeriodTable& table, const RegionSet& regions);

/// One row per scope (overall, each region) and class: Mann-Kendall S, Z, p-value, direction,
/// and the change of the last period against the one before.
void write_trends_csv(const std::filesystem::path& path, const std::vector<TrendRow>& rows);

}  // namespace incimap
