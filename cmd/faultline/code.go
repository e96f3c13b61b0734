package main

import (
	"context"
	"fmt"
	"io"
)

// PLACEHOLDER: the CLI engineer replaces this file.
func runCode(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "faultline code: not built yet")
	return 1
}
