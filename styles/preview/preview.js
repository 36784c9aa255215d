// incimap preview page: countries, the heatmap (tiles, or the rendered image) and the incidents,
// with a toggle per class and a period slider. Its state is mirrored on <body data-*> so that a
// test in a headless browser can read what the page shows.
(function () {
  'use strict';
  const data = window.INCIMAP;
  const state = { errors: [], markers: 0, tiles: 0, image: false };
  const publish = () => {
    document.body.dataset.markers = state.markers;
    document.body.dataset.tiles = state.tiles;
    document.body.dataset.image = state.image;
    document.body.dataset.errors = state.errors.join(' | ');
    document.body.dataset.ready = 'yes';
  };
  window.addEventListener('error', (e) => { state.errors.push(String(e.message)); publish(); });

  const map = L.map('map', { worldCopyJump: true });
  map.attributionControl.addAttribution('GeoNames, Natural Earth');
  // Countries under the heatmap tiles (tile pane: z-index 200), incidents over both.
  map.createPane('countries').style.zIndex = 150;
  L.geoJSON(data.countries, {
    pane: 'countries',
    interactive: false,
    style: { color: '#8c8c8c', weight: 0.6, fillColor: '#f4f3ef', fillOpacity: 1 },
  }).addTo(map);

  let heat = null;
  if (data.tiles) {
    // Empty tiles are not written: the page asks only for those that exist.
    const present = new Set(data.tiles.present);
    const blank = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
    const Tiles = L.TileLayer.extend({
      getTileUrl(coords) {
        const z = this._getZoomForUrl();
        return present.has(`${z}/${coords.x}/${coords.y}`) ? L.TileLayer.prototype.getTileUrl.call(this, coords) : blank;
      },
    });
    heat = new Tiles('tiles/{z}/{x}/{y}.png', { minZoom: 0, maxNativeZoom: data.tiles.max_zoom, maxZoom: 18, opacity: 0.85 });
    heat.on('tileload', (e) => { if (e.tile.src !== blank) state.tiles += 1; publish(); });
  } else if (data.heatmap) {
    heat = L.imageOverlay(data.heatmap.image, data.heatmap.bounds, { opacity: 0.85 });
    heat.on('load', () => { state.image = true; publish(); });
  }
  if (heat) heat.addTo(map);

  const colours = { domestic: '#b2182b', transnational: '#2166ac' };
  const markers = L.layerGroup().addTo(map);
  const slider = document.getElementById('period');
  slider.max = String(data.periods.length);  // 0: all periods
  const shown = (cls) => document.getElementById('show-' + cls).checked;

  function draw() {
    markers.clearLayers();
    const p = Number(slider.value) > 0 ? data.periods[Number(slider.value) - 1] : null;
    document.getElementById('period-label').textContent = p ? p.label : 'all';
    let n = 0;
    for (const [lon, lat, cls, first, last, id, place, type] of data.incidents) {
      if (!shown(cls)) continue;
      if (p && (last < p.first || first > p.last)) continue;
      L.circleMarker([lat, lon], { radius: 5, color: '#fff', weight: 1, fillColor: colours[cls], fillOpacity: 0.9 })
        .bindPopup(`<b>${id}</b> ${first === last ? first : first + ' to ' + last}<br>${place}<br>${type} (${cls})`)
        .addTo(markers);
      n += 1;
    }
    state.markers = n;
    document.getElementById('counts').textContent =
      `${n} of ${data.incidents.length} incidents shown` + (data.truncated ? ` (first ${data.incidents.length} of ${data.total})` : '');
    publish();
  }
  for (const id of ['show-domestic', 'show-transnational']) document.getElementById(id).addEventListener('change', draw);
  slider.addEventListener('input', draw);
  document.getElementById('show-heatmap').addEventListener('change', (e) => {
    if (!heat) return;
    if (e.target.checked) heat.addTo(map); else map.removeLayer(heat);
  });

  // A link can set the view: #period=N (1 = the first period) and hide=domestic|transnational.
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.has('period')) slider.value = params.get('period');
  for (const cls of (params.get('hide') || '').split(',')) {
    const box = document.getElementById('show-' + cls);
    if (box) box.checked = false;
  }

  map.fitBounds(data.bounds, { padding: [20, 20] });
  draw();
})();
