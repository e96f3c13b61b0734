package dict

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// parseOptions reads a TABARI options file. "LABEL: 010= text" lines go to
// Labels; every other line that is not a comment (//, # or ;) goes to
// Commands verbatim, for the coder to interpret.
func (s *Set) parseOptions(lr *lineReader) {
	for {
		line, ok := lr.next()
		if !ok {
			return
		}
		// "~~~~~" rules separate parts of TABARI's own option files.
		if line == "" || strings.HasPrefix(line, "//") || line[0] == '#' || line[0] == ';' || line[0] == '~' {
			continue
		}
		key, val, found := strings.Cut(line, ":")
		if !found || strings.TrimSpace(key) == "" || strings.ContainsAny(strings.TrimSpace(key), " \t") {
			lr.errorf("bad option line " + quote(line) + ": want COMMAND: arguments")
			continue
		}
		if strings.EqualFold(strings.TrimSpace(key), "LABEL") {
			code, label, found := strings.Cut(val, "=")
			code = strings.TrimSpace(code)
			if !found || code == "" {
				lr.errorf("bad label " + quote(line) + ": want LABEL: code= text")
				continue
			}
			if s.Options.Labels == nil {
				s.Options.Labels = map[string]string{}
			}
			s.Options.Labels[code] = strings.TrimSpace(label)
			continue
		}
		s.Options.Commands = append(s.Options.Commands, line)
	}
}

// Project is a TABARI project file: where its dictionaries and text are,
// as absolute paths or relative to the working directory (joined to the
// project's folder).
type Project struct {
	Path    string   // the project file itself
	Actors  []string // <actorsfile>, in order
	Verbs   []string // <verbsfile>
	Agents  []string // <agentsfile>
	Options string   // <optionsfile>
	Text    []string // <textfile>
}

// ParseProject reads a TABARI .project file. Lines other than the
// <...file> entries (sessions, coder, problem and event files) are ignored.
func ParseProject(path string) (Project, error) {
	f, err := os.Open(path)
	if err != nil {
		return Project{}, fmt.Errorf("read project: %w", err)
	}
	defer f.Close()
	p := Project{Path: path}
	dir := filepath.Dir(path)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "<") {
			continue
		}
		end := strings.IndexByte(line, '>')
		if end < 0 {
			continue
		}
		tag := strings.ToLower(line[1:end])
		val := strings.TrimSpace(line[end+1:])
		var dst *[]string
		switch tag {
		case "actorsfile":
			dst = &p.Actors
		case "verbsfile":
			dst = &p.Verbs
		case "agentsfile":
			dst = &p.Agents
		case "textfile":
			dst = &p.Text
		case "optionsfile":
		default:
			continue
		}
		if val == "" {
			return p, &LineError{Pos: Pos{File: path, Line: n}, Msg: "<" + tag + "> has no file name"}
		}
		if !filepath.IsAbs(val) {
			val = filepath.Join(dir, val)
		}
		if dst == nil {
			p.Options = val
		} else {
			*dst = append(*dst, val)
		}
	}
	if err := sc.Err(); err != nil {
		return p, fmt.Errorf("read project %s: %w", path, err)
	}
	return p, nil
}
