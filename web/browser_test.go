package web_test

import (
	"context"
	"encoding/json"
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

// demoServer serves the demo as `faultline serve --demo` does: the demo
// month coded by the pipeline into a temporary store, the Kosovo rules and
// playbook replayed to the crisis' peak.
func demoServer(t *testing.T) *httptest.Server {
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
	api, err := httpapi.New(httpapi.Config{Store: st, Coder: c, Alerts: w, Token: "demo",
		Page: web.Handler(http.HandlerFunc(httpapi.NotFound))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(api)
	t.Cleanup(ts.Close)
	// A hostile document joins the demo: the page must show it as text.
	b, _ := json.Marshal([]faultline.Document{{ID: "hostile", Date: "2025-08-25",
		Text: `ZVECAN, Aug 25 - Kosovo Serb protesters attacked KFOR peacekeepers in Zvecan <script>document.title='pwned'</script> on Tuesday <img src=x onerror="document.title='pwned'">, injuring 12 soldiers.`}})
	req, _ := http.NewRequest("POST", ts.URL+"/api/v1/documents", strings.NewReader(string(b)))
	req.Header.Set("Authorization", "Bearer demo")
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil || res.StatusCode != 201 {
		t.Fatalf("post hostile document: %v %v", err, res.Status)
	}
	res.Body.Close()
	return ts
}

// TestBrowserDemoPage opens the demo page in headless Chromium: events on
// the map and in the table, one event opened with its evidence
// highlighted, a hostile document shown as text, and a screenshot saved
// to $FAULTLINE_SCREENSHOT (default: the test's temporary directory).
func TestBrowserDemoPage(t *testing.T) {
	bin := chromium(t)
	ts := demoServer(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first Run starts the browser and must not carry a timeout;
	// later steps share a deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	// get runs one valued action, failing the test on error.
	count := func(expr string) int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return n
	}
	text := func(sel string) string {
		s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)),
	); err != nil {
		t.Fatal(err)
	}
	dots := count(`document.querySelectorAll('#dots circle').length`)
	rows := count(`document.querySelectorAll('#events tbody tr').length`)
	countries := count(`document.querySelectorAll('#countries path').length`)
	alerts := count(`document.querySelectorAll('#alerts .alert.firing').length`)
	t.Logf("map: %d country outlines, %d event dots; table: %d rows; %d firing alerts", countries, dots, rows, alerts)
	if countries < 100 || dots == 0 || rows == 0 {
		t.Fatalf("page shows %d outlines, %d dots, %d rows", countries, dots, rows)
	}
	if alerts == 0 {
		t.Error("no firing alert on the board")
	}

	// Open the hostile document's event from the table: its evidence is
	// highlighted and its markup is text.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#events tbody tr[data-id^="hostile:"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#detail mark.evidence`)),
	); err != nil {
		t.Fatal(err)
	}
	mark, docText := text(`#detail mark.evidence`), text(`#detail .doc`)
	scripts := count(`document.querySelectorAll('#detail script').length`)
	imgs := count(`document.querySelectorAll('#detail img').length`)
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	if mark == "" || !strings.Contains(docText, mark) {
		t.Errorf("evidence %q not highlighted inside the document %q", mark, docText)
	}
	if !strings.Contains(docText, "<script>") || !strings.Contains(docText, "<img src=x") || scripts != 0 || imgs != 0 || title == "pwned" {
		t.Errorf("hostile markup not shown as text: %d scripts, %d imgs, title %q, text %q", scripts, imgs, title, docText)
	}

	// Open an ordinary event from the map and take the screenshot.
	count(`(() => { const c = [...document.querySelectorAll('#dots circle')].find(c => !c.dataset.id.startsWith('hostile')); c.dispatchEvent(new MouseEvent('click', {bubbles: true})); return 1; })()`)
	if err := chromedp.Do(ctx,
		chromedp.Sleep(500*time.Millisecond),
		chromedp.WaitVisible(chromedp.CSS(`#detail mark.evidence`)),
	); err != nil {
		t.Fatal(err)
	}
	mark2 := text(`#detail mark.evidence`)
	if mark2 == "" {
		t.Error("event opened from the map has no highlighted evidence")
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	out := os.Getenv("FAULTLINE_SCREENSHOT")
	if out == "" {
		out = filepath.Join(t.TempDir(), "demo.png")
	}
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes); evidence shown: %q", out, len(png), mark2)
}
