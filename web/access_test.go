package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/examples/demo"
	"github.com/faultline/faultline/httpapi"
	"github.com/faultline/faultline/ingest"
	"github.com/faultline/faultline/pipeline"
	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/series"
	"github.com/faultline/faultline/sqlite"
	"github.com/faultline/faultline/web"
)

// demoBoard is the demo month in a store and its alert board at the
// crisis' peak, for servers configured in different ways.
func demoBoard(t *testing.T) (faultline.Store, httpapi.Coder, *httpapi.Watch) {
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	set, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(set, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := ingest.CoderFunc(func(d faultline.Document) []faultline.Event { return p.Code(d).Events })
	if _, err := demo.Load(ctx, st, c); err != nil {
		t.Fatal(err)
	}
	f, err := rules.Parse("rules.yml", demo.Rules())
	if err != nil {
		t.Fatal(err)
	}
	pb, err := playbook.Parse("playbook.yml", demo.Playbook())
	if err != nil {
		t.Fatal(err)
	}
	w, err := httpapi.NewWatch(ctx, f, pb, nil, series.FromStore(st))
	if err != nil {
		t.Fatal(err)
	}
	from, to := demo.Span()
	if _, err := w.ReplayToPeak(ctx, from, to); err != nil {
		t.Fatal(err)
	}
	return st, c, w
}

// browser starts headless Chromium for one test.
func browser(t *testing.T) context.Context {
	bin := chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// TestBrowserClosedReadsAndNoWrites covers issue 14 items 5 and 12: with
// `serve --closed-reads` the page shows nothing until the token is typed,
// then shows the events (the page sends the token with reads, not only
// with acknowledgements); a server without a token refuses writes, and
// its page shows no Acknowledge buttons.
func TestBrowserClosedReadsAndNoWrites(t *testing.T) {
	ctx := browser(t)
	st, c, w := demoBoard(t)
	serve := func(cfg httpapi.Config) string {
		cfg.Store, cfg.Coder, cfg.Alerts = st, c, w
		cfg.Page = web.Handler(http.HandlerFunc(httpapi.NotFound))
		api, err := httpapi.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(api)
		t.Cleanup(ts.Close)
		return ts.URL
	}
	count := func(expr string) int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return n
	}
	const rows, acks = `document.querySelectorAll('#events tbody tr').length`, `document.querySelectorAll('#alerts button.ack').length`

	closed := serve(httpapi.Config{Token: "s3cret", ClosedReads: true})
	if err := chromedp.Do(ctx,
		chromedp.Navigate(closed+"/"),
		chromedp.WaitVisible(chromedp.CSS(`#status`)),
		chromedp.Poll[chromedp.Void](`document.getElementById("status").textContent.startsWith("Error")`),
	); err != nil {
		t.Fatalf("closed reads without a token: %v", err)
	}
	if n := count(rows); n != 0 {
		t.Fatalf("closed reads without a token: %d rows shown", n)
	}
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`#token`), "s3cret"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('token').dispatchEvent(new Event('change'))`),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
	); err != nil {
		t.Fatalf("closed reads with the token: %v", err)
	}
	if n := count(rows); n == 0 {
		t.Fatal("closed reads with the token typed: no events shown")
	}
	if n := count(acks); n == 0 {
		t.Error("closed reads with the token: no Acknowledge button on the board")
	}

	open := serve(httpapi.Config{})
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`sessionStorage.clear()`),
		chromedp.Navigate(open+"/"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
	); err != nil {
		t.Fatalf("server without a token: %v", err)
	}
	if n := count(`document.querySelectorAll('#alerts .alert.firing').length`); n == 0 {
		t.Fatal("server without a token: no firing alert on the board")
	}
	if n := count(acks); n != 0 {
		t.Errorf("server without a token (writes off): %d Acknowledge buttons shown", n)
	}
}
