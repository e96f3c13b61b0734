package rules_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faultline/faultline/rules"
)

// TestShippedRuleTests runs the rule tests shipped with the examples, as CI
// does with `faultline rules test`.
func TestShippedRuleTests(t *testing.T) {
	files, _ := filepath.Glob("../examples/*/rules_test.yml")
	if len(files) == 0 {
		t.Fatal("no examples/*/rules_test.yml")
	}
	for _, f := range files {
		var out bytes.Buffer
		failed, err := rules.RunTestFile(context.Background(), f, &out)
		if err != nil || failed > 0 {
			t.Errorf("%s: %d failed, %v\n%s", f, failed, err, out.String())
		}
	}
}

// TestRuleTestCanFail checks that a wrong expectation is reported.
func TestRuleTestCanFail(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "r.yml"), []byte("groups:\n- name: g\n  rules:\n  - alert: A\n    threshold: {value: 2}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "t.yml"), []byte(`rule_files: [r.yml]
tests:
  - name: wrong
    series: [{start: 2023-01-01, values: "1 3", event: {cameo: "010"}}]
    alerts:
      - {at: 2023-01-01, rule: A, expect: [{state: firing}]}
      - {at: 2023-01-02, rule: A, expect: [{value: 4}]}
  - name: right
    series: [{start: 2023-01-01, values: "1 3", event: {cameo: "010"}}]
    alerts:
      - {at: 2023-01-02, rule: A, expect: [{value: 3}]}
`), 0o644)
	var out bytes.Buffer
	failed, err := rules.RunTestFile(context.Background(), filepath.Join(dir, "t.yml"), &out)
	if err != nil || failed != 1 {
		t.Fatalf("failed %d, %v\n%s", failed, err, out.String())
	}
	for _, w := range []string{"FAIL", "wrong", "expected firing alert", "unexpected firing alert {} value 3", "2 tests, 1 failed"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("output lacks %q:\n%s", w, out.String())
		}
	}
}
