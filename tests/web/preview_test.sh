#!/usr/bin/env bash
# The preview page (DIR/index.html) served on localhost and loaded in headless Chromium: it must
# show every incident, load heatmap tiles, log nothing on the console, react to the class toggle
# and the period slider, and draw a map that is not blank.
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

"$build/incimap" map "$root/geodata/examples/iskp-incidents-2021-2024.csv" --home AF -o "$work/out" --heatmap --tiles 0-5 --period year --quiet
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

browse "" --dump-dom "$work/dom.html"
[ "$(attr ready)" = yes ] || fail "the page did not finish loading"
[ -z "$(attr errors)" ] || fail "script errors: $(attr errors)"
[ "$(attr markers)" = "$placed" ] || fail "$(attr markers) incidents drawn, $placed placed"
[ "$(attr tiles)" -gt 0 ] || fail "no heatmap tile loaded"

browse "#hide=transnational" --dump-dom "$work/dom.html"
domestic=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["domestic"])' "$work/out/summary.json")
[ "$(attr markers)" = "$domestic" ] || fail "hiding transnational leaves $(attr markers) markers, not $domestic"
browse "#period=1" --dump-dom "$work/dom.html"
first_year=$(python3 -c 'import json,sys; print(sum(1 for f in json.load(open(sys.argv[1]))["features"] if f["properties"]["date"][:4] == "2021"))' "$work/out/incidents.geojson")
[ "$(attr markers)" = "$first_year" ] || fail "the first period (2021) shows $(attr markers) markers, not $first_year"

browse "" "--screenshot=$work/shot.png" "$work/shot.out"
[ -s "$work/shot.png" ] || fail "no screenshot"
# not blank: the picture varies (countries, sea, markers, heatmap)
stddev=$(gdalinfo -stats "$work/shot.png" 2>/dev/null | grep -m1 STATISTICS_STDDEV | cut -d= -f2)
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) > 10 else 1)" "$stddev" || fail "the map looks blank (stddev $stddev)"
echo "preview page: $placed incidents, $(attr tiles) tiles, toggle and period slider work, no console messages"
