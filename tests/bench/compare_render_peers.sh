#!/usr/bin/env bash
# Heatmap speed side by side with peers on the same machine (needs tools/setup.sh --with-peers):
#   1. 1M incident-like points to a 4096 x 4096 Web Mercator density grid, gaussian kernel,
#      against NumPy histogram2d + SciPy gaussian_filter at the same size and standard deviation
#      (in pixels at the grid's middle row; SciPy's kernel does not follow latitude);
#   2. a z0-8 tile pyramid straight from 100k points in Afghanistan, against gdal2tiles on the
#      equivalent raster (the same heatmap at zoom 8's resolution, made beforehand, not timed).
# Usage: tests/bench/compare_render_peers.sh [BUILD_DIR]   (prints one line per run; best of 3)
set -euo pipefail
build=${1:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
best() { sort -t= -k2 -g | head -1; }

"$build/cluster_bench" gen 1000000 42 "$work/p1m.csv"
for threads in 1 2; do
    for _ in 1 2 3; do "$build/render_bench" density "$work/p1m.csv" 4096 gaussian 10 "$threads"; done |
        sort -t= -k7 -g | head -1
done
# SciPy's sigma in pixels: 10 km over the ground size of a cell at the middle row (as render_bench's grid)
read -r w h sigma < <(/usr/bin/python3 - "$work/p1m.csv" <<'PY'
import sys, math
import numpy as np
p = np.loadtxt(sys.argv[1], delimiter=',')
R = 6378137.0
x0, x1 = math.radians(p[:, 1].min()) * R, math.radians(p[:, 1].max()) * R
m = lambda lat: R * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
y0, y1 = m(p[:, 0].min()), m(p[:, 0].max())
cell = (x1 - x0) / 4096  # the cells' width; SciPy's sigma along a row
mid = math.degrees(2 * math.atan(math.exp((y0 + y1) / 2 / R)) - math.pi / 2)
print(4096, 4096, round(10000 / (cell * math.cos(math.radians(mid))), 2))
PY
)
for _ in 1 2 3; do
    /usr/bin/python3 - "$work/p1m.csv" "$w" "$h" "$sigma" <<'PY'
import sys, time
import numpy as np
from scipy.ndimage import gaussian_filter
pts = np.loadtxt(sys.argv[1], delimiter=',')
w, h, sigma = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
t0 = time.perf_counter()
R = 6378137.0
x = np.radians(pts[:, 1]) * R
y = R * np.log(np.tan(np.pi / 4 + np.radians(pts[:, 0]) / 2))
H, _, _ = np.histogram2d(y, x, bins=(h, w), range=[[y.min(), y.max()], [x.min(), x.max()]])
D = gaussian_filter(H.astype(np.float32), sigma=sigma, truncate=4.0)
print(f"numpy+scipy density n={len(pts)} grid={w}x{h} sigma_px={sigma} seconds={time.perf_counter() - t0:.3f}")
PY
done | sort -t= -k5 -g | head -1

/usr/bin/python3 - "$work/af.csv" <<'PY'
import random, sys
random.seed(7)
hubs = [(random.uniform(60, 75), random.uniform(29, 39)) for _ in range(300)]
with open(sys.argv[1], 'w') as f:
    for _ in range(100000):
        if random.random() < 0.1:
            lon, lat = random.uniform(60, 75), random.uniform(29, 39)
        else:
            h = hubs[int(random.random() ** 3 * len(hubs))]
            lon, lat = h[0] + random.gauss(0, 0.15), h[1] + random.gauss(0, 0.15)
        f.write(f"{lat:.6f},{lon:.6f}\n")
PY
for _ in 1 2 3; do rm -rf "$work/tiles"; "$build/render_bench" tiles "$work/af.csv" 0 8 3 "$work/tiles" 2; done | sort -t= -k4 -g | head -1
"$build/render_bench" raster "$work/af.csv" 8 3 "$work/af.tif" > /dev/null
gdal_translate -q -ot Byte "$work/af.tif" "$work/af_byte.tif"
for _ in 1 2 3; do
    rm -rf "$work/g2t"
    s=$( { /usr/bin/time -f "%e" gdal2tiles.py --xyz -z 0-8 --processes=2 -r average -w none -q "$work/af_byte.tif" "$work/g2t" > /dev/null; } 2>&1 | tail -1)
    echo "gdal2tiles zooms=0-8 processes=2 seconds=$s tiles=$(find "$work/g2t" -name '*.png' | wc -l)"
done | sort -t= -k3 -g | head -1
