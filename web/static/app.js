// Faultline's page: map, timeline, events table, event detail and alert
// board over the JSON API. Every piece of data reaches the DOM through
// textContent or attribute setters, never as HTML.
'use strict';

const SVGNS = 'http://www.w3.org/2000/svg';
const WORLD = { x: -1800, y: -900, w: 3600, h: 1800 };
const MAX_EVENTS = 5000;
const ROOTS = [
  ['01', 'make public statement'], ['02', 'appeal'], ['03', 'express intent to cooperate'],
  ['04', 'consult'], ['05', 'engage in diplomatic cooperation'], ['06', 'engage in material cooperation'],
  ['07', 'provide aid'], ['08', 'yield'], ['09', 'investigate'], ['10', 'demand'], ['11', 'disapprove'],
  ['12', 'reject'], ['13', 'threaten'], ['14', 'protest'], ['15', 'exhibit force posture'],
  ['16', 'reduce relations'], ['17', 'coerce'], ['18', 'assault'], ['19', 'fight'], ['20', 'use mass violence'],
];
const ROOT_NAMES = Object.fromEntries(ROOTS);

const state = { events: [], byId: new Map(), view: { ...WORLD }, selected: null };

// el builds an element; string children become text nodes.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

function setStatus(msg) { document.getElementById('status').textContent = msg; }

// api fetches a JSON envelope and returns it, throwing with the server's
// message on an error envelope. Every call sends the token typed on the
// page, reads too: `serve --closed-reads` answers them only with it.
async function api(path, opts) {
  opts = Object.assign({}, opts);
  const tok = document.getElementById('token').value.trim();
  if (tok) opts.headers = Object.assign({}, opts.headers, { 'Authorization': 'Bearer ' + tok });
  const res = await fetch(path, opts);
  let body;
  try { body = await res.json(); } catch (e) { throw new Error('HTTP ' + res.status); }
  if (!body.ok) throw new Error(body.error ? body.error.message : 'HTTP ' + res.status);
  return body;
}

function filterQuery() {
  const q = new URLSearchParams();
  for (const [k, v] of new FormData(document.getElementById('filters'))) {
    if (String(v).trim() !== '') q.set(k, String(v).trim());
  }
  return q;
}

// --- map ---------------------------------------------------------------

async function loadCountries() {
  const res = await fetch('/static/world.json');
  const countries = await res.json();
  const g = document.getElementById('countries');
  for (const c of countries) {
    const p = svg('path', { d: c.d });
    const t = svg('title');
    t.textContent = c.name;
    p.append(t);
    g.append(p);
  }
}

function setView(v) {
  const w = Math.min(WORLD.w, Math.max(20, v.w));
  const h = w * WORLD.h / WORLD.w;
  const x = Math.min(WORLD.x + WORLD.w - w, Math.max(WORLD.x, v.x));
  const y = Math.min(WORLD.y + WORLD.h - h, Math.max(WORLD.y, v.y));
  state.view = { x, y, w, h };
  document.getElementById('map').setAttribute('viewBox', `${x} ${y} ${w} ${h}`);
  sizeDots();
}

function zoom(factor, cx, cy) {
  const v = state.view;
  if (cx === undefined) { cx = v.x + v.w / 2; cy = v.y + v.h / 2; }
  const w = v.w * factor, h = v.h * factor;
  setView({ x: cx - (cx - v.x) * factor, y: cy - (cy - v.y) * factor, w, h });
}

// fitEvents frames the bulk of the events: the 5th to 95th percentiles of
// their coordinates, so that one far-off report does not zoom the map out
// to a continent.
function fitEvents() {
  const pts = state.events.filter(e => e.location);
  if (pts.length === 0) { setView({ ...WORLD }); return; }
  const xs = pts.map(e => e.location.lon * 10).sort((a, b) => a - b);
  const ys = pts.map(e => -e.location.lat * 10).sort((a, b) => a - b);
  const q = (a, p) => a[Math.min(a.length - 1, Math.max(0, Math.round(p * (a.length - 1))))];
  const x0 = q(xs, 0.05), x1 = q(xs, 0.95), y0 = q(ys, 0.05), y1 = q(ys, 0.95);
  const pad = 30;
  const w = Math.max(x1 - x0 + 2 * pad, 2 * (y1 - y0 + 2 * pad), 120);
  const h = w / 2;
  setView({ x: (x0 + x1) / 2 - w / 2, y: (y0 + y1) / 2 - h / 2, w, h });
}

