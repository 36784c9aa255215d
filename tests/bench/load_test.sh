#!/usr/bin/env bash
# Load test of `incimap map` at scale (a benchmark, not a ctest test):
#   1. generates N synthetic ACLED-like incidents (default 10,000,000) as CSV, deterministically
#      (fixed seed): dates 2015-2024 (10% month only, 2% year only), points around 200 hotspots,
#      60% of the incidents in Afghanistan, the rest over Pakistan, Central Asia, Iran, Turkey,
#      Russia and Europe (gaussian spread 0.3 degrees);
#   2. runs `incimap map INPUT --home AF --heatmap --tiles --zoom 0-8 -o OUT --quiet` under
#      /usr/bin/time -v, and the same on the first 1,000 incidents for the fixed cost;
#   3. reports wall time, peak RSS, peak bytes per incident, output sizes and the rows placed and
#      rejected, then one summary line; fails when the peak above the fixed cost exceeds
#      --max-bytes-per-incident per incident.
# Usage: tests/bench/load_test.sh [--incidents N] [--keep DIR] [--max-bytes-per-incident B] [BUILD_DIR]
set -euo pipefail

usage() {
    cat <<'USAGE'
Usage: tests/bench/load_test.sh [OPTIONS] [BUILD_DIR] [-- MAP_OPTIONS...]

Generates N incidents and times `incimap map INPUT --home AF --heatmap --tiles --zoom 0-8 --quiet`
on them; prints a report and one summary line on stdout.

Options:
  --incidents N                 incidents to generate (default: 10000000)
  --keep DIR                    work directory, kept afterwards (default: a temporary one,
                                removed at the end); DIR/incidents-N.csv is reused when there,
                                DIR/out and DIR/out-1000 are replaced
  --max-bytes-per-incident B    exit 1 when the peak RSS above the fixed cost (the run on
                                1,000 incidents) exceeds B bytes per incident (default: only
                                report; docs/reliability.md's bound is 450)
  --progress                    let incimap print its progress on stderr (no --quiet)
  --generate-only               write DIR/incidents-N.csv (with --keep DIR) and stop
  -h, --help                    show this help and exit

BUILD_DIR is where incimap and its geodata are (default: build/ of this repository).
MAP_OPTIONS after -- go to incimap map as well (e.g. -- --threads 1).
Needs /usr/bin/python3 with NumPy (Debian python3-numpy); uses /usr/bin/time (Debian time)
when installed, else Python's getrusage. The temporary work directory is made in $TMPDIR
(default /tmp); 10M incidents take about 8 GB of disk and 15 GB of memory.
USAGE
}

me=load_test.sh
say() { echo "$me: $*" >&2; }
die() { echo "$me: error: $*" >&2; exit 1; }

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build="$root/build"
incidents=10000000
keep=""
max_bpi=""
progress=0
generate_only=0
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --incidents|--keep|--max-bytes-per-incident)
            [ $# -ge 2 ] || { echo "$me: $1 needs a value" >&2; usage >&2; exit 2; }
            case "$1" in
                --incidents) incidents=$2 ;;
                --keep) keep=$2 ;;
                *) max_bpi=$2 ;;
            esac
            shift ;;
        --progress) progress=1 ;;
        --generate-only) generate_only=1 ;;
        -h|--help) usage; exit 0 ;;
        --) shift; extra=("$@"); break ;;
        -*) echo "$me: unknown option '$1'" >&2; usage >&2; exit 2 ;;
        *) build=$1 ;;
    esac
    shift
done
[[ "$incidents" =~ ^[1-9][0-9]*$ ]] || { echo "$me: --incidents needs a positive integer" >&2; exit 2; }
[ -z "$max_bpi" ] || [[ "$max_bpi" =~ ^[0-9]+([.][0-9]+)?$ ]] ||
    { echo "$me: --max-bytes-per-incident needs a number" >&2; exit 2; }

