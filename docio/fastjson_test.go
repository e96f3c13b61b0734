package docio

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzFastDecode holds the fast decoder to encoding/json: whenever it
// accepts a line, encoding/json must accept it too and decode the same.
func FuzzFastDecode(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"One."}`,
		`{"id": 12, "text": "q\"uote\\ \u00e9 \ud83d\ude00 \ud800 x", "date": null, "extra": [1, {"a": 2}]}`,
		`{"ID":"upper","Text":"case"}`,
		`{"id":-1.5e+3,"text":"t","title":"\/\b\f\n\r\t","ok":true,"no":false}`,
		`{"text":"dup","text":"last"} `,
		`{}`, `[]`, `{"id":"a",}`, `{"id":01}`, "{\"text\":\"ctl\x01\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if !utf8.Valid(line) {
			return // the reader rejects these before decoding
		}
		var fast jsonDoc
		if !fastDecode(line, &fast) {
			return
		}
		var std jsonDoc
		if err := json.Unmarshal(line, &std); err != nil {
			t.Fatalf("fast path accepted %q, encoding/json: %v", line, err)
		}
		fast.ID, std.ID = bytes.TrimSpace(fast.ID), bytes.TrimSpace(std.ID)
		if len(fast.ID) == 0 {
			fast.ID = nil
		}
		if len(std.ID) == 0 {
			std.ID = nil
		}
		if !reflect.DeepEqual(fast, std) {
			t.Fatalf("%q:\nfast %+v (text %v)\nstd  %+v (text %v)", line, fast, deref(fast.Text), std, deref(std.Text))
		}
	})
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

func BenchmarkFastDecode(b *testing.B) {
	line := []byte(`{"id": "doc-1", "date": "2011-03-09", "title": "Dockers fear for jobs after port sale", "text": "Dockworkers at the Harbour Grain Company say they are \"frustrated\" after talks with the new owners of the terminal broke down."}`)
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			var jd jsonDoc
			fastDecode(line, &jd)
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			var jd jsonDoc
			json.Unmarshal(line, &jd)
		}
	})
}
