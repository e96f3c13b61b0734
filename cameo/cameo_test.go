package cameo

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
)

// sharedCodes is the codebook table read in place; tests skip without it.
func sharedCodes(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", "cameo", "codes.tsv")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipping: %s not found (the shared reference data sits beside the clone)", p)
	}
	return p
}

func TestTableMatchesCodebook(t *testing.T) {
	f, err := os.Open(sharedCodes(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	sc.Scan()
	col := map[string]int{}
	for i, h := range strings.Split(sc.Text(), "\t") {
		col[h] = i
	}
	n := 0
	for line := 2; sc.Scan(); line++ {
		r := strings.Split(sc.Text(), "\t")
		code := r[col["code"]]
		in, ok := Lookup(code)
		if !ok {
			t.Errorf("codes.tsv:%d: %s not in the table", line, code)
			continue
		}
		n++
		if in.Root != r[col["root"]] || in.Name != r[col["name"]] {
			t.Errorf("%s: root %q name %q, codebook %q %q", code, in.Root, in.Name, r[col["root"]], r[col["name"]])
		}
		g, _ := strconv.ParseFloat(r[col["goldstein"]], 64)
		if in.Goldstein != g {
			t.Errorf("%s: goldstein %v, codebook %v", code, in.Goldstein, g)
		}
		if q := r[col["gdelt_quad_class"]]; q != "" && strconv.Itoa(in.QuadClass) != q {
			t.Errorf("%s: quad class %d, codebook %s", code, in.QuadClass, q)
		}
		if in.QuadClass < 1 || in.QuadClass > 4 {
			t.Errorf("%s: quad class %d out of range", code, in.QuadClass)
		}
		want := faultline.Plover{Type: r[col["plover_type"]], Mode: r[col["plover_mode"]]}
		if in.Plover != want {
			t.Errorf("%s: plover %+v, codebook %+v", code, in.Plover, want)
		}
	}
	if n != len(table) {
		t.Errorf("codebook has %d codes, table %d", n, len(table))
	}
}

func TestEnrich(t *testing.T) {
	tests := []struct {
		code      string
		root      string
		quad      int
		goldstein float64
		plover    string
	}{
		{"074", "07", 2, 8.5, "AID"},
		{"0741", "07", 2, 8.5, "AID"}, // not in CAMEO: falls back to 074
		{"190", "19", 4, -10, "ASSAULT"},
		{"1459", "14", 3, -6.5, "PROTEST"}, // falls back to 145
		{"149", "14", 3, -6.5, "PROTEST"},  // falls back to root 14
		{"1213", "12", 3, -4, "REJECT"},    // quad class blank in the codebook
	}
	for _, tt := range tests {
		e := faultline.Event{CAMEO: tt.code}
		Enrich(&e)
		want, ok := Resolve(tt.code)
		if !ok {
			t.Fatalf("Resolve(%q) failed", tt.code)
		}
		if e.Root != tt.root || e.QuadClass != tt.quad || e.Plover.Type != tt.plover || e.Goldstein != want.Goldstein {
			t.Errorf("Enrich(%q) = root %q quad %d plover %q goldstein %v; want %q %d %q %v",
				tt.code, e.Root, e.QuadClass, e.Plover.Type, e.Goldstein, tt.root, tt.quad, tt.plover, want.Goldstein)
		}
	}
	for _, bad := range []string{"", "9", "99", "abc"} {
		e := faultline.Event{CAMEO: bad, QuadClass: 7}
		Enrich(&e)
		if e.QuadClass != 7 || Valid(bad) {
			t.Errorf("Enrich(%q) changed an unknown code's fields or Valid said yes", bad)
		}
	}
}

func TestAllOrdered(t *testing.T) {
	all := All()
	if len(all) != len(table) {
		t.Fatalf("All() gives %d, table has %d", len(all), len(table))
	}
	if all[0].Code != "01" {
		t.Errorf("first code %q, want 01", all[0].Code)
	}
}

func BenchmarkEnrich(b *testing.B) {
	e := faultline.Event{CAMEO: "0741"}
	for b.Loop() {
		Enrich(&e)
	}
}
