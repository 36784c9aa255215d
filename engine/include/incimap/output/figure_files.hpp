#pragma once
// A report figure as files: BASE.png, BASE.svg and BASE.pdf, each written atomically.
#include <filesystem>
#include <string>
#include <vector>

#include "incimap/render/figure.hpp"

namespace incimap {

/// The PDF's creation and modification date: SOURCE_DATE_EPOCH when set (the reproducible-builds
/// convention), else the epoch, never the time of the run. Throws InvalidOption when it is not
/// seconds since 1970.
std::string pdf_creation_date();

/// Draws `figure` into `base`.FORMAT for each of `formats` (png at the figure's resolution, svg,
/// pdf with its title and dates) and returns the paths written. Throws InvalidOption for an
/// unknown format, IoError on writing.
std::vector<std::filesystem::path> write_figure_files(const std::filesystem::path& base, const FigureDrawing& figure,
                                                      const std::vector<std::string>& formats);

}  // namespace incimap
