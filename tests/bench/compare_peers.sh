#!/usr/bin/env bash
# Side-by-side timings of incimap's clustering against its peers on the same points:
# DBSCAN (haversine, eps 10 km, min 5) against scikit-learn, and zoom clustering (0-16, radius 40,
# extent 512) against supercluster in Node. Needs `tools/setup.sh --with-peers` first.
# Usage: tests/bench/compare_peers.sh [BUILD_DIR]   (prints one line per run)
set -euo pipefail
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache=${INCIMAP_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/incimap}
supercluster="$cache/peers/node_modules/supercluster/index.js"
peak() { awk '/Maximum resident/ {printf "%.0f", $6/1024}' "$1"; }

for n in 10000 100000 1000000; do
    "$build/cluster_bench" gen "$n" 42 "$work/p$n.csv"
    "$build/cluster_bench" dbscan "$work/p$n.csv" 10 5
    "$build/cluster_bench" zoom "$work/p$n.csv"
    if [ "$n" -le 100000 ] && /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
        /usr/bin/time -v /usr/bin/python3 - "$work/p$n.csv" > "$work/sk.out" 2> "$work/sk.time" <<'PY'
import sys, time
import numpy as np
from sklearn.cluster import DBSCAN
x = np.radians(np.loadtxt(sys.argv[1], delimiter=','))
t0 = time.perf_counter()
m = DBSCAN(eps=10 / 6371.0088, min_samples=5, metric='haversine', algorithm='ball_tree').fit(x)
print(f"sklearn dbscan n={len(x)} seconds={time.perf_counter() - t0:.3f} clusters={m.labels_.max() + 1}", end='')
PY
        echo "$(cat "$work/sk.out") peak_mib=$(peak "$work/sk.time")"
    fi
    if [ -f "$supercluster" ] && command -v node >/dev/null; then
        cat > "$work/sc.mjs" <<JS
import Supercluster from '$supercluster';
import fs from 'fs';
const lines = fs.readFileSync('$work/p$n.csv', 'utf8').trim().split('\n');
const features = lines.map(l => { const [lat, lon] = l.split(',').map(Number);
  return {type: 'Feature', properties: {}, geometry: {type: 'Point', coordinates: [lon, lat]}}; });
const t0 = performance.now();
const index = new Supercluster({minZoom: 0, maxZoom: 16, radius: 40, extent: 512}).load(features);
const s = (performance.now() - t0) / 1000;
process.stdout.write('supercluster zoom n=' + features.length + ' seconds=' + s.toFixed(3) +
  ' z0=' + index.getClusters([-180, -90, 180, 90], 0).length);
JS
        /usr/bin/time -v node "$work/sc.mjs" > "$work/sc.out" 2> "$work/sc.time"
        echo "$(cat "$work/sc.out") peak_mib=$(peak "$work/sc.time")"
    fi
    "$build/cluster_bench" index "$work/p$n.csv"
done
