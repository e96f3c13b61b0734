// Faultline's page, part 2: the map (country outlines, clusters from the
// server, place labels, a size legend) and the timeline (a time axis,
// stacked bars per quad class, the Goldstein mean, alert days, a brush).
'use strict';

const WORLD = { x: -1800, y: -900, w: 3600, h: 1800 };
// Cluster symbols: area proportional to the count, radius in screen
// pixels between R_MIN and R_MAX (the cap), whatever the count.
const R_MIN = 4, R_MAX = 28;
const mapState = { view: { ...WORLD }, fitted: false, wide: false, zoomTimer: 0 };

async function loadCountries() {
  const res = await authFetch('/static/world.json');
  const countries = await res.json();
  const g = document.getElementById('countries');
  for (const c of countries) {
    const p = svg('path', { d: c.d });
    p.append(svg('title', {}, c.name));
    g.append(p);
  }
}

// pxPerUnit is the map's screen pixels per SVG unit (tenths of a degree).
function pxPerUnit() {
  const r = document.getElementById('map').getBoundingClientRect();
  return Math.min(r.width / mapState.view.w, r.height / mapState.view.h) || 0.25;
}

function setView(v, refetch) {
  const w = Math.min(WORLD.w, Math.max(20, v.w));
  const h = w * WORLD.h / WORLD.w;
  const x = Math.min(WORLD.x + WORLD.w - w, Math.max(WORLD.x, v.x));
  const y = Math.min(WORLD.y + WORLD.h - h, Math.max(WORLD.y, v.y));
  mapState.view = { x, y, w, h };
  document.getElementById('map').setAttribute('viewBox', `${x} ${y} ${w} ${h}`);
  sizeSymbols();
  if (refetch !== false) {
    // Clusters are cut on a grid that follows the zoom: ask again once
    // the zooming stops.
    clearTimeout(mapState.zoomTimer);
    mapState.zoomTimer = setTimeout(() => { if (cellSize() !== (state.overview && state.overview.cell)) loadOverview(); }, 300);
  }
}

// cellSize is the cluster grid for the current zoom: about 40 cells
// across the view, in degrees, from a fixed ladder so that replies cache.
function cellSize() {
  const deg = mapState.view.w / 10 / 40;
  for (const c of [0.05, 0.1, 0.25, 0.5, 1, 2, 5]) if (deg <= c) return c;
  return 10;
}

function zoom(factor, cx, cy) {
  const v = mapState.view;
  if (cx === undefined) { cx = v.x + v.w / 2; cy = v.y + v.h / 2; }
  setView({ x: cx - (cx - v.x) * factor, y: cy - (cy - v.y) * factor, w: v.w * factor, h: v.h * factor });
}

// fitClusters frames the bulk of the events: clusters holding 90% of them.
function fitClusters() {
  const cs = (state.overview && state.overview.clusters) || [];
  if (cs.length === 0) { setView({ ...WORLD }); return; }
  const total = cs.reduce((s, c) => s + c.count, 0);
  let seen = 0, x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const c of cs) { // biggest first
    x0 = Math.min(x0, c.lon * 10); x1 = Math.max(x1, c.lon * 10);
    y0 = Math.min(y0, -c.lat * 10); y1 = Math.max(y1, -c.lat * 10);
    seen += c.count;
    if (seen >= total * 0.9) break;
  }
  const pad = 30;
  const w = Math.max(x1 - x0 + 2 * pad, 2 * (y1 - y0 + 2 * pad), 120);
  setView({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - w / 4, w, h: w / 2 });
}

function radiusPx(count, max) {
  const k = (R_MAX - R_MIN) / Math.sqrt(Math.max(1, max));
  return Math.min(R_MAX, R_MIN + k * Math.sqrt(count));
}

// sizeSymbols keeps symbols and labels the same size on screen at any zoom.
function sizeSymbols() {
  const u = 1 / pxPerUnit();
  for (const c of document.querySelectorAll('#dots circle')) c.setAttribute('r', (Number(c.dataset.px) * u).toFixed(2));
  for (const t of document.querySelectorAll('#labels text')) {
    t.setAttribute('font-size', (11 * u).toFixed(2));
    t.setAttribute('dy', (-(Number(t.dataset.px) + 3) * u).toFixed(2));
  }
}

