package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
)

const rulesUsage = `Usage:
  faultline rules check FILE...   report every error of rule files (or playbooks), with line:col
  faultline rules test FILE...    run rule unit tests (events, days, expected alerts)
`

const playbookUsage = `Usage:
  faultline playbook check FILE...   report what is wrong in playbook files, with line:col
`

// runRules is `faultline rules check|test FILE...`.
func runRules(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) < 2 || (args[0] != "check" && args[0] != "test") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(stderr, rulesUsage)
			return 0
		}
		fmt.Fprint(stderr, rulesUsage)
		return 2
	}
	status := 0
	for _, path := range args[1:] {
		kind := yamlKind(path)
		if args[0] == "check" && kind == "playbook" {
			status = max(status, checkPlaybook(path, stdout, stderr))
			continue
		}
		if args[0] == "test" && kind == "rules" {
			fmt.Fprintf(stderr, "faultline rules test: %s is a rules file, not a rule test file (which has rule_files: and tests:); check it with 'faultline rules check %s'\n", path, path)
			status = 1
			continue
		}
		if args[0] == "check" {
			f, err := rules.ParseFile(path)
			var errs rules.Errors
			switch {
			case errors.As(err, &errs):
				for _, e := range errs {
					fmt.Fprintln(stderr, e)
				}
				fmt.Fprintf(stderr, "%s: %d errors\n", path, len(errs))
				status = 1
			case err != nil:
				fmt.Fprintf(stderr, "faultline rules: %v\n", err)
				status = 1
			default:
				fmt.Fprintf(stdout, "%s: %d groups, %d rules: OK\n", path, len(f.Groups), len(f.Rules()))
			}
			continue
		}
		failed, err := rules.RunTestFile(ctx, path, stdout)
		if err != nil {
			fmt.Fprintf(stderr, "faultline rules test: %v\n", err)
			status = 1
		} else if failed > 0 {
			status = 1
		}
	}
	return status
}

// runPlaybook is `faultline playbook check FILE...`.
func runPlaybook(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprint(stderr, playbookUsage)
		return 0
	}
	if len(args) < 2 || args[0] != "check" {
		fmt.Fprint(stderr, playbookUsage)
		return 2
	}
	status := 0
	for _, path := range args[1:] {
		status = max(status, checkPlaybook(path, stdout, stderr))
	}
	return status
}

// checkPlaybook parses one playbook and says what it holds or what is wrong.
func checkPlaybook(path string, stdout, stderr io.Writer) int {
	pb, err := playbook.ParseFile(path)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: playbook %q, %d levels, %d units: OK\n", path, pb.Theatre, len(pb.Levels), len(pb.Units))
	return 0
}

// yamlKind guesses what a YAML file is from its top-level keys: "rules"
// (groups), "tests" (rule_files or tests), "playbook" (levels, units or
// theatre), or "" when it cannot tell; the parsers then say what is wrong.
func yamlKind(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	var top map[string]yaml.Node
	if yaml.Unmarshal(data, &top) != nil {
		return ""
	}
	has := func(k string) bool { _, ok := top[k]; return ok }
	switch {
	case has("rule_files") || has("tests"):
		return "tests"
	case has("groups"):
		return "rules"
	case has("levels") || has("units") || has("theatre"):
		return "playbook"
	}
	return ""
}
