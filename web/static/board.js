// Faultline's page, part 3: the alert board (as of a day, each alert's
// history, evidence, response and acknowledgement form), the unit
// registry, the audit log, and the replay slider.
'use strict';

function fmtTime(t) { return t ? new Date(t).toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : ''; }
function fmt(x) { return Number.isInteger(x) ? String(x) : x.toFixed(2); }

async function loadBoard() {
  const box = document.getElementById('alerts');
  const asOf = filterQuery().get('as_of');
  let b;
  try {
    b = (await api('/api/v1/board' + (asOf ? '?as_of=' + encodeURIComponent(asOf) : ''))).data;
  } catch (err) {
    box.replaceChildren(el('p', { class: 'error' }, 'Alerts unavailable: ' + err.message));
    return;
  }
  state.board = b;
  document.getElementById('asof').textContent = b.as_of ? `as of ${b.as_of}${b.replay ? ' (replay, read-only)' : ''}` : '';
  box.replaceChildren(...(b.alerts.length ? b.alerts.map(a => renderAlert(a, b.replay)) : [el('p', { class: 'empty' }, 'No alerts' + (b.as_of ? ' as of ' + b.as_of : '') + '.')]));
  drawUnits(b.units);
  drawAudit(b.audit);
}

function renderAlert(a, replay) {
  const labels = Object.entries(a.labels || {}).map(([k, v]) => `${k}=${v}`).join(', ');
  const nums = `value ${fmt(a.value)}` + (a.baseline ? `, baseline ${fmt(a.baseline)}` : '') + `, ${a.count} events`;
  const ann = a.annotations || {};
  const card = el('div', { class: 'alert ' + a.state, 'data-id': a.id },
    el('h3', {}, el('span', { class: 'state' }, a.state), `${a.rule} (level ${a.level})`),
    el('div', {}, labels), el('div', {}, nums),
    ann.summary ? el('div', {}, ann.summary) : null);
  const hist = el('ol', { class: 'history' });
  for (const h of a.history || []) hist.append(el('li', { class: h.state }, `${h.state} ${fmtTime(h.at)}${h.by ? ' by ' + h.by : ''}`));
  card.append(hist);
  if (a.events && a.events.length) {
    card.append(el('div', { class: 'evidence' },
      el('a', { href: '?alert=' + encodeURIComponent(a.id), class: 'evidence-link', onclick: ev => { ev.preventDefault(); setFilter('alert', a.id); refresh(); } },
        `Show its ${a.events.length} evidence event${a.events.length === 1 ? '' : 's'} in the table`)));
  }
  if (a.response) {
    const r = a.response;
    const units = (r.units || []).map(u => el('li', {}, `${u.name || u.unit}${u.strength ? ' (' + u.strength + ')' : ''}: `,
      u.now === u.want ? `${u.now} (already where the response wants it)` : `${u.now} → ${u.want}`, u.where ? ' in ' + u.where : ''));
    card.append(el('div', { class: 'response' },
      el('strong', {}, `Level ${r.level} ${r.name} (${r.status}): `), r.action,
      units.length ? el('ul', {}, ...units) : null));
  }
  if (a.ack) {
    card.append(el('div', { class: 'acked' }, `Acknowledged by ${a.ack.by} at ${fmtTime(a.ack.at)}: ${a.ack.why}`));
  } else if (a.state === 'firing' && !replay && state.writes !== false) {
    // (A server without a token refuses every write: no form.)
    card.append(ackForm(a));
  }
  return card;
}

// ackForm asks who acknowledges and why, and sends it with the token.
function ackForm(a) {
  const msg = el('span', { class: 'error', role: 'alert' });
  const form = el('form', { class: 'ack-form' },
    el('label', {}, 'Who ', el('input', { name: 'who', required: 'required', maxlength: '200' })),
    el('label', {}, 'Why ', el('input', { name: 'why', required: 'required', maxlength: '2000' })),
    el('button', { type: 'submit', class: 'ack' }, 'Acknowledge'), msg);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const who = form.elements.who.value.trim(), why = form.elements.why.value.trim();
    if (!who || !why) { msg.textContent = ' Say who and why.'; return; }
    try {
      await api(`/api/v1/alerts/${encodeURIComponent(a.id)}/ack`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ who, why }),
      });
      await loadBoard();
    } catch (err) {
      msg.textContent = ' ' + err.message;
    }
  });
  return form;
}

function drawUnits(units) {
  const box = document.getElementById('units');
  if (!units || !units.length) { box.replaceChildren(el('p', { class: 'empty' }, 'No units registered.')); return; }
  box.replaceChildren(el('table', { class: 'units' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Unit'), el('th', {}, 'Strength'), el('th', {}, 'Status'), el('th', {}, 'Where'))),
    el('tbody', {}, ...units.map(u => el('tr', {}, el('td', {}, u.name || u.id), el('td', {}, String(u.strength || '')), el('td', {}, u.status), el('td', {}, u.where || ''))))));
}

function drawAudit(audit) {
  const box = document.getElementById('audit');
  if (!audit || !audit.length) { box.replaceChildren(el('p', { class: 'empty' }, 'No changes yet.')); return; }
  box.replaceChildren(el('ol', { class: 'audit' }, ...audit.map(c =>
    el('li', {}, `${fmtTime(c.at)}: ${c.unit} ${c.from} → ${c.to}${c.where ? ' in ' + c.where : ''}, by ${c.by}: ${c.why}${c.rule ? ` (${c.rule}, level ${c.level})` : ''}`))));
}

// --- replay ----------------------------------------------------------------

// The slider runs over the days of the events (the main span); moving it
// sets as_of: the table, map and board show that day as it stood.
function setupReplay() {
  const r = document.getElementById('replay');
  const out = document.getElementById('replay-day');
  const dayOf = () => fmtDay(parseDay(r.dataset.from) + Number(r.value) * DAY);
  r.addEventListener('input', () => { out.textContent = dayOf(); });
  r.addEventListener('change', () => { setFilter('as_of', dayOf()); refresh(); });
  document.getElementById('replay-live').addEventListener('click', () => { setFilter('as_of', ''); refresh(); });
}

// drawReplay sets the slider's range from the events' span (once) and its
// position from as_of.
function drawReplay() {
  const ov = state.overview;
  const r = document.getElementById('replay');
  const out = document.getElementById('replay-day');
  if (!r.dataset.from && ov.span_from) {
    r.dataset.from = ov.span_from;
    r.max = String(Math.round((parseDay(ov.span_to) - parseDay(ov.span_from)) / DAY));
  }
  const asOf = filterQuery().get('as_of');
  if (r.dataset.from) {
    const v = asOf ? Math.round((parseDay(asOf) - parseDay(r.dataset.from)) / DAY) : Number(r.max);
    r.value = String(Math.max(0, Math.min(Number(r.max), v)));
  }
  out.textContent = asOf || (state.board && state.board.as_of ? state.board.as_of + ' (now)' : 'now');
  document.getElementById('replay-live').hidden = !asOf;
}
