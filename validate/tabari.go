package validate

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
)

// The TABARI suite (Validate.project, Validate.text) as its files write it:
//
//   - The project names files in lines "<tag> name"; names are relative to
//     the project's folder.
//   - The text file holds records separated by blank lines. A record starts
//     with a header "YYMMDD  ID [more]" (YYYYMMDD under SET: YYYY = TRUE) and
//     goes on with text lines; its /* ... */ comment, usually after the text
//     but allowed anywhere in it, may span lines and blank lines. Lines
//     starting with # between records are file comments.
//   - Inside the comment, {...} blocks state what to expect:
//     { SRC / TGT / CODE } [YYMMDD] an event, optionally dated;
//     {---} no event; {###} discarded; {+++} too complex; spaces inside
//     the markers are allowed ({ +++ }). A - before the brace (-{ ... })
//     marks a check deactivated by the suite's author ("Currently doesn't
//     work -- deactivated"), which we skip. { OPTION: line } applies an
//     options-file line from that record on; a few of these lack their
//     closing brace, so a block also ends at the end of its line. An empty
//     {} is prose.
//   - The record whose text starts "This is the end of the standard
//     validation records" ends the suite; what follows needs other settings
//     or crashed TABARI.

// finalText starts the record that ends TABARI's standard records.
const finalText = "this is the end of the standard validation records"

// projectTag returns the tag of a project line ("actorsfile" for
// "<actorsfile> TABARI.Demo.actors"), or "" when the line is not one.
func projectTag(line string) string {
	if !strings.HasPrefix(line, "<") {
		return ""
	}
	end := strings.IndexByte(line, '>')
	if end < 2 {
		return ""
	}
	tag := strings.ToLower(line[1:end])
	if !strings.HasSuffix(tag, "file") {
		return ""
	}
	return tag
}

// dictTags are the project tags that name dictionaries.
var dictTags = map[string]bool{
	"actorsfile": true, "actorfile": true, "verbsfile": true, "verbfile": true,
	"agentsfile": true, "agentfile": true, "optionsfile": true,
}