function dotRadius(e) {
  const q = e.quantities || {};
  const weight = (e.mentions || 1) + (q.killed || 0) + (q.injured || 0);
  return 3 + 2.2 * Math.sqrt(weight);
}

// sizeDots keeps dots the same size on screen whatever the zoom.
function sizeDots() {
  const k = state.view.w / 900;
  for (const c of document.querySelectorAll('#dots circle')) {
    c.setAttribute('r', (Number(c.dataset.r) * k).toFixed(2));
  }
}

function drawDots() {
  const g = document.getElementById('dots');
  g.replaceChildren();
  // Big dots first, so that small ones stay clickable on top.
  const located = state.events.filter(e => e.location).sort((a, b) => dotRadius(b) - dotRadius(a));
  for (const e of located) {
    const c = svg('circle', { cx: (e.location.lon * 10).toFixed(2), cy: (-e.location.lat * 10).toFixed(2), class: 'q' + (e.quad_class || 0) });
    c.dataset.r = dotRadius(e);
    c.dataset.id = e.id;
    const t = svg('title');
    t.textContent = `${e.date} ${e.source.code || '?'} ${ROOT_NAMES[e.root] || e.cameo} ${e.target.code || '?'} — ${e.location.name}`;
    c.append(t);
    c.addEventListener('click', ev => { ev.stopPropagation(); showEvent(e.id); });
    g.append(c);
  }
  sizeDots();
}

function setupMap() {
  const map = document.getElementById('map');
  let drag = null;
  const toUser = (ev) => {
    const r = map.getBoundingClientRect();
    // preserveAspectRatio meet: the scale is the smaller of the two.
    const s = Math.min(r.width / state.view.w, r.height / state.view.h);
    const ox = (r.width - state.view.w * s) / 2, oy = (r.height - state.view.h * s) / 2;
    return { x: state.view.x + (ev.clientX - r.left - ox) / s, y: state.view.y + (ev.clientY - r.top - oy) / s, s };
  };
  map.addEventListener('wheel', ev => {
    ev.preventDefault();
    const p = toUser(ev);
    zoom(ev.deltaY < 0 ? 0.8 : 1.25, p.x, p.y);
  }, { passive: false });
  map.addEventListener('pointerdown', ev => {
    drag = { x: ev.clientX, y: ev.clientY, v: { ...state.view }, s: toUser(ev).s };
    map.classList.add('dragging');
  });
  window.addEventListener('pointermove', ev => {
    if (!drag) return;
    setView({ ...drag.v, x: drag.v.x - (ev.clientX - drag.x) / drag.s, y: drag.v.y - (ev.clientY - drag.y) / drag.s });
  });
  window.addEventListener('pointerup', () => { drag = null; map.classList.remove('dragging'); });
  document.getElementById('zoom-in').addEventListener('click', () => zoom(0.5));
  document.getElementById('zoom-out').addEventListener('click', () => zoom(2));
  document.getElementById('zoom-fit').addEventListener('click', fitEvents);
}

// --- timeline ----------------------------------------------------------

