package httpapi_test

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/examples/demo"
	"github.com/faultline/faultline/httpapi"
	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/series"
)

// overviewServer stores documents coded by fakeCoder: the source field
// gives "lat,lon", "attack" in the text makes a material conflict.
func overviewServer(t *testing.T) *testServer {
	ts := newTestServer(t, func(c *httpapi.Config) { c.Names = httpapi.NewNames(nil, nil) })
	docs := []faultline.Document{
		{ID: "a1", Date: "2025-09-01", Text: "Kosovo talks with Serbia.", Source: "42.90,20.86"},
		{ID: "a2", Date: "2025-09-02", Text: "Kosovo attack on Serbia.", Source: "42.91,20.87"},
		{ID: "a3", Date: "2025-09-03", Text: "Kosovo attack on Serbia again.", Source: "42.60,20.50"},
		{ID: "a4", Date: "2025-09-04", Text: "Kosovo talks in Brussels.", Source: "50.85,4.35"},
		{ID: "a5", Date: "2025-09-05", Text: "Kosovo talks, no place."},
		// A stray date years before the rest.
		{ID: "old", Date: "2003-05-01", Text: "Kosovo attack long ago.", Source: "42.90,20.86"},
	}
	for i := 6; i <= 12; i++ {
		docs = append(docs, faultline.Document{ID: "b" + string(rune('a'+i)), Date: "2025-09-0" + string(rune('0'+i%6+1)), Text: "Kosovo talks go on, round " + string(rune('a'+i)) + "."})
	}
	ts.post(t, docs...)
	return ts
}

func getOverview(t *testing.T, ts *testServer, q string) httpapi.Overview {
	t.Helper()
	code, env, _ := ts.do(t, "GET", "/api/v1/overview?"+q, "", "", nil)
	if code != 200 {
		t.Fatalf("overview?%s: %d %+v", q, code, env.Error)
	}
	var ov httpapi.Overview
	if err := json.Unmarshal(env.Data, &ov); err != nil {
		t.Fatal(err)
	}
	return ov
}

func TestOverview(t *testing.T) {
	ts := overviewServer(t)
	ov := getOverview(t, ts, "cell=1")
	if ov.Total != 13 || ov.Located != 5 || ov.First != "2003-05-01" || ov.Last != "2025-09-06" {
		t.Errorf("totals: %d events, %d located, %s..%s", ov.Total, ov.Located, ov.First, ov.Last)
	}
	if ov.SpanFrom != "2025-09-01" || ov.SpanTo != "2025-09-06" || ov.Outside != 1 {
		t.Errorf("span %s..%s with %d outside; want the stray 2003 event left out", ov.SpanFrom, ov.SpanTo, ov.Outside)
	}
	// On a 1-degree grid the four Kosovo points are one cluster (the
	// stray one included), Brussels another.
	if len(ov.Clusters) != 2 || ov.Clusters[0].Count != 4 || ov.Clusters[1].Count != 1 {
		t.Fatalf("clusters: %+v", ov.Clusters)
	}
	if q := ov.Clusters[0].Quad; q[4] != 3 || q[1] != 1 {
		t.Errorf("Kosovo cluster classes %v, want 3 material conflict, 1 verbal cooperation", q)
	}
	if fine := getOverview(t, ts, "cell=0.1"); len(fine.Clusters) != 3 {
		t.Errorf("a 0.1-degree grid gives %d clusters, want 3", len(fine.Clusters))
	}
	if len(ov.Rows) != 13 || ov.Rows[0].Date != "2025-09-06" || ov.Rows[0].EventName != "make statement" || ov.Rows[12].ID != "old:0:0" {
		t.Errorf("rows newest first with names: %+v", ov.Rows[0])
	}
	var days int
	for _, d := range ov.Days {
		days += d.Quad[1] + d.Quad[4]
	}
	if days != 13 {
		t.Errorf("timeline counts %d events, want 13", days)
	}

	tests := []struct {
		q    string
		want int
	}{
		{"quad=4", 3},
		{"root=18", 3},
		{"root=180", 3}, // a full code where a root is asked
		{"country=XKX", 5},
		{"country=xkx", 5},
		{"actor=ksv", 13},
		{"actor=kosovo", 13}, // the actor's text
		{"source=SRB", 0},
		{"dyad=KSV-SRB", 13},
		{"from=2025-09-02&to=2025-09-03", 4},
		{"bbox=20,42,21,43", 4},
		{"modality=future", 0},
		{"modality=any", 13},
		{"text=Brussels", 1},
		{"min_confidence=0.5", 0}, // the fake coder's events have none
	}
	for _, tt := range tests {
		if got := getOverview(t, ts, tt.q).Total; got != tt.want {
			t.Errorf("%s: %d events, want %d", tt.q, got, tt.want)
		}
	}
	for _, q := range []string{"cell=0", "rows=5000", "min_confidence=2", "modality=maybe", "dyad=KSV"} {
		if code, _, _ := ts.do(t, "GET", "/api/v1/overview?"+q, "", "", nil); code != 400 {
			t.Errorf("%s: %d, want 400", q, code)
		}
	}
	// A write through the server shows in the next overview.
	ts.post(t, faultline.Document{ID: "a6", Date: "2025-09-05", Text: "Kosovo attack late.", Source: "42.90,20.86"})
	deadline := time.Now().Add(5 * time.Second)
	for getOverview(t, ts, "").Total != 14 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := getOverview(t, ts, "").Total; got != 14 {
		t.Errorf("after a write: %d events, want 14", got)
	}
}

