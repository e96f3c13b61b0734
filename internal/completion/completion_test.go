package completion_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/internal/completion"
)

// rows is a completion.Rows over two columns in memory.
type rows struct {
	data [][2]any
	i    int
}

func (r *rows) Next() bool { r.i++; return r.i <= len(r.data) }
func (r *rows) Err() error { return nil }
func (r *rows) Scan(dest ...any) error {
	for j, v := range r.data[r.i-1] {
		switch d := dest[j].(type) {
		case *int64:
			*d = v.(int64)
		case *string:
			*d = v.(string)
		}
	}
	return nil
}

func event(id, date, src, tgt string, m faultline.Modality) faultline.Event {
	return faultline.Event{ID: id, Date: date, Root: "19", Modality: m,
		Source: faultline.ActorRef{Code: src}, Target: faultline.ActorRef{Code: tgt}}
}

func TestWindow(t *testing.T) {
	rule := faultline.IncidentRule{Days: 2}
	tests := []struct {
		name string
		ev   faultline.Event
		rule faultline.IncidentRule
		want []any
	}{
		{"window", event("e", "2023-05-30", "SRBPOL", "KOSMIL", faultline.Asserted), rule,
			[]any{"19", "SRB", "KOS", "2023-05-28", "2023-06-01", "asserted"}},
		{"historical never merges", event("e", "2023-05-30", "SRBPOL", "KOSMIL", faultline.Historical), rule, nil},
		{"unknown target never merges", event("e", "2023-05-30", "SRBPOL", "", faultline.Asserted), rule, nil},
		{"not a date", event("e", "May 2023", "SRBPOL", "KOSMIL", faultline.Asserted), rule, nil},
		{"merging disabled", event("e", "2023-05-30", "SRBPOL", "KOSMIL", faultline.Asserted), faultline.IncidentRule{Days: 2, Disabled: true}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := completion.Window(tt.ev, tt.rule)
			if ok != (tt.want != nil) || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Window = %v, %v; want %v", got, ok, tt.want)
			}
		})
	}
}

func TestFirst(t *testing.T) {
	body := func(ev faultline.Event) string {
		b, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	r := &rows{data: [][2]any{
		{int64(3), body(event("a", "2023-05-30", "SRB", "KOS", faultline.Asserted))},
		{int64(5), body(event("b", "2023-05-30", "SRB", "KOS", faultline.Asserted))},
		{int64(8), body(event("c", "2023-05-30", "SRB", "KOS", faultline.Asserted))},
	}}
	seq, err := completion.First(r, func(c faultline.Event) bool { return c.ID != "a" })
	if err != nil || seq != 5 {
		t.Errorf("First = %d, %v; want 5, the first accepted", seq, err)
	}
	seq, err = completion.First(&rows{data: r.data}, func(faultline.Event) bool { return false })
	if err != nil || seq != 0 {
		t.Errorf("First accepting none = %d, %v; want 0", seq, err)
	}
	_, err = completion.First(&rows{data: [][2]any{{int64(9), "{"}}}, func(faultline.Event) bool { return true })
	if err == nil || !strings.HasPrefix(err.Error(), "event 9:") {
		t.Errorf("error %v, want one naming event 9", err)
	}
}

func TestWaiting(t *testing.T) {
	got, err := completion.Waiting(&rows{data: [][2]any{{"d1", ""}, {"d2", "d1"}}})
	want := map[string]string{"d1": "", "d2": "d1"}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Waiting = %v, %v; want %v", got, err, want)
	}
}

// anyRows is a completion.Rows over values of any column types in memory.
type anyRows struct {
	data [][]any
	i    int
}

func (r *anyRows) Next() bool { r.i++; return r.i <= len(r.data) }
func (r *anyRows) Err() error { return nil }
func (r *anyRows) Scan(dest ...any) error {
	for j, v := range r.data[r.i-1] {
		reflect.ValueOf(dest[j]).Elem().Set(reflect.ValueOf(v))
	}
	return nil
}

func TestClaimed(t *testing.T) {
	row := func(seq int64, id string) []any {
		return []any{seq, id, "text of " + id, "2023-05-29", "title", "https://example.org/" + id, "wire"}
	}
	got, err := completion.Claimed(&anyRows{data: [][]any{row(9, "c"), row(2, "a"), row(5, "b")}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range got {
		ids = append(ids, d.ID)
	}
	if !reflect.DeepEqual(ids, []string{"a", "b", "c"}) {
		t.Errorf("claimed %v, want seq order a b c", ids)
	}
	want := faultline.Document{ID: "b", Text: "text of b", Date: "2023-05-29", Title: "title", URL: "https://example.org/b", Source: "wire"}
	if !reflect.DeepEqual(got[1], want) {
		t.Errorf("claimed %+v, want %+v", got[1], want)
	}
	if none, err := completion.Claimed(&anyRows{}); err != nil || none == nil || len(none) != 0 {
		t.Errorf("Claimed of no rows = %#v, %v; want an empty list", none, err)
	}
}