async function loadTimeline(q) {
  const tl = document.getElementById('timeline');
  tl.replaceChildren();
  const body = await api('/api/v1/series?by=total&' + q.toString());
  let days = body.data.series.length ? body.data.series[0].days : [];
  if (days.length === 0) return;
  // Background in the reports ("elections in April were boycotted") dates
  // a few events months before the crisis; drawn to scale they would
  // squeeze the weeks that matter into a sliver. When at most a tenth of
  // the events lie before a month with none, the axis starts after that
  // gap and says how many it leaves out (a From filter shows them).
  const total = days.reduce((s, d) => s + d.conflict + d.cooperation, 0);
  let before = [], seen = 0;
  for (let k = 1; k < days.length; k++) {
    seen += days[k - 1].conflict + days[k - 1].cooperation;
    if (seen > total * 0.1) break;
    if (Date.parse(days[k].day) - Date.parse(days[k - 1].day) > 30 * 86400000) before = days.slice(0, k);
  }
  days = days.slice(before.length);
  const t0 = Date.parse(days[0].day), t1 = Date.parse(days[days.length - 1].day);
  const n = Math.round((t1 - t0) / 86400000) + 1;
  const max = Math.max(1, ...days.map(d => Math.max(d.conflict, d.cooperation)));
  const W = 800, H = 160, mid = 76, half = 66, bw = W / n;
  tl.append(svg('line', { x1: 0, x2: W, y1: mid, y2: mid, class: 'axis' }));
  for (const d of days) {
    const i = Math.round((Date.parse(d.day) - t0) / 86400000);
    const x = i * bw + bw * 0.1, w = Math.max(bw * 0.8, 1);
    const up = half * d.cooperation / max, down = half * d.conflict / max;
    const c = svg('rect', { x, y: mid - up, width: w, height: up, class: 'coop' });
    const ct = svg('title'); ct.textContent = `${d.day}: ${d.cooperation} cooperation`; c.append(ct);
    const f = svg('rect', { x, y: mid, width: w, height: down, class: 'conf' });
    const ft = svg('title'); ft.textContent = `${d.day}: ${d.conflict} conflict`; f.append(ft);
    tl.append(c, f);
  }
  const label = (x, s, anchor) => { const t = svg('text', { x, y: H - 4, 'text-anchor': anchor }); t.textContent = s; tl.append(t); };
  label(2, days[0].day, 'start');
  label(W - 2, days[days.length - 1].day, 'end');
  const t = svg('text', { x: 4, y: 12 }); t.textContent = `▲ cooperation  ▼ conflict  (max ${max}/day)`; tl.append(t);
  if (before.length) {
    const lt = before.reduce((s, d) => s + d.conflict + d.cooperation, 0);
    const o = svg('text', { x: W - 4, y: 12, 'text-anchor': 'end', class: 'omitted' });
    o.textContent = `${lt} earlier event${lt === 1 ? '' : 's'} (from ${before[0].day}) not drawn`;
    tl.append(o);
  }
}

// --- events ------------------------------------------------------------

async function loadEvents(q) {
  const events = [];
  let cursor = '';
  do {
    const p = new URLSearchParams(q);
    p.set('limit', '1000');
    if (cursor) p.set('cursor', cursor);
    const body = await api('/api/v1/events?' + p.toString());
    events.push(...body.data);
    cursor = body.next || '';
  } while (cursor && events.length < MAX_EVENTS);
  state.events = events;
  state.byId = new Map(events.map(e => [e.id, e]));
  document.getElementById('count').textContent = `(${events.length}${cursor ? '+' : ''})`;
  drawTable();
  drawDots();
}

function actorLabel(a) { return a.code ? `${a.code} (${a.text})` : (a.text || '—'); }

function drawTable() {
  const tb = document.querySelector('#events tbody');
  tb.replaceChildren();
  // Newest first: the table is read from the top.
  for (const e of [...state.events].reverse()) {
    const tr = el('tr', { 'data-id': e.id, onclick: () => showEvent(e.id) },
      el('td', {}, e.date || '—'),
      el('td', {}, e.source.code || '—'),
      el('td', { title: e.cameo }, `${e.cameo} ${ROOT_NAMES[e.root] || ''}`),
      el('td', {}, e.target.code || '—'),
      el('td', {}, e.location ? e.location.name : '—'),
      el('td', {}, e.modality),
      el('td', {}, String(e.mentions || 1)));
    tb.append(tr);
  }
}

// utf8Slice cuts the text at byte offsets, as the API's evidence spans are.
function utf8Parts(text, spans) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  return spans.map(([a, b]) => dec.decode(bytes.subarray(Math.max(0, a), Math.min(bytes.length, b))));
}

