package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Error is one problem in a rules file: where it is and which group and rule
// it belongs to.
type Error struct {
	File        string
	Line, Col   int
	Group, Rule string
	Msg         string
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: ", e.File, e.Line, e.Col)
	if e.Group != "" {
		fmt.Fprintf(&b, "group %q: ", e.Group)
	}
	if e.Rule != "" {
		fmt.Fprintf(&b, "rule %q: ", e.Rule)
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem found in one file, in file order.
type Errors []*Error

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// decoder walks a yaml.Node tree, collecting every error with its position
// instead of stopping at the first, as yaml's own decoder would.
type decoder struct {
	file        string
	group, rule string
	errs        Errors
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	e := &Error{File: d.file, Group: d.group, Rule: d.rule, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Col = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a document"
}

// fields walks mapping n, calling the handler of each known key with its
// value node; unknown and repeated keys are errors. It returns false when n
// is not a mapping.
func (d *decoder) fields(n *yaml.Node, what string, handlers map[string]func(*yaml.Node)) bool {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping, not %s", what, kindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		h, ok := handlers[k.Value]
		if !ok {
			d.errorf(k, "unknown key %q in %s (known: %s)", k.Value, what, knownKeys(handlers))
			continue
		}
		if seen[k.Value] {
			d.errorf(k, "key %q given twice in %s", k.Value, what)
			continue
		}
		seen[k.Value] = true
		h(v)
	}
	return true
}

func knownKeys(h map[string]func(*yaml.Node)) string {
	ks := make([]string, 0, len(h))
	for k := range h {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ", ")
}

func (d *decoder) scalar(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.errorf(n, "%s must be a single value, not %s", what, kindName(n))
		return "", false
	}
	return n.Value, true
}

func (d *decoder) str(n *yaml.Node, what string) string {
	s, _ := d.scalar(n, what)
	return s
}

func (d *decoder) float(n *yaml.Node, what string) (float64, bool) {
	s, ok := d.scalar(n, what)
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		d.errorf(n, "%s must be a number, not %q", what, s)
		return 0, false
	}
	return f, true
}

func (d *decoder) int(n *yaml.Node, what string) (int, bool) {
	s, ok := d.scalar(n, what)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(s)
	if err != nil {
		d.errorf(n, "%s must be a whole number, not %q", what, s)
		return 0, false
	}
	return i, true
}

// strs reads a list of values; a single value is a list of one.
func (d *decoder) strs(n *yaml.Node, what string) []string {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return []string{n.Value}
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "%s must be a list of values, not %s", what, kindName(n))
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		if s, ok := d.scalar(c, what); ok {
			out = append(out, s)
		}
	}
	return out
}

// strMap reads a mapping of names to text values (labels, annotations).
func (d *decoder) strMap(n *yaml.Node, what string) (map[string]string, map[string]*yaml.Node) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s must be a mapping, not %s", what, kindName(n))
		return nil, nil
	}
	out := map[string]string{}
	pos := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := out[k.Value]; dup {
			d.errorf(k, "key %q given twice in %s", k.Value, what)
			continue
		}
		if !validName(k.Value) {
			d.errorf(k, "%s name %q: use letters, digits and _ only, not starting with a digit", what, k.Value)
			continue
		}
		if s, ok := d.scalar(v, what+" "+k.Value); ok {
			out[k.Value] = s
			pos[k.Value] = v
		}
	}
	return out, pos
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// duration reads a duration: whole days and weeks ("3d", "2w") or a Go
// duration ("36h"); "0" is zero.
func (d *decoder) duration(n *yaml.Node, what string) (time.Duration, bool) {
	s, ok := d.scalar(n, what)
	if !ok {
		return 0, false
	}
	v, err := ParseDuration(s)
	if err != nil {
		d.errorf(n, "%s: %v", what, err)
		return 0, false
	}
	return v, true
}

// ParseDuration reads "0", "3d", "2w", "1w3d" or a Go duration such as
// "36h". Negative durations are errors.
func ParseDuration(s string) (time.Duration, error) {
	if s == "0" {
		return 0, nil
	}
	if s == "" {
		return 0, fmt.Errorf("empty duration")
	}
	var total time.Duration
	rest := s
	for rest != "" {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		if i == 0 || i == len(rest) {
			break
		}
		unit := rest[i]
		if unit != 'd' && unit != 'w' {
			break
		}
		n, err := strconv.Atoi(rest[:i])
		if err != nil || n > 100000 {
			return 0, fmt.Errorf("duration %q is out of range", s)
		}
		day := time.Duration(n) * 24 * time.Hour
		if unit == 'w' {
			day *= 7
		}
		total += day
		rest = rest[i+1:]
	}
	if rest == "" {
		return total, nil
	}
	if total != 0 {
		return 0, fmt.Errorf("duration %q: do not mix days with hours; write %q as hours", s, s)
	}
	v, err := time.ParseDuration(rest)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("duration %q: want a number with d, w, h or m (3d, 2w, 36h)", s)
	}
	return v, nil
}
