package main

import (
	"context"
	"fmt"
	"io"
)

// PLACEHOLDER: the validation engineer replaces this file.
func runValidate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "faultline validate: not built yet")
	return 1
}
