#!/usr/bin/env bash
# Writes the outputs that the golden hashes cover into OUT (emptied first), from the bundled
# example: the README's main command, and a full run of every output (periods, regions, clusters
# at every zoom, heatmaps per period, tiles, GeoPackage, report figure, query). Inputs are given
# by relative paths, so that no output holds a machine's directory.
#   tests/golden/outputs.sh BUILD_DIR OUT
set -euo pipefail
build=$(realpath "${1:?usage: outputs.sh BUILD_DIR OUT}")
out=$(realpath -m "${2:?usage: outputs.sh BUILD_DIR OUT}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
incimap="$build/incimap"
unset SOURCE_DATE_EPOCH  # the figures' and GeoPackage's dates are then the epoch

rm -rf "$out"
mkdir -p "$out/input"
cp "$root/geodata/examples/iskp-incidents-2021-2024.csv" "$out/input/incidents.csv"
cp "$root/tests/data/geocoder-user-places.csv" "$out/input/places.csv"
cd "$out"
"$incimap" map input/incidents.csv --home AF -o main --quiet
"$incimap" map input/incidents.csv --home AF -o full --quiet --period quarter --region-kind admin1 \
    --eps-km 25 --zoom-clusters 0-8 --heatmap --per-period year --tiles --zoom 0-4 --gpkg
"$incimap" map input/incidents.csv --home AF,PK -o places --quiet --places input/places.csv --bias-country AF,PK
"$incimap" figure input/incidents.csv --home AF --area "Southern Asia" -o figure/southern-asia --quiet
mkdir -p query
"$incimap" query input/incidents.csv --home AF --near 34.53,69.17,100 --from 2022-01-01 -o query/near-kabul.geojson --quiet
rm -rf input
