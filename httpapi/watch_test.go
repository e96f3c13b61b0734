package httpapi_test

import (
	"encoding/json"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/examples/demo"
	"github.com/faultline/faultline/httpapi"
	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/rules/statetest"
	"github.com/faultline/faultline/series"
)

func attackOnForce(id, date string, injured int) faultline.Event {
	return faultline.Event{ID: id, DocID: id, Date: date, CAMEO: "180", Root: "18", QuadClass: 4, Goldstein: -9,
		Source: faultline.ActorRef{Code: "KSVSRBCVL"}, Target: faultline.ActorRef{Code: "IGOWSTNAT"},
		Modality: faultline.Asserted, Quantities: map[string]int{"injured": injured},
		Location: &faultline.Location{Name: "Zvecan", Country: "XKX", Lat: 42.9, Lon: 20.84, Precision: "city"}}
}

// TestWatchBoardAndAck runs the Kosovo rules and playbook over peacekeepers
// injured on one day: the level-2 alert fires with the reserve battalion's
// deployment proposed, and acknowledging it through the API orders it.
func TestWatchBoardAndAck(t *testing.T) {
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
	if err := w.Eval(ctx, day("2023-05-28")); err != nil {
		t.Fatal(err)
	}
	if as, _ := w.List(ctx); len(as) != 0 {
		t.Fatalf("alerts before the attack: %+v", as)
	}
	if err := w.Eval(ctx, day("2023-05-29")); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, func(c *httpapi.Config) { c.Alerts = w })
	_, env, _ := ts.do(t, "GET", "/api/v1/alerts?state=firing", "", "", nil)
	var board []httpapi.Alert
	json.Unmarshal(env.Data, &board)
	var a *httpapi.Alert
	for i := range board {
		if board[i].Rule == "AttacksOnForce" {
			a = &board[i]
		}
	}
	if a == nil {
		t.Fatalf("AttacksOnForce not firing: %+v", board)
	}
	if a.Value != 30 || len(a.Events) == 0 || a.Response == nil || a.Response.Status != "proposed" ||
		len(a.Response.Units) != 1 || a.Response.Units[0].Unit != "orf-1" || a.Response.Units[0].Now != "ready" {
		t.Fatalf("alert %+v, response %+v", a, a.Response)
	}
	if code, _, _ := ts.do(t, "POST", "/api/v1/alerts/"+a.ID+"/ack", testToken, "application/json", []byte(`{"who":"duty officer"}`)); code != 400 {
		t.Errorf("ack without why: %d, want 400", code)
	}
	code, env, _ := ts.do(t, "POST", "/api/v1/alerts/"+a.ID+"/ack", testToken, "application/json",
		[]byte(`{"who":"duty officer","why":"30 injured in Zvecan"}`))
	if code != 200 {
		t.Fatalf("ack: %d %+v", code, env.Error)
	}
	var acked httpapi.Alert
	json.Unmarshal(env.Data, &acked)
	if acked.Ack == nil || acked.Ack.By != "duty officer" || acked.Response.Status != "ordered" || acked.Response.Units[0].Now != "deployed" {
		t.Errorf("after ack: %+v, response %+v", acked.Ack, acked.Response)
	}
	if code, _, _ := ts.do(t, "POST", "/api/v1/alerts/0000/ack", testToken, "application/json", []byte(`{"who":"a","why":"b"}`)); code != 404 {
		t.Errorf("ack of an unknown alert: %d", code)
	}
}

// TestWatchAckSurvivesRestart acknowledges a firing alert through the API
// of a server whose board keeps its state beside the store (as serve does:
// the SQLite file, or the PostgreSQL schema), stops it, starts another on
// the same place, and finds the alert still firing and acknowledged, the
// unit deployed and the audit entry.
func TestWatchAckSurvivesRestart(t *testing.T) {
	eachBackend(t, testWatchAckSurvivesRestart)
}

func testWatchAckSurvivesRestart(t *testing.T, b backend) {
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
	place := b.place(t)
	// start is what serve does: the store, and the board's state in the
	// same place, seeded with the playbook's units (kept if already there).
	// stop closes the server and both databases; it runs at the latest when
	// the test ends (before a PostgreSQL schema is dropped).
	start := func() (ts *testServer, db statetest.DB, w *httpapi.Watch, stop func()) {
		st, err := b.store(ctx, place)
		if err != nil {
			t.Fatal(err)
		}
		closers := []func() error{st.Close}
		stop = sync.OnceFunc(func() {
			for i := len(closers) - 1; i >= 0; i-- {
				closers[i]()
			}
		})
		t.Cleanup(stop)
		if db, err = b.state(ctx, place); err != nil {
			t.Fatal(err)
		}
		closers = append(closers, db.Close)
		if err := db.Seed(ctx, pb.Units); err != nil {
			t.Fatal(err)
		}
		if w, err = httpapi.NewWatch(ctx, f, pb, db, &src); err != nil {
			t.Fatal(err)
		}
		if err := w.Persist(ctx, db); err != nil {
			t.Fatal(err)
		}
		api, err := httpapi.New(httpapi.Config{Store: st, Alerts: w, Token: testToken})
		if err != nil {
			t.Fatal(err)
		}
		ts = &testServer{Server: httptest.NewServer(api), api: api}
		closers = append(closers, func() error { ts.Close(); return nil })
		return ts, db, w, stop
	}
	ts, _, w, stop := start()
	if err := w.Eval(ctx, time.Date(2023, 5, 29, 23, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	firing := func(ts *testServer) *httpapi.Alert {
		_, env, _ := ts.do(t, "GET", "/api/v1/alerts", "", "", nil)
		var board []httpapi.Alert
		json.Unmarshal(env.Data, &board)
		for i := range board {
			if board[i].Rule == "AttacksOnForce" && board[i].State == "firing" {
				return &board[i]
			}
		}
		t.Fatalf("AttacksOnForce not firing: %+v", board)
		return nil
	}
	a := firing(ts)
	code, env, _ := ts.do(t, "POST", "/api/v1/alerts/"+a.ID+"/ack", testToken, "application/json",
		[]byte(`{"who":"duty officer","why":"30 injured in Zvecan"}`))
	if code != 200 {
		t.Fatalf("ack: %d %+v", code, env.Error)
	}
	stop()

	ts, db, _, _ := start()
	after := firing(ts)
	if after.ID != a.ID || after.Ack == nil || after.Ack.By != "duty officer" || after.Ack.Why != "30 injured in Zvecan" {
		t.Errorf("after the restart the alert is %+v, ack %+v", after, after.Ack)
	}
	if r := after.Response; r == nil || r.Status != "ordered" || len(r.Units) != 1 || r.Units[0].Now != "deployed" {
		t.Errorf("after the restart the response is %+v", r)
	}
	audit, err := db.Audit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(audit) != 1 || audit[0].Unit != "orf-1" || audit[0].To != "deployed" || audit[0].By != "duty officer" || audit[0].Alert != a.ID {
		t.Errorf("audit log after the restart: %+v", audit)
	}
}
