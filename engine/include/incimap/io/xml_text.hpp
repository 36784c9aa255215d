#pragma once
// Text for XML documents incimap writes (QGIS projects, GDAL's .aux.xml): markup characters as
// entities, so that a layer name or a path is always text.
#include <string>

namespace incimap {

inline std::string xml_escaped(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

}  // namespace incimap
