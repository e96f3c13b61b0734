package rules

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/cameo"
	"github.com/faultline/faultline/series"
	"gopkg.in/yaml.v3"
)

// TestFile is a unit-test file for rules, in the spirit of `promtool test
// rules`: rule files, input events (one by one, or as daily counts), and the
// alerts expected at given days.
type TestFile struct {
	RuleFiles []string   `yaml:"rule_files"`
	Tests     []RuleTest `yaml:"tests"`
}

// RuleTest is one test: its input and what must hold.
type RuleTest struct {
	Name   string        `yaml:"name"`
	Events []TestEvent   `yaml:"events"`
	Series []TestSeries  `yaml:"series"`
	Alerts []AlertsAtDay `yaml:"alerts"`
}

// TestEvent is an input event in a test; only date is required. Modality
// defaults to asserted; root, quad class and Goldstein come from the CAMEO
// code unless given.
type TestEvent struct {
	ID        string   `yaml:"id"`
	Date      string   `yaml:"date"`
	Modality  string   `yaml:"modality"`
	Source    string   `yaml:"source"`
	Target    string   `yaml:"target"`
	CAMEO     string   `yaml:"cameo"`
	Goldstein *float64 `yaml:"goldstein"`
	Country   string   `yaml:"country"`
	Admin1    string   `yaml:"admin1"`
	Place     string   `yaml:"place"`
	Lat       float64  `yaml:"lat"`
	Lon       float64  `yaml:"lon"`
	// Quantities such as killed: 2, injured: 30.
	Quantities map[string]int `yaml:"quantities"`
	// Doc and Incident group events of one incident of one document:
	// their figures count once (the largest).
	Doc      string `yaml:"doc"`
	Incident string `yaml:"incident"`
}

// TestSeries makes Values[i] copies of Event on day Start+i. Values is
// written as in promtool: "0 0 3 5" or "0x10 3" (ten zeros, then 3).
type TestSeries struct {
	Start  string    `yaml:"start"`
	Values string    `yaml:"values"`
	Event  TestEvent `yaml:"event"`
}

// AlertsAtDay is what one rule's alerts must be at the end of one day:
// those pending or firing, and those that resolved that day.
type AlertsAtDay struct {
	At     string          `yaml:"at"`
	Rule   string          `yaml:"rule"`
	Expect []ExpectedAlert `yaml:"expect"`
}

// ExpectedAlert is an alert a test expects. Labels must all be present
// (others may be too); Value is compared when given.
type ExpectedAlert struct {
	State       string            `yaml:"state"` // default firing
	Labels      map[string]string `yaml:"labels"`
	Value       *float64          `yaml:"value"`
	Annotations map[string]string `yaml:"annotations"`
}

