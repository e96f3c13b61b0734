package docio

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		kind       Kind
		sure       bool
	}{
		{"a.jsonl", `{"id":1}`, KindJSONL, true},
		{"a.json", " \n[{\"id\":1}]", KindJSONArray, true},
		{"a.txt", "\ufeff[1]", KindJSONArray, true},
		{"a.csv", "id,text\n", KindCSV, true},
		{"A.CSV", "{looks like json}", KindCSV, true},
		{"a.pdf", "%PDF-1.7\n", KindPDF, true},
		{"a.txt", "%PDF-1.4\n", KindPDF, true},
		{"a.docx", "PK\x03\x04....", KindZIP, true},
		{"a.bin", "abc\x00def", KindBinary, true},
		{"a.jsonl", "{\"id\":1,\"text\":\"a\x00\"}", KindJSONL, true},
		{"x", `<?xml version="1.0"?><!-- c --><rss>`, KindFeed, true},
		{"x", `<feed xmlns="http://www.w3.org/2005/Atom">`, KindFeed, true},
		{"x", `<rdf:RDF>`, KindFeed, true},
		{"x", "<!DOCTYPE html>\n<html>", KindHTML, true},
		{"x", "<!doctype HTML><p>", KindHTML, true},
		{"x", "<!-- generated --><html lang=en>", KindHTML, true},
		{"page.htm", "<div>Troops</div>", KindHTML, true},
		{"x", "<div>Troops</div>", KindText, true},
		{"x", "<!-- never closed", KindText, false},
		{"x", `<?xml version="1.0"`, KindText, false},
		{"x", `<!DOCTYPE rss [ <!ENTITY a "]>"> ]><rss>`, KindFeed, true},
		{"x", "<3 peace talks", KindText, true},
		{"x", "plain text about <rss>", KindText, true},
		{"x", "Plain news text.", KindText, true},
		{"x", "", KindText, true},
	} {
		if kind, sure := Sniff(tc.name, []byte(tc.head)); kind != tc.kind || sure != tc.sure {
			t.Errorf("Sniff(%q, %q) = %s, %v; want %s, %v", tc.name, tc.head, kind, sure, tc.kind, tc.sure)
		}
	}
}

