#!/usr/bin/env bash
# A run of `incimap map` killed at scale leaves the previous outputs whole (a benchmark-sized
# check, not a ctest test: ctest kills runs of the bundled example, this one runs of millions):
#   1. generates N incidents (default 10,000,000) with load_test.sh, or reuses them;
#   2. runs incimap map on the first 1,000 into OUT (the previous outputs) and on all N into NEW
#      (the new ones), timing the second;
#   3. copies the previous outputs to OUT, starts the run of N into OUT and kills it (SIGKILL) at
#      a moment drawn over the timed run, --trials times; after each kill every output in OUT
#      must be byte-identical to the previous file or to the new one (no file half-written, none
#      missing that the previous run had), and no spill or temporary file may be left but
#      dot files.
# Exits 1 on the first output that is neither; prints one line per trial and a summary.
# Usage: tests/bench/kill_at_scale.sh [--incidents N] [--trials K] [--keep DIR] [BUILD_DIR] [-- MAP_OPTIONS...]
set -euo pipefail
me=kill_at_scale.sh
die() { echo "$me: error: $*" >&2; exit 1; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build="$root/build"
incidents=10000000
trials=4
keep=""
map_options=(--heatmap --tiles --zoom 0-8 --period month --eps-km 10)
while [ $# -gt 0 ]; do
    case "$1" in
        --incidents) incidents=${2:?}; shift ;;
        --trials) trials=${2:?}; shift ;;
        --keep) keep=${2:?}; shift ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --) shift; map_options=("$@"); break ;;
        -*) echo "$me: unknown option '$1'" >&2; exit 2 ;;
        *) build=$1 ;;
    esac
    shift
done
[[ "$incidents" =~ ^[1-9][0-9]*$ && "$trials" =~ ^[1-9][0-9]*$ ]] || { echo "$me: --incidents and --trials take positive integers" >&2; exit 2; }
incimap="$build/incimap"
[ -x "$incimap" ] || die "no $incimap: build incimap first (tools/setup.sh)"
if [ -n "$keep" ]; then mkdir -p "$keep"; work=$(cd "$keep" && pwd); else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi

input="$work/incidents-$incidents.csv"
[ -f "$input" ] || "$root/tests/bench/load_test.sh" --incidents "$incidents" --keep "$work" --generate-only "$build"
head -n 1001 "$input" > "$work/first-1000.csv"

# sha256 of every output but dot files (temporaries), by path.
hashes() { (cd "$1" && find . -mindepth 1 -name '.*' -prune -o -type f -print0 | sort -z | xargs -0 -r sha256sum); }

rm -rf "$work/old" "$work/new"
"$incimap" map "$work/first-1000.csv" --home AF "${map_options[@]}" -o "$work/old" --quiet
start=$(date +%s.%N)
"$incimap" map "$input" --home AF "${map_options[@]}" -o "$work/new" --quiet
run_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
hashes "$work/old" > "$work/old.sha256"
hashes "$work/new" > "$work/new.sha256"
echo "$me: a whole run of $incidents incidents takes ${run_s} s; killing $trials runs at random moments"

RANDOM=20261207
for trial in $(seq 1 "$trials"); do
    out="$work/out"
    rm -rf "$out"
    cp -a "$work/old" "$out"
    delay=$(awk -v t="$run_s" -v r="$((RANDOM % 1000))" 'BEGIN { printf "%.2f", t * r / 1000 }')
    "$incimap" map "$input" --home AF "${map_options[@]}" -o "$out" --quiet &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null || true
    status=0
    { wait "$pid"; } 2>/dev/null || status=$?
    old=0 new=0
    while read -r hash path; do
        if grep -qxF "$hash  $path" "$work/old.sha256"; then old=$((old + 1))
        elif grep -qxF "$hash  $path" "$work/new.sha256"; then new=$((new + 1))
        else die "trial $trial (killed after $delay s): $path is neither the previous nor the new file"
        fi
    done < <(hashes "$out")
    while read -r hash path; do
        [ -f "$out/$path" ] || die "trial $trial (killed after $delay s): $path, there before, is gone"
    done < "$work/old.sha256"
    left=$(find "$out" -name '.*' -type f | wc -l)
    echo "$me: trial $trial: killed after $delay s (exit $status): $old outputs previous, $new new, $left temporary dot files left"
done
echo "kill_at_scale: incidents=$incidents trials=$trials run=${run_s}s: every output previous or new"
