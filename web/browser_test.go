package web_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"

	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserDemoPage opens the demo page in headless Chromium and checks,
// in one browser session (starting Chromium costs more than the checks):
// names in the table, the event panel with its link and a hostile
// document shown as text, each filter with its URL and a reload of that
// URL, an empty result's message, the timeline brush, a click on a
// cluster, the alert board's history, evidence link and acknowledgement
// form, replay to the day before the first alert, and the three exports.
func TestBrowserDemoPage(t *testing.T) {
	ts, names := demoServer(t)
	b := newBrowser(t, 1400, 1000)
	b.open(ts.URL + "/")

	countries := b.num(`document.querySelectorAll('#countries path').length`)
	clusters := b.num(`document.querySelectorAll('#dots circle').length`)
	rows := b.num(`document.querySelectorAll('#events tbody tr').length`)
	firing := b.num(`document.querySelectorAll('#alerts .alert.firing').length`)
	t.Logf("map: %d outlines, %d clusters; table: %d rows of %d; %d firing alerts", countries, clusters, rows, b.total(), firing)
	if countries < 100 || clusters == 0 || rows == 0 || firing == 0 {
		t.Fatalf("page shows %d outlines, %d clusters, %d rows, %d firing alerts", countries, clusters, rows, firing)
	}
	// Nothing sticks out of the window (tables scroll in their own box).
	if out := b.strs(`[...document.querySelectorAll('body *')].filter(e => !e.closest('.scroll, svg') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(e => e.tagName + '#' + e.id + '.' + e.className)`); len(out) > 0 {
		t.Errorf("%d elements stick out of the window: %v", len(out), out[:min(len(out), 10)])
	}
	allAsserted := b.num(`[...document.querySelectorAll('#events tbody tr td:nth-child(6)')].every(td => td.textContent === 'asserted') ? 1 : 0`)
	if allAsserted != 1 {
		t.Error("the default view shows events that are not asserted")
	}

	t.Run("names", func(t *testing.T) {
		b.t = t
		// Every row: the event code followed by its name in the CAMEO
		// table, and actor codes followed by the dictionaries' names.
		cells := b.strs(`[...document.querySelectorAll('#events tbody tr')].map(tr => tr.children[2].textContent + '|' + tr.children[1].textContent)`)
		named := 0
		for _, c := range cells {
			ev, src, _ := strings.Cut(c, "|")
			code, name, _ := strings.Cut(ev, " ")
			if want := names.Event(code); name != want {
				t.Errorf("event cell %q: name %q, want %q", ev, name, want)
			}
			if sc, sname, ok := strings.Cut(src, " "); ok && names.Actor(sc) != "" {
				if sname != names.Actor(sc) {
					t.Errorf("source cell %q: want the name %q", src, names.Actor(sc))
				}
				named++
			}
		}
		if named < len(cells)/2 {
			t.Errorf("only %d of %d rows name their source actor", named, len(cells))
		}
	})

	t.Run("event panel", func(t *testing.T) {
		b.t = t
		b.filter(map[string]string{"text": "Zvecan", "from": "2025-08-25", "to": "2025-08-25"})
		b.do(chromedp.Click(chromedp.CSS(`#events tbody tr[data-id^="hostile:"]`)),
			chromedp.WaitVisible(chromedp.CSS(`#detail mark.evidence`)))
		href := b.str(`document.querySelector('#detail a.doc-url').href`)
		if href != "https://example.org/wire/zvecan-0825" {
			t.Errorf("document link %q", href)
		}
		line := b.str(`document.querySelector('#detail .doc-line').textContent`)
		if !strings.Contains(line, "Test Wire") || !strings.Contains(line, "Peacekeepers hurt") {
			t.Errorf("document line %q lacks the outlet or the title", line)
		}
		// The incident: its events with the figures they carry and the
		// words those were read from.
		inc := b.str(`(document.querySelector('#detail .incident') || {}).textContent || ''`)
		if !strings.Contains(inc, "Incident hostile:") || !strings.Contains(inc, "injured 12") || !strings.Contains(inc, "injuring 12 soldiers") {
			t.Errorf("incident record %q: want its id, the figure and its words", inc)
		}
		mark, doc := b.str(`document.querySelector('#detail mark.evidence').textContent`), b.str(`document.querySelector('#detail .doc').textContent`)
		title := b.str(`document.title`)
		if mark == "" || !strings.Contains(doc, mark) {
			t.Errorf("evidence %q not highlighted inside the document %q", mark, doc)
		}
		if !strings.Contains(doc, "<script>") || b.num(`document.querySelectorAll('#detail script, #detail img').length`) != 0 || title == "pwned" {
			t.Errorf("hostile markup not shown as text: title %q, text %q", title, doc)
		}
	})

	t.Run("filters and URL", func(t *testing.T) {
		b.t = t
		b.filter(nil)
		all := b.total()
		// Each filter narrows the view, goes into the URL, and every row
		// shown satisfies it (checked on the row's cells).
		tests := []struct {
			kv    map[string]string
			check string // true for a row that satisfies the filter
		}{
			{map[string]string{"country": "kosovo"}, `tr.children[4].textContent.endsWith(', XKX')`},
			{map[string]string{"actor": "KFOR"}, `(tr.children[1].textContent + tr.children[3].textContent).includes('IGOWSTNAT')`},
			{map[string]string{"source": "serb"}, `tr.children[1].textContent.includes('SRB')`},
			{map[string]string{"target": "KSVCOP"}, `tr.children[3].textContent.startsWith('KSVCOP')`},
			{map[string]string{"root": "14"}, `tr.children[2].textContent.startsWith('14')`},
			{map[string]string{"code": "0"}, `tr.children[2].textContent.startsWith('0')`},
			{map[string]string{"quad": "4"}, `tr.children[2].classList.contains('q4')`},
			{map[string]string{"modality": "future"}, `tr.children[5].textContent === 'future'`},
			{map[string]string{"from": "2025-09-15", "to": "2025-09-16"}, `tr.children[0].textContent >= '2025-09-15' && tr.children[0].textContent <= '2025-09-16'`},
			{map[string]string{"text": "peacekeepers"}, `true`},
			{map[string]string{"min_confidence": "0.7"}, `parseFloat(tr.children[7].textContent) >= 0.7`},
		}
		for _, tt := range tests {
			b.filter(tt.kv)
			n := b.total()
			search := b.str(`location.search`)
			q, _ := url.ParseQuery(strings.TrimPrefix(search, "?"))
			for k, v := range tt.kv {
				if q.Get(k) != v {
					t.Errorf("%v: URL %q lacks %s=%s", tt.kv, search, k, v)
				}
			}
			bad := b.num(`[...document.querySelectorAll('#events tbody tr')].filter(tr => !(` + tt.check + `)).length`)
			t.Logf("%v: %d of %d events", tt.kv, n, all)
			if n == 0 || n >= all || bad > 0 {
				t.Errorf("%v: %d events of %d, %d rows do not match", tt.kv, n, all, bad)
			}
			// The URL reproduces the view.
			b.open(ts.URL + "/" + search)
			if again := b.total(); again != n {
				t.Errorf("%v: reloading %s shows %d events, not %d", tt.kv, search, again, n)
			}
			for k, v := range tt.kv {
				if got := b.str(`document.getElementById('filters').elements['` + k + `'].value`); got != v {
					t.Errorf("reloaded %s: field %s = %q, want %q", search, k, got, v)
				}
			}
		}
		// modality=any shows more than the asserted default.
		b.filter(map[string]string{"modality": "any"})
		if n := b.total(); n <= all {
			t.Errorf("modality any: %d events, not more than the %d asserted", n, all)
		}
	})

	t.Run("empty result", func(t *testing.T) {
		b.t = t
		b.filter(map[string]string{"actor": "nobody-of-that-name"})
		if b.total() != 0 {
			t.Fatalf("%d events for an unknown actor", b.total())
		}
		msg := b.str(`document.getElementById('table-empty').hidden ? '' : document.getElementById('table-empty').textContent`)
		mapMsg := b.str(`document.getElementById('map-empty').hidden ? '' : document.getElementById('map-empty').textContent`)
		if !strings.Contains(msg, "No events match") || !strings.Contains(mapMsg, "No events match") {
			t.Errorf("empty result: table says %q, map says %q", msg, mapMsg)
		}
	})

	t.Run("timeline brush", func(t *testing.T) {
		b.t = t
		b.filter(nil)
		before := b.total()
		// Drag across the second quarter of the timeline.
		b.num(`(() => { const tl = document.getElementById('timeline'); const r = tl.getBoundingClientRect();
			const ev = (type, f) => tl.dispatchEvent(new PointerEvent(type, {bubbles: true, pointerId: 1, clientX: r.left + r.width * f, clientY: r.top + r.height / 2}));
			ev('pointerdown', 0.26); ev('pointermove', 0.4); ev('pointerup', 0.49); return 1; })()`)
		b.ready()
		from, to := b.str(`document.getElementById('filters').elements.from.value`), b.str(`document.getElementById('filters').elements.to.value`)
		search := b.str(`location.search`)
		after := b.total()
		outside := b.num(`[...document.querySelectorAll('#events tbody tr')].filter(tr => tr.children[0].textContent < '` + from + `' || tr.children[0].textContent > '` + to + `').length`)
		t.Logf("brush: %s..%s, %d of %d events", from, to, after, before)
		if from == "" || to <= from || !strings.Contains(search, "from="+from) || after == 0 || after >= before || outside > 0 {
			t.Errorf("brush gave from %q to %q (URL %q), %d of %d events, %d rows outside", from, to, search, after, before, outside)
		}
	})

	t.Run("clusters", func(t *testing.T) {
		b.t = t
		b.filter(nil)
		before := b.total()
		// Keyboard: the smallest cluster takes focus and Enter filters by it.
		b.num(`(() => { const cs = [...document.querySelectorAll('#dots circle')]; const c = cs[cs.length - 1]; c.focus();
			c.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true})); return 1; })()`)
		b.ready()
		after, search := b.total(), b.str(`location.search`)
		if !strings.Contains(search, "bbox=") || after == 0 || after >= before {
			t.Errorf("cluster pressed: URL %q, %d of %d events", search, after, before)
		}
		if tab := b.str(`document.querySelector('#dots circle').getAttribute('tabindex')`); tab != "0" {
			t.Errorf("clusters are not keyboard reachable (tabindex %q)", tab)
		}
	})

	t.Run("alert board", func(t *testing.T) {
		b.t = t
		b.filter(nil)
		asOf := b.str(`document.getElementById('asof').textContent`)
		hist := b.strs(`[...document.querySelectorAll('#alerts .alert.firing')[0].querySelectorAll('.history li')].map(li => li.textContent)`)
		if !strings.HasPrefix(asOf, "as of 2025-09-") || len(hist) < 2 || !strings.HasPrefix(hist[0], "pending 2025-") || !strings.HasPrefix(hist[len(hist)-1], "firing 2025-") {
			t.Errorf("board %q, history of the first firing alert %q", asOf, hist)
		}
		units := b.num(`document.querySelectorAll('#units tbody tr').length`)
		if units == 0 {
			t.Error("no unit registry on the page")
		}
		// The evidence link filters the table to the alert's events.
		id := b.str(`document.querySelector('#alerts .alert.firing').dataset.id`)
		nev := b.num(`(async () => (await api('/api/v1/board')).data.alerts.find(a => a.id === '` + id + `').events.length)()`)
		b.num(`(() => { document.querySelector('#alerts .alert.firing a.evidence-link').click(); return 1; })()`)
		b.ready()
		if got := b.total(); got != nev || !strings.Contains(b.str(`location.search`), "alert="+id) {
			t.Errorf("evidence link: %d events in the table, want %d; URL %q", got, nev, b.str(`location.search`))
		}
		// Acknowledge through the form, with the token.
		b.num(`(() => { const tok = document.getElementById('token'); tok.value = 'demo'; tok.dispatchEvent(new Event('change')); return 1; })()`)
		b.ready()
		b.num(`(() => { const f = document.querySelector('#alerts .alert[data-id="` + id + `"] form.ack-form');
			f.elements.who.value = 'Duty officer Vesna'; f.elements.why.value = 'Reserve alerted, liaison informed'; f.requestSubmit(); return 1; })()`)
		var acked string
		for i := 0; i < 100 && acked == ""; i++ {
			time.Sleep(50 * time.Millisecond)
			acked = b.str(`(document.querySelector('#alerts .alert[data-id="` + id + `"] .acked') || {}).textContent || ''`)
		}
		if !strings.Contains(acked, "Duty officer Vesna") || !strings.Contains(acked, "UTC") || !strings.Contains(acked, "Reserve alerted") {
			t.Errorf("after acknowledging: %q", acked)
		}
		if n := b.num(`document.querySelectorAll('#audit li').length`); n == 0 {
			t.Error("the acknowledgement left nothing in the audit log panel")
		}
	})

	t.Run("replay", func(t *testing.T) {
		b.t = t
		b.filter(nil)
		// The first day any alert stands on the board, from the API's
		// replays of each day of the month.
		first := b.str(`(async () => { for (let d = Date.parse('2025-08-01'); d <= Date.parse('2025-09-30'); d += 864e5) {
			const day = new Date(d).toISOString().slice(0, 10);
			if ((await api('/api/v1/board?as_of=' + day)).data.alerts.length) return day; } return ''; })()`)
		day, err := time.Parse(time.DateOnly, first)
		if err != nil {
			t.Fatalf("first alert day %q: %v", first, err)
		}
		before := day.AddDate(0, 0, -1).Format(time.DateOnly)
		// Move the slider to the day before.
		b.num(`(() => { const r = document.getElementById('replay'); r.value = String(Math.round((Date.parse('` + before + `') - Date.parse(r.dataset.from)) / 864e5));
			r.dispatchEvent(new Event('change')); return 1; })()`)
		b.ready()
		alerts := b.num(`document.querySelectorAll('#alerts .alert').length`)
		asOf := b.str(`document.getElementById('asof').textContent`)
		late := b.num(`[...document.querySelectorAll('#events tbody tr')].filter(tr => tr.children[0].textContent > '` + before + `').length`)
		if alerts != 0 || !strings.Contains(asOf, before) || late != 0 || !strings.Contains(b.str(`location.search`), "as_of="+before) {
			t.Errorf("replay to %s (first alert %s): %d alerts, board %q, %d later events in the table", before, first, alerts, asOf, late)
		}
		b.num(`(() => { document.getElementById('replay-live').click(); return 1; })()`)
		b.ready()
		if b.num(`document.querySelectorAll('#alerts .alert.firing').length`) == 0 {
			t.Error("back to now: no firing alert")
		}
	})

	t.Run("export", func(t *testing.T) {
		b.t = t
		b.filter(map[string]string{"country": "XKX", "quad": "4"})
		n := b.total()
		// The page hands a file to the browser by clicking a link to a
		// blob; the test reads the blob instead of the disk.
		b.num(`(() => { window.__downloads = []; const blobs = new Map(); const make = URL.createObjectURL;
			URL.createObjectURL = blob => { const u = make(blob); blobs.set(u, blob); return u; };
			HTMLAnchorElement.prototype.click = function () {
				const name = this.download; blobs.get(this.href).text().then(text => window.__downloads.push({name, text})); }; return 1; })()`)
		files := map[string]string{}
		for _, f := range []string{"csv", "geojson", "gdelt"} {
			b.num(`(() => { document.querySelector('.export button[data-format="` + f + `"]').click(); return 1; })()`)
			var got string
			for i := 0; i < 400 && got == ""; i++ {
				time.Sleep(50 * time.Millisecond)
				got = b.str(`(() => { const d = window.__downloads.find(d => d.name.endsWith('.` + map[string]string{"csv": "csv", "geojson": "geojson", "gdelt": "tsv"}[f] + `')); return d ? JSON.stringify(d) : ''; })()`)
			}
			var d struct{ Name, Text string }
			if err := json.Unmarshal([]byte(got), &d); err != nil || d.Name == "" {
				t.Fatalf("%s: no download (%q); status %q", f, got, b.str(`document.getElementById('status').textContent`))
			}
			files[f] = d.Text
		}
		recs, err := csv.NewReader(strings.NewReader(files["csv"])).ReadAll()
		if err != nil || len(recs) != n+1 {
			t.Errorf("CSV: %d records (want header + %d), %v", len(recs), n, err)
		}
		var gj struct {
			Type     string            `json:"type"`
			Features []json.RawMessage `json:"features"`
		}
		if err := json.Unmarshal([]byte(files["geojson"]), &gj); err != nil || gj.Type != "FeatureCollection" || len(gj.Features) != n {
			t.Errorf("GeoJSON: %s with %d features (want %d), %v", gj.Type, len(gj.Features), n, err)
		}
		lines := bytes.Split(bytes.TrimSpace([]byte(files["gdelt"])), []byte("\n"))
		for i, l := range lines {
			if c := bytes.Count(l, []byte("\t")) + 1; c != 61 {
				t.Errorf("GDELT line %d: %d columns, want 61", i+1, c)
				break
			}
		}
		if len(lines) != n {
			t.Errorf("GDELT: %d lines, want %d", len(lines), n)
		}
		t.Logf("exports of %d events: CSV %d bytes, GeoJSON %d, GDELT %d", n, len(files["csv"]), len(files["geojson"]), len(files["gdelt"]))
	})

	b.t = t
	b.open(ts.URL + "/")
	b.screenshot("demo-1400.png")
}