function clusterLabel(c) {
  const q = c.quad.slice(1).map((n, i) => n ? `${n} ${QUADS[i + 1]}` : '').filter(Boolean).join(', ');
  return `${c.place || 'unnamed place'}${c.country ? ', ' + c.country : ''}: ${c.count} event${c.count === 1 ? '' : 's'}${c.killed ? `, ${c.killed} killed` : ''} (${q})`;
}

function drawClusters() {
  const cs = state.overview.clusters;
  const g = document.getElementById('dots');
  const lg = document.getElementById('labels');
  g.replaceChildren();
  lg.replaceChildren();
  const max = cs.length ? cs[0].count : 1;
  // Big ones first, so that small ones stay on top and clickable.
  for (const c of cs) {
    const dom = c.quad.indexOf(Math.max(...c.quad.slice(1)), 1);
    const px = radiusPx(c.count, max);
    const circ = svg('circle', { cx: (c.lon * 10).toFixed(2), cy: (-c.lat * 10).toFixed(2), class: 'q' + (dom > 0 ? dom : 0),
      tabindex: '0', role: 'button', 'aria-label': clusterLabel(c) + '. Press Enter to show these events.' });
    circ.dataset.px = px;
    circ.dataset.count = c.count;
    circ.append(svg('title', {}, clusterLabel(c)));
    const pick = ev => { ev.stopPropagation(); setFilter('bbox', c.bbox.map(x => +x.toFixed(4)).join(',')); refresh(); };
    circ.addEventListener('click', pick);
    circ.addEventListener('keydown', ev => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(ev); } });
    circ.addEventListener('pointerdown', ev => ev.stopPropagation());
    g.append(circ);
  }
  // Place labels for the biggest clusters, leaving out those that would
  // overlap one already placed (at the current zoom).
  const u = 1 / pxPerUnit(), placed = [];
  for (const c of cs.slice(0, 30)) {
    if (!c.place || placed.length >= 12) continue;
    const px = c.lon * 10 / u, py = -c.lat * 10 / u - radiusPx(c.count, max) - 8, w = 7 * c.place.length;
    if (placed.some(p => Math.abs(p.x - px) < (p.w + w) / 2 + 4 && Math.abs(p.y - py) < 14)) continue;
    placed.push({ x: px, y: py, w });
    const t = svg('text', { x: (c.lon * 10).toFixed(2), y: (-c.lat * 10).toFixed(2), 'text-anchor': 'middle', class: 'place' }, c.place);
    t.dataset.px = radiusPx(c.count, max);
    lg.append(t);
  }
  drawLegend(max);
  document.getElementById('map-empty').hidden = state.overview.total !== 0;
  sizeSymbols();
}

// drawLegend shows what symbol sizes mean and the colours.
function drawLegend(max) {
  const box = document.getElementById('legend');
  box.replaceChildren();
  const steps = [...new Set([1, Math.round(Math.sqrt(max)), max])].filter(n => n >= 1);
  const s = svg('svg', { width: 2 * R_MAX + 90, height: 2 * R_MAX + 4, class: 'sizes', 'aria-label': 'Symbol sizes' });
  let x = 2;
  for (const n of steps) {
    const r = radiusPx(n, max);
    s.append(svg('circle', { cx: x + r, cy: R_MAX + 2, r, class: 'key' }));
    s.append(svg('text', { x: x + r, y: R_MAX + 6, 'text-anchor': 'middle' }, String(n)));
    x += 2 * r + 6;
  }
  s.setAttribute('width', x);
  box.append(el('span', {}, 'events per place: '), s);
  for (let q = 1; q <= 4; q++) box.append(el('span', { class: 'key' }, el('span', { class: 'dot q' + q }), QUADS[q]));
}

