package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestReadFormats is issue 14 item 10 for ingest: report.txt and
// report.md in one folder were one id (the second dropped as a duplicate),
// a JSON array file was one plain-text document, an uncompressed PDF was
// coded as text with offsets into the PDF.
func TestReadFormats(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"report.txt":   "NATO sent troops to Kosovo.",
		"report.md":    "Serbia recalled its ambassador.",
		"batch.json":   "[\n{\"id\":\"a1\",\"text\":\"Police arrested ten protesters.\"},\n{\"id\":\"a2\"},\n{\"id\":\"a3\",\"text\":\"Troops left.\"}\n]",
		"page.html":    "<!DOCTYPE html><html><head><title>Clash</title><script>x()</script></head><body><p>Protesters <i>clashed</i> with police.</p></body></html>",
		"scan.pdf":     "%PDF-1.4\nBT (Troops attacked) Tj ET\n",
		"memo.docx":    "PK\x03\x04zip",
		"wire.csv":     "id,story\nw1,\"Rebels shelled the town, residents said.\"\nw2,\n",
		"blob.dat":     "abc\x00def",
		"sub/notes.md": "Talks resumed in Brussels.",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var ids, skips []string
	texts := map[string]string{}
	err := ReadPath(context.Background(), dir, FileOptions{TextColumn: "story"}, func(it Item) error {
		if it.Skip != "" {
			skips = append(skips, it.Skip+": "+strings.TrimPrefix(it.Message, dir+"/"))
		} else {
			ids = append(ids, it.Doc.ID)
			texts[it.Doc.ID] = it.Doc.Text
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(ids)
	if got, want := strings.Join(ids, " "), "a1 a3 page.html report.md report.txt sub/notes.md w1"; got != want {
		t.Errorf("ids %q, want %q", got, want)
	}
	if texts["page.html"] != "Protesters clashed with police." || texts["w1"] != "Rebels shelled the town, residents said." {
		t.Errorf("texts %q", texts)
	}
	sort.Strings(skips)
	want := []string{
		"binary: blob.dat: binary file",
		"no text: batch.json:3:",
		"no text: wire.csv:3:",
		"unsupported format: memo.docx: ZIP files",
		"unsupported format: scan.pdf: PDF is not supported: convert it to text first",
	}
	if len(skips) != len(want) {
		t.Fatalf("skips %q, want %d", skips, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(skips[i], w) {
			t.Errorf("skip %q, want prefix %q", skips[i], w)
		}
	}
}

// TestFetchHTML: a page served as text/html is read as its text, in the
// charset its Content-Type names.
func TestFetchHTML(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=windows-1252")
		w.Write([]byte("<h1>Talks</h1><p>\x93We agreed,\x94 the envoy said.</p>"))
	}))
	defer srv.Close()
	var texts []string
	err := ReadURL(context.Background(), srv.URL+"/story", FetchOptions{AllowPrivate: true, Backoff: time.Millisecond}, FileOptions{}, func(it Item) error {
		texts = append(texts, it.Skip+it.Doc.Text)
		return nil
	})
	if err != nil || len(texts) != 1 || texts[0] != "Talks\n“We agreed,” the envoy said." {
		t.Errorf("%q, %v", texts, err)
	}
}

// TestFetchFeedCharsetFromHeader: a feed whose XML declaration names no
// encoding is read in the charset of its Content-Type, not as UTF-8.
func TestFetchFeedCharsetFromHeader(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=windows-1252")
		w.Write([]byte("<?xml version=\"1.0\"?><rss><channel><item><guid>g</guid><description>\x93Caf\xe9 talks\x94 resumed.</description></item></channel></rss>"))
	}))
	defer srv.Close()
	var texts []string
	err := ReadURL(context.Background(), srv.URL+"/feed", FetchOptions{AllowPrivate: true, Backoff: time.Millisecond}, FileOptions{}, func(it Item) error {
		texts = append(texts, it.Skip+it.Doc.Text)
		return nil
	})
	if err != nil || len(texts) != 1 || texts[0] != "“Café talks” resumed." {
		t.Errorf("%q, %v", texts, err)
	}
}
