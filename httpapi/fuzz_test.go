package httpapi

import (
	"bytes"
	"net/http/httptest"
	"net/url"
	"testing"
)

// FuzzParseFilter: any query string is either rejected with an *Error or
// gives a filter whose checked fields are in range.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{"", "quad=4&country=xkx", "bbox=20,42,21,43", "dyad=SRB-KSV", "from=2025-01-01&modality=future", "bbox=1,2,3", "quad=-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		flt, err := parseFilter(q)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not for clients", err)
			}
			return
		}
		if flt.QuadClass < 0 || flt.QuadClass > 4 || flt.BBox != nil && (flt.BBox.MinLon > flt.BBox.MaxLon || flt.BBox.MinLat > flt.BBox.MaxLat) {
			t.Fatalf("accepted %q as %+v", raw, flt)
		}
	})
}

// FuzzCursor: a cursor reads back as written, and garbage is rejected.
func FuzzCursor(f *testing.F) {
	f.Add("2025-09-01", "doc:1:0")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, date, id string) {
		if id == "" || bytes.IndexByte([]byte(date), 0) >= 0 {
			return
		}
		c, err := parseCursor(cursor{date, id}.String())
		if err != nil || c.date != date || c.id != id {
			t.Fatalf("round trip of (%q, %q): %+v %v", date, id, c, err)
		}
		parseCursor(date + id) // must not panic
	})
}

// FuzzReadDocuments: any body is read into checked documents or rejected
// with an *Error.
func FuzzReadDocuments(f *testing.F) {
	f.Add("application/json", `{"id":"a","text":"b"}`)
	f.Add("application/json", `[{"id":"a","text":"b","date":"2025-01-01"},{"id":"a","text":"c"}]`)
	f.Add("application/x-ndjson", "{\"id\":\"a\",\"text\":\"b\"}\n\n{\"id\":\"c\",\"text\":\"d\"}\n")
	f.Add("text/plain", "x")
	f.Fuzz(func(t *testing.T, ctype, body string) {
		r := httptest.NewRequest("POST", "/api/v1/documents", bytes.NewReader([]byte(body)))
		r.Header.Set("Content-Type", ctype)
		docs, err := readDocuments(r)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error %T is not for clients: %v", err, err)
			}
			return
		}
		for _, d := range docs {
			if d.ID == "" || d.Text == "" {
				t.Fatalf("accepted %+v", d)
			}
		}
	})
}
