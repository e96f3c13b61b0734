// Package playbook holds a theatre's escalation ladder and its force
// registry: for each alert level the pre-planned response (deploy the
// operational reserve; place a second battalion on high alert) and the unit
// status changes it implies. A firing alert carries its level's response;
// only an operator's acknowledgement, naming who and why, changes a unit,
// and every change goes to an audit log. Nothing changes a unit by itself.
package playbook

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/faultline/faultline/internal/yamlpos"
)

// Status is a unit's readiness.
type Status string

// The statuses of a unit, from least to most committed.
const (
	Garrison  Status = "garrison"
	Ready     Status = "ready"
	HighAlert Status = "high_alert"
	Deployed  Status = "deployed"
)

// Valid says whether s is one of the statuses.
func (s Status) Valid() bool {
	switch s {
	case Garrison, Ready, HighAlert, Deployed:
		return true
	}
	return false
}

// Unit is one entry of the force registry.
type Unit struct {
	ID       string `yaml:"id" json:"id"`
	Name     string `yaml:"name" json:"name"`
	Strength int    `yaml:"strength" json:"strength"`
	Status   Status `yaml:"status" json:"status"`
	Where    string `yaml:"where" json:"where"`
}

// Action is a unit status change a level calls for.
type Action struct {
	Unit   string `yaml:"unit" json:"unit"`
	Status Status `yaml:"status" json:"status"`
	Where  string `yaml:"where,omitempty" json:"where,omitempty"`
}

// Level is one rung of the escalation ladder.
type Level struct {
	Level    int      `yaml:"level" json:"level"`
	Name     string   `yaml:"name" json:"name"`
	Response string   `yaml:"response" json:"response"`
	Actions  []Action `yaml:"actions" json:"actions,omitempty"`
}

// Playbook is a theatre's ladder and units.
type Playbook struct {
	Theatre string `yaml:"theatre"`
	Force   string `yaml:"force"`
	// Strength is the force's total, for context in responses.
	Strength int `yaml:"strength"`
	// Match are labels an alert must carry for this playbook to answer it
	// (e.g. theatre: kosovo); empty answers every alert.
	Match  map[string]string `yaml:"match"`
	Levels []Level           `yaml:"levels"`
	Units  []Unit            `yaml:"units"`
}

// ParseFile reads the playbook at path.
func ParseFile(path string) (*Playbook, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read playbook: %w", err)
	}
	return Parse(path, data)
}

// Parse reads a playbook; name is used in errors, which are "name:line:
// message" for syntax and unknown keys and "name: message" for the rest.
func Parse(name string, data []byte) (*Playbook, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var p Playbook
	if err := dec.Decode(&p); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		msg = strings.ReplaceAll(msg, "\n  ", "; ")
		msg = strings.TrimPrefix(msg, "unmarshal errors:; ")
		var line int
		if _, serr := fmt.Sscanf(msg, "line %d:", &line); serr == nil && strings.Contains(msg, "tab character") {
			if l, c, ok := yamlpos.Tab(data, line); ok {
				return nil, fmt.Errorf("%s:%d:%d: a tab in the indentation (YAML indents with spaces only)", name, l, c)
			}
		}
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			return nil, fmt.Errorf("%s:%s", name, rest)
		}
		return nil, fmt.Errorf("%s: %s", name, msg)
	}
	if err := p.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &p, nil
}

func (p *Playbook) validate() error {
	var errs []error
	units := map[string]bool{}
	for i, u := range p.Units {
		switch {
		case u.ID == "":
			errs = append(errs, fmt.Errorf("unit %d has no id", i+1))
		case units[u.ID]:
			errs = append(errs, fmt.Errorf("unit %q is listed twice", u.ID))
		case !u.Status.Valid():
			errs = append(errs, fmt.Errorf("unit %q: status %q: want garrison, ready, high_alert or deployed", u.ID, u.Status))
		case u.Strength < 0:
			errs = append(errs, fmt.Errorf("unit %q: negative strength", u.ID))
		}
		units[u.ID] = true
	}
	levels := map[int]bool{}
	for _, l := range p.Levels {
		if l.Level < 1 || l.Level > 9 {
			errs = append(errs, fmt.Errorf("level %d: want 1 to 9", l.Level))
		}
		if levels[l.Level] {
			errs = append(errs, fmt.Errorf("level %d is listed twice", l.Level))
		}
		levels[l.Level] = true
		if l.Response == "" {
			errs = append(errs, fmt.Errorf("level %d has no response", l.Level))
		}
		for _, a := range l.Actions {
			if !units[a.Unit] {
				errs = append(errs, fmt.Errorf("level %d: unknown unit %q", l.Level, a.Unit))
			}
			if !a.Status.Valid() {
				errs = append(errs, fmt.Errorf("level %d: unit %q: status %q: want garrison, ready, high_alert or deployed", l.Level, a.Unit, a.Status))
			}
		}
	}
	if len(p.Levels) == 0 {
		errs = append(errs, errors.New("no levels"))
	}
	return errors.Join(errs...)
}

// Applies says whether the playbook answers an alert with these labels.
func (p *Playbook) Applies(labels map[string]string) bool {
	for k, v := range p.Match {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// Response is the rung for level, if the ladder has one.
func (p *Playbook) Response(level int) (Level, bool) {
	for _, l := range p.Levels {
		if l.Level == level {
			return l, true
		}
	}
	return Level{}, false
}

// ResponseFor is the response an alert with these labels and level
// carries: its rung's response, or "" when the playbook does not answer it.
func (p *Playbook) ResponseFor(labels map[string]string, level int) string {
	if p == nil || !p.Applies(labels) {
		return ""
	}
	l, ok := p.Response(level)
	if !ok {
		return ""
	}
	return l.Response
}