function setupMap() {
  const map = document.getElementById('map');
  let drag = null;
  const toUser = ev => {
    const r = map.getBoundingClientRect();
    const s = pxPerUnit();
    const ox = (r.width - mapState.view.w * s) / 2, oy = (r.height - mapState.view.h * s) / 2;
    return { x: mapState.view.x + (ev.clientX - r.left - ox) / s, y: mapState.view.y + (ev.clientY - r.top - oy) / s, s };
  };
  map.addEventListener('wheel', ev => { ev.preventDefault(); const p = toUser(ev); zoom(ev.deltaY < 0 ? 0.8 : 1.25, p.x, p.y); }, { passive: false });
  map.addEventListener('pointerdown', ev => { drag = { x: ev.clientX, y: ev.clientY, v: { ...mapState.view }, s: toUser(ev).s }; map.classList.add('dragging'); });
  window.addEventListener('pointermove', ev => {
    if (!drag) return;
    setView({ ...drag.v, x: drag.v.x - (ev.clientX - drag.x) / drag.s, y: drag.v.y - (ev.clientY - drag.y) / drag.s });
  });
  window.addEventListener('pointerup', () => { drag = null; map.classList.remove('dragging'); });
  document.getElementById('zoom-in').addEventListener('click', () => zoom(0.5));
  document.getElementById('zoom-out').addEventListener('click', () => zoom(2));
  document.getElementById('zoom-fit').addEventListener('click', fitClusters);
  window.addEventListener('resize', sizeSymbols);
}

// --- timeline ----------------------------------------------------------------

const DAY = 86400000;
const TL = { W: 800, H: 180, top: 16, bottom: 150 };

function parseDay(s) { return Date.parse(s + 'T00:00:00Z'); }
function fmtDay(t) { return new Date(t).toISOString().slice(0, 10); }

// ticks picks tick days for a span: days, weeks, months or years.
function ticks(t0, t1) {
  const days = (t1 - t0) / DAY;
  const out = [];
  if (days <= 21) { for (let t = t0; t <= t1; t += DAY * (days > 10 ? 2 : 1)) out.push([t, fmtDay(t).slice(5)]); return out; }
  if (days <= 120) {
    let t = t0 + ((8 - new Date(t0).getUTCDay()) % 7) * DAY; // Mondays
    for (; t <= t1; t += 7 * DAY) out.push([t, fmtDay(t).slice(5)]);
    return out;
  }
  const d = new Date(t0);
  const step = days <= 800 ? 1 : days <= 3000 ? 6 : 12;
  let m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  for (; m.getTime() <= t1; m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + step, 1))) {
    out.push([m.getTime(), step >= 12 ? String(m.getUTCFullYear()) : fmtDay(m.getTime()).slice(0, 7)]);
  }
  return out;
}

