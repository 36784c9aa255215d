#!/usr/bin/env bash
# The main command behaves the same without any network: run once normally and once in a new
# network namespace (only a downed loopback), its outputs must be byte-identical; an input that
# names a URL is refused the same way in both. Skips (77) where namespaces cannot be made.
#   tests/cli/no_network_test.sh BUILD_DIR
set -euo pipefail
build=$(realpath "${1:?usage: no_network_test.sh BUILD_DIR}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
incimap="$build/incimap"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$(id -u)" = 0 ] && unshare --net true 2>/dev/null; then offline=(unshare --net)
elif unshare --map-root-user --net true 2>/dev/null; then offline=(unshare --map-root-user --net)
else echo "no_network_test: cannot create a network namespace here; skipped" >&2; exit 77
fi
# Inside there is no interface but the loopback (/proc/net/dev lists the namespace's own).
interfaces=$("${offline[@]}" cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d ' ' | paste -sd, -)
[ "$interfaces" = lo ] || { echo "no_network_test: the namespace has interfaces $interfaces" >&2; exit 1; }

run() {  # run NAME ARGS...: runs incimap, keeping its exit code and stderr
    local name=$1; shift
    set +e
    "$@" > "$work/$name.out" 2> "$work/$name.err"
    echo $? > "$work/$name.rc"
    set -e
}
example="$root/geodata/examples/iskp-incidents-2021-2024.csv"
main=(map "$example" --home AF --heatmap --tiles --zoom 0-5 --gpkg --quiet)
run online "$incimap" "${main[@]}" -o "$work/online"
run offline "${offline[@]}" "$incimap" "${main[@]}" -o "$work/offline"
[ "$(cat "$work/online.rc")" = 0 ] || { cat "$work/online.err" >&2; echo "no_network_test: the main command failed" >&2; exit 1; }
[ "$(cat "$work/offline.rc")" = 0 ] || { cat "$work/offline.err" >&2; echo "no_network_test: the main command failed without network" >&2; exit 1; }
diff -r "$work/online" "$work/offline" >&2 || { echo "no_network_test: outputs differ without network" >&2; exit 1; }
echo "no_network_test: $(find "$work/online" -type f | wc -l) output files identical with and without network" >&2

# A GeoJSON whose crs member links to a URL: refused, never fetched, online or not.
printf '%s' '{"type":"FeatureCollection","crs":{"type":"link","properties":{"href":"http://192.0.2.1/crs.wkt","type":"ogcwkt"}},"features":[{"type":"Feature","properties":{"date":"2024-01-01"},"geometry":{"type":"Point","coordinates":[69.2,34.5]}}]}' > "$work/link.geojson"
run link_online "$incimap" map "$work/link.geojson" --home AF -o "$work/link1" --quiet
run link_offline "${offline[@]}" "$incimap" map "$work/link.geojson" --home AF -o "$work/link2" --quiet
for mode in online offline; do
    [ "$(cat "$work/link_$mode.rc")" = 1 ] && grep -q "does not fetch" "$work/link_$mode.err" ||
        { cat "$work/link_$mode.err" >&2; echo "no_network_test: the URL-linked input was not refused ($mode)" >&2; exit 1; }
done
cmp -s "$work/link_online.err" "$work/link_offline.err" || { echo "no_network_test: the refusal differs without network" >&2; exit 1; }
echo "no_network_test: a URL-linked input is refused alike" >&2
