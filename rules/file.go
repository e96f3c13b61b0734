// Package rules reads escalation rule files and evaluates them: each rule
// watches daily event series (package series) in a scope, splits them into
// alerts by labels, and moves each alert through inactive, pending, firing
// and resolved.
//
// The file format (this file) is kept apart from evaluation (eval.go,
// alert.go): Parse returns every error of a file at once, each with
// line:col, group and rule, and rejects unknown keys. Evaluation is a pure
// function of a series and the time it is given; the scheduler lives in the
// caller.
package rules

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/template"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/internal/yamlpos"
	"github.com/faultline/faultline/series"
	"gopkg.in/yaml.v3"
)

// File is a parsed rules file.
type File struct {
	Name   string
	Groups []*Group
}

// Rules lists every rule of every group, in file order.
func (f *File) Rules() []*Rule {
	var out []*Rule
	for _, g := range f.Groups {
		out = append(out, g.Rules...)
	}
	return out
}

// Group is a named set of rules sharing labels.
type Group struct {
	Name   string
	Labels map[string]string
	Rules  []*Rule
}

// Rule is one alerting rule.
type Rule struct {
	Name  string // the `alert` key
	Group string
	// Level is the rung of the theatre's escalation ladder this rule raises
	// (playbook.Playbook.Response); 0 for none.
	Level int
	Scope Scope
	// By are the dimensions that split the rule into one alert per value.
	By []series.Dim
	// Exactly one of Threshold and Change is set.
	Threshold *Threshold
	Change    *Change
	// For is how long the condition must hold before the alert fires;
	// KeepFiringFor how long it keeps firing after the condition stops.
	For, KeepFiringFor time.Duration
	// Labels are added to every alert of the rule (the group's first).
	Labels      map[string]string
	Annotations map[string]string
	// Top is how many events an alert names (ids and template .Events).
	Top  int
	Line int

	templates map[string]*template.Template
}

// Scope selects the events a rule counts. Empty fields do not select.
type Scope struct {
	Country, Admin1, Place []string // exact values
	Source, Target, Actor  []string // actor code prefixes; Actor is either side
	CAMEO                  []string // CAMEO code prefixes
	Root                   []uint8
	QuadClass              []uint8
	BBox                   *faultline.BBox
}

// MeasureKind says what a condition sums.
type MeasureKind int

// The measures.
const (
	Events    MeasureKind = iota // number of events
	Goldstein                    // sum of Goldstein values (negative for conflict)
	Intensity                    // sum of the magnitudes of negative Goldstein values
	Quantity                     // sum of a stated quantity (killed, injured ...)
)

// Measure is what a condition sums over its window.
type Measure struct {
	Kind MeasureKind
	Qty  int // index in series.Quantities, for Quantity
}

func (m Measure) String() string {
	switch m.Kind {
	case Goldstein:
		return "goldstein"
	case Intensity:
		return "intensity"
	case Quantity:
		return series.Quantities[m.Qty]
	}
	return "events"
}

// Threshold holds when the measure's sum over the last Window days compares
// to Value by Op.
type Threshold struct {
	Measure
	Window int // days, the evaluation day included
	Op     string
	Value  float64
}

// Change holds when the last Window days' sum stands out against the mean
// of the Baseline windows before it, as a ratio (Ratio > 0) or a z-score
// (Z > 0), and the sum is at least MinCount.
//
// The baseline counts only windows in which the store holds some event,
// of any place or actor: a window with no data at all (before the store
// began, or while its feeds were down) is no history, not a quiet one. A
// change with fewer than MinBaselineWindows such windows does not hold,
// whatever the current window: a store's second day is no surge against
// "0 usually".
type Change struct {
	Measure
	Window   int
	Baseline int
	Ratio, Z float64
	MinCount float64
}

// MinBaselineWindows is how many baseline windows of history a change
// needs: half its Baseline, rounded up (2 of the default 4).
func (c *Change) MinBaselineWindows() int { return (c.Baseline + 1) / 2 }

// Kinds of Alert.Value, named in ValueKind.
const (
	ValueCount = "count"   // a threshold on events: how many in the window
	ValueSum   = "sum"     // a threshold on another measure: its sum over the window (people injured, Goldstein)
	ValueRatio = "ratio"   // a change by ratio: the window's sum over the baseline mean
	ValueZ     = "z-score" // a change by z: standard deviations above the baseline mean
)