// RunTestFile runs the tests of the file at path, writing a line per
// failure and a summary to w. It returns the number of failed tests, or an
// error if a file cannot be read.
func RunTestFile(ctx context.Context, path string, w io.Writer) (failed int, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("read rule tests: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var tf TestFile
	if err := dec.Decode(&tf); err != nil {
		return 0, fmt.Errorf("%s: %s", path, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if len(tf.RuleFiles) == 0 || len(tf.Tests) == 0 {
		return 0, fmt.Errorf("%s: want rule_files and tests", path)
	}
	merged := &File{Name: path}
	for _, rf := range tf.RuleFiles {
		if !filepath.IsAbs(rf) {
			rf = filepath.Join(filepath.Dir(path), rf)
		}
		f, err := ParseFile(rf)
		if err != nil {
			return 0, err
		}
		merged.Groups = append(merged.Groups, f.Groups...)
	}
	for i, t := range tf.Tests {
		name := t.Name
		if name == "" {
			name = fmt.Sprintf("test %d", i+1)
		}
		problems, err := runRuleTest(ctx, merged, t, i)
		if err != nil {
			return failed, fmt.Errorf("%s: %s: %w", path, name, err)
		}
		if len(problems) > 0 {
			failed++
			fmt.Fprintf(w, "FAIL %s: %s\n", path, name)
			for _, p := range problems {
				fmt.Fprintf(w, "    %s\n", p)
			}
		}
	}
	fmt.Fprintf(w, "%s: %d tests, %d failed\n", path, len(tf.Tests), failed)
	return failed, nil
}

func runRuleTest(ctx context.Context, f *File, t RuleTest, ti int) ([]string, error) {
	s := series.New()
	first, last := "", ""
	see := func(d string) {
		if first == "" || d < first {
			first = d
		}
		if d > last {
			last = d
		}
	}
	for i, te := range t.Events {
		ev, err := te.event(fmt.Sprintf("t%d-e%d", ti, i))
		if err != nil {
			return nil, err
		}
		s.Add(ev)
		see(te.Date)
	}
	for i, ts := range t.Series {
		vals, err := expandValues(ts.Values)
		if err != nil {
			return nil, fmt.Errorf("series %d: %w", i+1, err)
		}
		start, err := series.ParseDay(ts.Start)
		if err != nil {
			return nil, fmt.Errorf("series %d: %w", i+1, err)
		}
		for d, n := range vals {
			for k := 0; k < n; k++ {
				te := ts.Event
				te.Date = (start + series.Day(d)).String()
				ev, err := te.event(fmt.Sprintf("t%d-s%d-%s-%d", ti, i, te.Date, k))
				if err != nil {
					return nil, fmt.Errorf("series %d: %w", i+1, err)
				}
				s.Add(ev)
			}
		}
		see(ts.Start)
	}
	checks := map[series.Day][]AlertsAtDay{}
	for _, a := range t.Alerts {
		d, err := series.ParseDay(a.At)
		if err != nil {
			return nil, fmt.Errorf("alerts at: %w", err)
		}
		checks[d] = append(checks[d], a)
		see(a.At)
	}
	if first == "" {
		return nil, fmt.Errorf("no events, series or alerts")
	}
	from, _ := series.ParseDay(first)
	to, _ := series.ParseDay(last)
	m := NewManager(f)
	var problems []string
	for d := from; d <= to; d++ {
		if _, err := m.Eval(ctx, d.Time(), s); err != nil {
			return nil, err
		}
		for _, c := range checks[d] {
			problems = append(problems, compareAlerts(c, d.Time(), m.Alerts())...)
		}
	}
	return problems, nil
}

func (te TestEvent) event(defaultID string) (faultline.Event, error) {
	if _, err := series.ParseDay(te.Date); err != nil {
		return faultline.Event{}, err
	}
	ev := faultline.Event{ID: te.ID, Date: te.Date, Modality: faultline.Modality(te.Modality), CAMEO: te.CAMEO,
		Source: faultline.ActorRef{Code: te.Source}, Target: faultline.ActorRef{Code: te.Target}, Quantities: te.Quantities,
		DocID: te.Doc, Incident: te.Incident}
	if ev.ID == "" {
		ev.ID = defaultID
	}
	if ev.Modality == "" {
		ev.Modality = faultline.Asserted
	}
	if te.CAMEO != "" {
		if !cameo.Valid(te.CAMEO) {
			return ev, fmt.Errorf("event %s: unknown CAMEO code %q", ev.ID, te.CAMEO)
		}
		cameo.Enrich(&ev)
	}
	if te.Goldstein != nil {
		ev.Goldstein = *te.Goldstein
	}
	if te.Country != "" || te.Place != "" || te.Admin1 != "" {
		ev.Location = &faultline.Location{Name: te.Place, Country: te.Country, Admin1: te.Admin1, Lat: te.Lat, Lon: te.Lon}
	}
	return ev, nil
}

// expandValues reads "1 2 0x3 5": counts, and NxK for N repeated K times
// (promtool's NxK means K+1 values; here the count is what is written).
func expandValues(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Fields(s) {
		v, rep, ok := strings.Cut(f, "x")
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("values: %q is not a count", f)
		}
		k := 1
		if ok {
			if k, err = strconv.Atoi(rep); err != nil || k < 1 || k > 10000 {
				return nil, fmt.Errorf("values: %q: want NxK with K from 1 to 10000", f)
			}
		}
		for ; k > 0; k-- {
			out = append(out, n)
		}
	}
	return out, nil
}

func compareAlerts(c AlertsAtDay, at time.Time, alerts []Alert) []string {
	var got []Alert
	for _, a := range alerts {
		if a.Rule != c.Rule {
			continue
		}
		if a.State == Pending || a.State == Firing || a.State == Resolved && a.ResolvedAt.Equal(at) {
			got = append(got, a)
		}
	}
	var problems []string
	used := make([]bool, len(got))
	for _, e := range c.Expect {
		state := e.State
		if state == "" {
			state = "firing"
		}
		found := false
		for i, a := range got {
			if used[i] || a.State.String() != state || !e.matches(a) {
				continue
			}
			used[i], found = true, true
			break
		}
		if !found {
			problems = append(problems, fmt.Sprintf("at %s rule %s: expected %s alert %v value %s not found; got %s",
				c.At, c.Rule, state, e.Labels, fmtValue(e.Value), describe(got)))
		}
	}
	for i, a := range got {
		if !used[i] {
			problems = append(problems, fmt.Sprintf("at %s rule %s: unexpected %s alert {%s} value %g",
				c.At, c.Rule, a.State, a.Labels, a.Value))
		}
	}
	return problems
}

func (e ExpectedAlert) matches(a Alert) bool {
	for k, v := range e.Labels {
		if a.Labels[k] != v {
			return false
		}
	}
	if e.Value != nil && math.Abs(*e.Value-a.Value) > 1e-9*math.Max(1, math.Abs(a.Value)) {
		return false
	}
	for k, v := range e.Annotations {
		if a.Annotations[k] != v {
			return false
		}
	}
	return true
}

func fmtValue(v *float64) string {
	if v == nil {
		return "any"
	}
	return strconv.FormatFloat(*v, 'g', -1, 64)
}

func describe(as []Alert) string {
	if len(as) == 0 {
		return "none"
	}
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = fmt.Sprintf("%s {%s} value %g", a.State, a.Labels, a.Value)
	}
	sort.Strings(s)
	return strings.Join(s, "; ")
}
