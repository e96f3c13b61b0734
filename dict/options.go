package dict

import (
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
// A bad entry (a tag without a file name) is skipped and reported as a
// *LineError in errs; err is only for a file that cannot be read.
func ParseProject(path string) (p Project, errs []error, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Project{Path: path}, nil, fmt.Errorf("read project: %w", err)
	}
	p, errs = parseProject(path, data)
	return p, errs, nil
}

// parseProject reads a project file's bytes. Project files are small, so
// the whole file is read: no line is too long for it.
func parseProject(path string, data []byte) (Project, []error) {
	p := Project{Path: path}
	var errs []error
	dir := filepath.Dir(path)
	for n, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
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
			errs = append(errs, &LineError{Pos: Pos{File: path, Line: n + 1}, Msg: "<" + tag + "> has no file name; entry skipped"})
			continue
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
	return p, errs
}
