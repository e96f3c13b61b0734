package validate

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// The PETRARCH unit-test XML as its file and validation.rng write it:
//
//   - <Environment> names the dictionaries (<Verbfile>, <Actorfile>,
//     <Agentfile>, <Discardfile>), which live in ../dictionaries beside the
//     XML; its <Config option= value=> elements are global settings;
//     <Include> lists the categories to run (a <Sentence> whose category is
//     not listed is skipped: AGENTS and COMPOUNDx mark records the authors
//     set aside); <Pause>Stop</Pause> makes a <Stop> element end the run.
//   - <Config> between sentences changes a setting from the next sentence
//     on: the file flips require_dyad off before DATE-16 and back on after
//     it, so settings persist. A <Config> inside a <Sentence> (allowed by
//     the brief, not by the schema) is an override for that sentence only.
//   - <Sentence date=YYYYMMDD id= category= sentence=> holds <EventCoding
//     sourcecode= targetcode= eventcode=> elements, or one with
//     noevents="True", or one with error="..." (storydiscard and
//     sentencediscard: the coder must discard; dateline, bad_input_parse:
//     the input must be rejected), then <Text> and a <Parse> we ignore.
//     sentence="false" marks records PETRARCH does not implement ("currently
//     not implemented"): skipped.
//   - Actor codes of actors not in the dictionaries are the phrase in
//     double quotes ('"INJURY TOLL"'); the quotes are kept.

type xmlConfig struct {
	Option string `xml:"option,attr"`
	Value  string `xml:"value,attr"`
}

func (c xmlConfig) line() string {
	return strings.TrimSpace(c.Option) + "=" + strings.TrimSpace(c.Value)
}

type xmlEnvironment struct {
	Verbfile    []string    `xml:"Verbfile"`
	Actorfile   []string    `xml:"Actorfile"`
	Agentfile   []string    `xml:"Agentfile"`
	Discardfile []string    `xml:"Discardfile"`
	Include     string      `xml:"Include"`
	Pause       string      `xml:"Pause"`
	Config      []xmlConfig `xml:"Config"`
}

type xmlCoding struct {
	Source   string `xml:"sourcecode,attr"`
	Target   string `xml:"targetcode,attr"`
	Event    string `xml:"eventcode,attr"`
	NoEvents string `xml:"noevents,attr"`
	Error    string `xml:"error,attr"`
}

type xmlSentence struct {
	Date     string      `xml:"date,attr"`
	ID       string      `xml:"id,attr"`
	Category string      `xml:"category,attr"`
	Sentence string      `xml:"sentence,attr"`
	Codings  []xmlCoding `xml:"EventCoding"`
	Config   []xmlConfig `xml:"Config"`
	Text     string      `xml:"Text"`
}

