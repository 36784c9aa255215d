#!/usr/bin/env bash
# `incimap figure` read back as a report editor would: the PDF's page size in points, its fonts
# embedded, its text (title, date range, legend counts, credits, disclaimer, graticule and country
# labels) with no text under 7 pt, one labelled panel per period, figures byte-identical run to
# run with fixed dates, and hostile titles, credits and file names kept as text in the SVG.
# Usage: tests/cli/figure_pdf_test.sh BUILD_DIR PART   PART: page, counts, periods, repeat or
# hostile (each a few seconds; ctest runs them as separate tests). Exit 77: skipped, no poppler-utils.
set -euo pipefail
build=$(realpath "$1")
part=$2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
for tool in pdfinfo pdftotext pdffonts; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (poppler-utils; tools/setup.sh --with-peers): skipped"; exit 77; }
done
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
csv="$root/geodata/examples/iskp-incidents-2021-2024.csv"
figure() { env -u SOURCE_DATE_EPOCH "$build/incimap" figure "$csv" --home AF --quiet --dpi 100 "$@"; }
count() { grep -o "$2: [0-9]*" "$1" | head -1 | grep -o '[0-9]*$' || echo 0; }
outside() { grep -o '[0-9]* incidents\? outside the frame' "$1" | grep -o '^[0-9]*' || echo 0; }
has() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2'"; }

page() {
# The default page, 160 x 110 mm, in points; every font embedded.
figure --extent 60,29,75,39 --title "Afghanistan, 2021-2024" -o "$work/af" --format pdf,svg
pdfinfo "$work/af.pdf" > "$work/af.info"
grep -q "^Page size: *453.54[0-9]* x 311.81[0-9]* pts" "$work/af.info" || fail "default page: $(grep 'Page size' "$work/af.info")"
grep -q "^CreationDate: *Thu Jan  1 00:00:00 1970" "$work/af.info" || fail "creation date: $(grep CreationDate "$work/af.info")"
pdffonts "$work/af.pdf" | tail -n +3 > "$work/fonts"
[ -s "$work/fonts" ] || fail "no fonts in the PDF"
awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }' "$work/fonts" || fail "a font is not embedded: $(cat "$work/fonts")"

# The text a reader sees.
pdftotext "$work/af.pdf" "$work/af.txt"
for text in "Afghanistan, 2021-2024" "2021-01-01 to 2024-12-11" "Incidents in the frame" "domestic: " "transnational: " \
    "Incidents: iskp-incidents-2021-2024.csv" "GeoNames (CC BY 4.0)" "Natural Earth" "do not imply official endorsement" \
    "65°E" "35°N" "Afghanistan" "Pakistan" "quartic kernel, bandwidth 50 km" "km at 34°N"; do
    has "$work/af.txt" "$text"
done
# Text in points: DejaVu's box is 1.164 em high, so 7 pt text gives words at least 8.1 pt high.
smallest=$(pdftotext -bbox "$work/af.pdf" - | grep -o 'yMin="[0-9.]*" xMax="[0-9.]*" yMax="[0-9.]*"' |
    awk -F'"' '{ h = $6 - $2; if (min == "" || h < min) min = h } END { print min }')
awk -v h="$smallest" 'BEGIN { exit !(h >= 8.1) }' || fail "the smallest word box is $smallest pt high: text under 7 pt"

}

counts() {
# Another page size; the legend counts what is in the frame and the rest as left out.
figure --area "Central Asia" --page-mm 200x150 -o "$work/ca" --format pdf
pdfinfo "$work/ca.pdf" | grep -q "^Page size: *566.92[0-9]* x 425.19[0-9]* pts" || fail "200x150 mm page: $(pdfinfo "$work/ca.pdf" | grep 'Page size')"
pdftotext "$work/ca.pdf" "$work/ca.txt"
"$build/incimap" map "$csv" --home AF --quiet -o "$work/map"
placed=$($py -c 'import json,sys; print(json.load(open(sys.argv[1]))["placed"])' "$work/map/summary.json")
figure --extent 60,29,75,39 -o "$work/af" --format pdf
pdftotext "$work/af.pdf" "$work/af.txt"
for f in af ca; do
    shown=$(( $(count "$work/$f.txt" domestic) + $(count "$work/$f.txt" transnational) ))
    [ "$shown" -gt 0 ] || fail "$f: no incident in the legend"
    [ $(( shown + $(outside "$work/$f.txt") )) = "$placed" ] || fail "$f: $shown in the frame and $(outside "$work/$f.txt") outside, but $placed placed"
    has "$work/$f.txt" "$shown incidents in the frame"
done
[ "$(outside "$work/ca.txt")" -gt 0 ] || fail "Central Asia leaves no Afghan incident out"

}

