package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/faultline/faultline/rules"
)

const rulesUsage = `Usage:
  faultline rules check FILE...   report every error of rule files, with line:col
  faultline rules test FILE...    run rule unit tests (events, days, expected alerts)
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
