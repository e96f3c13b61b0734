// Faultline's page, part 4: loading the view and starting the page.
'use strict';

// loadOverview asks the server for the first view: clusters for the
// map's zoom, the timeline, the newest rows with names.
async function loadOverview() {
  const q = eventQuery();
  q.set('cell', String(cellSize()));
  q.set('rows', String(state.rows));
  const ov = (await api('/api/v1/overview?' + q.toString())).data;
  state.overview = ov;
  Object.assign(state.names, ov.names || {});
  drawClusters();
  drawTable();
  drawTimeline();
  drawReplay();
  return ov;
}

let refreshing = 0;

// refresh applies the filters: URL, board, then the view.
async function refresh() {
  const n = ++refreshing;
  writeURL();
  drawChips();
  setStatus('Loading…');
  delete document.body.dataset.ready;
  try {
    await loadBoard();
    const ov = await loadOverview();
    if (n !== refreshing) return;
    if (!mapState.fitted && ov.clusters.length) { fitClusters(); mapState.fitted = true; }
    setStatus(ov.total === 0 ? 'No events match these filters.' : `${ov.total} events, ${ov.located} on the map`);
    document.body.dataset.ready = 'true';
  } catch (err) {
    setStatus('Error: ' + err.message);
    document.body.dataset.ready = 'error';
  }
}

async function main() {
  const sel = document.getElementById('root-select');
  try {
    const codes = (await api('/api/v1/codes')).data;
    for (const c of codes) {
      state.codes[c.code] = c.name;
      if (c.code.length === 2) sel.append(el('option', { value: c.code }, `${c.code} ${c.name}`));
    }
  } catch (err) {
    setStatus('Event names unavailable: ' + err.message);
  }
  readURL();
  const form = filterForm();
  form.addEventListener('submit', ev => { ev.preventDefault(); state.rows = 200; refresh(); });
  form.addEventListener('reset', () => setTimeout(() => { state.rows = 200; refresh(); }, 0));
  document.getElementById('detail-close').addEventListener('click', () => { document.getElementById('detail-panel').hidden = true; });
  document.getElementById('more').addEventListener('click', () => { state.rows = Math.min(2000, state.rows * 4); loadOverview(); });
  for (const b of document.querySelectorAll('.export button')) b.addEventListener('click', () => download(b.dataset.format));
  const tok = document.getElementById('token');
  tok.value = token();
  tok.addEventListener('change', () => { sessionStorage.setItem('faultline-token', tok.value); refresh(); });
  // A server without a token refuses every write: no acknowledgement forms.
  try { state.writes = (await api('/healthz')).data.writes !== false; } catch (err) { /* keep the forms */ }
  setupMap();
  setupBrush();
  setupReplay();
  await loadCountries().catch(err => setStatus('Map outlines unavailable: ' + err.message));
  await refresh();
}

main();
