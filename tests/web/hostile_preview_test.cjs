// The preview page runs nothing from its input. Hostile text in every column the page shows (and
// in the input's file name) goes through `incimap map`; the page is served on 127.0.0.1 and every
// popup opened in headless Chromium. Fails if any script ran (title changed, a global set, a
// dialog, a console error, a CSP violation), if the hostile text is not shown as text, if the page
// lacks its Content-Security-Policy, or if it asks for any file that was not written.
// Usage: node tests/web/hostile_preview_test.cjs BUILD_DIR   (exit 77: skipped)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { serve, launch, fail } = require('./browser.cjs');

const build = path.resolve(process.argv[2] || 'build');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'incimap-hostile-'));
process.on('exit', () => fs.rmSync(work, { recursive: true, force: true }));

// Each hostile text and the column it goes into; rows with coordinates so that all are placed.
const hostile = {
  id: '<script>window.pwned="id"</script>',
  place: "<img src=x onerror=document.title='X'> Kabul",
  event_type: '<b onmouseover=window.pwned="type">attack</b>',
  notes: '</script><script>window.pwned="notes"</script>',
  source: '<a href="javascript:window.pwned=\'source\'">AP</a>',
  fatalities: '<svg onload=window.pwned="fatalities">',
};
const csvField = (s) => `"${s.replace(/"/g, '""')}"`;
const rows = [
  'id,event_date,place,event_type,notes,source,fatalities,latitude,longitude',
  [hostile.id, '2022-01-05', hostile.place, hostile.event_type, hostile.notes, hostile.source, hostile.fatalities, '34.53', '69.17'].map(csvField).join(','),
  ['H-2', '2023-02-05', 'Kabul', '</script><script>window.pwned="json"</script>', 'javascript:alert(4)', 'javascript:alert(5)', '1', '', ''].map(csvField).join(','),
  ['H-3', '2023-03-05', '"><iframe src=javascript:window.pwned=3>', 'raid', 'x', '<style>body{display:none}</style>', '0', '34.0', '71.5'].map(csvField).join(','),
];
let name = '<img src=x onerror=window.pwned=file>.csv';  // a hostile file name where the filesystem takes it
try {
  fs.writeFileSync(path.join(work, name), rows.join('\n') + '\n');
} catch (e) {
  name = 'hostile.csv';
  fs.writeFileSync(path.join(work, name), rows.join('\n') + '\n');
}
const out = path.join(work, 'out');
execFileSync(path.join(build, 'incimap'), ['map', path.join(work, name), '--home', 'AF', '-o', out, '--quiet', '--heatmap',
  '--tiles', '--zoom', '0-4', '--per-period', 'year'], { stdio: 'inherit' });
const placed = JSON.parse(fs.readFileSync(path.join(out, 'summary.json'))).placed;
if (placed !== 3) fail(`${placed} of the 3 hostile rows were placed`);

// The data file keeps hostile text inert even if inlined into a <script> element.
const dataText = fs.readFileSync(path.join(out, 'preview_data.js'), 'utf8');
if (/<\/script/i.test(dataText)) fail('preview_data.js holds "</script" unescaped');
// style.json is made from the template and the run's file names only: no input text in it.
const styleText = fs.readFileSync(path.join(out, 'style.json'), 'utf8');
for (const text of Object.values(hostile)) if (styleText.includes(text)) fail(`style.json holds input text: ${text}`);
const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
const csp = (html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/) || [])[1];
if (!csp) fail('index.html has no Content-Security-Policy');
for (const need of ["default-src 'none'", "script-src 'self'"]) if (!csp.includes(need)) fail(`the CSP lacks ${need}: ${csp}`);
for (const bad of ['unsafe-inline', 'unsafe-eval', 'http:', 'https:', '*']) if (csp.includes(bad)) fail(`the CSP allows ${bad}: ${csp}`);
if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(html)) fail('index.html has an inline script');

(async () => {
  const server = await serve({ '/': out });
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const events = [];
  page.on('dialog', (d) => { events.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') events.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => events.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) events.push(`remote request: ${r.url()}`); });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(`${server.url}/index.html`);
  await page.waitForSelector('body[data-ready="yes"]', { timeout: 20000 });

  const markers = await page.$$('path.leaflet-interactive');
  if (markers.length !== placed) fail(`${markers.length} markers for ${placed} incidents`);
  const popupTexts = [];
  for (const [i, marker] of markers.entries()) {
    await marker.dispatchEvent('click');
    // the page counts the popups it has filled: wait for this one, not the one before
    await page.waitForSelector(`body[data-popups="${i + 1}"] .leaflet-popup-content`, { timeout: 5000 });
    popupTexts.push(await page.$eval('.leaflet-popup-content', (e) => ({
      text: e.innerText, elements: [...e.querySelectorAll('*')].map((n) => n.localName).filter((t) => !['div', 'b', 'table', 'tbody', 'tr', 'td'].includes(t)),
    })));
    await page.evaluate(() => document.querySelector('.leaflet-popup-close-button').dispatchEvent(new MouseEvent('click', { bubbles: true })));
    await page.waitForSelector('.leaflet-popup', { state: 'detached', timeout: 5000 });
  }
  // give any injected handler (onerror, onload) its chance to run
  await page.waitForTimeout(500);
  const panel = await page.$eval('.panel', (e) => e.innerText);
  const result = await page.evaluate(() => ({ title: document.title, pwned: window.pwned, violations: window.__violations,
    popups: document.body.dataset.popups, errors: document.body.dataset.errors }));
  await browser.close();
  server.close();

  if (server.missing.length) fail(`requests for files not written: ${server.missing.join(', ')}`);
  if (result.title !== 'incimap preview') fail(`document.title became ${JSON.stringify(result.title)}`);
  if (result.pwned !== undefined) fail(`a script from the input ran: window.pwned = ${JSON.stringify(result.pwned)}`);
  if (result.violations.length) fail(`CSP violations: ${result.violations.join('; ')}`);
  if (result.errors) fail(`script errors: ${result.errors}`);
  if (events.length) fail(events.join('\n'));
  for (const p of popupTexts) if (p.elements.length) fail(`a popup holds elements from the input: ${p.elements.join(', ')}`);
  const allText = popupTexts.map((p) => p.text).join('\n');
  for (const [column, text] of Object.entries(hostile)) {
    const shown = column === 'notes' ? true : allText.includes(text);  // notes are not a popup field
    if (!shown) fail(`the ${column} text is not shown as text in a popup: ${text}`);
  }
  if (name !== 'hostile.csv' && !allText.includes(name)) fail('the hostile file name is not shown as text');
  if (!allText.includes('</script><script>window.pwned="json"</script>')) fail(`the </script> event type is not shown as text:\n${allText}`);
  if (!/3 of 3 incidents shown/.test(panel)) fail(`the panel does not count the incidents: ${panel}`);
  console.log(`hostile preview: ${markers.length} popups opened, no script ran, input shown as text, CSP: ${csp}`);
})().catch((e) => fail(e.stack || String(e)));
