package validate

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Coder is what Run drives: a coder with settings that persist from one
// record to the next, like TABARI's and PETRARCH's own.
type Coder interface {
	// Reset returns the coder to its initial settings.
	Reset() error
	// Option applies one option line (see Record.Options). An error is a
	// warning: the run goes on.
	Option(line string) error
	// Code codes one record's text and date. An error fails the record.
	Code(r Record) (got []Expected, discarded, complex bool, err error)
}

// Status is how one record came out.
type Status string

// The statuses of a record.
const (
	Pass Status = "PASS"
	Fail Status = "FAIL"
	Skip Status = "SKIP"
)

// Outcome is the judgement of one record.
type Outcome struct {
	Record    *Record
	Status    Status
	Got       []Expected
	Discarded bool
	Complex   bool
	Why       string // why it failed, or why it was skipped
}

// Failure is a record that failed.
type Failure struct {
	Record Record
	Want   []Expected
	Got    []Expected
	Why    string
}

// Result is the outcome of a run.
type Result struct {
	Passed, Failed, Skipped int
	Failures                []Failure
	// Outcomes holds every record judged, in suite order.
	Outcomes []Outcome
	// Warnings are options the coder refused, each naming its record.
	Warnings []string
	// Canceled is set when ctx ended the run early.
	Canceled bool
}

// Rate is the share of judged records that passed (skips not counted).
func (r Result) Rate() float64 {
	if r.Passed+r.Failed == 0 {
		return 0
	}
	return float64(r.Passed) / float64(r.Passed+r.Failed)
}

// Run codes every record of s with c and judges it. Options are applied in
// suite order: s.Options after Reset, then each record's Options (kept),
// then its Overrides (undone after it by Reset and replaying the kept ones).
// Skipped records are coded too, so their settings and any crash still count.
//
// Pass rules, order-insensitive:
//   - Want: the coded events equal Want as a multiset of (source, target,
//     code), compared without case, spaces and surrounding quotes; an
//     expected date must equal the coded event's date. Extra events fail:
//     both suites list every event a record must give (TABARI's COMPOUND-07
//     says so when its list is incomplete, and deactivates the check).
//   - NoEvents ({---}, noevents="True"): no event is coded.
//   - Discard ({###}, PETRARCH storydiscard/sentencediscard): the coder
//     discarded the story.
//   - Complex ({+++}): the coder flagged it complex, or coded no event
//     (not coding is what TABARI does with a complex sentence).
//   - Error (PETRARCH dateline, bad_input_parse): no event is coded.
//   - A record stating several of these passes when any one holds.
//   - SkipCheck records count as skipped, whatever they code.
func Run(ctx context.Context, s *Suite, c Coder, progress func(done, total int)) Result {
	var res Result
	var kept []string
	apply := func(r *Record, lines []string) {
		for _, l := range lines {
			if err := c.Option(l); err != nil {
				where := "start"
				if r != nil {
					where = "record " + r.ID
				}
				res.Warnings = append(res.Warnings, fmt.Sprintf("%s: option %q: %v", where, l, err))
			}
		}
	}
	reset := func(r *Record) {
		if err := c.Reset(); err != nil {
			res.Warnings = append(res.Warnings, fmt.Sprintf("reset: %v", err))
		}
		apply(r, s.Options)
		apply(r, kept)
	}
	reset(nil)
	for i := range s.Records {
		if ctx.Err() != nil {
			res.Canceled = true
			break
		}
		r := &s.Records[i]
		apply(r, r.Options)
		kept = append(kept, r.Options...)
		apply(r, r.Overrides)
		got, disc, cx, err := c.Code(*r)
		if len(r.Overrides) > 0 {
			reset(r)
		}
		o := Outcome{Record: r, Got: got, Discarded: disc, Complex: cx}
		switch {
		case r.SkipCheck:
			o.Status, o.Why = Skip, r.SkipWhy
		case err != nil:
			o.Status, o.Why = Fail, "error: "+err.Error()
		default:
			o.Status, o.Why = judge(r, got, disc, cx)
		}
		switch o.Status {
		case Pass:
			res.Passed++
		case Skip:
			res.Skipped++
		case Fail:
			res.Failed++
			res.Failures = append(res.Failures, Failure{Record: *r, Want: r.Want, Got: got, Why: o.Why})
		}
		res.Outcomes = append(res.Outcomes, o)
		if progress != nil {
			progress(i+1, len(s.Records))
		}
	}
	return res
}

