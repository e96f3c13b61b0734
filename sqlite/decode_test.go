package sqlite

import (
	"encoding/json"
	"reflect"
	"testing"

	faultline "github.com/faultline/faultline"
)

// decodeSeeds are stored bodies of the forms the store meets: what
// json.Marshal writes for varied events, what json_object writes, and
// texts the fast path must leave to encoding/json.
func decodeSeeds(t testing.TB) []string {
	full := faultline.Event{ID: "balkans-2024:2:1", DocID: "balkans-2024", Sentence: 2, Date: "2024-03-12",
		Source: faultline.ActorRef{Code: "IGOWSTNAT", Text: "The alliance", Start: 150, End: 162},
		Target: faultline.ActorRef{Code: "KSV", Text: "Kosovo", Start: 201, End: 207},
		CAMEO:  "074", Root: "07", QuadClass: 2, Goldstein: 8.5, Plover: faultline.Plover{Type: "AID", Mode: "military"},
		Modality: faultline.Future, Quantities: map[string]int{"troops": 700, "injured": -3},
		QuantityNotes: map[string]string{"troops": "approximate"},
		Location:      &faultline.Location{Name: "Zvečan", Country: "XKX", Admin1: "Mitrovica", Lat: 42.91, Lon: -20.84e-3, Precision: "city"},
		Attribution:   faultline.Attribution{Code: "RUSGOV", Text: "Moscow \"said\"\n\u2028<b>"},
		Evidence:      faultline.Span{Start: 150, End: 288}, Verb: faultline.Span{Start: 168, End: 172}}
	bare := faultline.Event{ID: "x:0:0", DocID: "x"}
	empty := bare
	empty.Quantities = map[string]int{}
	var out []string
	for _, e := range []faultline.Event{full, bare, empty} {
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return append(out,
		`{"id":"g1:1:0","doc_id":"doc0","sentence":1,"date":"2021-01-01","source":{"code":"SRBCVL","text":"Serb protesters","start":121,"end":136},"quantities":{"injured":1},"location":{"name":"x","country":"C31","lat":0.0,"lon":0.0},"evidence":{"start":0,"end":10}}`,
		` { "id" : "spaced" , "location" : null , "quantities" : null } `,
		`{"location":{"name":"a","lat":1},"location":{"name":"b"}}`, // merged, as encoding/json does
		`{"quantities":{"a":1},"quantities":{"b":2}}`,
		`{"ID":"case-folded key"}`,
		`{"id":"x","unknown":[1,2,{"k":null}]}`,
		`{"sentence":1.5}`,
		`{"sentence":01}`,
		`{"goldstein":-0.5e+1,"quad_class":-0}`,
		`{"id":"bad \xff byte"}`,
		`{"id":"a"} trailing`,
		`{"id":"unterminated`,
		`{"i\u0064":"escaped key","quantities":{"k\"":3}}`,
		`null`,
		`{"sentence":99999999999999999999}`,
		`{"id":"\ud83d\ude00 \ud800 \u00e9 \/\b\f\n\r\t\\"}`,
		`{"id":"bad escape \x"}`,
		"{\"id\":\"raw \x01 control\"}",
	)
}

// TestDecodeEventMatchesEncodingJSON checks that the hand-written decoder
// gives exactly what json.Unmarshal gives, errors included.
func TestDecodeEventMatchesEncodingJSON(t *testing.T) {
	for _, body := range decodeSeeds(t) {
		checkDecode(t, body)
	}
}

func checkDecode(t *testing.T, body string) {
	var want, got faultline.Event
	werr := json.Unmarshal([]byte(body), &want)
	gerr := decodeEvent(body, &got)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%q: error %v, encoding/json %v", body, gerr, werr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Errorf("%q:\n got %+v\nwant %+v", body, got, want)
	}
}

func FuzzDecodeEvent(f *testing.F) {
	for _, s := range decodeSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(checkDecode)
}

// BenchmarkDecodeEvent decodes a typical stored event.
func BenchmarkDecodeEvent(b *testing.B) {
	body := decodeSeeds(b)[0]
	for b.Loop() {
		var e faultline.Event
		if err := decodeEvent(body, &e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeEventEncodingJSON is the same with encoding/json.
func BenchmarkDecodeEventEncodingJSON(b *testing.B) {
	body := []byte(decodeSeeds(b)[0])
	for b.Loop() {
		var e faultline.Event
		if err := json.Unmarshal(body, &e); err != nil {
			b.Fatal(err)
		}
	}
}
