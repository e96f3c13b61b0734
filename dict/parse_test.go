package dict

import (
	"reflect"
	"strings"
	"testing"
)

// load parses src as a file named "t" of the given kind and returns the set
// and its error messages.
func load(t *testing.T, kind Kind, src string) (*Set, []string) {
	t.Helper()
	s := &Set{}
	if err := s.Load("t", strings.NewReader(src), kind); err != nil {
		t.Fatalf("Load: %v", err)
	}
	var msgs []string
	for _, e := range s.Errors {
		le, ok := e.(*LineError)
		if !ok {
			t.Fatalf("error %v is %T, want *LineError", e, e)
		}
		msgs = append(msgs, le.Error())
	}
	return s, msgs
}

func w(text string, exact, gap bool) Word { return Word{Text: text, Exact: exact, Gap: gap} }

func TestParsePhrase(t *testing.T) {
	tests := []struct {
		in   string
		want Phrase
	}{
		{"ARGENTIN", Phrase{w("argentin", false, false)}},
		{"FORCES_", Phrase{w("forces", true, false)}},
		{"ARMED_FORCES", Phrase{w("armed", true, false), w("forces", false, false)}},
		{"AL GORE", Phrase{w("al", false, false), w("gore", false, true)}},
		{"YUM YENNYEN_", Phrase{w("yum", false, false), w("yennyen", true, true)}},
	}
	for _, tt := range tests {
		got, msg := parsePhrase(tt.in)
		if msg != "" || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parsePhrase(%q) = %+v, %q; want %+v", tt.in, got, msg, tt.want)
		}
	}
}

func TestActors(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		want  []Actor // Pos.File "t" is filled in by the test
		nerrs []string
	}{
		{"inline", "ARGENTIN  [ARG] ;comment\n", []Actor{{Phrases: []Phrase{{w("argentin", false, false)}}, Codes: []DatedCode{{Code: "ARG"}}, Pos: Pos{Line: 1}}}, nil},
		{"compound code", "LORIEN [ELR/GAL]\n", []Actor{{Phrases: []Phrase{{w("lorien", false, false)}}, Codes: []DatedCode{{Code: "ELR/GAL"}}, Pos: Pos{Line: 1}}}, nil},
		{"dated and null", "ALBRIGHT  [USAGOV 991201-010114] [---]\n", []Actor{{Phrases: []Phrase{{w("albright", false, false)}},
			Codes: []DatedCode{{Code: "USAGOV", From: 19991201, To: 20010114}, {Code: "---"}}, Pos: Pos{Line: 1}}}, nil},
		{"open ends", "A [RUSGOV >20120507]\nB [USAGOV <011214]\nC [X < 950601]\n", []Actor{
			{Phrases: []Phrase{{w("a", false, false)}}, Codes: []DatedCode{{Code: "RUSGOV", From: 20120507}}, Pos: Pos{Line: 1}},
			{Phrases: []Phrase{{w("b", false, false)}}, Codes: []DatedCode{{Code: "USAGOV", To: 20011214}}, Pos: Pos{Line: 2}},
			{Phrases: []Phrase{{w("c", false, false)}}, Codes: []DatedCode{{Code: "X", To: 19950601}}, Pos: Pos{Line: 3}},
		}, nil},
		{"petrarch block", "# c\nAFGHANISTAN_  # x\n+AFGHAN_\n\t[AFGELI 270101-730717]\n\t[AFG]\n", []Actor{{
			Phrases: []Phrase{{w("afghanistan", true, false)}, {w("afghan", true, false)}},
			Codes:   []DatedCode{{Code: "AFGELI", From: 19270101, To: 19730717}, {Code: "AFG"}}, Pos: Pos{Line: 2}}}, nil},
		{"names share codes", "BORIS_YELTSIN_\nYELTSIN\n\t[RUSGOV]\n", []Actor{{
			Phrases: []Phrase{{w("boris", true, false), w("yeltsin", true, false)}, {w("yeltsin", false, false)}},
			Codes:   []DatedCode{{Code: "RUSGOV"}}, Pos: Pos{Line: 1}}}, nil},
		{"duplicate", "X [A]\nY [B]\nX [C]\n+Z\nX [D]\n", []Actor{
			{Phrases: []Phrase{{w("x", false, false)}}, Codes: []DatedCode{{Code: "A"}}, Pos: Pos{Line: 1}},
			{Phrases: []Phrase{{w("y", false, false)}}, Codes: []DatedCode{{Code: "B"}}, Pos: Pos{Line: 2}},
		}, []string{"t:3: actor X repeats the one at t:1; the first is kept"}},
		{"bad lines", "A [X 9008223-911221]\nB [ 991201-010114]\nC [X\n\t[Y]\n+S\nD [E//F]\nE [X 730101-720721]\nF [ ]\nG\nH [Q] junk\n", nil, []string{
			`t:1: bad date in "9008223-911221": want YYMMDD or YYYYMMDD`,
			`t:2: code block "[991201-010114]" has a date but no code`,
			`t:3: unclosed [ in "[X"`,
			`t:6: bad actor code "E//F"`,
			`t:7: date range "730101-720721" ends before it starts`,
			`t:8: empty code block []`,
			`t:9: actor G has no code`,
			`t:10: text after a code block: "junk"`,
		}},
		{"orphans", "\t[X]\n+Y\n", nil, []string{"t:1: code line with no actor above", `t:2: synonym "+Y" with no actor above`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, errs := load(t, KindActors, tt.src)
			for i := range tt.want {
				tt.want[i].Pos.File = "t"
			}
			if (len(s.Actors) != 0 || len(tt.want) != 0) && !reflect.DeepEqual(s.Actors, tt.want) {
				t.Errorf("actors\n got %+v\nwant %+v", s.Actors, tt.want)
			}
			if !reflect.DeepEqual(errs, tt.nerrs) {
				t.Errorf("errors\n got %q\nwant %q", errs, tt.nerrs)
			}
		})
	}
}