func TestExportView(t *testing.T) {
	ts := overviewServer(t)
	code, _, _ := ts.do(t, "GET", "/api/v1/export?format=xml", "", "", nil)
	if code != 400 {
		t.Errorf("format xml: %d", code)
	}
	res, err := ts.Client().Get(ts.URL + "/api/v1/export?format=csv&actor=kosovo&quad=4&country=XKX")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	recs, err := csv.NewReader(res.Body).ReadAll()
	if err != nil || len(recs) != 4 || res.Header.Get("X-Event-Count") != "3" {
		t.Errorf("CSV export: %d records (want a header and 3), count %q, %v", len(recs), res.Header.Get("X-Event-Count"), err)
	}
}

// TestBoardAsOf replays the demo rules over an attack: the board as of
// the day before shows nothing, as of the day of the attack the alert
// with its history; a read-only board refuses acknowledgements.
func TestBoardAsOf(t *testing.T) {
	ctx := t.Context()
	f, err := rules.Parse("rules.yml", demo.Rules())
	if err != nil {
		t.Fatal(err)
	}
	pb, err := playbook.Parse("playbook.yml", demo.Playbook())
	if err != nil {
		t.Fatal(err)
	}
	var src series.Memory
	src.Add(attackOnForce("clash-1", "2023-05-29", 19), attackOnForce("clash-2", "2023-05-29", 11))
	w, err := httpapi.NewWatch(ctx, f, pb, nil, &src)
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d.Add(23 * time.Hour) }
	if err := w.Eval(ctx, day("2023-06-02")); err != nil {
		t.Fatal(err)
	}
	w.Now = func() time.Time { return day("2023-06-02") }
	ts := newTestServer(t, func(c *httpapi.Config) { c.Alerts = w })
	board := func(q string) httpapi.Board {
		code, env, _ := ts.do(t, "GET", "/api/v1/board"+q, "", "", nil)
		if code != 200 {
			t.Fatalf("board%s: %d %+v", q, code, env.Error)
		}
		var b httpapi.Board
		json.Unmarshal(env.Data, &b)
		return b
	}
	if b := board("?as_of=2023-05-28"); len(b.Alerts) != 0 || !b.Replay || b.AsOf != "2023-05-28" {
		t.Errorf("as of the day before: %+v", b)
	}
	b := board("?as_of=2023-05-29")
	var a *httpapi.Alert
	for i := range b.Alerts {
		if b.Alerts[i].Rule == "AttacksOnForce" {
			a = &b.Alerts[i]
		}
	}
	if a == nil || a.State != "firing" || len(a.History) < 2 || a.History[0].State != "pending" || len(b.Units) == 0 {
		t.Fatalf("as of the attack: %+v", b)
	}
	if now := board(""); now.Replay || now.AsOf != "2023-06-02" {
		t.Errorf("the board's own day: %+v", now)
	}
	if code, _, _ := ts.do(t, "GET", "/api/v1/board?as_of=29-05-2023", "", "", nil); code != 400 {
		t.Errorf("bad as_of: %d", code)
	}

	// serve --as-of: a read-only replay.
	w2, err := httpapi.NewWatch(ctx, f, pb, nil, &src)
	if err != nil {
		t.Fatal(err)
	}
	if err := w2.ReplayReadOnly(ctx, day("2023-05-20"), day("2023-05-30")); err != nil {
		t.Fatal(err)
	}
	as, _ := w2.List(ctx)
	var fp string
	for _, x := range as {
		if x.Rule == "AttacksOnForce" && x.State == "firing" {
			fp = x.ID
		}
	}
	if fp == "" {
		t.Fatalf("replay to 2023-05-30: %+v", as)
	}
	if _, err := w2.Ack(ctx, fp, "someone", "testing"); err == nil || !strings.Contains(err.Error(), "replay") {
		t.Errorf("ack on a replay: %v, want refused", err)
	}
}
