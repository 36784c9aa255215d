// incimap preview page: countries, the heatmap (tiles, or the rendered image, per period when
// there are per-period images) and the incidents by class, with a period slider. Every text that
// comes from the input (places, ids, event types, sources, file names) is inserted as text with
// textContent, never as markup; index.html's Content-Security-Policy allows no inline script and
// no remote origin. The page's state is mirrored on <body data-*> for tests in a headless browser.
(function () {
  'use strict';
  const data = window.INCIMAP;
  const state = { errors: [], markers: 0, tiles: 0, image: false, popups: 0 };
  const publish = () => {
    document.body.dataset.markers = state.markers;
    document.body.dataset.tiles = state.tiles;
    document.body.dataset.image = state.image;
    document.body.dataset.popups = state.popups;
    document.body.dataset.errors = state.errors.join(' | ');
    document.body.dataset.ready = 'yes';
  };
  window.addEventListener('error', (e) => { state.errors.push(String(e.message)); publish(); });
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const setText = (id, text) => { document.getElementById(id).textContent = String(text); };

  const map = L.map('map', { worldCopyJump: true });
  map.attributionControl.addAttribution('GeoNames, Natural Earth');
  // Countries under the heatmap (tile pane: z-index 200), incidents over both.
  map.createPane('countries').style.zIndex = 150;
  L.geoJSON(data.countries, {
    pane: 'countries',
    interactive: false,
    style: { color: '#8c8c8c', weight: 0.6, fillColor: '#f4f3ef', fillOpacity: 1 },
  }).addTo(map);

  const colours = { domestic: '#b2182b', transnational: '#7b3294' };

  // --- heat: tiles or the whole image for "all", a per-period image when the slider picks one
  let heatAll = null;
  const heat = data.heat;
  if (heat && heat.tiles) {
    // Empty tiles are not written: the page asks only for those that exist.
    const present = new Set(heat.tiles.present);
    const blank = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
    const Tiles = L.TileLayer.extend({
      getTileUrl(coords) {
        const z = this._getZoomForUrl();
        return present.has(`${z}/${coords.x}/${coords.y}`) ? L.TileLayer.prototype.getTileUrl.call(this, coords) : blank;
      },
    });
    heatAll = new Tiles('tiles/{z}/{x}/{y}.png', { minZoom: 0, maxNativeZoom: heat.tiles.max_zoom, maxZoom: 18, opacity: 0.85 });
    heatAll.on('tileload', (e) => { if (e.tile.src !== blank) state.tiles += 1; publish(); });
  } else if (heat && heat.image) {
    heatAll = L.imageOverlay(heat.image, heat.bounds, { opacity: 0.85 });
    heatAll.on('load', () => { state.image = true; publish(); });
  }
  const periodImages = new Map(Object.entries((heat && heat.periods) || {}));  // period label -> image file
  const heatPeriods = new Map();  // period label -> its image overlay, made when first shown
  let heatShown = null;
  const heatOn = () => document.getElementById('show-heatmap').checked;
  function showHeat(period) {
    let layer = heatAll;
    let note = heat ? heat.note_all : '';
    if (period && heat && heat.periods) {
      if (periodImages.has(period.label)) {
        if (!heatPeriods.has(period.label)) {
          const overlay = L.imageOverlay(periodImages.get(period.label), heat.bounds, { opacity: 0.85 });
          overlay.on('load', () => { state.image = true; publish(); });
          heatPeriods.set(period.label, overlay);
        }
        layer = heatPeriods.get(period.label);
        note = heat.note_period;
      } else {
        layer = null;  // no incident in this period
        note = heat.note_period;
      }
    } else if (period && heat) {
      note = heat.note_no_periods;
    }
    if (heatShown && heatShown !== layer) map.removeLayer(heatShown);
    heatShown = heatOn() ? layer : null;
    if (heatShown) heatShown.addTo(map);
    if (heat) setText('heat-note', note);
  }
  if (heat) {
    document.getElementById('heat-toggle').hidden = false;
    document.getElementById('heat-legend').hidden = false;
    document.getElementById('heat-ramp').style.background = `linear-gradient(to right, ${heat.ramp.join(', ')})`;
    setText('heat-min', '0');
    setText('heat-max', heat.max_label);
    document.getElementById('heat-spread').hidden = !heat.spread;
  }

  // --- incidents (or, beyond the page's limit, groups of them)
  const markers = L.layerGroup().addTo(map);
  const slider = document.getElementById('period');
  slider.max = String(data.periods.length);  // 0: all periods
  const shown = (cls) => document.getElementById('show-' + cls).checked;
  const F = data.fields;  // column index by name
  const popupOptions = { maxWidth: 360, autoPanPaddingTopLeft: L.point(270, 20) };  // clear of the panel

  function popupTable(rows) {
    const table = el('table', undefined, 'popup-table');
    for (const [name, value] of rows) {
      if (value === null || value === undefined || value === '') continue;
      const tr = el('tr');
      tr.append(el('td', name), el('td', value));
      table.append(tr);
    }
    return table;
  }
  const dates = (first, last) => (first === last ? first : `${first} to ${last}`);
  function incidentPopup(r) {
    const box = el('div');
    box.append(el('b', r[F.id]));
    box.append(popupTable([
      ['date', dates(r[F.first], r[F.last])], ['event type', r[F.event_type]], ['place as given', r[F.place]],
      ['matched', r[F.matched_name]], ['precision', r[F.precision]], ['confidence', r[F.confidence]],
      ['class', r[F.class]], ['fatalities', r[F.fatalities]], ['source', r[F.source]], ['file', r[F.file]],
    ]));
    state.popups += 1;
    publish();
    return box;
  }
  function groupPopup(g) {
    state.popups += 1;
    publish();
    return popupTable([['incidents', g[3]], ['domestic', g[4]], ['transnational', g[5]], ['dates', dates(g[6], g[7])]]);
  }

  function draw() {
    markers.clearLayers();
    const p = Number(slider.value) > 0 ? data.periods[Number(slider.value) - 1] : null;
    setText('period-label', p ? p.label : 'all');
    showHeat(p);
    let n = 0;
    if (data.incidents) {
      for (const r of data.incidents) {
        const cls = r[F.class];
        if (!shown(cls)) continue;
        if (p && (r[F.last] < p.first || r[F.first] > p.last)) continue;
        const area = r[F.area] === 1;  // placed at an admin-1 or country centre: hollow and dashed
        L.circleMarker([r[F.lat], r[F.lon]], area
          ? { radius: 6, color: colours[cls], weight: 2, dashArray: '3 2', fillColor: '#ffffff', fillOpacity: 0.6 }
          : { radius: 5, color: '#ffffff', weight: 1, fillColor: colours[cls], fillOpacity: 0.9 })
          .bindPopup(() => incidentPopup(r), popupOptions)
          .addTo(markers);
        n += 1;
      }
    } else {
      // [lon, lat, radius_km, count, domestic, transnational, first, last]
      for (const g of data.groups) {
        if (p && (g[7] < p.first || g[6] > p.last)) continue;
        const count = (shown('domestic') ? g[4] : 0) + (shown('transnational') ? g[5] : 0);
        if (count === 0) continue;
        const cls = g[4] >= g[5] ? 'domestic' : 'transnational';
        L.circleMarker([g[1], g[0]], { radius: 4 + 2 * Math.sqrt(Math.log2(1 + count)) * 2, color: '#ffffff', weight: 1,
          fillColor: colours[cls], fillOpacity: 0.7 })
          .bindPopup(() => groupPopup(g), popupOptions)
          .addTo(markers);
        n += count;
      }
    }
    state.markers = n;
    setText('counts', `${n.toLocaleString('en')} of ${data.total.toLocaleString('en')} incidents shown`);
    publish();
  }
  if (data.groups) {
    setText('limits', `More than ${data.limit.toLocaleString('en')} incidents: shown as ${data.groups.length.toLocaleString('en')} ` +
      `groups of about ${data.group_km} km (period filter by each group's date range); every incident is in incidents.geojson.`);
  }
  for (const id of ['show-domestic', 'show-transnational', 'show-heatmap']) document.getElementById(id).addEventListener('change', draw);
  slider.addEventListener('input', draw);

  // A link can set the view: #period=N (1 = the first period) and hide=domestic|transnational|heatmap.
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.has('period')) slider.value = params.get('period');
  for (const cls of (params.get('hide') || '').split(',')) {
    const box = document.getElementById('show-' + cls);
    if (box) box.checked = false;
  }

  map.fitBounds(data.bounds, { padding: [20, 20] });
  draw();
})();
