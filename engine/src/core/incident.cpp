#include "incimap/core/incident.hpp"

#include <charconv>

namespace incimap {

std::string to_text(const FieldValue& v) {
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    char buf[32];
    if (const auto* i = std::get_if<std::int64_t>(&v)) return {buf, std::to_chars(buf, buf + sizeof buf, *i).ptr};
    if (const auto* d = std::get_if<double>(&v)) return {buf, std::to_chars(buf, buf + sizeof buf, *d).ptr};
    return {};
}

const std::string& SourceRow::file() const {
    static const std::string none;
    return schema ? schema->file : none;
}

const std::string* TextPool::intern(std::string_view s) {
    if (const auto it = strings_.find(s); it != strings_.end()) return &*it;
    return &*strings_.emplace(s).first;
}

IncidentPoint point_of(const PlacedIncident& p, TextPool& text, double weight) {
    const Location& loc = p.location;
    return {loc.position, p.incident.date.first, p.incident.date.last, weight, text.intern(p.incident.event_type),
            text.intern(loc.country), text.intern(loc.admin1), text.intern(loc.footprint.code), p.cluster_id,
            p.incident_class, loc.precision, loc.footprint.kind};
}

std::vector<IncidentPoint> points_of(const std::vector<PlacedIncident>& placed, TextPool& text) {
    std::vector<IncidentPoint> points;
    points.reserve(placed.size());
    for (const PlacedIncident& p : placed) points.push_back(point_of(p, text));
    return points;
}

}  // namespace incimap
