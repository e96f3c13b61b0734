package coder

import (
	"fmt"
	"strconv"
	"strings"
)

// What to do with an agent that no actor claims ("police fired ...").
const (
	agentDashes = iota // code it ---COP (PETRARCH, and the default)
	agentTilde         // code it ~COP (TABARI's CONVERT AGENT)
	agentNone          // drop it (TABARI's default)
)

// How many events TABARI's SET: CODE ... commands let a sentence give.
const (
	codeByClause   = iota // the first verb that codes, in each clause (the default)
	codeBySentence        // the first verb that codes in the whole sentence
	codeAll               // every verb that codes
)

// options are the settings of a coding run.
type options struct {
	lonelyAgent  int
	defSource    string // DEFAULT: SOURCE [X]
	defTarget    string // DEFAULT: TARGET [Y]
	defPrior     bool   // DEFAULT: ... PRIOR: the default source beats an actor after the verb
	complexVerbs int    // COMPLEX: VERBS[n], 0 off
	complexConj  int    // COMPLEX: CONJ[n], 0 off
	timeShift    bool
	requireDyad  bool
	newActorLen  int
	minWords     int // SET: MINIMUM WORDS: shorter sentences are not coded
	codeBy       int // SET: CODE BY CLAUSE | CODE BY SENTENCE | CODE ALL
	comma        commaLimits
	tabari       bool // a TABARI options file was loaded: its conventions hold
	// native is Faultline's own coding, on until a TABARI options file or
	// any option line is applied (the field's suites then get the field's
	// conventions): every verb of a clause codes, events may lack an actor,
	// nominal events and agentless passives code, and a speaker with no
	// other verbal event gets a statement (see native.go).
	native bool
}

func defaultOptions() options {
	return options{lonelyAgent: agentDashes, timeShift: true, requireDyad: true, native: true}
}

// SetOption applies one option: a TABARI options line ("SET: TIME SHIFT =
// FALSE", "DEFAULT: SOURCE [X] PRIOR ...", "COMPLEX: ...") or a PETRARCH
// config setting "name=value" (require_dyad=false, new_actor_length=4 ...).
// Settings that do not change coding are accepted and ignored; a line that
// is neither form is an error.
func (c *Coder) SetOption(line string) error {
	line = strings.TrimSpace(line)
	if line == "" {
		return nil
	}
	c.opt.native = false
	if i := strings.IndexByte(line, ':'); i > 0 && isUpperWord(line[:i]) {
		return c.tabariOption(strings.ToUpper(strings.TrimSpace(line[:i])), strings.TrimSpace(line[i+1:]))
	}
	if i := strings.IndexByte(line, '='); i > 0 {
		return c.petrarchOption(strings.ToLower(strings.TrimSpace(line[:i])), strings.TrimSpace(line[i+1:]))
	}
	return fmt.Errorf("option %q: neither a TABARI command nor name=value", line)
}

func isUpperWord(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r == ' ' || r == '_') {
			return false
		}
	}
	return true
}

func (c *Coder) tabariOption(cmd, rest string) error {
	up := strings.ToUpper(rest)
	switch cmd {
	case "SET":
		name, val, ok := strings.Cut(up, "=")
		if !ok {
			switch strings.Join(strings.Fields(up), " ") {
			case "CODE BY CLAUSE":
				c.opt.codeBy = codeByClause
			case "CODE BY SENTENCE":
				c.opt.codeBy = codeBySentence
			case "CODE ALL":
				c.opt.codeBy = codeAll
			}
			return nil
		}
		name, val = strings.Join(strings.Fields(name), " "), strings.TrimSpace(val)
		on := val == "TRUE" || val == "T" || val == "YES" || val == "1"
		switch name {
		case "CONVERT AGENT":
			if on {
				c.opt.lonelyAgent = agentTilde
			} else {
				c.opt.lonelyAgent = agentNone
			}
		case "TIME SHIFT":
			c.opt.timeShift = on
		case "MINIMUM WORDS":
			n, err := strconv.Atoi(strings.Fields(val + " 0")[0])
			if err != nil {
				return fmt.Errorf("MINIMUM WORDS = %s: %w", val, err)
			}
			c.opt.minWords = n
		}
		return nil
	case "DEFAULT":
		if strings.TrimSpace(up) == "OFF" {
			c.opt.defSource, c.opt.defTarget, c.opt.defPrior = "", "", false
			return nil
		}
		if v, ok := bracketAfter(rest, "SOURCE"); ok {
			c.opt.defSource = v
		}
		c.opt.defPrior = strings.Contains(up, "PRIOR")
		if v, ok := bracketAfter(rest, "TARGET"); ok {
			c.opt.defTarget = v
		}
		return nil
	case "COMMA":
		return c.setComma(rest)
	case "COMPLEX":
		c.opt.complexVerbs, c.opt.complexConj = 0, 0
		if v, ok := bracketAfter(rest, "VERBS"); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				return fmt.Errorf("COMPLEX: VERBS[%s]: %w", v, err)
			}
			c.opt.complexVerbs = n
		}
		if v, ok := bracketAfter(rest, "CONJ"); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				return fmt.Errorf("COMPLEX: CONJ[%s]: %w", v, err)
			}
			c.opt.complexConj = n
		}
		return nil
	}
	return nil
}

// bracketAfter returns the text in the brackets that follow keyword.
func bracketAfter(s, keyword string) (string, bool) {
	i := strings.Index(strings.ToUpper(s), keyword)
	if i < 0 {
		return "", false
	}
	rest := s[i+len(keyword):]
	open := strings.IndexByte(rest, '[')
	if open < 0 || strings.TrimSpace(rest[:open]) != "" {
		return "", false
	}
	end := strings.IndexByte(rest, ']')
	if end < open {
		return "", false
	}
	return strings.TrimSpace(rest[open+1 : end]), true
}

func (c *Coder) petrarchOption(name, val string) error {
	b, berr := strconv.ParseBool(strings.ToLower(val))
	switch name {
	case "require_dyad":
		if berr != nil {
			return fmt.Errorf("require_dyad=%s: %w", val, berr)
		}
		c.opt.requireDyad = b
	case "comma_min", "comma_max", "comma_emin", "comma_emax", "comma_bmin", "comma_bmax":
		n, err := strconv.Atoi(val)
		if err != nil {
			return fmt.Errorf("%s=%s: %w", name, val, err)
		}
		l := &c.opt.comma
		*map[string]*int{"comma_min": &l.min, "comma_max": &l.max, "comma_emin": &l.emin,
			"comma_emax": &l.emax, "comma_bmin": &l.bmin, "comma_bmax": &l.bmax}[name] = n
		l.on = l.max > 0 || l.emax > 0 || l.bmax > 0
	case "new_actor_length":
		n, err := strconv.Atoi(val)
		if err != nil {
			return fmt.Errorf("new_actor_length=%s: %w", val, err)
		}
		c.opt.newActorLen = n
	}
	return nil
}