async function showEvent(id) {
  state.selected = id;
  for (const c of document.querySelectorAll('#dots circle')) c.classList.toggle('selected', c.dataset.id === id);
  for (const r of document.querySelectorAll('#events tbody tr')) r.classList.toggle('selected', r.dataset.id === id);
  const panel = document.getElementById('detail-panel');
  const box = document.getElementById('detail');
  panel.hidden = false;
  box.replaceChildren(el('p', {}, 'Loading…'));
  try {
    const ev = state.byId.get(id) || (await api('/api/v1/events/' + encodeURIComponent(id))).data;
    const doc = (await api('/api/v1/documents/' + encodeURIComponent(ev.doc_id))).data.document;
    if (state.selected !== id) return;
    box.replaceChildren(...renderDetail(ev, doc));
    const m = box.querySelector('mark');
    if (m) m.scrollIntoView({ block: 'nearest' });
  } catch (err) {
    box.replaceChildren(el('p', { class: 'error' }, 'Could not load the event: ' + err.message));
  }
}

function renderDetail(e, doc) {
  const q = Object.entries(e.quantities || {}).map(([k, v]) => {
    const note = e.quantity_notes && e.quantity_notes[k];
    return `${k} ${v}${note ? ' (' + note + ')' : ''}`;
  }).join(', ');
  const loc = e.location ? `${e.location.name}, ${e.location.country} (${e.location.precision}; ${e.location.lat.toFixed(3)}, ${e.location.lon.toFixed(3)})` : '—';
  const dl = el('dl', {},
    el('dt', {}, 'Date'), el('dd', {}, e.date || '—'),
    el('dt', {}, 'Event'), el('dd', {}, `${e.cameo} ${ROOT_NAMES[e.root] || ''} (quad ${e.quad_class}, Goldstein ${e.goldstein})`),
    el('dt', {}, 'Source'), el('dd', {}, actorLabel(e.source)),
    el('dt', {}, 'Target'), el('dd', {}, actorLabel(e.target)),
    el('dt', {}, 'Place'), el('dd', {}, loc),
    el('dt', {}, 'Quantities'), el('dd', {}, q || '—'),
    el('dt', {}, 'Modality'), el('dd', {}, e.modality),
    el('dt', {}, 'Said by'), el('dd', {}, e.attribution && e.attribution.text ? actorLabel(e.attribution) : '—'),
    el('dt', {}, 'Mentions'), el('dd', {}, `${e.mentions || 1} (${(e.documents || []).join(', ')})`),
    el('dt', {}, 'Document'), el('dd', {}, `${doc.id}${doc.source ? ' · ' + doc.source : ''}${doc.date ? ' · ' + doc.date : ''}`));
  // The document with the evidence marked and the verb inside it in bold.
  const ev = e.evidence || { start: 0, end: 0 };
  const vb = e.verb && e.verb.end > e.verb.start && e.verb.start >= ev.start && e.verb.end <= ev.end ? e.verb : null;
  const text = doc.text;
  const docBox = el('div', { class: 'doc' });
  if (ev.end > ev.start) {
    const cuts = vb ? [[0, ev.start], [ev.start, vb.start], [vb.start, vb.end], [vb.end, ev.end], [ev.end, Infinity]]
      : [[0, ev.start], [ev.start, ev.end], [ev.end, Infinity]];
    const p = utf8Parts(text, cuts);
    const mark = vb ? el('mark', { class: 'evidence' }, p[1], el('strong', {}, p[2]), p[3])
      : el('mark', { class: 'evidence' }, p[1]);
    docBox.append(document.createTextNode(p[0]), mark, document.createTextNode(p[p.length - 1]));
  } else {
    docBox.textContent = text;
  }
  const out = [dl];
  if (doc.title) out.push(el('p', { class: 'doc-title' }, doc.title));
  out.push(docBox);
  return out;
}

// --- alerts ------------------------------------------------------------

async function loadAlerts() {
  const box = document.getElementById('alerts');
  let alerts;
  try {
    alerts = (await api('/api/v1/alerts')).data;
  } catch (err) {
    box.replaceChildren(el('p', { class: 'error' }, 'Alerts unavailable: ' + err.message));
    return;
  }
  if (alerts.length === 0) {
    box.replaceChildren(el('p', {}, 'No alerts.'));
    return;
  }
  box.replaceChildren(...alerts.map(renderAlert));
}

