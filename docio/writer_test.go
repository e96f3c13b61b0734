package docio

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// sampleEvents are events that exercise every field: a full one, one with
// no location and no actors, and one whose strings need escaping.
func sampleEvents() (*faultline.Document, []faultline.Event) {
	doc := &faultline.Document{ID: "kfor-1", URL: "https://example.org/kfor-1", Date: "2023-05-29"}
	return doc, []faultline.Event{
		{
			ID: "kfor-1:0:0", DocID: "kfor-1", Sentence: 0, Date: "2023-05-29",
			Source: faultline.ActorRef{Code: "SRBCVL", Text: "Serb  protesters", Start: 0, End: 15},
			Target: faultline.ActorRef{Code: "IGOWSTNATMIL", Text: "KFOR peacekeepers", Start: 28, End: 45},
			CAMEO:  "145", Root: "14", QuadClass: 3, Goldstein: -7.5,
			Plover: faultline.Plover{Type: "PROTEST", Mode: "riot"}, Modality: faultline.Asserted,
			Quantities: map[string]int{"injured": 30, "protesters": 1000},
			Location: &faultline.Location{Name: "Zvečan", Country: "XKX", Admin1: "XK07",
				Lat: 42.9075, Lon: 20.8403, Precision: "city"},
			Evidence: faultline.Span{Start: 0, End: 80}, Verb: faultline.Span{Start: 16, End: 24},
			Incident: "kfor-1:i0",
		},
		{
			ID: "kfor-1:3:0", DocID: "kfor-1", Sentence: 3, Date: "",
			CAMEO: "0256", Root: "02", QuadClass: 1, Goldstein: 3.4, Modality: faultline.Future,
			Evidence: faultline.Span{Start: 200, End: 260},
		},
		{
			ID: "kfor-1:5:1", DocID: "kfor-1", Sentence: 5, Date: "2024-02-29",
			Source: faultline.ActorRef{Code: "RUSGOV", Text: "Moscow\t\"said\"\n", Start: 300, End: 306},
			Target: faultline.ActorRef{Code: "IGOWSTNAT", Text: "NATO\u2028\\", Start: 320, End: 324},
			CAMEO:  "112", Root: "11", QuadClass: 3, Goldstein: -2,
			Plover:   faultline.Plover{Type: "ACCUSE", Mode: "disapprove"},
			Modality: faultline.Asserted, Quantities: map[string]int{},
			Location:    &faultline.Location{Name: "Moscow", Country: "RUS", Precision: "city", Lat: 55.75, Lon: 37.62},
			Attribution: faultline.Attribution{Code: "RUSGOV", Text: "Moscow"},
			Evidence:    faultline.Span{Start: 300, End: 380},
		},
	}
}

func TestGolden(t *testing.T) {
	for _, name := range Formats {
		t.Run(name, func(t *testing.T) {
			f, err := NewFormat(name)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			w := NewWriter(&buf, f)
			doc, events := sampleEvents()
			if err := w.WriteEvents(doc, events); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "events."+name)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("output differs from %s (go test -update rewrites it):\n%s", golden, buf.Bytes())
			}
		})
	}
}

// TestJSONLRoundTrip checks the hand-written encoder against encoding/json:
// what it writes must decode to the event it was given.
func TestJSONLRoundTrip(t *testing.T) {
	doc, events := sampleEvents()
	for i := range events {
		line := JSONL{}.Append(nil, doc, &events[i])
		var got faultline.Event
		if err := json.Unmarshal(line, &got); err != nil {
			t.Fatalf("event %d: %v\n%s", i, err, line)
		}
		if !reflect.DeepEqual(got, events[i]) {
			t.Errorf("event %d: decoded\n%+v\nwant\n%+v", i, got, events[i])
		}
		if bytes.Count(line, []byte("\n")) != 1 {
			t.Errorf("event %d: not one line: %q", i, line)
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", "tab\there", "\x00\x1f", "é ✓ 𝄞", "bad \xff byte", "\u2028\u2029", `"\`} {
		got := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("%q: %s does not decode: %v", s, got, err)
			continue
		}
		want, _ := json.Marshal(s)
		var wantBack string
		json.Unmarshal(want, &wantBack)
		if back != wantBack {
			t.Errorf("%q: decodes to %q, encoding/json gives %q", s, back, wantBack)
		}
	}
}

func TestTSVColumns(t *testing.T) {
	doc, events := sampleEvents()
	for i := range events {
		line := strings.TrimSuffix(string(TSV{}.Append(nil, doc, &events[i])), "\n")
		if n := len(strings.Split(line, "\t")); n != len(TSVColumns) {
			t.Errorf("event %d: %d columns, header has %d", i, n, len(TSVColumns))
		}
	}
}

func TestGDELTColumns(t *testing.T) {
	if len(GDELTColumns) != 61 {
		t.Fatalf("%d GDELT columns, want 61", len(GDELTColumns))
	}
	doc, events := sampleEvents()
	for i := range events {
		line := strings.TrimSuffix(string(GDELT{}.Append(nil, doc, &events[i])), "\n")
		cols := strings.Split(line, "\t")
		if len(cols) != 61 {
			t.Fatalf("event %d: %d columns, want 61", i, len(cols))
		}
		get := func(name string) string {
			for j, c := range GDELTColumns {
				if c == name {
					return cols[j]
				}
			}
			t.Fatalf("no column %s", name)
			return ""
		}
		e := events[i]
		if get("EventCode") != e.CAMEO || get("EventRootCode") != e.Root || get("Actor1Code") != e.Source.Code {
			t.Errorf("event %d: codes in the wrong columns: %q", i, line)
		}
		if get("SOURCEURL") != doc.URL {
			t.Errorf("event %d: SOURCEURL %q", i, get("SOURCEURL"))
		}
	}
}

func TestSplitActorCode(t *testing.T) {
	tests := []struct {
		code string
		want ActorParts
	}{
		{"", ActorParts{}},
		{"SRB", ActorParts{Country: "SRB"}},
		{"RUSGOV", ActorParts{Country: "RUS", Type1: "GOV"}},
		{"SRBCVL", ActorParts{Country: "SRB", Type1: "CVL"}},
		{"IGOWSTNAT", ActorParts{Country: "WST", KnownGroup: "NAT", Type1: "IGO"}},
		{"IGOWSTNATMIL", ActorParts{Country: "WST", KnownGroup: "NAT", Type1: "IGO", Type2: "MIL"}},
		{"IGOUNO", ActorParts{KnownGroup: "UNO", Type1: "IGO"}},
		{"IRQMOSSHIREB", ActorParts{Country: "IRQ", Religion1: "MOS", Religion2: "SHI", Type1: "REB"}},
		{"COP", ActorParts{Type1: "COP"}},
		{"---OPP", ActorParts{Type1: "OPP"}},
	}
	for _, tt := range tests {
		if got := SplitActorCode(tt.code); got != tt.want {
			t.Errorf("SplitActorCode(%q) = %+v, want %+v", tt.code, got, tt.want)
		}
	}
}

func BenchmarkJSONL(b *testing.B) {
	doc, events := sampleEvents()
	var dst []byte
	for b.Loop() {
		dst = dst[:0]
		for i := range events {
			dst = JSONL{}.Append(dst, doc, &events[i])
		}
	}
	b.SetBytes(int64(len(dst)))
}

func BenchmarkGDELT(b *testing.B) {
	doc, events := sampleEvents()
	var dst []byte
	for b.Loop() {
		dst = dst[:0]
		for i := range events {
			dst = GDELT{}.Append(dst, doc, &events[i])
		}
	}
}