// loadPETRARCH reads the XML at path and resolves its dictionaries.
func loadPETRARCH(path string, data []byte) (*Suite, error) {
	s, names, err := parsePETRARCH(path, bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(path)
	for _, n := range names {
		s.DictFiles = append(s.DictFiles, findDict(dir, n))
	}
	return s, nil
}

// findDict looks a dictionary up in ../dictionaries beside the XML, then
// beside it; when neither holds it, the first is returned for Load to report.
func findDict(dir, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	first := filepath.Join(dir, "..", "dictionaries", name)
	for _, p := range []string{first, filepath.Join(dir, name)} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return first
}

// parsePETRARCH reads a unit-test XML file. It returns the suite and the
// dictionary names of <Environment>, unresolved. name is used in messages.
func parsePETRARCH(name string, r io.Reader) (*Suite, []string, error) {
	s := &Suite{Format: "petrarch"}
	dec := xml.NewDecoder(r)
	var (
		dicts   []string
		include map[string]bool
		stopTag string
		pending []string
		sawEnv  bool
		sawRoot bool
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := dec.InputPos()
			return nil, nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		line, _ := dec.InputPos()
		switch se.Name.Local {
		case "Validation":
			sawRoot = true
		case "Environment":
			var env xmlEnvironment
			if err := dec.DecodeElement(&env, &se); err != nil {
				return nil, nil, fmt.Errorf("%s:%d: <Environment>: %w", name, line, err)
			}
			sawEnv = true
			for _, list := range [][]string{env.Verbfile, env.Actorfile, env.Agentfile, env.Discardfile} {
				for _, v := range list {
					for _, f := range strings.Split(v, ",") {
						if f = strings.TrimSpace(f); f != "" {
							dicts = append(dicts, f)
						}
					}
				}
			}
			if f := strings.Fields(env.Include); len(f) > 0 {
				include = map[string]bool{}
				for _, c := range f {
					include[strings.ToUpper(c)] = true
				}
			}
			stopTag = strings.TrimSpace(env.Pause)
			for _, c := range env.Config {
				s.Options = append(s.Options, c.line())
			}
		case "Config":
			var c xmlConfig
			if err := dec.DecodeElement(&c, &se); err != nil {
				return nil, nil, fmt.Errorf("%s:%d: <Config>: %w", name, line, err)
			}
			if strings.TrimSpace(c.Option) == "" {
				s.Warnings = append(s.Warnings, fmt.Sprintf("%s:%d: <Config> without option", name, line))
				continue
			}
			pending = append(pending, c.line())
		case "Sentence":
			var x xmlSentence
			if err := dec.DecodeElement(&x, &se); err != nil {
				return nil, nil, fmt.Errorf("%s:%d: <Sentence>: %w", name, line, err)
			}
			rec, warns := x.record(name, line, include)
			s.Warnings = append(s.Warnings, warns...)
			rec.Options, pending = pending, nil
			s.Records = append(s.Records, rec)
		default:
			if stopTag != "" && se.Name.Local == stopTag {
				return s, dicts, nil
			}
		}
	}
	if !sawRoot || !sawEnv {
		return nil, nil, fmt.Errorf("%s: not a PETRARCH validation file (no <Validation> with <Environment>)", name)
	}
	if len(pending) > 0 {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%s: %d <Config> after the last sentence apply to nothing", name, len(pending)))
	}
	return s, dicts, nil
}

// record converts one <Sentence>.
func (x xmlSentence) record(name string, line int, include map[string]bool) (Record, []string) {
	var warns []string
	rec := Record{
		ID:      strings.TrimSpace(x.ID),
		RawDate: strings.TrimSpace(x.Date),
		Text:    strings.Join(strings.Fields(x.Text), " "),
		Line:    line,
	}
	if len(rec.RawDate) == 8 {
		rec.Date = tabariDate(rec.RawDate)
	}
	if rec.Date == "" {
		warns = append(warns, fmt.Sprintf("%s:%d: sentence %s: bad date %q", name, line, rec.ID, rec.RawDate))
	}
	for _, c := range x.Config {
		if strings.TrimSpace(c.Option) != "" {
			rec.Overrides = append(rec.Overrides, c.line())
		}
	}
	expects := false
	for _, c := range x.Codings {
		switch {
		case strings.EqualFold(strings.TrimSpace(c.NoEvents), "true"):
			rec.NoEvents, expects = true, true
		case strings.TrimSpace(c.Error) != "":
			e := strings.TrimSpace(c.Error)
			if strings.HasSuffix(e, "discard") {
				rec.Discard = true
			} else {
				rec.Error = e
			}
			expects = true
		case c.Event != "":
			rec.Want = append(rec.Want, Expected{
				Source: strings.TrimSpace(c.Source),
				Target: strings.TrimSpace(c.Target),
				Code:   strings.TrimSpace(c.Event),
			})
			expects = true
		default:
			warns = append(warns, fmt.Sprintf("%s:%d: sentence %s: <EventCoding> without eventcode", name, line, rec.ID))
		}
	}
	switch {
	case include != nil && !include[strings.ToUpper(strings.TrimSpace(x.Category))]:
		rec.SkipCheck, rec.SkipWhy = true, fmt.Sprintf("category %q not in <Include>", x.Category)
	case strings.EqualFold(strings.TrimSpace(x.Sentence), "false"):
		rec.SkipCheck, rec.SkipWhy = true, `sentence="false": not implemented in PETRARCH`
	case !expects:
		rec.SkipCheck, rec.SkipWhy = true, "states no expected coding"
	}
	return rec, warns
}