// loadProject reads a TABARI project and the text file it names.
func loadProject(path string, data []byte) (*Suite, error) {
	dir := filepath.Dir(path)
	s := &Suite{Format: "tabari"}
	var text string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		tag := projectTag(line)
		if tag == "" {
			continue
		}
		name := strings.TrimSpace(line[strings.IndexByte(line, '>')+1:])
		if name == "" {
			s.Warnings = append(s.Warnings, fmt.Sprintf("%s:%d: <%s> names no file", path, n, tag))
			continue
		}
		switch {
		case tag == "textfile":
			text = filepath.Join(dir, name)
		case dictTags[tag]:
			s.DictFiles = append(s.DictFiles, filepath.Join(dir, name))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read project %s: %w", path, err)
	}
	if text == "" {
		return nil, fmt.Errorf("%s: no <textfile> line", path)
	}
	body, err := readFile(text)
	if err != nil {
		return nil, fmt.Errorf("project %s: %w", path, err)
	}
	recs, warns, err := parseTABARIText(text, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	s.Records = recs
	s.Warnings = append(s.Warnings, warns...)
	return s, nil
}

// tabariRecord gathers one record while it is read.
type tabariRecord struct {
	rec     Record
	text    []string
	comment []commentLine
}

type commentLine struct {
	text string
	line int
}

// parseTABARIText reads a TABARI validation text. name is used in messages.
// It returns the records up to the end marker and the problems worked around.
func parseTABARIText(name string, r io.Reader) ([]Record, []string, error) {
	var (
		recs      []Record
		warns     []string
		cur       *tabariRecord
		inComment bool
		done      bool
	)
	finish := func() {
		if cur == nil {
			return
		}
		rec, w := cur.build(name)
		warns = append(warns, w...)
		if strings.HasPrefix(strings.ToLower(rec.Text), finalText) {
			done = true
		} else {
			recs = append(recs, rec)
		}
		cur = nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	n := 0
	prevBlank := true
	for !done && sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \t\r")
		blank := strings.TrimSpace(line) == ""
		if inComment && prevBlank {
			// Two records of the file leave their comment open (one ends
			// it with /* instead of */): a header after a blank line is
			// a new record, never comment prose.
			if _, _, ok := parseHeader(line); ok {
				warns = append(warns, fmt.Sprintf("%s:%d: record %s: comment not closed before the next record", name, cur.rec.Line, cur.rec.ID))
				inComment = false
				finish()
				if done {
					break
				}
			}
		}
		prevBlank = blank
		if cur == nil {
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			id, date, ok := parseHeader(line)
			if !ok {
				warns = append(warns, fmt.Sprintf("%s:%d: text outside a record", name, n))
				continue
			}
			cur = &tabariRecord{rec: Record{ID: id, RawDate: date, Line: n}}
			cur.rec.Date = tabariDate(date)
			continue
		}
		if !inComment && blank {
			finish()
			continue
		}
		// Split the line into text and comment parts; a comment may open
		// and close several times on one line.
		for line != "" {
			if inComment {
				end := strings.Index(line, "*/")
				if end < 0 {
					cur.comment = append(cur.comment, commentLine{line, n})
					line = ""
					break
				}
				cur.comment = append(cur.comment, commentLine{line[:end], n})
				line = line[end+2:]
				inComment = false
				continue
			}
			start := strings.Index(line, "/*")
			if start < 0 {
				cur.addText(line)
				break
			}
			cur.addText(line[:start])
			line = line[start+2:]
			inComment = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("read %s:%d: %w", name, n+1, err)
	}
	if inComment && cur != nil {
		warns = append(warns, fmt.Sprintf("%s:%d: record %s: comment not closed", name, cur.rec.Line, cur.rec.ID))
	}
	finish()
	return recs, warns, nil
}

func (t *tabariRecord) addText(s string) {
	if s = strings.TrimSpace(s); s != "" {
		t.text = append(t.text, s)
	}
}

// parseHeader reads "YYMMDD  ID ...": a date of six or more digits, then
// the record ID.
func parseHeader(line string) (id, date string, ok bool) {
	f := strings.Fields(line)
	if len(f) < 2 || len(f[0]) < 6 {
		return "", "", false
	}
	for _, c := range f[0] {
		if c < '0' || c > '9' {
			return "", "", false
		}
	}
	return f[1], f[0], true
}

// tabariDate converts YYMMDD (19xx above 30, else 20xx, as TABARI reads
// dates) or YYYYMMDD to YYYY-MM-DD; "" when it is neither. A seven-digit
// date is a YYMMDD field with a stray digit after it: TABARI reads the date
// field at a fixed width of six, so the seventh digit is ignored.
func tabariDate(s string) string {
	var y, m, d int
	var err error
	switch len(s) {
	case 6, 7:
		y, err = strconv.Atoi(s[:2])
		if y > 30 {
			y += 1900
		} else {
			y += 2000
		}
		s = s[2:]
	case 8:
		y, err = strconv.Atoi(s[:4])
		s = s[4:]
	default:
		return ""
	}
	if err != nil {
		return ""
	}
	m, err1 := strconv.Atoi(s[:2])
	d, err2 := strconv.Atoi(s[2:4])
	if err1 != nil || err2 != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// build turns the gathered lines into a Record, reading the comment's
// {...} blocks.
func (t *tabariRecord) build(name string) (Record, []string) {
	rec := t.rec
	rec.Text = strings.Join(t.text, " ")
	var warns []string
	expects := false
	for _, cl := range t.comment {
		s := cl.text
		for {
			open := strings.IndexByte(s, '{')
			if open < 0 {
				break
			}
			skip := open > 0 && s[open-1] == '-'
			body := s[open+1:]
			rest := ""
			if end := strings.IndexByte(body, '}'); end >= 0 {
				body, rest = body[:end], body[end+1:]
			} else if !isOption(body) {
				// TABARI reads an OPTION: command to the end of its line,
				// so "{ OPTION: SET: MINIMUM WORDS = 4 */" needs no "}".
				warns = append(warns, fmt.Sprintf("%s:%d: record %s: { not closed on its line", name, cl.line, rec.ID))
			}
			s = rest
			body = strings.TrimSpace(body)
			if skip {
				rec.SkipCheck = true
				rec.SkipWhy = "check deactivated in the suite (-{)"
			}
			squeezed := strings.ReplaceAll(body, " ", "")
			switch {
			case body == "":
				// {} in prose
			case isOption(body):
				if opt := strings.TrimSpace(body[len("OPTION:"):]); opt != "" {
					rec.Options = append(rec.Options, opt)
				}
			case squeezed == "---":
				rec.NoEvents, expects = true, true
			case squeezed == "###":
				rec.Discard, expects = true, true
			case squeezed == "+++":
				rec.Complex, expects = true, true
			case strings.Count(body, "/") == 2:
				p := strings.Split(body, "/")
				e := Expected{Source: strings.TrimSpace(p[0]), Target: strings.TrimSpace(p[1]), Code: strings.TrimSpace(p[2])}
				if f := strings.Fields(rest); len(f) > 0 {
					e.Date = tabariDate(f[0])
				}
				rec.Want = append(rec.Want, e)
				expects = true
			default:
				warns = append(warns, fmt.Sprintf("%s:%d: record %s: unknown block {%s}", name, cl.line, rec.ID, body))
			}
		}
	}
	if !expects && !rec.SkipCheck {
		rec.SkipCheck = true
		rec.SkipWhy = "states no expected coding (a settings record)"
	}
	return rec, warns
}

// isOption tells a { OPTION: ... } block from an expected coding.
func isOption(body string) bool {
	return strings.HasPrefix(strings.ToUpper(strings.TrimSpace(body)), "OPTION:")
}
