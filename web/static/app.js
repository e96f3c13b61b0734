// Faultline's page, part 1: helpers, the one API wrapper, filters and the
// URL, the events table, the event panel and exports. map.js draws the map
// and timeline, board.js the alert board and replay, main.js starts it.
// Every piece of data reaches the DOM through textContent or attribute
// setters, never as HTML.
'use strict';

const SVGNS = 'http://www.w3.org/2000/svg';
const QUADS = ['', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
const FILTER_KEYS = ['from', 'to', 'country', 'actor', 'source', 'target', 'root', 'code', 'quad', 'modality', 'min_confidence', 'text', 'bbox', 'alert', 'as_of'];

const state = { overview: null, rows: 200, selected: null, names: {}, codes: {}, board: null };

// el builds an element; string children become text nodes.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return e;
}

function svg(tag, attrs, text) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function setStatus(msg) { document.getElementById('status').textContent = msg; }

function token() { return sessionStorage.getItem('faultline-token') || ''; }

// authFetch is the page's one way to the server: it sends the token, when
// one is set, with every request (a server with closed reads wants it for
// reads too).
function authFetch(path, opts) {
  const o = Object.assign({}, opts || {});
  const t = token();
  if (t) o.headers = Object.assign({ 'Authorization': 'Bearer ' + t }, o.headers || {});
  return fetch(path, o);
}

// api fetches a JSON envelope and returns it, throwing with the server's
// message on an error envelope.
async function api(path, opts) {
  const res = await authFetch(path, opts);
  let body;
  try { body = await res.json(); } catch (e) { throw new Error('HTTP ' + res.status); }
  if (!body.ok) throw new Error(body.error ? body.error.message : 'HTTP ' + res.status);
  return body;
}

// --- filters and the URL -------------------------------------------------

function filterForm() { return document.getElementById('filters'); }

// filterQuery is the filters as query parameters, empty ones left out.
function filterQuery() {
  const q = new URLSearchParams();
  const form = filterForm();
  for (const k of FILTER_KEYS) {
    const v = form.elements[k] ? String(form.elements[k].value).trim() : '';
    if (v !== '') q.set(k, v);
  }
  return q;
}

// The query the events are asked with: a replay day caps the dates.
function eventQuery() {
  const q = filterQuery();
  // A replay (the slider, or a server started with --as-of) shows the
  // events known by its day.
  const asOf = q.get('as_of') || (state.board && state.board.replay ? state.board.as_of : '');
  q.delete('as_of');
  if (asOf && (!q.get('to') || q.get('to') > asOf)) q.set('to', asOf);
  return q;
}

function setFilter(k, v) { filterForm().elements[k].value = v || ''; }

function readURL() {
  const q = new URLSearchParams(location.search);
  for (const k of FILTER_KEYS) setFilter(k, q.get(k) || '');
}

function writeURL() {
  const q = filterQuery().toString();
  history.replaceState(null, '', q ? '?' + q : location.pathname);
}

// drawChips lists the filters set from the map, the board or replay,
// which have no field of their own, each with a button that clears it.
function drawChips() {
  const box = document.getElementById('chips');
  const q = filterQuery();
  const chips = [];
  const label = { bbox: 'Map area', alert: 'Evidence of alert', as_of: 'Replay as of' };
  for (const k of ['bbox', 'alert', 'as_of']) {
    if (!q.get(k)) continue;
    chips.push(el('span', { class: 'chip' }, `${label[k]} ${q.get(k)} `,
      el('button', { type: 'button', 'aria-label': 'Clear ' + label[k], onclick: () => { setFilter(k, ''); refresh(); } }, '×')));
  }
  box.replaceChildren(...chips);
}

// --- names ---------------------------------------------------------------

function actorCell(code, text) {
  if (!code) return el('span', { class: 'muted' }, text || '—');
  const name = state.names[code];
  return el('span', { title: text ? `"${text}"` : '' }, el('code', {}, code), name ? ' ' + name : '');
}

function eventName(code) { return state.codes[code] || ''; }

// --- table ---------------------------------------------------------------

