package validate_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/faultline/faultline/validate"
)

// fakeCoder answers from a table keyed by record ID and logs the options
// it is given, so tests can check both the judgement and the settings.
type fakeCoder struct {
	answers map[string]answer
	log     []string
}

type answer struct {
	got       []validate.Expected
	disc, cx  bool
	err       error
	optionErr bool
}

func (f *fakeCoder) Reset() error { f.log = append(f.log, "reset"); return nil }
func (f *fakeCoder) Option(l string) error {
	f.log = append(f.log, "opt "+l)
	if strings.HasPrefix(l, "bad") {
		return errors.New("unknown option")
	}
	return nil
}
func (f *fakeCoder) Code(r validate.Record) ([]validate.Expected, bool, bool, error) {
	f.log = append(f.log, "code "+r.ID)
	a := f.answers[r.ID]
	return a.got, a.disc, a.cx, a.err
}

func ev(s, t, c string) validate.Expected { return validate.Expected{Source: s, Target: t, Code: c} }

func TestJudge(t *testing.T) {
	dated := ev("ARN", "GON", "064")
	dated.Date = "1995-01-03"
	gotDated := dated
	gotOther := dated
	gotOther.Date = "1995-01-04"
	for _, tc := range []struct {
		name string
		rec  validate.Record
		ans  answer
		want validate.Status
	}{
		{"events equal", validate.Record{Want: []validate.Expected{ev("A", "B", "01"), ev("B", "A", "02")}},
			answer{got: []validate.Expected{ev("B", "A", "02"), ev("A", "B", "01")}}, validate.Pass},
		{"events case and quotes", validate.Record{Want: []validate.Expected{ev(`"INJURY TOLL"`, "OSG", "223")}},
			answer{got: []validate.Expected{ev(`"injury toll"`, " OSG", "223")}}, validate.Pass},
		{"event missing", validate.Record{Want: []validate.Expected{ev("A", "B", "01"), ev("B", "A", "02")}},
			answer{got: []validate.Expected{ev("A", "B", "01")}}, validate.Fail},
		{"extra event", validate.Record{Want: []validate.Expected{ev("A", "B", "01")}},
			answer{got: []validate.Expected{ev("A", "B", "01"), ev("A", "B", "01")}}, validate.Fail},
		{"date matches", validate.Record{Want: []validate.Expected{dated}}, answer{got: []validate.Expected{gotDated}}, validate.Pass},
		{"date differs", validate.Record{Want: []validate.Expected{dated}}, answer{got: []validate.Expected{gotOther}}, validate.Fail},
		{"undated want any date", validate.Record{Want: []validate.Expected{ev("ARN", "GON", "064"), dated}},
			answer{got: []validate.Expected{gotOther, gotDated}}, validate.Pass},
		{"no events ok", validate.Record{NoEvents: true}, answer{}, validate.Pass},
		{"no events but coded", validate.Record{NoEvents: true}, answer{got: []validate.Expected{ev("A", "B", "01")}}, validate.Fail},
		{"discard ok", validate.Record{Discard: true}, answer{disc: true}, validate.Pass},
		{"discard missed", validate.Record{Discard: true}, answer{}, validate.Fail},
		{"complex flagged", validate.Record{Complex: true}, answer{cx: true, got: []validate.Expected{ev("A", "B", "01")}}, validate.Pass},
		{"complex no events", validate.Record{Complex: true}, answer{}, validate.Pass},
		{"complex coded", validate.Record{Complex: true}, answer{got: []validate.Expected{ev("A", "B", "01")}}, validate.Fail},
		{"error rejected", validate.Record{Error: "dateline"}, answer{}, validate.Pass},
		{"error coded", validate.Record{Error: "dateline"}, answer{got: []validate.Expected{ev("A", "B", "01")}}, validate.Fail},
		{"event or none, none", validate.Record{Want: []validate.Expected{ev("A", "B", "01")}, NoEvents: true}, answer{}, validate.Pass},
		{"skip", validate.Record{SkipCheck: true, Want: []validate.Expected{ev("A", "B", "01")}}, answer{}, validate.Skip},
		{"coder error", validate.Record{NoEvents: true}, answer{err: errors.New("boom")}, validate.Fail},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.rec.ID = "R"
			s := &validate.Suite{Records: []validate.Record{tc.rec}}
			res := validate.Run(context.Background(), s, &fakeCoder{answers: map[string]answer{"R": tc.ans}}, nil)
			if got := res.Outcomes[0].Status; got != tc.want {
				t.Errorf("status %s, want %s (why %q)", got, tc.want, res.Outcomes[0].Why)
			}
			if n := res.Passed + res.Failed + res.Skipped; n != 1 || len(res.Failures) != res.Failed {
				t.Errorf("counts %+v", res)
			}
			if tc.want == validate.Fail && res.Failures[0].Why == "" {
				t.Errorf("failure without a reason")
			}
		})
	}
}