// TestBrowserAGNews opens the page over the 7,600 AG News stories: events
// are clustered (far fewer symbols than placed events), no symbol exceeds
// the size cap however many events it holds, a size legend is drawn, the
// timeline leaves the stray 2003 dates out of its default span, and the
// phone layout has no horizontal scroll.
func TestBrowserAGNews(t *testing.T) {
	ts := agnewsServer(t)
	b := newBrowser(t, 1400, 1000)
	b.open(ts.URL + "/")
	located := b.num(`state.overview.located`)
	clusters := b.num(`document.querySelectorAll('#dots circle').length`)
	biggest := b.num(`Math.max(...state.overview.clusters.map(c => c.count))`)
	maxPx := evalT[float64](b, `Math.max(...[...document.querySelectorAll('#dots circle')].map(c => c.getBoundingClientRect().width))`)
	legend := b.num(`document.querySelectorAll('#legend .sizes circle').length`)
	t.Logf("%d placed events in %d clusters; the biggest holds %d and is %.1f px across", located, clusters, biggest, maxPx)
	if clusters == 0 || clusters*3 > located {
		t.Errorf("%d clusters for %d placed events: not clustered", clusters, located)
	}
	if maxPx > 2*28+1 || biggest < 100 {
		t.Errorf("largest symbol %.1f px across (cap 56), biggest cluster %d events", maxPx, biggest)
	}
	if legend < 2 {
		t.Errorf("size legend has %d circles", legend)
	}
	first, spanFrom := b.str(`state.overview.first`), b.str(`state.overview.span_from`)
	if !strings.HasPrefix(first, "2003") || !strings.HasPrefix(spanFrom, "2004") || b.num(`document.getElementById('tl-widen').hidden ? 0 : 1`) != 1 {
		t.Errorf("timeline: first day %s, default span from %s; the widen control must show", first, spanFrom)
	}
	// Zooming in splits clusters on a finer grid.
	cell0 := evalT[float64](b, `state.overview.cell`)
	b.num(`(() => { document.getElementById('zoom-in').click(); document.getElementById('zoom-in').click(); return 1; })()`)
	time.Sleep(400 * time.Millisecond)
	b.ready()
	var cell float64
	for i := 0; i < 40; i++ {
		if cell = evalT[float64](b, `state.overview.cell`); cell < cell0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if cell >= cell0 {
		t.Errorf("after zooming in the cluster grid is still %v degrees", cell)
	}
	t.Logf("zooming in: cluster grid %v -> %v degrees, %d clusters", cell0, cell, b.num(`state.overview.clusters.length`))
	b.screenshot("agnews-1400.png")

	// Chromium keeps a window at least ~500 px wide: the phone's width is
	// emulated.
	p := newBrowser(t, 390, 844)
	p.do(chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile))
	p.open(ts.URL + "/")
	if w := p.num(`innerWidth`); w != 390 {
		t.Fatalf("phone viewport %d px wide, want 390", w)
	}
	if over := p.num(`document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
		t.Errorf("phone width: the page scrolls sideways by %d px", over)
	}
	// Nothing sticks out of the screen (tables scroll in their own box,
	// map symbols are clipped by the map).
	if out := p.strs(`[...document.querySelectorAll('header *, main *')].filter(e => !e.closest('.scroll, svg') && e.getBoundingClientRect().right > innerWidth + 1).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.name ? '[' + e.name + ']' : ''))`); len(out) > 0 {
		t.Errorf("phone width: %d elements stick out of the screen: %v", len(out), out[:min(len(out), 10)])
	}

	p.screenshot("agnews-390.png")

}
