package yamlpos

import "testing"

func TestTab(t *testing.T) {
	for _, tc := range []struct {
		data                string
		reported, line, col int
		ok                  bool
	}{
		{"a:\n  b: 1\n  c: 2\n  d:\n\te: 1\n", 4, 5, 1, true},
		{"a:\n  b: 1\n   \tc: 1\n", 2, 3, 4, true},
		{"a: \"x\ty\"\n\tb: 1\n", 1, 2, 1, true}, // a tab inside a value is not indentation
		{"a: 1\n", 1, 0, 0, false},
		{"\tb: 1\na: 1\n", 2, 0, 0, false}, // only from the reported line on
	} {
		line, col, ok := Tab([]byte(tc.data), tc.reported)
		if line != tc.line || col != tc.col || ok != tc.ok {
			t.Errorf("Tab(%q, %d) = %d:%d %v; want %d:%d %v", tc.data, tc.reported, line, col, ok, tc.line, tc.col, tc.ok)
		}
	}
}