periods() {
# Small multiples: one labelled panel per period, their counts adding up to the frame's.
figure --extent 60,29,75,39 --per-period year -o "$work/years" --format pdf
pdftotext "$work/years.pdf" "$work/years.txt"
[ "$(grep -oE '\b20(21|22|23|24): [0-9]+' "$work/years.txt" | wc -l)" = 4 ] || fail "$(grep -oE '\b20[0-9]{2}: [0-9]+' "$work/years.txt" | wc -l) yearly panels, not 4"
figure --extent 60,29,75,39 --per-period quarter -o "$work/quarters" --format pdf
pdftotext "$work/quarters.pdf" "$work/quarters.txt"
[ "$(grep -oE '\b20[0-9]{2}-Q[1-4]: [0-9]+' "$work/quarters.txt" | sort -u | wc -l)" = 16 ] || fail "not 16 quarterly panels"
in_panels=$(grep -oE '\b20[0-9]{2}: [0-9]+' "$work/years.txt" | awk -F': ' '{ s += $2 } END { print s }')
in_frame=$(( $(count "$work/years.txt" domestic) + $(count "$work/years.txt" transnational) ))
[ "$in_panels" -ge "$in_frame" ] || fail "yearly panels hold $in_panels incidents, the frame $in_frame"
[ "$(grep -c 'Incidents in the frame' "$work/years.txt")" = 1 ] || fail "not one legend"

}

repeat() {
# Byte-identical run to run; SOURCE_DATE_EPOCH sets the PDF's dates.
figure --extent 60,29,75,39 --title "Afghanistan, 2021-2024" -o "$work/af" --format pdf,svg
figure --extent 60,29,75,39 --title "Afghanistan, 2021-2024" -o "$work/again" --format pdf,svg --threads 1
cmp "$work/af.pdf" "$work/again.pdf" || fail "PDF differs run to run"
cmp "$work/af.svg" "$work/again.svg" || fail "SVG differs run to run"
SOURCE_DATE_EPOCH=1700000000 "$build/incimap" figure "$csv" --home AF --quiet --dpi 100 --extent 60,29,75,39 -o "$work/dated" --format pdf
pdfinfo "$work/dated.pdf" | grep -q "^CreationDate: *Tue Nov 14 22:13:20 2023" || fail "SOURCE_DATE_EPOCH: $(pdfinfo "$work/dated.pdf" | grep CreationDate)"
status=0
SOURCE_DATE_EPOCH=yesterday "$build/incimap" figure "$csv" --home AF --quiet --extent 60,29,75,39 -o "$work/bad" --format pdf 2> /dev/null || status=$?
[ "$status" = 2 ] || fail "a bad SOURCE_DATE_EPOCH exits $status, not 2"

}

hostile() {
# Hostile text from the inputs and the options stays text: the SVG is well-formed and holds only
# the drawing elements Cairo writes, and the PDF shows the text as given.
hostile='<script>alert(1)</script> & "q" ]]> <!-- x'
mkdir -p "$work/in"
name='<script>x & "q" ]]>'  # a file name cannot hold a slash
hostile_csv="$work/in/$name.csv"
cp "$csv" "$hostile_csv"
"$build/incimap" figure "$hostile_csv" --home AF --quiet --dpi 100 --extent 60,29,75,39 --title "$hostile" -o "$work/hostile" --format svg,pdf
"$build/incimap" figure "$hostile_csv" --home AF --quiet --dpi 100 --extent 60,29,75,39 --credit "$hostile" -o "$work/credit" --format svg
for svg in "$work/hostile.svg" "$work/credit.svg"; do
    $py - "$svg" <<'PY' || fail "$svg"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
allowed = {"svg", "defs", "g", "path", "use", "symbol", "image", "clipPath", "rect", "linearGradient", "stop", "pattern", "mask", "filter", "feColorMatrix", "feComposite", "feImage"}
tags = {el.tag.split("}")[-1] for el in root.iter()}
if tags - allowed:
    sys.exit(f"unexpected elements {sorted(tags - allowed)}")
if any("script" in (k + v).lower() for el in root.iter() for k, v in el.attrib.items() if not k.endswith("href")):
    sys.exit("an attribute holds script")
PY
done
pdftotext "$work/hostile.pdf" "$work/hostile.txt"
has "$work/hostile.txt" "$hostile"
has "$work/hostile.txt" "Incidents: $name.csv"
}

case "$part" in
    page | counts | periods | repeat | hostile) "$part" ;;
    *) fail "unknown part '$part'" ;;
esac
echo "figure PDF checks ($part) passed"
