package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/coder"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/validate"
)

const validateUsage = `Usage: faultline validate [-v] [--only ID] [--fail-list FILE] SUITE

Runs a test suite of the field's coders through Faultline's coder, with the
dictionaries the suite names: a TABARI .project (Validate.project) or a
PETRARCH unit-test XML file (PETR.UnitTest.records.xml). Prints each failing
record and closes with "N passed, N failed". Exits 0 when the suite ran,
whatever its failures; 1 when the suite or its dictionaries cannot be loaded.
`

// runValidate is the validate subcommand.
func runValidate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, validateUsage); fs.PrintDefaults() }
	verbose := fs.Bool("v", false, "print passing and skipped records too")
	only := fs.String("only", "", "run only the records with this ID (earlier records' settings still apply)")
	failList := fs.String("fail-list", "", "write the IDs of failing records to this file, one a line")
	// Flags may come after the suite's name too.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 1 {
		fmt.Fprintln(stderr, "faultline validate: give one suite file")
		fs.Usage()
		return 2
	}

	s, err := validate.Load(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "faultline validate: %v\n", err)
		return 1
	}
	for _, w := range s.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	if *only != "" {
		s = s.Filter(func(r validate.Record) bool { return r.ID == *only })
		if len(s.Records) == 0 {
			fmt.Fprintf(stderr, "faultline validate: no record %q in %s\n", *only, files[0])
			return 1
		}
	}
	c, err := newSuiteCoder(s.DictFiles)
	if err != nil {
		fmt.Fprintf(stderr, "faultline validate: %v\n", err)
		return 1
	}
	if n := len(c.set.Errors); n > 0 {
		fmt.Fprintf(stderr, "warning: %d bad dictionary lines skipped; first: %v\n", n, c.set.Errors[0])
	}

	res := validate.Run(ctx, s, c, nil)
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	var failed []string
	for _, o := range res.Outcomes {
		switch {
		case o.Status == validate.Fail:
			failed = append(failed, o.Record.ID)
			fmt.Fprintf(stdout, "FAIL %s: want %s got %s (%s)\n", o.Record.ID, o.Record.WantString(), o.GotString(), o.Why)
		case *verbose && o.Status == validate.Pass:
			fmt.Fprintf(stdout, "PASS %s: %s\n", o.Record.ID, o.GotString())
		case *verbose && o.Status == validate.Skip:
			fmt.Fprintf(stdout, "SKIP %s: got %s (%s)\n", o.Record.ID, o.GotString(), o.Why)
		}
	}
	if *failList != "" {
		body := strings.Join(failed, "\n")
		if body != "" {
			body += "\n"
		}
		if err := os.WriteFile(*failList, []byte(body), 0o644); err != nil {
			fmt.Fprintf(stderr, "faultline validate: fail list: %v\n", err)
		}
	}
	if res.Canceled {
		fmt.Fprintf(stderr, "faultline validate: interrupted after %d of %d records\n", len(res.Outcomes), len(s.Records))
	}
	fmt.Fprintf(stdout, "%d skipped (%s)\n", res.Skipped, s.Format)
	fmt.Fprintf(stdout, "%d passed, %d failed\n", res.Passed, res.Failed)
	return 0
}

// suiteCoder adapts package coder to validate.Coder. The options file's
// commands (TABARI .options) are applied once to each coder it builds;
// option lines of the suite go through SetOption as written.
type suiteCoder struct {
	set   *dict.Set
	c     *coder.Coder
	dirty bool // options were applied since the coder was built
	// story and lead: the story of the last record coded and its Lead.
	story, lead string
}

// newSuiteCoder loads the suite's dictionaries, and only those, and
// builds a coder from them.
func newSuiteCoder(files []string) (*suiteCoder, error) {
	set := &dict.Set{}
	for _, f := range files {
		if err := set.LoadFile(f); err != nil {
			return nil, fmt.Errorf("dictionaries: %w", err)
		}
	}
	a := &suiteCoder{set: set}
	if err := a.build(); err != nil && a.c == nil {
		return nil, err
	}
	return a, nil
}

// build compiles a fresh coder and applies the options file's commands.
// An error with a.c set is only about options.
func (a *suiteCoder) build() error {
	c, err := coder.New(a.set)
	if err != nil {
		return fmt.Errorf("build coder: %w", err)
	}
	a.c, a.dirty = c, false
	var errs []error
	for _, cmd := range a.set.Options.Commands {
		if err := c.SetOption(cmd); err != nil {
			errs = append(errs, fmt.Errorf("options file %q: %w", cmd, err))
		}
	}
	return errors.Join(errs...)
}

// Reset implements validate.Coder. The coder built last is reused when no
// option has touched it, so the first Reset of a run costs nothing.
func (a *suiteCoder) Reset() error {
	if a.c != nil && !a.dirty {
		return nil
	}
	return a.build()
}

// Option implements validate.Coder.
func (a *suiteCoder) Option(line string) error {
	a.dirty = true
	return a.c.SetOption(line)
}

// Code implements validate.Coder. A panic in the coder fails the record
// instead of the run: a suite exists to find such inputs.
func (a *suiteCoder) Code(r validate.Record) (got []validate.Expected, discarded, complex bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			got, discarded, complex, err = nil, false, false, fmt.Errorf("coder panic: %v", p)
		}
	}()
	// Records "STORY-NNN" that follow one another are the sentences of one
	// story: a pronoun opening one stands for the previous one's lead actor.
	lead := ""
	story, ok := storyOf(r.ID)
	if ok && story == a.story {
		lead = a.lead
	}
	res := a.c.CodeNext(faultline.Document{ID: r.ID, Text: r.Text, Date: r.Date}, lead)
	a.story, a.lead = "", ""
	if ok {
		a.story, a.lead = story, res.Lead
	}
	for _, e := range res.Events {
		got = append(got, validate.Expected{Source: e.Source.Code, Target: e.Target.Code, Code: e.CAMEO, Date: e.Date})
	}
	return got, res.Discarded, res.Complex, nil
}

// storyOf reads TABARI's story record IDs: a story ID, "-" and a sentence
// number of three digits (TABARI's FORWARD layout ...NNN*SSS).
func storyOf(id string) (string, bool) {
	i := strings.LastIndexByte(id, '-')
	if i <= 0 || len(id)-i-1 != 3 {
		return "", false
	}
	for _, c := range id[i+1:] {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return id[:i], true
}
