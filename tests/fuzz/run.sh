#!/usr/bin/env bash
# Replays each fuzz target's seed corpus, then fuzzes it for a bounded time.
#   tests/fuzz/run.sh BUILD_DIR [--seconds N] [--only NAME]
# BUILD_DIR is a build configured with -DINCIMAP_FUZZ=ON (tools/check-sanitized.sh makes one).
# New inputs found go to a scratch corpus, not the repository; a crash stops the run, leaves its
# input in BUILD_DIR/fuzz/artifacts/ and exits 1: fix it, then add the input to
# tests/fuzz/corpus/NAME/ so that every later run replays it.
set -euo pipefail

usage() { sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; }
[ $# -ge 1 ] || { usage >&2; exit 2; }
case "$1" in -h|--help) usage; exit 0 ;; esac
build=$(realpath "$1"); shift
seconds=30
only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=${2:?--seconds needs a value}; shift ;;
        --only) only=${2:?--only needs a name}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
artifacts="$build/fuzz/artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/../sanitizers/lsan.supp}

status=0
for seeds in "$here"/corpus/*/; do
    name=$(basename "$seeds")
    [ -z "$only" ] || [ "$only" = "$name" ] || continue
    fuzzer="$build/fuzz/fuzz_$name"
    [ -x "$fuzzer" ] || { echo "run.sh: $fuzzer not built (configure with -DINCIMAP_FUZZ=ON)" >&2; exit 1; }
    echo "fuzz_$name: replaying $(find "$seeds" -type f | wc -l) seed inputs" >&2
    if ! "$fuzzer" -artifact_prefix="$artifacts/$name-" "$seeds"* > "$artifacts/$name-replay.log" 2>&1; then
        tail -n 40 "$artifacts/$name-replay.log" >&2
        echo "run.sh: fuzz_$name fails on its seed corpus (log: $artifacts/$name-replay.log)" >&2
        status=1
        continue
    fi
    scratch=$(mktemp -d)
    echo "fuzz_$name: fuzzing for $seconds s" >&2
    if "$fuzzer" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
            -artifact_prefix="$artifacts/$name-" "$scratch" "$seeds" > "$artifacts/$name-fuzz.log" 2>&1; then
        grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$artifacts/$name-fuzz.log" | sed "s/^/fuzz_$name: /" >&2
    else
        tail -n 60 "$artifacts/$name-fuzz.log" >&2
        echo "run.sh: fuzz_$name found a crash; its input is in $artifacts/ (log: $artifacts/$name-fuzz.log)" >&2
        status=1
    fi
    rm -rf "$scratch"
done
exit $status