func TestRunOptions(t *testing.T) {
	s := &validate.Suite{
		Options: []string{"global=1"},
		Records: []validate.Record{
			{ID: "a", Options: []string{"SET: X = TRUE"}, SkipCheck: true},
			{ID: "b", Overrides: []string{"require_dyad=false"}, NoEvents: true},
			{ID: "c", Options: []string{"bad option"}, NoEvents: true},
		},
	}
	f := &fakeCoder{}
	var progress []int
	res := validate.Run(context.Background(), s, f, func(done, total int) {
		if total != 3 {
			t.Errorf("total %d", total)
		}
		progress = append(progress, done)
	})
	want := []string{
		"reset", "opt global=1",
		"opt SET: X = TRUE", "code a",
		"opt require_dyad=false", "code b",
		"reset", "opt global=1", "opt SET: X = TRUE", // the override undone, kept options replayed
		"opt bad option", "code c",
	}
	if strings.Join(f.log, "|") != strings.Join(want, "|") {
		t.Errorf("coder saw\n%q\nwant\n%q", f.log, want)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "record c") {
		t.Errorf("warnings = %q", res.Warnings)
	}
	if res.Passed != 2 || res.Skipped != 1 || len(progress) != 3 {
		t.Errorf("result %+v, progress %v", res, progress)
	}
}

func TestRunCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s := &validate.Suite{Records: []validate.Record{{ID: "a", NoEvents: true}}}
	res := validate.Run(ctx, s, &fakeCoder{}, nil)
	if !res.Canceled || len(res.Outcomes) != 0 {
		t.Errorf("result %+v", res)
	}
}

func TestFilterKeepsSettings(t *testing.T) {
	s := &validate.Suite{Records: []validate.Record{
		{ID: "a", Options: []string{"o1"}},
		{ID: "b", Options: []string{"o2"}},
		{ID: "c"},
		{ID: "b", Options: []string{"o3"}},
	}}
	f := s.Filter(func(r validate.Record) bool { return r.ID == "b" })
	if len(f.Records) != 2 || strings.Join(f.Records[0].Options, ",") != "o1,o2" || strings.Join(f.Records[1].Options, ",") != "o3" {
		t.Errorf("filtered %+v", f.Records)
	}
	if len(s.Records) != 4 || len(s.Records[1].Options) != 1 {
		t.Errorf("Filter changed its suite: %+v", s.Records)
	}
}

func TestWantString(t *testing.T) {
	for _, tc := range []struct {
		rec  validate.Record
		want string
	}{
		{validate.Record{Want: []validate.Expected{ev("B", "A", "2"), ev("A", "B", "1")}}, "A/B/1 B/A/2"},
		{validate.Record{NoEvents: true}, "{---}"},
		{validate.Record{Discard: true, Complex: true}, "{###} or {+++}"},
		{validate.Record{Error: "dateline"}, "error dateline"},
		{validate.Record{}, "nothing"},
	} {
		if got := tc.rec.WantString(); got != tc.want {
			t.Errorf("WantString = %q, want %q", got, tc.want)
		}
	}
}