func TestActorSections(t *testing.T) {
	s, errs := load(t, KindActors, "<NOUN>\nFORCES_ ;x\n</NOUN>\n<ADJECTIVE>\nBAD\n</ADJECTIVE>\nA [B]\n")
	if len(errs) != 0 || len(s.Verbs.Nouns) != 1 || len(s.Verbs.Adjectives) != 1 || len(s.Actors) != 1 {
		t.Fatalf("nouns %v adjectives %v actors %v errors %v", s.Verbs.Nouns, s.Verbs.Adjectives, s.Actors, errs)
	}
}

func TestAgents(t *testing.T) {
	src := `<!-- header -->
!PERSON! = MAN, MEN
POLICE {} [ ~COP] # x
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
HUMAN_RIGHTS_BODY  [NGO~] ;y
CONGRESS!PERSON![~LEG]
ISLAMIC_EXTREMIST
X [~ENV}
Y!NOPE! [~A]
Z [GOV]
!BAD = A
`
	s, errs := load(t, KindAgents, src)
	want := []Agent{
		{Phrases: []Phrase{{w("police", false, false)}}, Code: "COP", NoPlural: true, Pos: Pos{"t", 3}},
		{Phrases: []Phrase{{w("golden", true, false), w("goose", false, false)}, {w("golden", true, false), w("geese", false, false)}}, Code: "GGS", Pos: Pos{"t", 4}},
		{Phrases: []Phrase{{w("human", true, false), w("rights", true, false), w("body", false, false)}}, Code: "NGO", Prefix: true, Pos: Pos{"t", 5}},
		{Phrases: []Phrase{{w("congressman", false, false)}, {w("congressmen", false, false)}}, Code: "LEG", Pos: Pos{"t", 6}},
	}
	if !reflect.DeepEqual(s.Agents, want) {
		t.Errorf("agents\n got %+v\nwant %+v", s.Agents, want)
	}
	wantErrs := []string{
		`t:7: agent "ISLAMIC_EXTREMIST" has no [~CODE]`,
		`t:8: unclosed [ in "[~ENV}"`,
		`t:9: unknown substitution set !NOPE!`,
		`t:10: agent code "[GOV]" has no ~ (want [~GOV] or [NGO~])`,
		`t:11: bad substitution set name "!BAD": want !NAME!`,
	}
	if !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("errors\n got %q\nwant %q", errs, wantErrs)
	}
}

func TestDiscards(t *testing.T) {
	s, errs := load(t, KindDiscards, "# c\nMONTHS LATER\n+ World Golf   # pas\n1914\n+\nA [B]\n")
	want := []Discard{
		{Phrase: Phrase{w("months", false, false), w("later", false, true)}, Pos: Pos{"t", 2}},
		{Phrase: Phrase{w("world", false, false), w("golf", false, true)}, Story: true, Pos: Pos{"t", 3}},
		{Phrase: Phrase{w("1914", false, false)}, Pos: Pos{"t", 4}},
	}
	if !reflect.DeepEqual(s.Discards, want) {
		t.Errorf("discards\n got %+v\nwant %+v", s.Discards, want)
	}
	wantErrs := []string{"t:5: empty phrase", `t:6: discard "A [B]" has brackets: a discard is a plain phrase`}
	if !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("errors\n got %q\nwant %q", errs, wantErrs)
	}
}

func TestOptions(t *testing.T) {
	s, errs := load(t, KindOptions, "// c\nCOMPLEX: VERBS[5] EXPLAIN\nSET: LABEL = TRUE\nLABEL: 010=YIELD\nLABEL: 0211= Appeal for aid \n~~~~~\nnonsense\nLABEL: nothing\n")
	wantCmds := []string{"COMPLEX: VERBS[5] EXPLAIN", "SET: LABEL = TRUE"}
	wantLabels := map[string]string{"010": "YIELD", "0211": "Appeal for aid"}
	if !reflect.DeepEqual(s.Options.Commands, wantCmds) || !reflect.DeepEqual(s.Options.Labels, wantLabels) {
		t.Errorf("got %q %q", s.Options.Commands, s.Options.Labels)
	}
	wantErrs := []string{`t:7: bad option line "nonsense": want COMMAND: arguments`, `t:8: bad label "LABEL: nothing": want LABEL: code= text`}
	if !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("errors\n got %q\nwant %q", errs, wantErrs)
	}
}

func TestAgentExpansionBound(t *testing.T) {
	s, errs := load(t, KindAgents, "!P! = A, B, C, D, E, F, G, H, I, J\nX!P!!P!!P!!P! [~GOV]\n")
	if len(s.Agents) != 0 || len(errs) != 1 || !strings.Contains(errs[0], "expand to more than 1000 phrases") {
		t.Errorf("agents %d, errors %q", len(s.Agents), errs)
	}
}

func TestLatin1(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain ascii", "plain ascii"},
		{"caf\xe9", "café"},                         // Latin-1 é
		{"caf\xc3\xa9 caf\xe9", "café café"},        // UTF-8 kept beside Latin-1
		{"\xff\xc0\xaf", "ÿÀ¯"},                     // bytes that begin no UTF-8 sequence
		{"\xef\xbf\xbd", "\uFFFD"},                  // a real replacement character stays
		{"Pri\xc5\xa1tina \x9a", "Priština \u009a"}, // C1 byte read as its code point
	}
	for _, tt := range tests {
		if got := latin1([]byte(tt.in)); got != tt.want {
			t.Errorf("latin1(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