function renderAlert(a) {
  const labels = Object.entries(a.labels || {}).map(([k, v]) => `${k}=${v}`).join(', ');
  const nums = `value ${fmt(a.value)}` + (a.baseline ? `, baseline ${fmt(a.baseline)}` : '') + `, ${a.count} events`;
  const ann = a.annotations || {};
  const card = el('div', { class: 'alert ' + a.state, 'data-id': a.id },
    el('h3', {}, el('span', { class: 'state' }, a.state), `${a.rule} (level ${a.level})`),
    el('div', {}, labels),
    el('div', {}, nums),
    ann.summary ? el('div', {}, ann.summary) : null,
    el('div', {}, 'since ' + new Date(a.active_at).toISOString().slice(0, 16).replace('T', ' ')));
  if (a.response) {
    const r = a.response;
    const units = (r.units || []).map(u => el('li', {}, `${u.name || u.unit}${u.strength ? ' (' + u.strength + ')' : ''}: ${u.now} → ${u.want}${u.where ? ' in ' + u.where : ''}`));
    card.append(el('div', { class: 'response' },
      el('strong', {}, `Level ${r.level} ${r.name} (${r.status}): `), r.action,
      units.length ? el('ul', {}, ...units) : null));
  }
  if (a.events && a.events.length) {
    const ev = el('div', { class: 'evidence' }, 'Evidence: ');
    for (const id of a.events.slice(0, 8)) {
      ev.append(el('a', { href: '#', onclick: (x) => { x.preventDefault(); showEvent(id); } }, id));
    }
    card.append(ev);
  }
  if (a.ack) {
    card.append(el('div', {}, `Acknowledged by ${a.ack.by}${a.ack.why ? ': ' + a.ack.why : ''}`));
  } else if (a.state !== 'resolved' && state.writes !== false) {
    const msg = el('span', { class: 'error' });
    const btn = el('button', { type: 'button', class: 'ack' }, 'Acknowledge');
    btn.addEventListener('click', async () => {
      const who = window.prompt('Your name?');
      if (!who) return;
      const why = window.prompt('Why / decision?') || '';
      try {
        await api(`/api/v1/alerts/${encodeURIComponent(a.id)}/ack`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ who, why }),
        });
        loadAlerts();
      } catch (err) {
        msg.textContent = ' ' + err.message;
      }
    });
    card.append(el('div', {}, btn, msg));
  }
  return card;
}

function fmt(x) { return Number.isInteger(x) ? String(x) : x.toFixed(2); }

// --- start -------------------------------------------------------------

async function refresh() {
  const q = filterQuery();
  setStatus('Loading…');
  try {
    await Promise.all([loadEvents(q), loadTimeline(q), loadAlerts()]);
    fitEvents();
    setStatus(`${state.events.length} events`);
    document.body.dataset.ready = 'true';
  } catch (err) {
    setStatus('Error: ' + err.message);
  }
}

async function main() {
  const sel = document.getElementById('root-select');
  for (const [code, name] of ROOTS) sel.append(el('option', { value: code }, `${code} ${name}`));
  const form = document.getElementById('filters');
  form.addEventListener('submit', ev => { ev.preventDefault(); refresh(); });
  form.addEventListener('reset', () => setTimeout(refresh, 0));
  document.getElementById('detail-close').addEventListener('click', () => { document.getElementById('detail-panel').hidden = true; });
  const tok = document.getElementById('token');
  tok.value = sessionStorage.getItem('faultline-token') || '';
  tok.addEventListener('change', () => { sessionStorage.setItem('faultline-token', tok.value); refresh(); });
  // A server without a token refuses every write: no Acknowledge buttons.
  try { state.writes = (await api('/healthz')).data.writes !== false; } catch (err) { /* keep the buttons */ }
  setupMap();
  await loadCountries().catch(err => setStatus('Map outlines unavailable: ' + err.message));
  await refresh();
}

main();
