package dict_test

import (
	"strings"
	"testing"

	"github.com/faultline/faultline/cameo"
	"github.com/faultline/faultline/dict"
)

func TestCheckFindsProblems(t *testing.T) {
	const verbs = `&KNOWN
+ALLY

--- MEET [036] ---
MEET_ {MET_ MEETS_}
- * WITH_ + [036]
- * WITH_ + [037]
- * &MISSING + [036]
- * &KNOWN + [999]

--- GATHER [036] ---
MET_ {}
`
	set := &dict.Set{}
	if err := set.Load("t.verbs.txt", strings.NewReader(verbs), dict.KindVerbs); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, p := range dict.Check(set, cameo.Valid) {
		got[p.Kind]++
		if p.Pos.File != "t.verbs.txt" || p.Pos.Line == 0 {
			t.Errorf("problem without a position: %v", p)
		}
	}
	want := map[string]int{"duplicate-pattern": 1, "unknown-synset": 1, "unknown-code": 1, "duplicate-verb": 1}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: got %d problems, want %d (all: %v)", k, got[k], n, got)
		}
	}
}

// The project's own dictionaries must pass their own check: every code is
// CAMEO, no pattern is shadowed, no verb form is claimed twice.
func TestDefaultDictionariesCheckClean(t *testing.T) {
	set, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range dict.Check(set, cameo.Valid) {
		t.Errorf("%v", p)
	}
}
