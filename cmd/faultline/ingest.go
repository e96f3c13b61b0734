package main

import (
	"context"
	"fmt"
	"io"
)

// PLACEHOLDER: the store engineer replaces this file.
func runIngest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "faultline ingest: not built yet")
	return 1
}