incimap="$build/incimap"
[ -x "$incimap" ] || die "no $incimap: build incimap first (tools/setup.sh)"
python=/usr/bin/python3  # Debian's, for python3-numpy (a python3 earlier on PATH may lack it)
"$python" -c 'import numpy' 2>/dev/null || die "$python cannot import numpy: apt-get install python3-numpy"

if [ -n "$keep" ]; then
    mkdir -p "$keep"
    work=$(cd "$keep" && pwd)
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

# Rough needs, from runs at 1M incidents: 57 bytes of CSV and 715 of output (mostly
# incidents.geojson) per incident on disk; 230 MiB and 1,450 bytes per incident of memory.
need_disk=$(( incidents * 780 ))
need_mem=$(( 230 * 1024 * 1024 + incidents * 1450 ))
avail_disk=$(df -P -B1 "$work" | awk 'NR == 2 {print $4}')
avail_mem=$(awk '/^MemAvailable:/ {printf "%.0f", $2 * 1024}' /proc/meminfo)
[ "$avail_disk" -ge "$need_disk" ] ||
    say "warning: about $((need_disk >> 20)) MiB of disk wanted in $work, $((avail_disk >> 20)) MiB free (set TMPDIR or --keep DIR elsewhere)"
[ -z "$avail_mem" ] || [ "$avail_mem" -ge "$need_mem" ] ||
    say "warning: about $((need_mem >> 20)) MiB of memory wanted, $((avail_mem >> 20)) MiB available"

# --- 1. incidents -----------------------------------------------------------------------------
# Written with NumPy a million rows at a time: each column is a byte matrix (numbers as digits,
# leading zeros as NUL bytes), the columns side by side, the NULs taken out (about 2 s a million).
input="$work/incidents-$incidents.csv"
if [ -f "$input" ]; then
    say "reusing $input"
else
    say "generating $incidents incidents into $input"
    t0=$(date +%s.%N)
    "$python" - "$incidents" "$input.tmp" <<'PY'
import sys
import numpy as np

n, path = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(20240322)
# Anchor places (lon, lat, ISO3 for the id prefix); hotspot centres are drawn around them.
AF = [(69.17, 34.53, 'AFG'), (65.71, 31.61, 'AFG'), (62.20, 34.35, 'AFG'), (67.11, 36.71, 'AFG'),
      (70.45, 34.43, 'AFG'), (68.86, 36.73, 'AFG'), (64.37, 31.59, 'AFG'), (68.42, 33.55, 'AFG'),
      (71.14, 34.87, 'AFG'), (69.91, 33.35, 'AFG'), (66.90, 35.93, 'AFG'), (63.42, 35.93, 'AFG'),
      (68.78, 35.95, 'AFG'), (70.81, 37.12, 'AFG'), (65.87, 32.63, 'AFG'), (62.11, 32.37, 'AFG')]
REST = [(71.58, 34.01, 'PAK'), (66.99, 30.18, 'PAK'), (67.01, 24.86, 'PAK'), (74.35, 31.55, 'PAK'),
        (73.05, 33.68, 'PAK'), (70.90, 31.83, 'PAK'), (70.61, 32.99, 'PAK'), (69.45, 32.30, 'PAK'),
        (68.80, 37.90, 'TJK'), (68.78, 38.56, 'TJK'), (69.62, 40.28, 'TJK'), (69.24, 41.30, 'UZB'),
        (67.28, 37.22, 'UZB'), (74.59, 42.87, 'KGZ'), (72.80, 40.53, 'KGZ'), (76.89, 43.24, 'KAZ'),
        (58.38, 37.95, 'TKM'), (51.39, 35.69, 'IRN'), (59.61, 36.30, 'IRN'), (60.86, 29.50, 'IRN'),
        (57.08, 30.28, 'IRN'), (51.67, 32.65, 'IRN'), (46.29, 38.08, 'IRN'), (28.98, 41.01, 'TUR'),
        (32.85, 39.93, 'TUR'), (27.14, 38.42, 'TUR'), (37.38, 37.07, 'TUR'), (40.23, 37.91, 'TUR'),
        (37.62, 55.75, 'RUS'), (30.32, 59.94, 'RUS'), (49.11, 55.80, 'RUS'), (47.50, 42.98, 'RUS'),
        (45.69, 43.32, 'RUS'), (43.61, 43.49, 'RUS'), (56.04, 54.74, 'RUS'), (60.60, 56.84, 'RUS'),
        (13.40, 52.52, 'DEU'), (2.35, 48.86, 'FRA'), (16.37, 48.21, 'AUT'), (4.35, 50.85, 'BEL'),
        (18.07, 59.33, 'SWE'), (-0.13, 51.51, 'GBR'), (-3.70, 40.42, 'ESP'), (12.50, 41.90, 'ITA'),
        (21.01, 52.23, 'POL'), (16.10, 47.73, 'AUT')]
