package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/faultline/faultline/cameo"
	"github.com/faultline/faultline/dict"
)

const dictUsage = `Usage: faultline dict check [--dict PATH]... [--no-default-dict] [--any-code]

Loads the dictionaries as 'faultline code' would and reports what loading
alone does not: lines that do not parse, verb and pattern codes that are not
CAMEO event codes, verb forms claimed by two verbs, patterns repeated under one
verb (the later never runs) and synsets used but never defined. Exit status 1
when anything was found.

Flags:
`

func runDict(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("faultline dict check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, dictUsage); fs.PrintDefaults() }
	var cf codeFlags
	var dicts multiFlag
	fs.Var(&dicts, "dict", "load the dictionary file (or .project) `PATH`; repeatable")
	fs.BoolVar(&cf.noDefault, "no-default-dict", false, "do not load the built-in dictionaries")
	anyCode := fs.Bool("any-code", false, "accept codes outside CAMEO (TABARI's demo dictionaries use their own)")
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fs.Usage()
		return 0
	}
	if len(args) == 0 || args[0] != "check" {
		fs.Usage()
		return 2
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	cf.dicts, cf.verbose = dicts, true
	if cf.noDefault && len(cf.dicts) == 0 {
		fmt.Fprintln(stderr, "faultline dict check: --no-default-dict without any --dict leaves nothing to check")
		return 2
	}
	set, status := loadDictionaries(cf, stderr)
	if set == nil {
		return status
	}
	valid := cameo.Valid
	if *anyCode {
		valid = nil
	}
	problems := dict.Check(set, valid)
	for _, p := range problems {
		fmt.Fprintln(stdout, p)
	}
	fmt.Fprintf(stderr, "faultline dict check: %d actors, %d agents, %d verbs, %d patterns: %d bad lines, %d problems\n",
		len(set.Actors), len(set.Agents), len(set.Verbs.Verbs), set.Verbs.NumPatterns(), len(set.Errors), len(problems))
	if len(set.Errors) > 0 || len(problems) > 0 {
		return 1
	}
	return 0
}
