package main

import (
	"context"
	"fmt"
	"io"
)

// PLACEHOLDER: the store engineer replaces this file.
func runEvents(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "faultline events: not built yet")
	return 1
}
