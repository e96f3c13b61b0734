// Package cameo is the table of CAMEO event codes and what each one implies:
// its root, GDELT quad class, Goldstein score and PLOVER type and mode.
// The table is data/cameo.tsv, embedded, written by gen.go from the CAMEO
// codebook and the CAMEO-to-PLOVER conversion table.
package cameo

//go:generate go run gen.go ../../shared/cameo

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"

	faultline "github.com/faultline/faultline"
)

//go:embed data/cameo.tsv
var tableTSV string

// Info is what the table holds about one CAMEO event code.
type Info struct {
	Code      string // "0256"
	Name      string // the codebook's short name; roots are upper-case
	Root      string // the first two digits
	QuadClass int    // 1 verbal cooperation .. 4 material conflict
	Goldstein float64
	Plover    faultline.Plover
}

var table = mustParse(tableTSV)

// Lookup returns the table entry of code, exactly as written ("074", "0256").
func Lookup(code string) (Info, bool) {
	in, ok := table[code]
	return in, ok
}

// Valid reports whether code is a CAMEO event code of the table.
func Valid(code string) bool {
	_, ok := table[code]
	return ok
}

// Resolve returns the entry of code or, when a 4-digit code is not in the
// table (a dictionary's private refinement), of its 3-digit parent, then of
// its root.
func Resolve(code string) (Info, bool) {
	for c := code; len(c) >= 2; c = c[:len(c)-1] {
		if in, ok := table[c]; ok {
			return in, true
		}
		if len(c) <= 2 {
			break
		}
	}
	return Info{}, false
}

// Enrich sets e's Root, QuadClass, Goldstein and Plover from e.CAMEO. A code
// that cannot be resolved leaves those fields as they were, except Root,
// which is always the first two digits of a code that has them.
func Enrich(e *faultline.Event) {
	in, ok := Resolve(e.CAMEO)
	if !ok {
		if len(e.CAMEO) >= 2 && e.Root == "" {
			e.Root = e.CAMEO[:2]
		}
		return
	}
	e.Root = in.Root
	e.QuadClass = in.QuadClass
	e.Goldstein = in.Goldstein
	e.Plover = in.Plover
}

// All returns every entry of the table in code order.
func All() []Info {
	out := make([]Info, 0, len(table))
	for _, line := range strings.Split(tableTSV, "\n") {
		code, _, _ := strings.Cut(line, "\t")
		if in, ok := table[code]; ok && !strings.HasPrefix(line, "#") {
			out = append(out, in)
		}
	}
	return out
}

// mustParse reads the embedded table; a broken table is a build defect, so
// it panics with the line at fault.
func mustParse(data string) map[string]Info {
	m := make(map[string]Info, 320)
	for n, line := range strings.Split(data, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			panic(fmt.Sprintf("cameo/data/cameo.tsv:%d: %d fields, want 6", n+1, len(f)))
		}
		g, err := strconv.ParseFloat(f[1], 64)
		if err != nil {
			panic(fmt.Sprintf("cameo/data/cameo.tsv:%d: goldstein: %v", n+1, err))
		}
		q, err := strconv.Atoi(f[2])
		if err != nil || len(f[0]) < 2 {
			panic(fmt.Sprintf("cameo/data/cameo.tsv:%d: bad code or quad class", n+1))
		}
		m[f[0]] = Info{Code: f[0], Name: f[5], Root: f[0][:2], QuadClass: q, Goldstein: g,
			Plover: faultline.Plover{Type: f[3], Mode: f[4]}}
	}
	return m
}
