#pragma once
// The commands that run jobs, declared for the option-parsing tests: each composes the option
// groups it uses and exposes the job it built.
#include "command.hpp"
#include "incimap/incimap.hpp"
#include "../options/option_groups.hpp"

namespace incimap::cli {

/// `incimap map`, and `incimap tiles` (`tiles_only`): a map job that writes the heatmap's tiles
/// alone, without the analysis options and the raster files' options.
class MapCommand : public Command {
public:
    explicit MapCommand(bool tiles_only = false);
    const char* name() const override { return tiles_only_ ? "tiles" : "map"; }
    const char* synopsis() const override;
    void setup(const std::vector<std::string>& args) override;
    int run() override;
    const MapJob& job() const noexcept { return job_; }

private:
    const bool tiles_only_;
    MapJob job_;
    HeatmapOptions heatmap_;
    InputGroup input_{job_.input};
    PlacementGroup placement_{job_.placement};
    AnalysisGroup analysis_{job_.analysis};
    DensityGroup density_{heatmap_, !tiles_only_};
    RasterGroup raster_{heatmap_, !tiles_only_};
    TileGroup tiles_{job_.tiles, !tiles_only_};
    OutputGroup output_{job_.output.dir, "output.dir", "output directory (created if needed)"};
};

class TilesCommand final : public MapCommand {
public:
    TilesCommand() : MapCommand(true) {}
};

/// `incimap figure`: placement, the density, and the figure's own options.
class FigureCommand final : public Command {
public:
    FigureCommand();
    const char* name() const override { return "figure"; }
    const char* synopsis() const override;
    void setup(const std::vector<std::string>& args) override;
    int run() override;
    const FigureJob& job() const noexcept { return job_; }

private:
    FigureJob job_;
    InputGroup input_{job_.input};
    PlacementGroup placement_{job_.placement};
    DensityGroup density_{job_.heatmap};
    OutputGroup output_{job_.output_base, "output.base", "output path without extension: writes BASE.png, BASE.svg and BASE.pdf"};
};

/// `incimap query`: placement and a selection in space, time, class and type.
class QueryCommand final : public Command {
public:
    QueryCommand();
    const char* name() const override { return "query"; }
    const char* synopsis() const override;
    void setup(const std::vector<std::string>& args) override;
    int run() override;
    const QueryJob& job() const noexcept { return job_; }
    const std::filesystem::path& output() const noexcept { return output_path_; }

private:
    QueryJob job_;
    std::filesystem::path output_path_;
    InputGroup input_{job_.input};
    PlacementGroup placement_{job_.placement};
    OutputGroup output_{output_path_, "output.file", "GeoJSON file to write; - for standard output", "-"};
};

}  // namespace incimap::cli
