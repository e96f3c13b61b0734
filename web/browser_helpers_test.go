package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/examples/demo"
	"github.com/faultline/faultline/geo"
	"github.com/faultline/faultline/httpapi"
	"github.com/faultline/faultline/ingest"
	"github.com/faultline/faultline/pipeline"
	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/series"
	"github.com/faultline/faultline/sqlite"
	"github.com/faultline/faultline/web"
)

// chromium finds the browser; without it the test skips, except in CI
// ($CI set), where it fails.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is not installed; CI must install it (.ci/chromium.sh)")
	}
	t.Skip("chromium is not installed (apt-get install chromium, or run .ci/chromium.sh); skipping the browser test")
	return ""
}

// coderAndNames builds the pipeline's coder and the page's names, as
// serve does.
func coderAndNames(t *testing.T) (ingest.Coder, *httpapi.Names) {
	set, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(set, pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gaz, err := geo.Default()
	if err != nil {
		t.Fatal(err)
	}
	return ingest.CoderFunc(func(d faultline.Document) []faultline.Event { return p.Code(d).Events }), httpapi.NewNames(set, gaz)
}

// demoServer serves the demo as `faultline serve --demo` does: the demo
// month coded by the pipeline into a temporary store, the Kosovo rules and
// playbook replayed to the crisis' peak; plus a hostile document with a
// URL, posted through the API.
func demoServer(t *testing.T) (*httptest.Server, *httpapi.Names) {
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, names := coderAndNames(t)
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
	peak, err := w.ReplayToPeak(ctx, from, to)
	if err != nil {
		t.Fatal(err)
	}
	w.Now = func() time.Time { return peak }
	api, err := httpapi.New(httpapi.Config{Store: st, Coder: c, Alerts: w, Token: "demo", Names: names,
		Page: web.Handler(http.HandlerFunc(httpapi.NotFound))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(api)
	t.Cleanup(ts.Close)
	b, _ := json.Marshal([]faultline.Document{{ID: "hostile", Date: "2025-08-25", URL: "https://example.org/wire/zvecan-0825",
		Source: "Test Wire", Title: "Peacekeepers hurt in Zvecan",
		Text: `ZVECAN, Aug 25 - Kosovo Serb protesters attacked KFOR peacekeepers in Zvecan <script>document.title='pwned'</script> on Tuesday <img src=x onerror="document.title='pwned'">, injuring 12 soldiers.`}})
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/documents", strings.NewReader(string(b)))
	req.Header.Set("Authorization", "Bearer demo")
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 201 {
		t.Fatalf("post hostile document: %v %v", err, res.Status)
	}
	res.Body.Close()
	return ts, names
}

// agnewsServer serves the 7,600 AG News stories (../shared/bench), coded
// into a temporary store; it skips without the file.
func agnewsServer(t *testing.T) *httptest.Server {
	path := filepath.Join("..", "..", "shared", "bench", "agnews-7600.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no AG News data: %v", err)
	}
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "agnews.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c, names := coderAndNames(t)
	t0 := time.Now()
	stats, err := ingest.Run(ctx, st, c, []string{path}, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("AG News: %s in %s", ingest.Summary(stats), time.Since(t0).Round(time.Millisecond))
	api, err := httpapi.New(httpapi.Config{Store: st, Coder: c, Token: "t", Names: names,
		Page: web.Handler(http.HandlerFunc(httpapi.NotFound))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(api)
	t.Cleanup(ts.Close)
	return ts
}

// tab is a headless Chromium tab with helpers that fail the test.
type tab struct {
	t   *testing.T
	ctx context.Context
}

func newBrowser(t *testing.T, width, height int) *tab {
	bin := chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	// The first Run starts the browser and must not carry a timeout;
	// later steps share a deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel = context.WithTimeout(ctx, 150*time.Second)
	t.Cleanup(cancel)
	return &tab{t: t, ctx: ctx}
}

func (b *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

func evalT[T any](b *tab, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func (b *tab) num(expr string) int    { b.t.Helper(); return evalT[int](b, expr) }
func (b *tab) str(expr string) string { b.t.Helper(); return evalT[string](b, expr) }
func (b *tab) strs(expr string) []string {
	b.t.Helper()
	return evalT[[]string](b, expr)
}

// open loads url and waits for the page's first view.
func (b *tab) open(url string) {
	b.t.Helper()
	b.do(chromedp.Navigate(url))
	b.ready()
}

// ready waits until the page has applied its filters (body[data-ready]).
func (b *tab) ready() {
	b.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		s := b.str(`document.body.dataset.ready || ''`)
		if s == "true" {
			return
		}
		if s == "error" {
			b.t.Fatalf("page error: %s", b.str(`document.getElementById('status').textContent`))
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("page not ready: %s", b.str(`document.getElementById('status').textContent`))
}

// filter sets the filter fields given (others cleared), submits the form
// and waits for the view.
func (b *tab) filter(kv map[string]string) {
	b.t.Helper()
	js, _ := json.Marshal(kv)
	b.num(fmt.Sprintf(`(() => { const f = document.getElementById('filters'); const kv = %s || {};
		for (const el of f.elements) if (el.name) el.value = kv[el.name] || '';
		f.requestSubmit(); return 1; })()`, js))
	b.ready()
}

func (b *tab) screenshot(name string) string {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	dir := os.Getenv("FAULTLINE_SCREENSHOTS")
	if dir == "" {
		dir = b.t.TempDir()
	}
	out := filepath.Join(dir, name)
	if err := os.WriteFile(out, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s (%d bytes)", out, len(png))
	return out
}

// rowCount is the number of events the table says match.
func (b *tab) total() int {
	b.t.Helper()
	return b.num(`state.overview.total`)
}
