#pragma once
// The option groups of the commands, each filling one typed options struct of the engine.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "incimap/incimap.hpp"
#include "option_group.hpp"

namespace incimap::cli {

/// INPUT... and the column flags: --date-col ... --layer, --date-order.
class InputGroup final : public OptionGroup {
public:
    explicit InputGroup(InputOptions& input);
    void add_hidden(po::options_description& hidden) override;
    void take(const po::variables_map& vm) override;
    void name_fields(FlagNames& names) const override;

private:
    InputOptions& input_;
};

/// The home area and geocoding: --home, --home-file, --hint-country, --bias-country, --places,
/// --near-km, --geodata.
class PlacementGroup final : public OptionGroup {
public:
    explicit PlacementGroup(PlacementOptions& placement);
    void take(const po::variables_map& vm) override;
    void name_fields(FlagNames& names) const override;

private:
    PlacementOptions& placement_;
};

/// Region x period counts and clustering: --period, --region-kind, --region-file,
/// --region-field, --eps-km, --min-points, --eps-days, --zoom-clusters, --cluster-radius,
/// --cluster-extent.
class AnalysisGroup final : public OptionGroup {
public:
    explicit AnalysisGroup(AnalysisOptions& analysis);
    void take(const po::variables_map& vm) override;
    void name_fields(FlagNames& names) const override;

private:
    AnalysisOptions& analysis_;
};

/// The kernel density: --bandwidth-km, --kernel, --weight, --units, --imprecise,
/// --density-method, --threads, and with `periods` --per-period.
class DensityGroup final : public OptionGroup {
public:
    explicit DensityGroup(HeatmapOptions& heatmap, bool periods = true);
    void take(const po::variables_map& vm) override;
    void name_fields(FlagNames& names) const override;

private:
    HeatmapOptions& heatmap_;
};

/// The heatmap's grid: --crs, --size, --extent, and with `files` (GeoTIFF and PNG renders)
/// --cog and --ramp.
class RasterGroup final : public OptionGroup {
public:
    explicit RasterGroup(HeatmapOptions& heatmap, bool files = true);
    void take(const po::variables_map& vm) override;
    void name_fields(FlagNames& names) const override;

private:
    HeatmapOptions& heatmap_;
};

/// The heatmap's tile pyramid: --zoom MIN-MAX, and with `switched` a --tiles switch that asks
/// for it (`incimap map`); without, the pyramid is always made (`incimap tiles`).
class TileGroup final : public OptionGroup {
public:
    TileGroup(std::optional<TileOptions>& tiles, bool switched);
    void take(const po::variables_map& vm) override;
    void name_fields(FlagNames& names) const override;

private:
    std::optional<TileOptions>& tiles_;
    bool switched_;
};

/// -o: a directory, a file or a base name, as the command says; `required` or with a default.
class OutputGroup final : public OptionGroup {
public:
    OutputGroup(std::filesystem::path& target, std::string field, const char* help, std::optional<std::string> default_value = {});
    void take(const po::variables_map& vm) override;
    void name_fields(FlagNames& names) const override;

private:
    std::filesystem::path& target_;
    std::string field_;
    bool required_;
};

}  // namespace incimap::cli