function drawTable() {
  const ov = state.overview;
  const tb = document.querySelector('#events tbody');
  tb.replaceChildren();
  for (const r of ov.rows) {
    const tr = el('tr', { 'data-id': r.id, tabindex: '0', class: r.id === state.selected ? 'selected' : null,
      onclick: () => showEvent(r.id), onkeydown: ev => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); showEvent(r.id); } } },
      el('td', {}, r.date || '—'),
      el('td', { class: 'src' }, actorCell(r.source, r.source_text)),
      el('td', { class: 'ev q' + r.quad_class }, el('code', {}, r.cameo), ' ' + (r.event_name || eventName(r.cameo))),
      el('td', { class: 'tgt' }, actorCell(r.target, r.target_text)),
      el('td', {}, r.place ? `${r.place}${r.country ? ', ' + r.country : ''}` : '—'),
      el('td', {}, r.modality),
      el('td', {}, String(r.mentions || 1)),
      el('td', {}, r.confidence ? r.confidence.toFixed(2) : '—'));
    tb.append(tr);
  }
  const empty = ov.total === 0;
  document.getElementById('table-empty').hidden = !empty;
  document.getElementById('count').textContent = empty ? '(none)'
    : ov.rows.length < ov.total ? `(newest ${ov.rows.length} of ${ov.total})` : `(${ov.total})`;
  document.getElementById('more').hidden = ov.rows.length >= ov.total || state.rows >= 2000;
}

// --- event panel -----------------------------------------------------------

// utf8Parts cuts the text at byte offsets, as the API's evidence spans are.
function utf8Parts(text, spans) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  return spans.map(([a, b]) => dec.decode(bytes.subarray(Math.max(0, a), Math.min(bytes.length, b))));
}

async function showEvent(id) {
  state.selected = id;
  for (const r of document.querySelectorAll('#events tbody tr')) r.classList.toggle('selected', r.dataset.id === id);
  const panel = document.getElementById('detail-panel');
  const box = document.getElementById('detail');
  panel.hidden = false;
  box.replaceChildren(el('p', {}, 'Loading…'));
  try {
    const ev = (await api('/api/v1/events/' + encodeURIComponent(id))).data;
    const docReply = (await api('/api/v1/documents/' + encodeURIComponent(ev.doc_id))).data;
    const doc = docReply.document;
    // The events of the same incident in this document: where its figures come from.
    const incident = ev.incident ? (docReply.events || []).filter(x => x.incident === ev.incident) : [];
    // The other documents that mention it, for their outlets and links.
    const others = await Promise.all((ev.documents || []).filter(d => d !== doc.id).slice(0, 10)
      .map(d => api('/api/v1/documents/' + encodeURIComponent(d)).then(b => b.data.document).catch(() => ({ id: d }))));
    if (state.selected !== id) return;
    box.replaceChildren(...renderDetail(ev, doc, others, incident));
    const m = box.querySelector('mark');
    if (m) m.scrollIntoView({ block: 'nearest' });
    panel.scrollIntoView({ block: 'nearest' });
  } catch (err) {
    box.replaceChildren(el('p', { class: 'error' }, 'Could not load the event: ' + err.message));
  }
}

// docLine is a document as "title · outlet · date" with its URL as a link
// (http and https only).
function docLine(d) {
  const parts = [d.title || d.id, d.source, d.date].filter(Boolean).join(' · ');
  const safe = d.url && /^https?:\/\//i.test(d.url);
  return el('span', {}, parts, safe ? ' ' : '', safe ? el('a', { href: d.url, rel: 'noopener noreferrer', target: '_blank', class: 'doc-url' }, d.url) : null);
}

