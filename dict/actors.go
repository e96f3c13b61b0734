package dict

import (
	"slices"
	"strconv"
	"strings"
)

// parseActors reads a TABARI or PETRARCH actor file. Both forms are accepted
// in one file: "NAME [CODE] [CODE2 dates]" with the codes inline, or a name
// line followed by indented "[CODE dates]" lines; "+NAME" lines add synonyms
// to the actor above. TABARI's <NOUN> and <ADJECTIVE> sections, which the
// demo actor file carries, go to nouns and adjectives.
func (s *Set) parseActors(lr *lineReader) {
	type seen struct {
		pos      Pos
		reported bool
	}
	// Room for about one actor a line, so that a large file does not
	// rebuild the map and slices as it grows; seen values live in one slice
	// that the map indexes.
	lines := strings.Count(lr.data, "\n") + 1
	first := make(map[string]int32, len(s.Actors)+lines)
	seens := make([]seen, 0, len(s.Actors)+lines)
	s.Actors = slices.Grow(s.Actors, lines)
	for i := range s.Actors {
		if len(s.Actors[i].Phrases) > 0 {
			k := phraseKey(s.Actors[i].Phrases[0])
			if _, ok := first[k]; !ok {
				first[k] = int32(len(seens))
				seens = append(seens, seen{pos: s.Actors[i].Pos})
			}
		}
	}
	cur := -1 // index in s.Actors of the actor lines attach to; -1 none
	// dropping is set after a repeated name: its synonym and code lines are
	// dropped with it rather than reported as orphans.
	dropping := false
	section := ""
	// finish checks the actor being closed, once its code lines are read.
	finish := func() {
		if cur >= 0 && len(s.Actors[cur].Codes) == 0 {
			a := s.Actors[cur]
			lr.errorAt(a.Pos, "actor "+phraseString(a.Phrases[0])+" has no code")
			s.Actors = s.Actors[:cur]
		}
		cur = -1
	}
	for {
		line, ok := lr.next()
		if !ok {
			break
		}
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if sec, ok := sectionTag(line); ok {
			finish()
			section = sec
			continue
		}
		body := stripComment(line)
		if body == "" {
			continue
		}
		if section == "noun" || section == "adjective" {
			p, msg := parsePhrase(body)
			if msg != "" {
				lr.errorf(msg)
				continue
			}
			if section == "noun" {
				s.Verbs.Nouns = append(s.Verbs.Nouns, p)
			} else {
				s.Verbs.Adjectives = append(s.Verbs.Adjectives, p)
			}
			continue
		}
		head, blocks, msg := splitCodes(body)
		var codes []DatedCode
		if msg == "" {
			codes, msg = parseDatedCodes(blocks)
		}
		if msg != "" {
			if head != "" && head[0] != '+' {
				finish() // the lines under a bad head go with it
				dropping = true
			}
			lr.errorf(msg)
			continue
		}
		switch {
		case (head == "" || head[0] == '+') && dropping:
			continue
		case head == "": // an indented code line
			if cur < 0 {
				lr.errorf("code line with no actor above")
				continue
			}
			s.Actors[cur].Codes = append(s.Actors[cur].Codes, codes...)
		case head[0] == '+':
			if cur < 0 {
				lr.errorf("synonym " + quote(head) + " with no actor above")
				continue
			}
			p, msg := parsePhrase(head[1:])
			if msg != "" {
				lr.errorf(msg)
				continue
			}
			s.Actors[cur].Phrases = append(s.Actors[cur].Phrases, p)
			s.Actors[cur].Codes = append(s.Actors[cur].Codes, codes...)
		case cur >= 0 && len(codes) == 0 && len(s.Actors[cur].Codes) == 0:
			// PETRARCH lists several names, then the code lines for all.
			p, msg := parsePhrase(head)
			if msg != "" {
				lr.errorf(msg)
				continue
			}
			s.Actors[cur].Phrases = append(s.Actors[cur].Phrases, p)
		default:
			finish()
			dropping = false
			p, msg := parsePhrase(head)
			if msg != "" {
				lr.errorf(msg)
				dropping = true
				continue
			}
			k := phraseKey(p)
			if fi, ok := first[k]; ok {
				f := &seens[fi]
				if !f.reported {
					f.reported = true
					lr.errorf("actor " + phraseString(p) + " repeats the one at " + f.pos.String() + "; the first is kept")
				}
				dropping = true
				continue
			}
			first[k] = int32(len(seens))
			seens = append(seens, seen{pos: lr.pos()})
			s.Actors = append(s.Actors, Actor{Phrases: []Phrase{p}, Codes: codes, Pos: lr.pos()})
			cur = len(s.Actors) - 1
		}
	}
	finish()
}