// ValueKind says what the rule's alert value is: ValueCount, ValueSum,
// ValueRatio or ValueZ.
func (r *Rule) ValueKind() string {
	switch {
	case r.Threshold != nil && r.Threshold.Kind == Events:
		return ValueCount
	case r.Threshold != nil:
		return ValueSum
	case r.Change != nil && r.Change.Ratio > 0:
		return ValueRatio
	case r.Change != nil:
		return ValueZ
	}
	return ""
}

// DefaultMinCount is a Change's minimum sum unless the rule says otherwise:
// 1 -> 3 is not a surge.
const DefaultMinCount = 5

// DefaultTop is how many events an alert names unless the rule says.
const DefaultTop = 5

// ParseFile reads and parses the rules file at path.
func ParseFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	return Parse(path, data)
}

// Parse parses a rules file; name is used in errors. On failure the error is
// Errors, holding every problem found.
func Parse(name string, data []byte) (*File, error) {
	d := &decoder{file: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, Errors{yamlError(name, data, err)}
	}
	f := &File{Name: name}
	if len(doc.Content) == 0 {
		d.errorf(&doc, "the file is empty: want `groups:`")
		return nil, d.errs
	}
	root := doc.Content[0]
	d.fields(root, "the file", map[string]func(*yaml.Node){
		"groups": func(n *yaml.Node) { f.Groups = d.groups(n) },
	})
	if f.Groups == nil && len(d.errs) == 0 {
		d.errorf(root, "no groups: want `groups:` with at least one group")
	}
	if len(d.errs) > 0 {
		sort.SliceStable(d.errs, func(i, j int) bool {
			a, b := d.errs[i], d.errs[j]
			return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
		})
		return nil, d.errs
	}
	return f, nil
}

// yamlError turns yaml's "yaml: line N: msg" into a positioned Error,
// moving a tab error to the tab itself.
func yamlError(name string, data []byte, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	e := &Error{File: name, Line: 1, Col: 1, Msg: msg}
	var line int
	if _, serr := fmt.Sscanf(msg, "line %d:", &line); serr == nil {
		e.Line = line
		e.Msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
	}
	if strings.Contains(e.Msg, "tab character") {
		if l, c, ok := yamlpos.Tab(data, e.Line); ok {
			e.Line, e.Col = l, c
			e.Msg = "a tab in the indentation (YAML indents with spaces only)"
		}
	}
	return e
}

func (d *decoder) groups(n *yaml.Node) []*Group {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		d.errorf(n, "groups must be a list of at least one group")
		return nil
	}
	names := map[string]bool{}
	var out []*Group
	for _, gn := range n.Content {
		g := &Group{}
		d.group, d.rule = "", ""
		var rulesNode *yaml.Node
		ok := d.fields(gn, "a group", map[string]func(*yaml.Node){
			"name":   func(v *yaml.Node) { g.Name = d.str(v, "name") },
			"labels": func(v *yaml.Node) { g.Labels, _ = d.strMap(v, "labels") },
			"rules":  func(v *yaml.Node) { rulesNode = v },
		})
		if !ok {
			continue
		}
		switch {
		case g.Name == "":
			d.errorf(gn, "a group needs a name")
		case names[g.Name]:
			d.errorf(gn, "group name %q is used twice", g.Name)
		}
		names[g.Name] = true
		d.group = g.Name
		if rulesNode == nil {
			d.errorf(gn, "a group needs rules")
		} else {
			g.Rules = d.rules(rulesNode, g)
		}
		d.rule = ""
		out = append(out, g)
	}
	d.group = ""
	return out
}

func (d *decoder) rules(n *yaml.Node, g *Group) []*Rule {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		d.errorf(n, "rules must be a list of at least one rule")
		return nil
	}
	names := map[string]bool{}
	var out []*Rule
	for _, rn := range n.Content {
		r := d.rule1(rn, g)
		if r == nil {
			continue
		}
		if names[r.Name] {
			d.errorf(rn, "rule name %q is used twice in the group", r.Name)
		}
		names[r.Name] = true
		out = append(out, r)
	}
	return out
}

