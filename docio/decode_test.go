package docio

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecodeDocument(t *testing.T) {
	for _, tc := range []struct {
		in      string
		id      string
		text    string
		wantErr error
	}{
		{`{"id":"a","text":"one","date":"2023-05-30","title":"T","url":"u","source":"s"}`, "a", "one", nil},
		{`{"id": 12, "text": "caf\u00e9"}`, "12", "café", nil},
		{`{"id":" b ","text":null}`, "b", "", nil},
		{`{"text":"no id"}`, "", "no id", nil},
		{`{"ID":"upper","Text":"case"}`, "upper", "case", nil},
		{`{"id":{"x":1},"text":"t"}`, "", "", ErrBadID},
		{`{"id":true,"text":"t"}`, "", "", ErrBadID},
		{`{"id":"a",`, "", "", ErrNotJSON},
		{"{\"id\":\"a\",\"text\":\"\xff\"}", "", "", ErrInvalidUTF8},
	} {
		d, err := DecodeDocument([]byte(tc.in))
		if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
			t.Errorf("%s: error %v, want %v", tc.in, err, tc.wantErr)
			continue
		}
		if d.ID != tc.id || d.Text != tc.text {
			t.Errorf("%s: id %q text %q, want %q %q", tc.in, d.ID, d.Text, tc.id, tc.text)
		}
	}
}

// FuzzDecodeDocument holds DecodeDocument to encoding/json: a line it
// accepts decodes to the same fields through encoding/json, and a line it
// rejects as not JSON encoding/json rejects too.
func FuzzDecodeDocument(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"One."}`, `{"id":7,"text":"x","date":null}`, `{"id":"a","text":"\ud83d\ude00","extra":[1]}`,
		`{"Id":"a","TEXT":"t"}`, `{"id":[],"text":"t"}`, `{`, `null`, "{\"text\":\"\xc3\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		d, err := DecodeDocument(line)
		var std jsonDoc
		stdErr := json.Unmarshal(line, &std)
		switch {
		case !utf8.Valid(line):
			if !errors.Is(err, ErrInvalidUTF8) {
				t.Fatalf("%q: invalid UTF-8 gave %v", line, err)
			}
		case errors.Is(err, ErrNotJSON) != (stdErr != nil):
			t.Fatalf("%q: DecodeDocument %v, encoding/json %v", line, err, stdErr)
		case err == nil:
			id, _ := parseID(std.ID)
			text := ""
			if std.Text != nil {
				text = *std.Text
			}
			if d.ID != id || d.Text != text || d.Date != std.Date || d.Title != std.Title || d.URL != std.URL || d.Source != std.Source {
				t.Fatalf("%q: %+v, encoding/json gives id %q text %q %+v", line, d, id, text, std)
			}
			if strings.TrimSpace(d.ID) != d.ID {
				t.Fatalf("%q: id %q not trimmed", line, d.ID)
			}
		}
	})
}
