package dict

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Kind is the format of a dictionary file.
type Kind uint8

// Dictionary kinds. KindVerbs covers TABARI .verbs and PETRARCH-1 verb
// patterns; KindVerbs2 is PETRARCH-2's CAMEO.2.0, read by the same parser
// with its phrase groups approximated.
const (
	KindUnknown Kind = iota
	KindVerbs
	KindVerbs2
	KindActors
	KindAgents
	KindDiscards
	KindOptions
	KindProject
	KindIssues // PETRARCH issue coding: recognised, not loaded
)

var kindNames = [...]string{"unknown", "verbs", "verbs2", "actors", "agents", "discards", "options", "project", "issues"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// KindOf tells a file's kind from its name and, failing that, from the
// first bytes of its content (head may be nil).
func KindOf(name string, head []byte) Kind {
	b := strings.ToLower(filepath.Base(name))
	switch {
	case strings.Contains(b, "cameo.2.0"):
		return KindVerbs2
	case strings.HasSuffix(b, ".verbs") || strings.Contains(b, "verbpatterns") || strings.Contains(b, ".verbs."):
		return KindVerbs
	case strings.Contains(b, "actors"):
		return KindActors
	case strings.Contains(b, "agents"):
		return KindAgents
	case strings.Contains(b, "discards"):
		return KindDiscards
	case strings.HasSuffix(b, ".options"):
		return KindOptions
	case strings.HasSuffix(b, ".project"):
		return KindProject
	case strings.Contains(b, "issuecoding") || strings.Contains(b, ".issues"):
		return KindIssues
	}
	return sniff(head)
}

// sniff guesses a kind from content: the first telling line decides.
func sniff(head []byte) Kind {
	s := string(head)
	switch {
	case strings.Contains(s, "<actorsfile>") || strings.Contains(s, "<verbsfile>"):
		return KindProject
	case strings.Contains(s, "<SYNSETS>") || strings.Contains(s, "\n--- ") || strings.Contains(s, "<ISSUE"):
		if strings.Contains(s, "<ISSUE") {
			return KindIssues
		}
		return KindVerbs
	case strings.Contains(s, "[~") || strings.Contains(s, "~]"):
		return KindAgents
	case strings.Contains(s, "LABEL:") || strings.Contains(s, "SET:") || strings.Contains(s, "COMPLEX:"):
		return KindOptions
	}
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == ';' || strings.HasPrefix(line, "<!--") {
			continue
		}
		if line[0] == '-' && strings.Contains(line, "*") {
			return KindVerbs
		}
		if strings.Contains(line, "[") {
			return KindActors
		}
	}
	return KindUnknown
}

// LoadFile loads one dictionary file, its kind told by its name or content.
// A .project file loads every dictionary it names. Bad lines are added to
// s.Errors; only I/O errors and an unknown kind are returned.
func (s *Set) LoadFile(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("load dictionary: %w", err)
	}
	k := KindOf(name, head(data))
	if k == KindProject {
		return s.loadProject(name)
	}
	return s.loadBytes(name, data, k)
}

func (s *Set) loadProject(name string) error {
	p, errs, err := ParseProject(name)
	if err != nil {
		return err
	}
	s.Errors = append(s.Errors, errs...)
	files := append(append(append([]string{}, p.Actors...), p.Agents...), p.Verbs...)
	if p.Options != "" {
		files = append(files, p.Options)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("load project %s: %w", name, err)
		}
		k := KindOf(f, head(data))
		switch filepath.Ext(f) { // TABARI projects name their files by extension only
		case ".verbs":
			k = KindVerbs
		case ".actors":
			k = KindActors
		case ".agents":
			k = KindAgents
		case ".options":
			k = KindOptions
		}
		if err := s.loadBytes(f, data, k); err != nil {
			return fmt.Errorf("load project %s: %w", name, err)
		}
	}
	return nil
}

func head(data []byte) []byte {
	if len(data) > 4096 {
		return data[:4096]
	}
	return data
}

// Load reads one dictionary of the given kind from r; name is used in error
// positions. Bad lines go to s.Errors; the returned error is for I/O
// failures and kinds that cannot be loaded from a reader.
func (s *Set) Load(name string, r io.Reader, kind Kind) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("load dictionary %s: %w", name, err)
	}
	return s.loadBytes(name, data, kind)
}

func (s *Set) loadBytes(name string, data []byte, kind Kind) error {
	if kind == KindUnknown {
		kind = KindOf(name, head(data))
	}
	lr := newLineReader(name, data, &s.Errors)
	switch kind {
	case KindVerbs, KindVerbs2:
		s.parseVerbs(lr)
	case KindActors:
		s.parseActors(lr)
	case KindAgents:
		s.parseAgents(lr)
	case KindDiscards:
		s.parseDiscards(lr)
	case KindOptions:
		s.parseOptions(lr)
	case KindIssues:
	case KindProject:
		return fmt.Errorf("load dictionary %s: a project names files on disk: use LoadFile", name)
	default:
		return fmt.Errorf("load dictionary %s: cannot tell what kind of dictionary it is", name)
	}
	return nil
}

//go:embed data
var dataFS embed.FS

// Default loads the project's own dictionaries, embedded from dict/data:
// every *.actors.txt, *.agents.txt, *.verbs.txt and *.discards.txt, in name
// order. Bad lines are in the returned Set's Errors.
func Default() (*Set, error) {
	return LoadFS(dataFS, "data")
}

// LoadFS loads every dictionary file (*.txt) under dir of fsys, in name order.
func LoadFS(fsys fs.FS, dir string) (*Set, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("load dictionaries: %w", err)
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].Name() < ents[j].Name() })
	s := &Set{}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		p := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, fmt.Errorf("load dictionaries: %w", err)
		}
		if err := s.Load(p, bytes.NewReader(data), KindOf(p, head(data))); err != nil {
			return nil, err
		}
	}
	return s, nil
}