function drawTimeline() {
  const ov = state.overview;
  const tl = document.getElementById('timeline');
  tl.replaceChildren();
  const widen = document.getElementById('tl-widen');
  const note = document.getElementById('tl-note');
  note.textContent = '';
  if (!ov.days.length) { widen.hidden = true; tl.append(svg('text', { x: 400, y: 90, 'text-anchor': 'middle' }, 'No events match these filters.')); return; }
  const from = mapState.wide ? ov.first : ov.span_from, to = mapState.wide ? ov.last : ov.span_to;
  widen.hidden = ov.outside === 0;
  widen.textContent = mapState.wide ? 'Show the main span' : `Show all days (${ov.outside} event${ov.outside === 1 ? '' : 's'} from ${ov.first} to ${ov.last} outside)`;
  const t0 = parseDay(from), t1 = parseDay(to);
  const n = Math.round((t1 - t0) / DAY) + 1;
  const days = ov.days.filter(d => d.day >= from && d.day <= to);
  const tot = d => d.quad[0] + d.quad[1] + d.quad[2] + d.quad[3] + d.quad[4];
  const max = Math.max(1, ...days.map(tot));
  const { W, top, bottom } = TL;
  const bw = W / n, x = t => (t - t0) / DAY * bw, y = v => bottom - (bottom - top) * v / max;
  // Ticks and grid.
  for (const [t, label] of ticks(t0, t1)) {
    tl.append(svg('line', { x1: x(t), x2: x(t), y1: top, y2: bottom + 4, class: 'grid' }));
    tl.append(svg('text', { x: x(t) + 2, y: bottom + 14, class: 'tick' }, label));
  }
  tl.append(svg('line', { x1: 0, x2: W, y1: bottom, y2: bottom, class: 'axis' }));
  tl.append(svg('text', { x: 2, y: top - 4, class: 'tick' }, `${max}/day`));
  // Stacked bars: material conflict at the bottom, verbal cooperation on top.
  for (const d of days) {
    const xi = x(parseDay(d.day)) + bw * 0.1, w = Math.max(bw * 0.8, 0.8);
    let base = 0;
    for (const q of [4, 3, 2, 1, 0]) {
      const c = d.quad[q];
      if (!c) continue;
      const r = svg('rect', { x: xi, y: y(base + c), width: w, height: y(base) - y(base + c), class: 'bar q' + q });
      r.append(svg('title', {}, `${d.day}: ${c} ${QUADS[q] || 'unclassed'}`));
      tl.append(r);
      base += c;
    }
  }
  // Goldstein mean per day as a line on its own scale (-10..10).
  const gy = g => top + (bottom - top) * (10 - g) / 20;
  const pts = days.map(d => `${(x(parseDay(d.day)) + bw / 2).toFixed(1)},${gy(d.goldstein / Math.max(1, tot(d))).toFixed(1)}`);
  if (pts.length > 1) tl.append(svg('polyline', { points: pts.join(' '), class: 'goldstein' }));
  tl.append(svg('text', { x: W - 2, y: TL.H - 3, 'text-anchor': 'end', class: 'tick goldstein-key' }, '— Goldstein mean (−10…10)'));
  // Days alerts fired.
  for (const d of ov.alert_days || []) {
    const t = parseDay(d);
    if (t < t0 || t > t1) continue;
    const m = svg('path', { d: `M${x(t) + bw / 2 - 5} ${top - 12}L${x(t) + bw / 2 + 5} ${top - 12}L${x(t) + bw / 2} ${top - 3}Z`, class: 'alert-day' });
    m.append(svg('title', {}, `${d}: an alert fired`));
    tl.append(m);
  }
  if (ov.outside && !mapState.wide) note.textContent = `${from} to ${to}`;
  tl.dataset.from = from;
  tl.dataset.to = to;
  tl.dataset.days = n;
}

// setupBrush lets a drag across the timeline set the From and To filters.
function setupBrush() {
  const tl = document.getElementById('timeline');
  let start = null, rect = null;
  const dayAt = ev => {
    const r = tl.getBoundingClientRect();
    const n = Number(tl.dataset.days || 1);
    const i = Math.max(0, Math.min(n - 1, Math.floor((ev.clientX - r.left) / r.width * n)));
    return { i, t: parseDay(tl.dataset.from) + i * DAY, x: i * TL.W / n, w: TL.W / n };
  };
  tl.addEventListener('pointerdown', ev => {
    if (!tl.dataset.from) return;
    start = dayAt(ev);
    rect = svg('rect', { x: start.x, y: 0, width: start.w, height: TL.H, class: 'brush' });
    tl.append(rect);
    try { tl.setPointerCapture(ev.pointerId); } catch (e) { /* a synthetic pointer has none */ }
  });
  tl.addEventListener('pointermove', ev => {
    if (!start) return;
    const cur = dayAt(ev);
    const a = Math.min(start.x, cur.x), b = Math.max(start.x, cur.x) + cur.w;
    rect.setAttribute('x', a);
    rect.setAttribute('width', b - a);
  });
  tl.addEventListener('pointerup', ev => {
    if (!start) return;
    const cur = dayAt(ev);
    const a = Math.min(start.t, cur.t), b = Math.max(start.t, cur.t);
    start = null;
    setFilter('from', fmtDay(a));
    setFilter('to', fmtDay(b));
    refresh();
  });
  document.getElementById('tl-widen').addEventListener('click', () => { mapState.wide = !mapState.wide; drawTimeline(); });
}