// TestReaderFormats is issue 14 item 10 for 'faultline code': files of
// one folder keep their extension in their id, JSON arrays are documents,
// HTML is read as its text, PDF and ZIP are refused with a message, CSV is
// read by its text column.
func TestReaderFormats(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// č is not in windows-1252: the page names the town without it.
	page, err := charmap.Windows1252.NewEncoder().String(`<!DOCTYPE html>
<html><head><meta charset="windows-1252"><title>Clashes – Zvecan</title>
<style>p { color: red }</style><script>var troops = 1;</script></head>
<body><nav>Home</nav><h1>Clashes in Zvecan</h1>
<p>Serb protesters <b>clashed</b> with KFOR troops on Monday, police said.</p>
<p>“Thirty were hurt,” a spokesman said. It cost €5m.</p></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	files := []string{
		write("report.txt", "NATO sent troops to Kosovo."),
		write("report.md", "Serbia recalled its ambassador."),
		write("batch.json", "[\n  {\"id\": \"a1\", \"text\": \"Police arrested ten protesters.\"},\n  {\"id\": \"a2\"},\n  {\"text\": \"Troops left the town.\"}\n]\n"),
		write("page.html", page),
		write("scan.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nBT (Troops attacked) Tj ET\n"),
		write("memo.docx", "PK\x03\x04rest of a zip"),
		write("wire.csv", "ID,Date,Headline,Body\nw1,2023-05-29,Clash,\"Protesters clashed with police, then left.\"\nw2,2023-05-30,Empty,\nw3,2023-05-31,Bad,\"unterminated\n"),
	}
	r := &Reader{Files: files, TextColumn: "body"}
	docs, warn := readAll(t, r)
	got := map[string]string{}
	for _, d := range docs {
		got[d.ID] = d.Text
	}
	want := map[string]string{
		"report.txt":   "NATO sent troops to Kosovo.",
		"report.md":    "Serbia recalled its ambassador.",
		"a1":           "Police arrested ten protesters.",
		"batch.json:4": "Troops left the town.",
		"page.html":    "Home\nClashes in Zvecan\nSerb protesters clashed with KFOR troops on Monday, police said.\n“Thirty were hurt,” a spokesman said. It cost €5m.",
		"w1":           "Protesters clashed with police, then left.",
	}
	for id, text := range want {
		if got[id] != text {
			t.Errorf("document %q: text %q, want %q", id, got[id], text)
		}
	}
	if len(docs) != len(want) {
		t.Errorf("%d documents, want %d: %v\nwarnings:\n%s", len(docs), len(want), got, warn)
	}
	for _, d := range docs {
		if d.ID == "page.html" && d.Title != "Clashes – Zvecan" {
			t.Errorf("HTML title %q", d.Title)
		}
		if d.ID == "w1" && (d.Date != "2023-05-29" || d.Title != "") {
			t.Errorf("CSV row: %+v", d)
		}
	}
	for _, w := range []string{
		"batch.json:3: no \"text\"",
		"scan.pdf: PDF is not supported: convert it to text first",
		"memo.docx: ZIP files (and .docx, .odt, .xlsx, which are ZIP) are not supported",
		"wire.csv:3: empty text column",
		"wire.csv:4: bad CSV row",
	} {
		if !strings.Contains(warn, w) {
			t.Errorf("warnings lack %q:\n%s", w, warn)
		}
	}
	st := r.Stats()
	if st.Skipped[ReasonUnsupported] != 2 || st.Skipped[ReasonNoText] != 2 || st.Skipped[ReasonNotCSV] != 1 {
		t.Errorf("skipped %v", st.Skipped)
	}

	// A CSV file without the text column is refused as a whole, naming it.
	r = &Reader{Files: []string{files[6]}}
	_, warn = readAll(t, r)
	if !strings.Contains(warn, `no text column "text" in the header (ID, Date, Headline, Body); name it with --text-column`) {
		t.Errorf("missing text column: %s", warn)
	}
	// A broken array: what came before the break is kept.
	r = &Reader{Files: []string{write("broken.json", "[{\"id\":\"b1\",\"text\":\"One.\"},\n{\"id\": oops}]")}}
	docs, warn = readAll(t, r)
	if len(docs) != 1 || !strings.Contains(warn, "broken.json:2: not JSON") {
		t.Errorf("broken array: %d docs\n%s", len(docs), warn)
	}
}

func TestHTMLText(t *testing.T) {
	for _, tc := range []struct{ in, title, text string }{
		{"<p>a<br>b</p><ul><li>c</li><li>d</li></ul>", "", "a\nb\nc\nd"},
		{"<p>KFOR<b>'s</b> troops &amp; police</p>", "", "KFOR's troops & police"},
		{"<title> T  1 </title><template><p>hidden</p></template><noscript>x</noscript>text", "T 1", "text"},
		{"<p>unclosed <script>alert(1)", "", "unclosed"},
		{"<table><tr><td>1</td><td>2</td></tr></table>", "", "1\n2"},
		{"<title>Page</title><svg><title>icon</title></svg><p>x</p>", "Page", "x"},
	} {
		title, text := HTMLText(strings.NewReader(tc.in), "")
		if title != tc.title || text != tc.text {
			t.Errorf("HTMLText(%q) = %q, %q; want %q, %q", tc.in, title, text, tc.title, tc.text)
		}
	}
}

func FuzzHTMLText(f *testing.F) {
	f.Add([]byte("<html><title>t</title><p>a<b>b</b></p><script>x</script></html>"), "")
	f.Add([]byte("<meta charset=windows-1252><p>\x93q\x94</p>"), "text/html; charset=iso-8859-1")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		title, text := HTMLText(bytes.NewReader(data), contentType)
		if !utf8.ValidString(title) || !utf8.ValidString(text) {
			t.Fatalf("invalid UTF-8 out of %q", data)
		}
	})
}

func FuzzArrayReader(f *testing.F) {
	f.Add([]byte(`[{"id":"a","text":"x"},{"id":2}]`))
	f.Add([]byte("[\n1,\n\"s\", {\"a\": [1,2]}\n"))
	f.Add([]byte(`{"not":"array"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a := NewArrayReader(bytes.NewReader(data))
		lines := 1 + bytes.Count(data, []byte("\n"))
		for i := 0; i <= len(data); i++ {
			raw, line, err := a.Next()
			if err == io.EOF {
				return
			}
			if line < 1 || line > lines {
				t.Fatalf("line %d of a %d-line input", line, lines)
			}
			if err != nil {
				if _, _, err := a.Next(); err != io.EOF {
					t.Fatalf("reading went on after %v", err)
				}
				return
			}
			if len(raw) == 0 {
				t.Fatal("empty element")
			}
		}
		t.Fatal("more elements than bytes")
	})
}

func FuzzCSVReader(f *testing.F) {
	f.Add([]byte("id,text\na,one\nb,\"two, three\"\n"), "text")
	f.Add([]byte("text\n\"unterminated\n"), "")
	f.Fuzz(func(t *testing.T, data []byte, col string) {
		c, err := NewCSVReader(bytes.NewReader(data), col)
		if err != nil {
			return
		}
		for i := 0; i <= len(data)+1; i++ {
			_, _, err := c.Next()
			if err == io.EOF {
				return
			}
			if err != nil && !errorsIsBadRow(err) {
				return
			}
		}
		t.Fatal("more rows than bytes")
	})
}

func errorsIsBadRow(err error) bool { return errors.Is(err, ErrBadRow) }

// TestReaderUTF16: a file saved as UTF-16 with a byte-order mark (Notepad's
// "Unicode") is read as text, not skipped as binary for its NUL bytes.
func TestReaderUTF16(t *testing.T) {
	for _, e := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().String(`{"id":"u1","text":"Police in Mitrovicë arrested two men."}` + "\n")
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), "u.jsonl")
		os.WriteFile(p, []byte(b), 0o644)
		docs, warn := readAll(t, &Reader{Files: []string{p}})
		if len(docs) != 1 || docs[0].Text != "Police in Mitrovicë arrested two men." {
			t.Errorf("endianness %v: %+v\n%s", e, docs, warn)
		}
	}
}