func (d *decoder) rule1(n *yaml.Node, g *Group) *Rule {
	d.rule = ""
	// Find the name first, so that every error of the rule names it.
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "alert" && n.Content[i+1].Kind == yaml.ScalarNode {
				d.rule = n.Content[i+1].Value
			}
		}
	}
	r := &Rule{Group: g.Name, Top: DefaultTop, Line: n.Line}
	var annNodes map[string]*yaml.Node
	var labelNode, byNode *yaml.Node
	var conds []*yaml.Node
	ok := d.fields(n, "a rule", map[string]func(*yaml.Node){
		"alert": func(v *yaml.Node) { r.Name = d.str(v, "alert") },
		"level": func(v *yaml.Node) {
			if l, ok := d.int(v, "level"); ok {
				if l < 0 || l > 9 {
					d.errorf(v, "level %d: want 0 to 9", l)
				}
				r.Level = l
			}
		},
		"scope": func(v *yaml.Node) { r.Scope = d.scope(v) },
		"by":    func(v *yaml.Node) { byNode = v; r.By = d.dims(v) },
		"threshold": func(v *yaml.Node) {
			conds = append(conds, v)
			r.Threshold = d.threshold(v)
		},
		"change": func(v *yaml.Node) {
			conds = append(conds, v)
			r.Change = d.change(v)
		},
		"for":             func(v *yaml.Node) { r.For, _ = d.duration(v, "for") },
		"keep_firing_for": func(v *yaml.Node) { r.KeepFiringFor, _ = d.duration(v, "keep_firing_for") },
		"labels":          func(v *yaml.Node) { labelNode = v; r.Labels, _ = d.strMap(v, "labels") },
		"annotations":     func(v *yaml.Node) { r.Annotations, annNodes = d.strMap(v, "annotations") },
		"top": func(v *yaml.Node) {
			if t, ok := d.int(v, "top"); ok {
				if t < 0 || t > 100 {
					d.errorf(v, "top %d: want 0 to 100", t)
				}
				r.Top = t
			}
		},
	})
	if !ok {
		return nil
	}
	if r.Name == "" {
		d.errorf(n, "a rule needs a name (`alert:`)")
	} else if !validRuleName(r.Name) {
		d.errorf(n, "rule name %q: use letters, digits, _ and - only", r.Name)
	}
	switch len(conds) {
	case 0:
		d.errorf(n, "a rule needs a condition: `threshold:` or `change:`")
	case 1:
	default:
		d.errorf(conds[1], "a rule has one condition: threshold or change, not both")
	}
	// Labels: the group's, then the rule's; split dimensions are labels too.
	labels := map[string]string{}
	for k, v := range g.Labels {
		labels[k] = v
	}
	for k, v := range r.Labels {
		labels[k] = v
	}
	for _, dim := range r.By {
		if _, clash := labels[dim.String()]; clash {
			where := labelNode
			if where == nil {
				where = byNode
			}
			d.errorf(where, "label %q is also a split dimension in `by`", dim.String())
		}
	}
	r.Labels = labels
	r.templates = map[string]*template.Template{}
	for k, text := range r.Annotations {
		t, err := template.New(k).Option("missingkey=zero").Parse(text)
		if err != nil {
			d.errorf(annNodes[k], "annotation %s: %v", k, err)
			continue
		}
		// Run it once on sample data so that a misspelt field is found now,
		// not in the middle of a crisis.
		if err := t.Execute(&bytes.Buffer{}, sampleData(r)); err != nil {
			d.errorf(annNodes[k], "annotation %s: %v", k, err)
			continue
		}
		r.templates[k] = t
	}
	return r
}

func validRuleName(s string) bool {
	for _, c := range s {
		if !(c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

func (d *decoder) dims(n *yaml.Node) []series.Dim {
	var out []series.Dim
	seen := map[series.Dim]bool{}
	names := d.strs(n, "by")
	for i, s := range names {
		pos := n
		if n.Kind == yaml.SequenceNode && i < len(n.Content) {
			pos = n.Content[i]
		}
		dim, ok := series.ParseDim(s)
		if !ok {
			d.errorf(pos, "by: unknown dimension %q (known: country, admin1, place, source, target, root, quad_class)", s)
			continue
		}
		if seen[dim] {
			d.errorf(pos, "by: %q given twice", s)
			continue
		}
		seen[dim] = true
		out = append(out, dim)
	}
	return out
}
