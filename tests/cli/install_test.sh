#!/usr/bin/env bash
# The engine as others use it: installed with `cmake --install`, found by a separate CMake project
# with find_package(incimap) (the API example of docs/example, which links incimap::engine alone,
# no GEOS or nlohmann of its own), built, and run on the bundled example: it must place the
# incidents as `incimap map` does.
#   install_test.sh BUILD_DIR
set -euo pipefail
build=$(realpath "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/prefix" > "$work/install.log" || { cat "$work/install.log" >&2; fail "cmake --install failed"; }
for f in include/incimap/incimap.hpp lib/cmake/incimap/incimapConfig.cmake lib/cmake/incimap/incimapTargets.cmake bin/incimap; do
    [ -e "$work/prefix/$f" ] || fail "not installed: $f"
done
ls "$work/prefix"/lib/libincimap_engine.a > /dev/null || fail "not installed: lib/libincimap_engine.a"

# the example is built as the engine was: same compiler, build type and sanitizers
cache() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
flags=()
[ "$(cache INCIMAP_SANITIZE)" = ON ] && flags=(-DCMAKE_CXX_FLAGS="-fsanitize=address,undefined" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined")
cmake -S "$root/docs/example" -B "$work/example" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE="$(cache CMAKE_BUILD_TYPE)" \
    -DCMAKE_CXX_COMPILER="$(cache CMAKE_CXX_COMPILER)" "${flags[@]}" > "$work/configure.log" 2>&1 || { cat "$work/configure.log" >&2; fail "find_package(incimap) failed"; }
cmake --build "$work/example" > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "the example does not build against the installed package"; }

example="$root/geodata/examples/iskp-incidents-2021-2024.csv"
"$work/example/place_and_count" "$example" AF "$work/out.geojson" "$build/geodata" > "$work/counts.txt"
"$build/incimap" map "$example" --home AF -o "$work/map" --geodata "$build/geodata" --quiet
/usr/bin/python3 - "$work/out.geojson" "$work/map/incidents.geojson" "$work/counts.txt" "$work/map/summary.json" <<'PY'
import json, sys
api, cli = (json.load(open(p)) for p in sys.argv[1:3])
if api != cli:
    sys.exit("install_test: the example's incidents differ from incimap map's")
summary = json.load(open(sys.argv[4]))
last = open(sys.argv[3]).read().strip().splitlines()[-1]
want = f"{summary['rows']} rows: {summary['placed']} placed, {summary['unresolved']} unresolved, {summary['rejected']} rejected"
if last != want:
    sys.exit(f"install_test: the example counts '{last}', incimap map '{want}'")
PY
"$work/example/place_and_count" "$example" QQ "$work/x.geojson" "$build/geodata" 2> "$work/err.txt" && fail "an unknown home code was accepted"
grep -q "placement.home_countries: unknown ISO 3166-1 country code 'QQ'" "$work/err.txt" || fail "unexpected message: $(cat "$work/err.txt")"
echo "install_test: installed package found, example built and placed $(wc -l < "$work/counts.txt") lines of counts as incimap map does"