// sectionTag recognises <NOUN>, </NOUN>, <SYNSETS> and the like.
func sectionTag(line string) (string, bool) {
	if len(line) < 3 || line[0] != '<' || line[len(line)-1] != '>' {
		return "", false
	}
	tag := strings.ToLower(strings.TrimSpace(line[1 : len(line)-1]))
	if strings.HasPrefix(tag, "/") {
		return "", true
	}
	switch tag {
	case "noun", "adjective", "synsets", "time", "verbs", "actors", "agents":
		return tag, true
	}
	return "", false
}

// parseDatedCodes reads the contents of actor code blocks: "USAGOV",
// "USAGOV 991201-010114", "RUSGOV >20120507", "USAGOV <011214", "---".
func parseDatedCodes(blocks []string) ([]DatedCode, string) {
	if len(blocks) == 0 {
		return nil, ""
	}
	codes := make([]DatedCode, 0, len(blocks))
	for _, b := range blocks {
		f := strings.Fields(b)
		// "[HOB < 950601]": a space after < or > is common,
		// and so is one around the - of a range: join what follows the code.
		if len(f) > 2 {
			f = []string{f[0], strings.Join(f[1:], "")}
		}
		if len(f) == 0 {
			return nil, "empty code block []"
		}
		if len(f) > 2 {
			return nil, "code block " + quote("["+b+"]") + " has more than a code and a date range"
		}
		if isDateRange(f[0]) {
			return nil, "code block " + quote("["+b+"]") + " has a date but no code"
		}
		dc := DatedCode{Code: strings.ToUpper(f[0])}
		if !validCode(dc.Code) {
			return nil, "bad actor code " + quote(f[0])
		}
		if len(f) == 2 {
			var msg string
			dc.From, dc.To, msg = parseDateRange(f[1])
			if msg != "" {
				return nil, msg
			}
		}
		codes = append(codes, dc)
	}
	return codes, ""
}

func isDateRange(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '<' || s[0] == '>' {
		return true
	}
	return s[0] >= '0' && s[0] <= '9' && strings.IndexByte(s, '-') > 0
}

// validCode accepts letters, digits and the '-' of "---". A '/' joins the
// codes of a compound actor (TABARI's THE_SHIRE [FRO/BIL/SAM]): each part
// must be a code itself.
func validCode(c string) bool {
	if c == "" {
		return false
	}
	start := 0
	for i := 0; i <= len(c); i++ {
		if i == len(c) || c[i] == '/' {
			if i == start {
				return false // "A//B", "/A", "A/"
			}
			start = i + 1
			continue
		}
		b := c[i]
		// '-', '#' and '+' make TABARI's [---], [###] and [+++].
		if !(b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-' || b == '_' || b == '#' || b == '+') {
			return false
		}
	}
	return true
}

// parseDateRange reads ">D", "<D" or "D1-D2".
func parseDateRange(s string) (from, to int, msg string) {
	var ok bool
	switch {
	case strings.HasPrefix(s, ">"):
		from, ok = parseDate(s[1:])
	case strings.HasPrefix(s, "<"):
		to, ok = parseDate(s[1:])
	default:
		a, b, found := strings.Cut(s, "-")
		if !found {
			return 0, 0, "bad date range " + quote(s) + ": want D1-D2, >D or <D"
		}
		var ok2 bool
		from, ok = parseDate(a)
		to, ok2 = parseDate(b)
		ok = ok && ok2
		// A two-digit start year read as 20xx that ends up after the end
		// is a 19xx birth year: CountryInfo writes [AFGELI 270101-730717].
		if ok && from > to && len(a) == 6 && from >= 20000000 {
			from -= 1000000
		}
		if ok && from > to {
			return 0, 0, "date range " + quote(s) + " ends before it starts"
		}
	}
	if !ok {
		return 0, 0, "bad date in " + quote(s) + ": want YYMMDD or YYYYMMDD"
	}
	return from, to, ""
}

// parseDate reads YYMMDD (19YY above 30, else 20YY) or YYYYMMDD.
func parseDate(s string) (int, bool) {
	if len(s) != 6 && len(s) != 8 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, false
	}
	if len(s) == 6 {
		yy := n / 10000
		if yy > 30 {
			n += 19000000
		} else {
			n += 20000000
		}
	}
	m, d := n/100%100, n%100
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, false
	}
	return n, true
}

// phraseKey is a map key for a phrase, exactness and gaps included.
func phraseKey(p Phrase) string {
	var sb strings.Builder
	n := 0
	for _, w := range p {
		n += len(w.Text) + 2
	}
	sb.Grow(n)
	for _, w := range p {
		if w.Gap {
			sb.WriteByte(' ')
		} else {
			sb.WriteByte('_')
		}
		sb.WriteString(w.Text)
		if w.Exact {
			sb.WriteByte('=')
		}
	}
	return sb.String()
}

// phraseString writes a phrase back in dictionary notation, for messages.
func phraseString(p Phrase) string {
	var sb strings.Builder
	for i, w := range p {
		if i > 0 && w.Gap {
			sb.WriteByte(' ')
		}
		sb.WriteString(strings.ToUpper(w.Text))
		if w.Exact {
			sb.WriteByte('_')
		}
	}
	return sb.String()
}
