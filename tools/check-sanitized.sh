#!/usr/bin/env bash
# The reliability check CI runs after the tests: everything built with clang, AddressSanitizer
# and UndefinedBehaviorSanitizer (no recovery) and libFuzzer coverage; the test suite (but the
# browser tests) run in that build; each fuzz target's seed corpus replayed and fuzzed a while.
#   tools/check-sanitized.sh [--fuzz-seconds N] [--build-dir DIR]
# Needs tools/setup.sh --with-peers first (clang, compiler-rt, the geodata in build/).
set -euo pipefail

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; }
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build-sanitize"
seconds=30
while [ $# -gt 0 ]; do
    case "$1" in
        --fuzz-seconds) seconds=${2:?--fuzz-seconds needs a value}; shift ;;
        --build-dir) build=$(realpath -m "${2:?--build-dir needs a value}"); shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "check-sanitized.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
say() { echo "check-sanitized: $*" >&2; }
command -v clang++-14 >/dev/null || { echo "check-sanitized: clang++-14 missing: run tools/setup.sh --with-peers" >&2; exit 1; }
[ -f "$root/build/geodata/manifest.json" ] || { echo "check-sanitized: no geodata in build/: run tools/setup.sh first" >&2; exit 1; }

if [ ! -f "$build/CMakeCache.txt" ]; then
    say "configuring $build (clang, ASan + UBSan, libFuzzer)"
    CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DINCIMAP_SANITIZE=ON -DINCIMAP_FUZZ=ON -DINCIMAP_BUILD_BENCH=OFF > "$build.configure.log" 2>&1 ||
        { cat "$build.configure.log" >&2; exit 1; }
fi
say "building"
cmake --build "$build" -j "$(nproc)" > "$build.build.log" 2>&1 || { tail -n 60 "$build.build.log" >&2; exit 1; }
# The geodata and web libraries are the same for every build: the main build's are used.
for shared in geodata web; do
    [ -e "$root/build/$shared" ] && ln -sfn "$root/build/$shared" "$build/$shared"
done

say "running the test suite under the sanitizers"
# The browser tests (label `browser`) exercise the page and style, not the engine: run once, in the normal build.
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" -LE "browser|qgis"

say "fuzzing, $seconds s per target"
"$root/tests/fuzz/run.sh" "$build" --seconds "$seconds"
say "passed"