function renderDetail(e, doc, others, incident) {
  const q = Object.entries(e.quantities || {}).map(([k, v]) => {
    const note = e.quantity_notes && e.quantity_notes[k];
    return `${k} ${v}${note ? ' (' + note + ')' : ''}`;
  }).join(', ');
  const loc = e.location ? `${e.location.name}, ${e.location.country} (${e.location.precision}; ${e.location.lat.toFixed(3)}, ${e.location.lon.toFixed(3)})` : '—';
  const actor = a => a.code ? `${a.code}${state.names[a.code] ? ' ' + state.names[a.code] : ''} ("${a.text}")` : (a.text || '—');
  const dl = el('dl', {},
    el('dt', {}, 'Date'), el('dd', {}, e.date || '—'),
    el('dt', {}, 'Event'), el('dd', {}, `${e.cameo} ${eventName(e.cameo)} (${QUADS[e.quad_class] || 'no class'}, Goldstein ${e.goldstein})`),
    el('dt', {}, 'Source'), el('dd', {}, actor(e.source)),
    el('dt', {}, 'Target'), el('dd', {}, actor(e.target)),
    el('dt', {}, 'Place'), el('dd', {}, loc),
    el('dt', {}, 'Quantities'), el('dd', {}, q || '—'),
    el('dt', {}, 'Modality'), el('dd', {}, e.modality),
    e.confidence !== undefined ? el('dt', {}, 'Confidence') : null, e.confidence !== undefined ? el('dd', {}, String(e.confidence)) : null,
    el('dt', {}, 'Said by'), el('dd', {}, e.attribution && e.attribution.text ? actor(e.attribution) : '—'),
    el('dt', {}, 'Document'), el('dd', { class: 'doc-line' }, docLine(doc)),
    el('dt', {}, 'Mentions'), el('dd', {}, `${e.mentions || 1}`,
      others.length ? el('ul', { class: 'mentions' }, ...others.map(d => el('li', {}, docLine(d)))) : null));
  const out = [dl];
  if (e.incident) out.push(renderIncident(e, doc, incident || []));
  // The document with the evidence marked and the verb inside it in bold.
  const ev = e.evidence || { start: 0, end: 0 };
  const vb = e.verb && e.verb.end > e.verb.start && e.verb.start >= ev.start && e.verb.end <= ev.end ? e.verb : null;
  const docBox = el('div', { class: 'doc' });
  if (ev.end > ev.start) {
    const cuts = vb ? [[0, ev.start], [ev.start, vb.start], [vb.start, vb.end], [vb.end, ev.end], [ev.end, Infinity]]
      : [[0, ev.start], [ev.start, ev.end], [ev.end, Infinity]];
    const p = utf8Parts(doc.text, cuts);
    const mark = vb ? el('mark', { class: 'evidence' }, p[1], el('strong', {}, p[2]), p[3]) : el('mark', { class: 'evidence' }, p[1]);
    docBox.append(document.createTextNode(p[0]), mark, document.createTextNode(p[p.length - 1]));
  } else {
    docBox.textContent = doc.text;
  }
  if (doc.title) out.push(el('p', { class: 'doc-title' }, doc.title));
  out.push(docBox);
  return out;
}

// renderIncident shows the incident an event belongs to: each of the
// document's events of that incident with the figures it carries and the
// words they were read from, so that a casualty figure can be traced.
function renderIncident(e, doc, events) {
  const box = el('div', { class: 'incident' }, el('strong', {}, 'Incident ' + e.incident));
  const list = el('ul', {});
  for (const x of events) {
    const q = Object.entries(x.quantities || {}).map(([k, v]) => `${k} ${v}${x.quantity_notes && x.quantity_notes[k] ? ' (' + x.quantity_notes[k] + ')' : ''}`).join(', ');
    const words = x.evidence && x.evidence.end > x.evidence.start ? utf8Parts(doc.text, [[x.evidence.start, x.evidence.end]])[0] : '';
    list.append(el('li', { class: x.id === e.id ? 'this' : null }, `${x.cameo} ${eventName(x.cameo)}${q ? ': ' + q : ''}`,
      words ? el('q', {}, words) : null));
  }
  if (events.length) box.append(list);
  return box;
}

// --- export ----------------------------------------------------------------

// download fetches the current view as a file (with the token, which a
// plain link could not send) and hands it to the browser.
async function download(format) {
  const q = eventQuery();
  q.set('format', format);
  try {
    const res = await authFetch('/api/v1/export?' + q.toString());
    if (!res.ok) throw new Error('HTTP ' + res.status);
    const blob = await res.blob();
    const url = URL.createObjectURL(blob);
    const ext = { csv: 'csv', geojson: 'geojson', gdelt: 'tsv' }[format];
    const a = el('a', { href: url, download: 'faultline-events.' + ext });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (err) {
    setStatus('Download failed: ' + err.message);
  }
}