SHARE = {'PAK': 0.15, 'TJK': 0.02, 'UZB': 0.015, 'KGZ': 0.01, 'KAZ': 0.005, 'TKM': 0.005,
         'IRN': 0.06, 'TUR': 0.05, 'RUS': 0.05, 'Europe': 0.035}  # with Afghanistan's 0.60: 1

def hotspots(anchors, count, spread):
    a = rng.integers(0, len(anchors), count)
    lon = np.array([anchors[i][0] for i in a]) + rng.uniform(-spread, spread, count)
    lat = np.array([anchors[i][1] for i in a]) + rng.uniform(-spread, spread, count)
    return lon, lat, [anchors[i][2] for i in a]

# 200 hotspots: 120 in Afghanistan's box, 80 elsewhere; Zipf-like weights within each group.
af_lon, af_lat, af_iso = hotspots(AF, 120, 0.8)
af_lon, af_lat = np.clip(af_lon, 61.0, 74.0), np.clip(af_lat, 29.5, 38.5)
re_lon, re_lat, re_iso = hotspots(REST, 80, 0.5)
hs_lon, hs_lat = np.concatenate([af_lon, re_lon]), np.concatenate([af_lat, re_lat])
zipf = lambda k: 1.0 / np.arange(1, k + 1) ** 0.8
w = np.zeros(200)
w[:120] = 0.60 * zipf(120) / zipf(120).sum()
groups = {}
for i, iso in enumerate(re_iso):
    groups.setdefault(iso if iso in SHARE else 'Europe', []).append(120 + i)
for g, idx in groups.items():
    w[idx] = SHARE[g] * zipf(len(idx)) / zipf(len(idx)).sum()
w /= w.sum()  # a group that drew no anchor leaves its share to the others
iso_bytes = np.array([list(s.encode()) for s in af_iso + re_iso], np.uint8)

TYPES = [b'Battles', b'Explosions/Remote violence', b'Violence against civilians', b'Protests',
         b'Riots', b'Strategic developments']
TYPE_P = [0.30, 0.25, 0.20, 0.12, 0.05, 0.08]
type_bytes = np.zeros((len(TYPES), max(map(len, TYPES))), np.uint8)
for i, t in enumerate(TYPES):
    type_bytes[i, :len(t)] = list(t)

def col(b, m):
    return np.full((m, 1), b[0], np.uint8)

def digits(v, width, minw=1):
    """Right-aligned ASCII digits of ints v >= 0, leading zeros beyond minw as NUL bytes."""
    out = np.empty((len(v), width), np.uint8)
    x = v.copy()
    for k in range(width - 1, -1, -1):
        out[:, k] = 48 + x % 10
        x //= 10
    nd = np.full(len(v), minw, np.int64)
    for k in range(minw, width):
        nd += v >= 10 ** k
    out[np.arange(width)[None, :] < (width - nd)[:, None]] = 0
    return out