// judge applies the pass rules of Run to one record.
func judge(r *Record, got []Expected, disc, cx bool) (Status, string) {
	var why []string
	if len(r.Want) > 0 {
		missing, extra := compare(r.Want, got)
		if len(missing) == 0 && len(extra) == 0 {
			return Pass, ""
		}
		if len(missing) > 0 {
			why = append(why, "missing "+join(missing))
		}
		if len(extra) > 0 {
			why = append(why, "extra "+join(extra))
		}
	}
	if r.NoEvents {
		if len(got) == 0 {
			return Pass, ""
		}
		why = append(why, "events coded where none are wanted")
	}
	if r.Discard {
		if disc {
			return Pass, ""
		}
		why = append(why, "not discarded")
	}
	if r.Complex {
		if cx || len(got) == 0 {
			return Pass, ""
		}
		why = append(why, "not flagged complex and events coded")
	}
	if r.Error != "" {
		if len(got) == 0 {
			return Pass, ""
		}
		why = append(why, "events coded from input to reject ("+r.Error+")")
	}
	if disc {
		why = append(why, "discarded")
	}
	if cx {
		why = append(why, "flagged complex")
	}
	return Fail, strings.Join(why, "; ")
}

// norm is the comparison form of a code.
func norm(s string) string {
	return strings.ToUpper(strings.Trim(strings.TrimSpace(s), `"`))
}

func key(e Expected) string { return norm(e.Source) + "/" + norm(e.Target) + "/" + norm(e.Code) }

// compare matches want against got as multisets. Dated wants are matched
// first on (key, date), then undated ones on the key alone: an undated want
// can take any event a dated one could, so this order never misses a match.
func compare(want, got []Expected) (missing, extra []Expected) {
	used := make([]bool, len(got))
	take := func(w Expected, dated bool) bool {
		for j, g := range got {
			if !used[j] && key(g) == key(w) && (!dated || g.Date == w.Date) {
				used[j] = true
				return true
			}
		}
		return false
	}
	for _, dated := range []bool{true, false} {
		for _, w := range want {
			if (w.Date != "") != dated {
				continue
			}
			if !take(w, dated) {
				missing = append(missing, w)
			}
		}
	}
	for j, g := range got {
		if !used[j] {
			extra = append(extra, g)
		}
	}
	return missing, extra
}

func join(es []Expected) string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.String()
	}
	sort.Strings(s)
	return strings.Join(s, " ")
}

// WantString describes what a record expects, for messages:
// "ARN/GON/064 GON/ARN/033", "{---}", "{###}", "{+++}", "error dateline".
func (r Record) WantString() string {
	var parts []string
	if len(r.Want) > 0 {
		parts = append(parts, join(r.Want))
	}
	if r.NoEvents {
		parts = append(parts, "{---}")
	}
	if r.Discard {
		parts = append(parts, "{###}")
	}
	if r.Complex {
		parts = append(parts, "{+++}")
	}
	if r.Error != "" {
		parts = append(parts, "error "+r.Error)
	}
	if len(parts) == 0 {
		return "nothing"
	}
	return strings.Join(parts, " or ")
}

// GotString describes what a coder gave, for messages.
func (o Outcome) GotString() string {
	var parts []string
	if len(o.Got) > 0 {
		parts = append(parts, join(o.Got))
	} else {
		parts = append(parts, "no events")
	}
	if o.Discarded {
		parts = append(parts, "discarded")
	}
	if o.Complex {
		parts = append(parts, "complex")
	}
	return strings.Join(parts, ", ")
}
