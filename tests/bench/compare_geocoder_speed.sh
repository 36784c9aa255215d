#!/usr/bin/env bash
# Geocoder speed, old against new, in one run on one machine. Builds incimap_bench and the geodata
# of REV (default eb497d0, the last commit before the ranking, descriptor and --places work) in a
# cached worktree, then runs its benchmarks and those of BUILD_DIR in turn, ROUNDS times each, so
# that both see the same load. Prints the median of each and the ratio new/old:
#   exact-name lookups (BM_ExactLookup) and full geocodes of listed names (BM_GeocodeExact),
#   which may be at most 10% slower;
#   descriptor and case-ending handling, new only, against the same names without them
#   (BM_GeocodeDescriptive / BM_GeocodePlainForDescriptive, BM_GeocodeInflected /
#   BM_GeocodePlainForInflected), which may cost at most 2x.
# Both gazetteers must list the same places in the same order (checked), so that the sampled
# names are the same. (The labelled set is left out: each build reads its own, and it has grown.)
# Usage: tests/bench/compare_geocoder_speed.sh [REV] [BUILD_DIR] [ROUNDS]
set -euo pipefail
rev=${1:-eb497d0}
build=$(realpath "${2:-build}")
rounds=${3:-5}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
cache=${INCIMAP_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/incimap}
old="$cache/bench-old-$rev"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -x "$old/build/incimap_bench" ]; then
    echo "building $rev in $old (once)" >&2
    [ -d "$old" ] || git -C "$root" worktree add --detach "$old" "$rev" >&2
    cmake -S "$old" -B "$old/build" -DCMAKE_BUILD_TYPE=Release -DINCIMAP_BUILD_BENCH=ON > "$work/configure.log"
    cmake --build "$old/build" --target incimap incimap_bench -j "$(nproc)" > "$work/build.log"
fi
if [ ! -f "$old/build/geodata/gazetteer.bin" ]; then
    aliases=()
    [ -f "$old/geodata/admin1-aliases.csv" ] && aliases=(--aliases "$old/geodata/admin1-aliases.csv")
    "$old/build/incimap" geodata build --sources "$cache/sources" --corrections "$old/geodata/admin1-corrections.csv" \
        "${aliases[@]}" -o "$old/build/geodata" --quiet
fi

shared='^BM_(GazetteerLoad|ExactLookup|GeocodeExact)$'
new_only='^BM_(GeocodePlainForDescriptive|GeocodeDescriptive|GeocodePlainForInflected|GeocodeInflected)$'
for round in $(seq "$rounds"); do
    echo "round $round of $rounds" >&2
    (cd "$old" && "$old/build/incimap_bench" --benchmark_filter="$shared" --benchmark_format=json > "$work/old-$round.json")
    (cd "$root" && "$build/incimap_bench" --benchmark_filter="$shared|$new_only" --benchmark_format=json > "$work/new-$round.json")
done

/usr/bin/python3 - "$work" "$rounds" "$rev" <<'PY'
import json, statistics, sys
work, rounds, rev = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def runs(side):
    out = {}
    for r in range(1, rounds + 1):
        for b in json.load(open(f"{work}/{side}-{r}.json"))["benchmarks"]:
            out.setdefault(b["name"], []).append(b)
    return out
old, new = runs("old"), runs("new")
if old["BM_GazetteerLoad"][0]["places"] != new["BM_GazetteerLoad"][0]["places"]:
    sys.exit("the two gazetteers hold different places: the sampled names differ")
# The median, and the fastest run, which noise on a shared machine cannot make faster.
def ns(b): return statistics.median(x["real_time"] for x in b)
def best(b): return min(x["real_time"] for x in b)
def spread(b): return "/".join(f"{x['real_time']:.0f}" for x in b)
print(f"benchmark                      {rev:>12}      new     ratio   (median of {rounds}, ns per query)")
for name in ("BM_ExactLookup", "BM_GeocodeExact"):
    o, n = ns(old[name]), ns(new[name])
    fastest = best(new[name]) / best(old[name])
    print(f"{name:30} {o:12.0f} {n:8.0f} {n / o:8.2f}  {'ok' if n / o <= 1.10 else 'SLOWER than 10%'}"
          f"  (fastest runs: {fastest:.2f}; all runs: old {spread(old[name])}, new {spread(new[name])})")
for plain, marked in (("BM_GeocodePlainForDescriptive", "BM_GeocodeDescriptive"),
                      ("BM_GeocodePlainForInflected", "BM_GeocodeInflected")):
    p, m = ns(new[plain]), ns(new[marked])
    print(f"{marked:30} {p:12.0f} {m:8.0f} {m / p:8.2f}  {'ok' if m / p <= 2.0 else 'costs more than 2x'}"
          f"  (against {plain}; fastest runs: {best(new[marked]) / best(new[plain]):.2f})")
PY