def coord(v, int_width):
    """v with 4 decimals, '-' when negative."""
    q = np.rint(np.abs(v) * 10000).astype(np.int64)
    sign = np.where(v < 0, 45, 0).astype(np.uint8)[:, None]
    return [sign, digits(q // 10000, int_width), col(b'.', len(v)), digits(q % 10000, 4, 4)]

start = np.datetime64('2015-01-01')
days = int((np.datetime64('2024-12-31') - start).astype(int)) + 1
chunk = 1_000_000
with open(path, 'wb') as f:
    f.write(b'event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n')
    for first in range(0, n, chunk):
        m = min(chunk, n - first)
        h = rng.choice(200, size=m, p=w)
        lon = hs_lon[h] + rng.normal(0, 0.3, m)
        lat = np.clip(hs_lat[h] + rng.normal(0, 0.3, m), -89.9999, 89.9999)
        lon = (lon + 180.0) % 360.0 - 180.0
        d = start + rng.integers(0, days, m).astype('timedelta64[D]')
        mon = d.astype('datetime64[M]')
        year = d.astype('datetime64[Y]').astype(np.int64) + 1970
        month = mon.astype(np.int64) % 12 + 1
        day = (d - mon.astype('datetime64[D]')).astype(np.int64) + 1
        prec = rng.random(m)
        date = [digits(year, 4), col(b'-', m), digits(month, 2, 2), col(b'-', m), digits(day, 2, 2)]
        date[3][prec < 0.12] = 0  # 10% month only: no day
        date[4][prec < 0.12] = 0
        date[1][prec < 0.02] = 0  # 2% year only
        date[2][prec < 0.02] = 0
        etype = type_bytes[rng.choice(len(TYPES), size=m, p=TYPE_P)]
        fat = np.where(rng.random(m) < 0.55, 0, rng.geometric(0.25, m) - 1)
        fat += (rng.random(m) < 0.01) * rng.integers(0, 200, m)  # a few mass-casualty events
        comma = col(b',', m)
        row = np.hstack([iso_bytes[h], digits(np.arange(first + 1, first + m + 1), 10), comma,
                         *date, comma, etype, comma, *coord(lat, 2), comma, *coord(lon, 3),
                         comma, digits(fat, 4), col(b'\n', m)]).ravel()
        f.write(row[row != 0].tobytes())
PY
    mv "$input.tmp" "$input"
    say "generated $(du -h "$input" | cut -f1) in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"
fi

[ "$generate_only" = 0 ] || { [ -n "$keep" ] || die "--generate-only needs --keep DIR"; exit 0; }

# --- 2. incimap map -----------------------------------------------------------------------------
# measure FILE CMD...: runs CMD, writes /usr/bin/time -v's report (or the same lines from Python's
# getrusage of the children) to FILE; returns CMD's exit status.
if [ -x /usr/bin/time ]; then
    measure() { local file=$1; shift; /usr/bin/time -v -o "$file" "$@"; }
else
    say "/usr/bin/time not found (Debian package time): measuring with Python's getrusage instead"
    measure() {
        "$python" - "$@" <<'PY'
import resource, subprocess, sys, time
t0 = time.monotonic()
rc = subprocess.call(sys.argv[2:])
wall = time.monotonic() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)  # ru_maxrss: KiB on Linux, the largest child
with open(sys.argv[1], 'w') as f:
    f.write(f'\tUser time (seconds): {ru.ru_utime:.2f}\n\tSystem time (seconds): {ru.ru_stime:.2f}\n'
            f'\tElapsed (wall clock) time (h:mm:ss or m:ss): {int(wall // 60)}:{wall % 60:05.2f}\n'
            f'\tMaximum resident set size (kbytes): {ru.ru_maxrss}\n')
sys.exit(rc if rc >= 0 else 128 - rc)
PY
    }
fi

map_options=(--home AF --heatmap --tiles --zoom 0-8)
[ "$progress" = 1 ] || map_options+=(--quiet)
map_options+=(${extra[@]+"${extra[@]}"})
# run_map INPUT OUT: incimap map with heatmap and tiles into OUT; time report in OUT.time
run_map() {
    rm -rf "$2"
    measure "$2.time" "$incimap" map "$1" -o "$2" "${map_options[@]}" ||
        die "incimap map failed on $1 (exit $?; its messages above)"
}

base_n=$(( incidents < 1000 ? incidents : 1000 ))
head -n $((base_n + 1)) "$input" > "$work/incidents-first-$base_n.csv"
say "running incimap map on the first $base_n incidents (fixed cost)"
run_map "$work/incidents-first-$base_n.csv" "$work/out-$base_n"
say "running incimap map on $incidents incidents"
run_map "$input" "$work/out"

# --- 3. report ----------------------------------------------------------------------------------
"$python" - "$incidents" "$base_n" "$work" "${max_bpi:-}" "${extra[*]+${extra[*]}}" <<'PY'
import json, os, sys

n, base_n, work, max_bpi, extra = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
MiB = 1024 * 1024

def timing(path):
    t = {}
    for line in open(path):
        key, _, value = line.strip().rpartition(': ')
        if key.startswith('Elapsed (wall clock)'):
            s = 0.0
            for part in value.split(':'):
                s = s * 60 + float(part)
            t['wall'] = s
        elif key == 'User time (seconds)':
            t['user'] = float(value)
        elif key == 'System time (seconds)':
            t['sys'] = float(value)
        elif key == 'Maximum resident set size (kbytes)':
            t['rss'] = int(value) * 1024
    return t

def tree_bytes(path):
    files, total = 0, 0
    for d, _, names in os.walk(path):
        for name in names:
            files += 1
            total += os.path.getsize(os.path.join(d, name))
    return files, total

run, base = timing(os.path.join(work, 'out.time')), timing(os.path.join(work, f'out-{base_n}.time'))
out = os.path.join(work, 'out')
bpi = run['rss'] / n
marginal = (run['rss'] - base['rss']) / (n - base_n) if n > base_n else float('nan')
print(f"incidents: {n:,}")
print(f"input: {os.path.getsize(os.path.join(work, f'incidents-{n}.csv')):,} bytes")
print(f"wall: {run['wall']:.2f} s (user {run['user']:.2f} s, sys {run['sys']:.2f} s); "
      f"{n / run['wall']:,.0f} incidents/s")
print(f"peak RSS: {run['rss'] / MiB:,.0f} MiB; {bpi:,.0f} bytes/incident")
print(f"fixed cost ({base_n:,} incidents): {base['wall']:.2f} s, peak {base['rss'] / MiB:,.0f} MiB; "
      f"above it: {marginal:,.0f} bytes/incident")
try:
    s = json.load(open(os.path.join(out, 'summary.json')))
    print(f"rows: {s['rows']:,}: {s['placed']:,} placed ({s['domestic']:,} domestic, "
          f"{s['transnational']:,} transnational), {s['unresolved']:,} unresolved, "
          f"{s['rejected']:,} rejected")
    tiles = (s.get('heatmap') or {}).get('tiles') or {}
    if tiles:
        print(f"tiles: {tiles.get('tiles', 0):,} written, {tiles.get('empty_skipped', 0):,} empty skipped")
except (OSError, ValueError, KeyError) as e:
    print(f"rows: no summary.json ({e})")
files, total = tree_bytes(out)
print(f"output: {total:,} bytes in {files:,} files")
for name in sorted(os.listdir(out)):
    p = os.path.join(out, name)
    if os.path.isdir(p):
        f, b = tree_bytes(p)
        print(f"  {name}/: {b:,} bytes in {f:,} files")
    else:
        print(f"  {name}: {os.path.getsize(p):,} bytes")
what = 'map+heatmap+tiles 0-8' + (f' ({extra})' if extra else '')
print(f"load: {n} incidents, {what}: {run['wall']:.1f} s, peak {run['rss'] / MiB:,.0f} MiB "
      f"({bpi:,.0f} bytes/incident)")
# The documented bound: the fixed cost plus so many bytes per incident.
if max_bpi and marginal > float(max_bpi):
    print(f"load_test.sh: peak {marginal:,.0f} bytes/incident above the fixed cost exceeds "
          f"--max-bytes-per-incident {max_bpi}", file=sys.stderr)
    sys.exit(1)
PY
