package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
)

// collect reads a stream and returns its documents and skip reasons.
func collect(t *testing.T, data []byte, lim Limits) ([]faultline.Document, []string) {
	t.Helper()
	var docs []faultline.Document
	var skips []string
	err := ReadStream(context.Background(), bytes.NewReader(data), "in", "in", FileOptions{Limits: lim}, func(it Item) error {
		if it.Skip != "" {
			skips = append(skips, it.Skip+": "+it.Message)
		} else {
			docs = append(docs, it.Doc)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs, skips
}

func TestReadJSONL(t *testing.T) {
	for _, tc := range []struct {
		name  string
		in    string
		docs  int
		skips []string // prefixes, in order
	}{
		{"good", `{"id":"a","text":"one"}` + "\n" + `{"id":"b","text":"two","date":"2023-05-30"}`, 2, nil},
		{"blank lines", "\n" + `{"id":"a","text":"one"}` + "\n\n", 1, nil},
		{"not JSON", `{"id":"a","text":"one"}` + "\n{nope\n", 1, []string{"not JSON: in:2:"}},
		{"no text", `{"id":"a"}`, 0, []string{"no text: in:1:"}},
		{"no id", `{"text":"x"}`, 0, []string{"no id: in:1:"}},
		{"blank id", `{"id":"  ","text":"x"}`, 0, []string{"no id: in:1:"}},
		{"numeric id", `{"id":7,"text":"x"}`, 1, nil},
		{"object id", `{"id":{},"text":"x"}`, 0, []string{"not JSON: in:1:"}},
		{"escapes", `{"id":"a","text":"caf\u00e9 \"q\""}`, 1, nil},
		{"bad utf8", "{\"id\":\"a\",\"text\":\"\xff\"}", 0, []string{"invalid UTF-8: in:1:"}},
		{"too long", `{"id":"a","text":"` + strings.Repeat("x", 300) + `"}` + "\n" + `{"id":"b","text":"ok"}`, 1, []string{"too large: in:1:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			docs, skips := collect(t, []byte(tc.in), Limits{MaxDocBytes: 200})
			if len(docs) != tc.docs || len(skips) != len(tc.skips) {
				t.Fatalf("%d docs, skips %q; want %d docs, %d skips", len(docs), skips, tc.docs, len(tc.skips))
			}
			for i, p := range tc.skips {
				if !strings.HasPrefix(skips[i], p) {
					t.Errorf("skip %q, want prefix %q", skips[i], p)
				}
			}
		})
	}
}

func TestReadFeeds(t *testing.T) {
	rss, _ := os.ReadFile(filepath.Join("testdata", "feed.rss"))
	docs, skips := collect(t, rss, Limits{})
	if len(docs) != 2 || len(skips) != 1 {
		t.Fatalf("rss: %d docs, skips %q; want 2 docs, 1 skip", len(docs), skips)
	}
	d := docs[0]
	if d.ID != "wire-1" || d.Date != "2023-05-29" || d.Source != "Balkan Wire" || d.URL != "https://example.org/zvecan" ||
		d.Text != "Clashes in Zvecan. Serb protesters clashed with KFOR troops & police." {
		t.Errorf("rss item: %+v", d)
	}
	if docs[1].ID != "https://example.org/no-guid" {
		t.Errorf("item without guid: id %q, want its link", docs[1].ID)
	}
	atom, _ := os.ReadFile(filepath.Join("testdata", "feed.atom"))
	docs, _ = collect(t, atom, Limits{})
	if len(docs) != 1 || docs[0].ID != "tag:example.org,2023:1" || docs[0].Date != "2023-05-30" ||
		docs[0].URL != "https://example.org/alert" || !strings.Contains(docs[0].Text, "high alert") {
		t.Errorf("atom: %+v", docs)
	}
	_, skips = collect(t, []byte(`<?xml version="1.0"?><rss><channel><item><title>cut`), Limits{})
	if len(skips) != 1 || !strings.HasPrefix(skips[0], "corrupt feed: in: corrupt feed:") {
		t.Errorf("corrupt feed: %q", skips)
	}
}

func TestGzipBomb(t *testing.T) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(`{"id":"a","text":"fine"}` + "\n"))
	zw.Write(bytes.Repeat([]byte(" "), 4<<20)) // 4 MiB of nothing, a few KiB packed
	zw.Close()
	docs, skips := collect(t, b.Bytes(), Limits{MaxFetchBytes: 1 << 20, MaxDocBytes: 1 << 20})
	if len(docs) != 1 || len(skips) == 0 || !strings.Contains(skips[len(skips)-1], "larger than") {
		t.Errorf("gzip bomb: %d docs, skips %q; want the first doc and a size error", len(docs), skips)
	}
}

func TestReadDirectory(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sub", ".hidden"), 0o755)
	os.WriteFile(filepath.Join(dir, "report.txt"), []byte("NATO sent troops."), 0o644)
	os.WriteFile(filepath.Join(dir, "sub", "more.jsonl"), []byte(`{"id":"j1","text":"x"}`+"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "sub", ".hidden", "skip.txt"), []byte("hidden"), 0o644)
	os.WriteFile(filepath.Join(dir, "big.txt"), bytes.Repeat([]byte("x "), 200), 0o644)
	var ids, skips []string
	err := ReadPath(context.Background(), dir, FileOptions{Date: "2023-05-30", Limits: Limits{MaxDocBytes: 100}}, func(it Item) error {
		if it.Skip != "" {
			skips = append(skips, it.Skip)
		} else {
			ids = append(ids, it.Doc.ID+"@"+it.Doc.Date)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// --date dates every document without one, JSON Lines too, as in 'faultline code'.
	if strings.Join(ids, " ") != "report.txt@2023-05-30 j1@2023-05-30" || strings.Join(skips, " ") != "too large" {
		t.Errorf("ids %v skips %v", ids, skips)
	}
}

func TestSignatureNearCopies(t *testing.T) {
	a := "The alliance will send 450 extra troops to Bosnia, where 12 soldiers were hurt in clashes with local villagers near Tuzla on Friday. " +
		"A reserve brigade will be put on standby in case the dispute worsens again, the alliance announced."
	b := strings.Replace(a, "extra", "more", 1)
	c := "Dockworkers at the Harbour Grain Company say they are frustrated after negotiations with the new owners of the terminal broke down. " +
		"The dockworkers said they would vote next month on whether to stage a walkout at both ports."
	if s := faultline.Similarity(Signature(a), Signature(b)); s < faultline.NearCopySimilarity {
		t.Errorf("light edit: similarity %.2f, want >= %.2f", s, faultline.NearCopySimilarity)
	}
	if s := faultline.Similarity(Signature(a), Signature(c)); s >= 0.2 {
		t.Errorf("unrelated texts: similarity %.2f", s)
	}
	// Short templated bulletins are exact duplicates or nothing: one
	// changed figure would otherwise make them near-copies.
	for _, short := range []string{
		"too short",
		"Serbian police arrested 3 Kosovo protesters in Zvecan. The Kosovo government accused Serbian officials on day 3.",
		"Serbian police arrested 7 Kosovo protesters in Zvecan. The Kosovo government accused Serbian officials on day 4.",
	} {
		if Signature(short) != nil {
			t.Errorf("%d-word text %q has a signature", len(strings.Fields(short)), short)
		}
	}
	if ContentHash("a  b\n c") != ContentHash("a b c") || ContentHash("a b") == ContentHash("a c") {
		t.Error("content hash should ignore spacing only")
	}
}

func FuzzReadStream(f *testing.F) {
	for _, p := range []string{"feed.rss", "feed.atom"} {
		b, _ := os.ReadFile(filepath.Join("testdata", p))
		f.Add(b)
	}
	f.Add([]byte(`{"id":"a","text":"one"}` + "\n{bad"))
	f.Add([]byte("plain text"))
	f.Add([]byte{0x1f, 0x8b, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		ReadStream(context.Background(), bytes.NewReader(data), "fuzz", "fuzz", FileOptions{Limits: Limits{MaxDocBytes: 1 << 16, MaxFetchBytes: 1 << 20}},
			func(it Item) error {
				if it.Skip == "" && (it.Doc.ID == "" || strings.TrimSpace(it.Doc.Text) == "") {
					t.Fatalf("document without id or text: %+v", it.Doc)
				}
				return nil
			})
	})
}

// TestReadDates: a bad date is noted with its line and dropped, the
// document kept; a file without dates is noted once; --file-date gives
// the file's day.
func TestReadDates(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "docs.jsonl")
	os.WriteFile(path, []byte(`{"id":"a","text":"x","date":"2025-06-03T22:00:00-04:00"}
{"id":"b","text":"x","date":"June 3rd"}
{"id":"c","text":"x"}
{"id":"d","text":"x"}
`), 0o644)
	day := time.Date(2024, 2, 29, 12, 0, 0, 0, time.UTC)
	os.Chtimes(path, day, day)
	for _, fileDate := range []bool{false, true} {
		var got, notes []string
		bad := 0
		err := ReadPath(context.Background(), path, FileOptions{FileDate: fileDate}, func(it Item) error {
			got = append(got, it.Doc.ID+"@"+it.Doc.Date)
			if it.Message != "" {
				notes = append(notes, it.Message)
			}
			if it.BadDate {
				bad++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		want, wantNotes := "a@2025-06-03 b@ c@ d@", 2
		if fileDate {
			want, wantNotes = "a@2025-06-03 b@2024-02-29 c@2024-02-29 d@2024-02-29", 1
		}
		if strings.Join(got, " ") != want || bad != 1 || len(notes) != wantNotes || !strings.Contains(notes[0], "docs.jsonl:2: date \"June 3rd\"") {
			t.Errorf("FileDate %v: %v, %d bad, notes %q; want %s", fileDate, got, bad, notes, want)
		}
	}
}
