// Package validate reads the test suites of the field's two event coders
// (TABARI's Validate.project and PETRARCH's unit-test XML) into one shape,
// and runs them through any coder, judging each record by the suite's own
// conventions. It knows nothing about package coder: the command wires the
// two together through the Coder interface.
package validate

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Expected is one event: who did what to whom. Date, when set
// (YYYY-MM-DD), must match too: TABARI writes it after some events to test
// time shifting. Coded events fill it with the event's date.
type Expected struct {
	Source, Target, Code string
	Date                 string
}

func (e Expected) String() string {
	s := e.Source + "/" + e.Target + "/" + e.Code
	if e.Date != "" {
		s += "@" + e.Date
	}
	return s
}

// Record is one test record of a suite.
type Record struct {
	// ID is the record's name as the suite writes it; IDs are not unique
	// (both suites reuse a few).
	ID string
	// Date is the story date, YYYY-MM-DD; "" when the suite's date cannot be
	// read (TABARI's YYYY test writes a nine-digit date on purpose).
	Date string
	// RawDate is the date as the suite wrote it.
	RawDate string
	// Text is the story, its lines joined by single spaces.
	Text string
	// Want is the events the record must code (any order).
	Want []Expected
	// NoEvents: no event may be coded (TABARI {---}, PETRARCH noevents="True").
	NoEvents bool
	// Discard: the coder must discard the story (TABARI {###}, PETRARCH
	// error="storydiscard" or "sentencediscard").
	Discard bool
	// Complex: TABARI {+++}, too complex to code.
	Complex bool
	// Error is a PETRARCH error="..." other than the discards (dateline,
	// bad_input_parse): the input is to be rejected, so no event may come.
	Error string
	// SkipCheck: the record is coded but not judged. SkipWhy says why
	// (TABARI -{ marks a check its author deactivated; PETRARCH excludes
	// categories missing from <Include> and sentence="false" records; a
	// TABARI record that states no expectation only carries settings).
	SkipCheck bool
	SkipWhy   string
	// Options are option lines applied before coding this record, kept for
	// the records after it (TABARI { OPTION: ... }, PETRARCH <Config>
	// between sentences): TABARI "SET: TIME SHIFT = FALSE", PETRARCH
	// "require_dyad=false".
	Options []string
	// Overrides are option lines for this record only (PETRARCH <Config>
	// inside a <Sentence>): applied before coding it, undone after.
	Overrides []string
	// Line is where the record starts in its file (1-based).
	Line int
}

// Suite is a loaded test suite.
type Suite struct {
	Format string // "tabari" or "petrarch"
	Path   string // the file Load was given
	// DictFiles are the dictionaries the suite names, absolute, in the order
	// the suite lists them.
	DictFiles []string
	// Options are global option lines applied once before the first record
	// (PETRARCH <Environment> <Config>).
	Options []string
	Records []Record
	// Warnings are problems in the suite files that were worked around,
	// each "file:line: what".
	Warnings []string
}

// Load reads a suite: a TABARI .project (or a bare TABARI text file) or a
// PETRARCH unit-test XML file, told apart by their content. Dictionary
// files the suite names must exist.
func Load(path string) (*Suite, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load suite: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("load suite %s: %w", path, err)
	}
	var s *Suite
	switch sniff(data) {
	case "petrarch":
		s, err = loadPETRARCH(abs, data)
	case "project":
		s, err = loadProject(abs, data)
	default:
		s = &Suite{Format: "tabari"}
		s.Records, s.Warnings, err = parseTABARIText(abs, bytes.NewReader(data))
	}
	if err != nil {
		return nil, err
	}
	s.Path = path
	for _, f := range s.DictFiles {
		if _, err := os.Stat(f); err != nil {
			return nil, fmt.Errorf("load suite %s: dictionary: %w", path, err)
		}
	}
	return s, nil
}

// sniff tells the suite formats apart by their first meaningful line.
func sniff(data []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "<?xml"), strings.HasPrefix(line, "<Validation"):
			return "petrarch"
		case projectTag(line) != "":
			return "project"
		case strings.HasPrefix(line, "#"):
			return "tabari"
		}
	}
	return "tabari"
}

// Filter returns a copy of the suite holding only the records keep accepts.
// The persistent options of dropped records move to the next kept record,
// so a kept record is coded under the same settings as in a full run.
func (s *Suite) Filter(keep func(Record) bool) *Suite {
	out := *s
	out.Options = append([]string(nil), s.Options...)
	out.Records = nil
	var pending []string
	for _, r := range s.Records {
		if !keep(r) {
			pending = append(pending, r.Options...)
			continue
		}
		if len(pending) > 0 {
			r.Options = append(pending, r.Options...)
			pending = nil
		}
		out.Records = append(out.Records, r)
	}
	return &out
}
