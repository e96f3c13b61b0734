// Package yamlpos corrects the positions yaml.v3 gives for some syntax
// errors, so that rules and playbook files report the line a user must fix.
package yamlpos

import "bytes"

// Tab finds the tab that a yaml "found a tab character" error is about.
// yaml.v3 reports the line of the token before it (a tab at the start of
// line 5 is "line 4"), so Tab looks from that line on for the first line
// whose indentation holds a tab, and returns its 1-based line and column.
// ok is false when there is none.
func Tab(data []byte, reported int) (line, col int, ok bool) {
	for i, l := range bytes.Split(data, []byte("\n")) {
		if i+1 < reported {
			continue
		}
		for j, c := range l {
			if c == '\t' {
				return i + 1, j + 1, true
			}
			if c != ' ' {
				break
			}
		}
	}
	return 0, 0, false
}
