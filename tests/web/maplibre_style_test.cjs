// DIR/style.json as MapLibre GL JS shows it. `incimap map` runs on the example with every layer
// the style knows (heatmap tiles, regions, DBSCAN clusters, zoom clusters, incidents); style.json
// must validate with @maplibre/maplibre-gl-style-spec, match the run (sources at its files, the
// tiles' zooms, one clusters_z{z} layer per zoom, per-period layers) and, rendered in headless
// Chromium (SwiftShader WebGL), every layer must put ink where its features are: rendered
// features per layer (queryRenderedFeatures) and pixels that differ from the background.
// Usage: node tests/web/maplibre_style_test.cjs BUILD_DIR   (exit 77: skipped)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const { serve, launch, fail, peerPath } = require('./browser.cjs');

const build = path.resolve(process.argv[2] || 'build');
const root = path.resolve(__dirname, '../..');
const validator = peerPath('@maplibre/maplibre-gl-style-spec/dist/gl-style-validate.mjs');
const maplibre = path.dirname(peerPath('maplibre-gl/dist/maplibre-gl.mjs'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'incimap-maplibre-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));
const example = path.join(root, 'geodata/examples/iskp-incidents-2021-2024.csv');
const run = (out, extra) => execFileSync(path.join(build, 'incimap'),
  ['map', example, '--home', 'AF', '-o', out, '--quiet', ...extra], { stdio: 'inherit' });

// --- a run with every layer
const out = path.join(work, 'out');
run(out, ['--heatmap', '--tiles', '--zoom', '0-6', '--zoom-clusters', '0-8', '--eps-km', '50', '--period', 'year']);
const style = JSON.parse(fs.readFileSync(path.join(out, 'style.json')));
const validate = (file) => spawnSync(process.execPath, [validator, file], { encoding: 'utf8' });
const v = validate(path.join(out, 'style.json'));
if (v.status !== 0) fail(`style.json does not validate:\n${v.stdout}${v.stderr}`);
const layerIds = style.layers.map((l) => l.id);
for (const id of ['background', 'regions', 'heatmap', 'clusters', 'incidents']) if (!layerIds.includes(id)) fail(`no ${id} layer`);
for (const [name, source] of Object.entries(style.sources))
  if (source.type === 'geojson' && !fs.existsSync(path.join(out, source.data))) fail(`source ${name} points at ${source.data}, not written`);
if (style.sources.heatmap.maxzoom !== 6 || style.sources.heatmap.minzoom !== 0) fail(`heatmap zooms ${style.sources.heatmap.minzoom}-${style.sources.heatmap.maxzoom}, tiles 0-6`);
for (let z = 0; z <= 8; ++z) {
  const l = style.layers.find((x) => x.id === `clusters_z${z}`);
  if (!l || l.source !== `clusters_z${z}` || l.minzoom !== z || l.maxzoom !== z + 1) fail(`clusters_z${z}: ${JSON.stringify(l && [l.source, l.minzoom, l.maxzoom])}`);
}
const incidents = JSON.parse(fs.readFileSync(path.join(out, 'incidents.geojson'))).features;
const periodLayers = style.layers.filter((l) => l.metadata && l.metadata['incimap:period']);
if (periodLayers.map((l) => l.metadata['incimap:period']).join() !== '2021,2022,2023,2024') fail(`period layers: ${periodLayers.map((l) => l.id)}`);
if (periodLayers.some((l) => l.layout.visibility !== 'none')) fail('a period layer is visible from the start');
const lons = incidents.map((f) => f.geometry.coordinates[0]);
const lats = incidents.map((f) => f.geometry.coordinates[1]);
if (style.center[0] < Math.min(...lons) || style.center[0] > Math.max(...lons) || style.center[1] < Math.min(...lats) ||
    style.center[1] > Math.max(...lats)) fail(`center ${style.center} is outside the data`);

// --- a run without clusters, tiles or regions: their sources and layers are dropped
const bare = path.join(work, 'bare');
run(bare, []);
const bareStyle = JSON.parse(fs.readFileSync(path.join(bare, 'style.json')));
const vb = validate(path.join(bare, 'style.json'));
if (vb.status !== 0) fail(`the bare style.json does not validate:\n${vb.stdout}${vb.stderr}`);
if (Object.keys(bareStyle.sources).join() !== 'incidents') fail(`bare run sources: ${Object.keys(bareStyle.sources)}`);

(async () => {
  const server = await serve({ '/lib/maplibre/': maplibre, '/maplibre_test_page.html': path.join(__dirname, 'maplibre_test_page.html'), '/': out });
  const browser = await launch(['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist']);
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const events = [];
  page.on('pageerror', (e) => events.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') events.push(`console error: ${m.text()}`); });
  await page.goto(`${server.url}/maplibre_test_page.html`);
  await page.waitForFunction(() => window.map && window.map.loaded() && window.map.isStyleLoaded(), null, { timeout: 60000 });
  const idle = () => page.evaluate(() => new Promise((resolve) => {
    if (window.map.loaded() && window.map.areTilesLoaded()) window.map.once('idle', resolve);
    else window.map.once('idle', resolve);
    window.map.triggerRepaint();
  }));
  await idle();

  // In the page: with only `layer` (and the background) visible at `zoom`, the rendered features
  // of the layer and the pixels that differ from the background, where its features are.
  const probe = (layer, zoom, center = style.center) => page.evaluate(async ({ layer, zoom, center }) => {
    const map = window.map;
    for (const l of map.getStyle().layers) map.setLayoutProperty(l.id, 'visibility', l.id === layer || l.id === 'background' ? 'visible' : 'none');
    map.jumpTo({ center, zoom });
    await new Promise((resolve) => { map.once('idle', resolve); map.triggerRepaint(); });
    const features = map.queryRenderedFeatures({ layers: [layer] });
    const gl = map.getCanvas();
    const copy = document.createElement('canvas');
    copy.width = gl.width; copy.height = gl.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(gl, 0, 0);
    const pixels = ctx.getImageData(0, 0, copy.width, copy.height).data;
    const bg = [pixels[0], pixels[1], pixels[2]];  // the corner: the background colour
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4)
      if (Math.abs(pixels[i] - bg[0]) + Math.abs(pixels[i + 1] - bg[1]) + Math.abs(pixels[i + 2] - bg[2]) > 30) ink += 1;
    // ink at the features: the pixel under each point feature (device pixels)
    const ratio = gl.width / map.getContainer().clientWidth;
    let onPoints = 0, points = 0;
    for (const f of features) {
      if (f.geometry.type !== 'Point') continue;
      const p = map.project(f.geometry.coordinates);
      const x = Math.round(p.x * ratio), y = Math.round(p.y * ratio);
      if (x < 0 || y < 0 || x >= copy.width || y >= copy.height) continue;
      points += 1;
      const i = (y * copy.width + x) * 4;
      if (Math.abs(pixels[i] - bg[0]) + Math.abs(pixels[i + 1] - bg[1]) + Math.abs(pixels[i + 2] - bg[2]) > 30) onPoints += 1;
    }
    const ids = [...new Set(features.map((f) => f.properties.id))];
    return { features: features.length, ids, ink, points, onPoints, errors: window.mapErrors || [] };
  }, { layer, zoom, center });

  const report = [];
  const zoom = style.zoom;
  // Every plain layer (not per zoom, not per period) whose file holds features it can draw.
  const drawable = (layer) => {
    if (layer.type === 'raster') return true;
    const source = style.sources[layer.source];
    const types = JSON.parse(fs.readFileSync(path.join(out, source.data))).features.map((f) => f.geometry && f.geometry.type);
    const polygonsOnly = layer.type === 'fill' || JSON.stringify(layer.filter || []).includes('Polygon');
    return types.some((t) => (polygonsOnly ? /Polygon/.test(t) : layer.type === 'circle' ? /Point/.test(t) : Boolean(t)));
  };
  const plain = style.layers.filter((l) => l.source && !/^clusters_z\d+$/.test(l.id) && !(l.metadata && l.metadata['incimap:period']));
  for (const layer of plain) {
    if (!drawable(layer)) {
      report.push(`${layer.id} (no feature it draws)`);
      continue;
    }
    // Cluster hulls are a few kilometres across: look at the first one from close by.
    let view = [zoom, style.center];
    if (layer.source === 'clusters') {
      const hull = JSON.parse(fs.readFileSync(path.join(out, style.sources.clusters.data))).features[0].geometry;
      view = [8, (hull.type === 'Polygon' ? hull.coordinates[0] : hull.coordinates[0][0])[0]];
    }
    const r = await probe(layer.id, view[0], view[1]);
    if (layer.type !== 'raster' && r.features === 0) fail(`${layer.id}: no rendered feature at zoom ${view[0]}`);
    if (r.ink < 20) fail(`${layer.id}: no ink (${r.ink} pixels differ from the background)`);
    if (r.points && r.onPoints < r.points * 0.9) fail(`${layer.id}: ink under ${r.onPoints} of ${r.points} points`);
    report.push(`${layer.id} ${r.features} features ${r.ink} px`);
  }
  for (const id of ['regions', 'heatmap', 'incidents'])
    if (!report.some((r) => r.startsWith(`${id} `) && !r.includes('no feature'))) fail(`${id} was not drawn`);
  for (let z = 0; z <= 8; ++z) {
    // centred on the level's biggest cluster
    const level = JSON.parse(fs.readFileSync(path.join(out, `clusters_z${z}.geojson`))).features;
    const biggest = level.reduce((a, b) => (b.properties.point_count > a.properties.point_count ? b : a));
    const r = await probe(`clusters_z${z}`, z + 0.5, biggest.geometry.coordinates);
    if (r.features === 0 || r.ink < 10) fail(`clusters_z${z}: ${r.features} features, ${r.ink} px at zoom ${z + 0.5}`);
    if (r.onPoints < r.points * 0.9) fail(`clusters_z${z}: ink under ${r.onPoints} of ${r.points} clusters`);
    const other = await probe(`clusters_z${z}`, z + 1.5, biggest.geometry.coordinates);
    if (other.features !== 0) fail(`clusters_z${z} is drawn at zoom ${z + 1.5}`);
    report.push(`z${z} ${r.features}`);
  }
  // one period at a time: the incidents of that period in view, and no others
  for (const l of periodLayers) {
    const r = await probe(l.id, zoom);
    const label = l.metadata['incimap:period'];
    const bounds = await page.evaluate(() => window.map.getBounds().toArray());
    const expected = incidents.filter((f) => f.properties.date_start.slice(0, 4) <= label && f.properties.date_end.slice(0, 4) >= label)
      .filter((f) => { const [x, y] = f.geometry.coordinates; return x >= bounds[0][0] && x <= bounds[1][0] && y >= bounds[0][1] && y <= bounds[1][1]; })
      .map((f) => f.properties.id);
    const got = new Set(r.ids);
    if (expected.length === 0 || got.size !== new Set(expected).size || expected.some((id) => !got.has(id)))
      fail(`${l.id}: ${got.size} incidents drawn, ${new Set(expected).size} in the period`);
    report.push(`${label} ${got.size}`);
  }
  const errors = await page.evaluate(() => window.mapErrors || []);
  await browser.close();
  server.close();
  // Empty tiles are not written: MapLibre's requests for them are the only 404s allowed.
  const missing = server.missing.filter((u) => !/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(u));
  if (missing.length) fail(`requests for files not written: ${missing.join(', ')}`);
  if (events.filter((e) => !/404/.test(e)).length) fail(events.join('\n'));
  if (errors.filter((e) => !/404|Not Found/i.test(e)).length) fail(`map errors: ${errors.join('; ')}`);
  console.log(`style.json valid; rendered: ${report.join(', ')}`);
})().catch((e) => fail(e.stack || String(e)));
