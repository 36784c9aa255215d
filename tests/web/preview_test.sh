#!/usr/bin/env bash
# The preview page (DIR/index.html) served on localhost and loaded in headless Chromium: the main
# command writes it; it must show every incident, load heatmap tiles, ask for no file that was not
# written, log nothing on the console, show a heat legend with units, react to the class toggle
# and the period slider (heat included), draw a map that is not blank, and beyond its limit of
# embedded incidents show groups and say so.
# Usage: tests/web/preview_test.sh BUILD_DIR   (exit 77: skipped, no chromium)
set -euo pipefail
build=$(realpath "$1")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v chromium >/dev/null || { echo "chromium is not installed (tools/setup.sh --with-peers): skipped"; exit 77; }
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

example="$root/geodata/examples/iskp-incidents-2021-2024.csv"
"$build/incimap" map "$example" --home AF -o "$work/plain" --quiet
[ -s "$work/plain/index.html" ] && [ -s "$work/plain/preview_data.js" ] || fail "the main command wrote no preview page"
"$build/incimap" map "$example" --home AF -o "$work/out" --heatmap --tiles --zoom 0-5 --period quarter --quiet
placed=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["placed"])' "$work/out/summary.json")

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/out" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html')" 2>/dev/null && break; sleep 0.1; done

browse() {  # browse URL_SUFFIX MODE OUTPUT: MODE --dump-dom or --screenshot=FILE
    chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --window-size=1000,700 --virtual-time-budget=8000 \
        --user-data-dir="$work/profile" --enable-logging=stderr --v=0 "$2" "http://127.0.0.1:$port/index.html$1" > "$3" 2> "$3.log"
    if grep -q 'CONSOLE' "$3.log"; then grep 'CONSOLE' "$3.log" >&2; fail "console messages on index.html$1"; fi
}
attr() { grep -o "data-$1=\"[^\"]*\"" "$work/dom.html" | head -1 | cut -d'"' -f2; }
text_of() { grep -o "id=\"$1\"[^>]*>[^<]*<" "$work/dom.html" | head -1 | sed 's/.*>\([^<]*\)</\1/'; }

browse "" --dump-dom "$work/dom.html"
[ "$(attr ready)" = yes ] || fail "the page did not finish loading"
[ -z "$(attr errors)" ] || fail "script errors: $(attr errors)"
[ "$(attr markers)" = "$placed" ] || fail "$(attr markers) incidents drawn, $placed placed"
[ "$(attr tiles)" -gt 0 ] || fail "no heatmap tile loaded"
tiles=$(attr tiles)
case "$(text_of heat-max)" in *"incidents per 1000 km2") ;; *) fail "the heat legend has no units: '$(text_of heat-max)'" ;; esac
case "$(text_of counts)" in "$placed of $placed incidents shown") ;; *) fail "counts: '$(text_of counts)'" ;; esac
# the example has province- and country-level geocodes: the legend explains their hatching
grep -q 'id="heat-spread" hidden' "$work/dom.html" && fail "the legend does not explain the hatched (spread) heat"

browse "#hide=transnational" --dump-dom "$work/dom.html"
domestic=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["domestic"])' "$work/out/summary.json")
[ "$(attr markers)" = "$domestic" ] || fail "hiding transnational leaves $(attr markers) markers, not $domestic"
browse "#period=1" --dump-dom "$work/dom.html"
# the incidents whose dates reach into 2021-Q1 (the year-only "2021" does)
first_quarter=$(python3 -c 'import json,sys; print(sum(1 for f in json.load(open(sys.argv[1]))["features"] if f["properties"]["date_start"] <= "2021-03-31" and f["properties"]["date_end"] >= "2021-01-01"))' "$work/out/incidents.geojson")
[ "$(attr markers)" = "$first_quarter" ] || fail "the first period (2021-Q1) shows $(attr markers) markers, not $first_quarter"
[ "$(attr image)" = true ] || fail "the first period shows no heat image of its own"
grep -q '"GET /preview/heat_2021-Q1.png' "$work/server.log" || fail "the period's heat (preview/heat_2021-Q1.png) was not requested"

browse "" "--screenshot=$work/shot.png" "$work/shot.out"
[ -s "$work/shot.png" ] || fail "no screenshot"
# not blank: the picture varies (countries, sea, markers, heatmap)
stddev=$(gdalinfo -stats "$work/shot.png" 2>/dev/null | grep -m1 STATISTICS_STDDEV | cut -d= -f2)
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 10 else 1)" "$stddev" || fail "the map looks blank (stddev $stddev)"
if grep ' 404 ' "$work/server.log" >&2; then fail "the page asked for files that were not written"; fi

# Beyond the page's limit of embedded incidents: groups, counted in full, and a note that says so.
python3 - "$work/many.csv" <<'PY'
import random, sys
random.seed(7)
with open(sys.argv[1], "w") as f:
    f.write("id,event_date,latitude,longitude,event_type\n")
    for i in range(25000):
        f.write(f"M{i},2022-{1 + i % 12:02d}-01,{random.uniform(31, 37):.4f},{random.uniform(61, 71):.4f},attack\n")
PY
"$build/incimap" map "$work/many.csv" --home AF -o "$work/many" --quiet
size=$(stat -c %s "$work/many/preview_data.js")
[ "$size" -lt 3000000 ] || fail "preview_data.js is $size bytes for 25,000 incidents"
kill "$server"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/many" > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html')" 2>/dev/null && break; sleep 0.1; done
browse "" --dump-dom "$work/dom.html"
[ "$(attr markers)" = 25000 ] || fail "$(attr markers) of 25000 incidents counted in groups"
case "$(text_of limits)" in "More than 20,000 incidents"*) ;; *) fail "the page does not say it shows groups: '$(text_of limits)'" ;; esac

echo "preview page: $placed incidents, $tiles tiles, toggle, period slider and its heat work, no console messages, no 404; 25,000 incidents as groups in $size bytes"
