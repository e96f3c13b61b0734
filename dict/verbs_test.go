package dict

import (
	"reflect"
	"testing"
)

func we(text string, exact, gap bool) Elem {
	return Elem{Kind: ElemWord, Word: Word{Text: text, Exact: exact, Gap: gap}, Gap: gap}
}

func TestParsePattern(t *testing.T) {
	verb, src, tgt := Elem{Kind: ElemVerb}, Elem{Kind: ElemSource}, Elem{Kind: ElemTarget}
	gapped := func(e Elem) Elem { e.Gap = true; return e }
	tests := []struct {
		in   string
		want []Elem
		p2   bool
		msg  string
	}{
		{"$ * + IN_ CLASHES", []Elem{src, gapped(verb), gapped(tgt), we("in", true, true), we("clashes", false, true)}, false, ""},
		{"*_AND_KILLED BY_ $", []Elem{verb, we("and", true, false), we("killed", false, false), we("by", true, true), gapped(src)}, false, ""},
		{"^ % * &TIETYPES_RELATIONS", []Elem{{Kind: ElemSkip}, gapped(Elem{Kind: ElemCompound}), gapped(verb),
			{Kind: ElemSynset, Name: "tietypes", Gap: true}, we("relations", false, false)}, false, ""},
		{"DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS", []Elem{we("demand", true, false),
			{Kind: ElemAlt, Alts: []Phrase{{w("geneva", true, false)}, {w("international", false, false)}}},
			we("conventions", false, false)}, false, ""},
		{"* (TO {BANNED PARTIES}) $", []Elem{verb, we("to", false, true),
			{Kind: ElemAlt, Gap: true, Alts: []Phrase{{w("banned", false, false), w("parties", false, true)}}}, gapped(src)}, true, ""},
		{"+ { WAS | WERE ] * BY_ $", nil, false, `unclosed { in pattern "+ { WAS | WERE ] * BY_ $"`},
		{"* FIRE }", nil, false, `stray } in pattern "* FIRE }"`},
		{"* { A | }", nil, false, `empty alternative in "* { A | }"`},
		{"* & X", nil, false, `& without a synset name in "* & X"`},
		{"  ", nil, false, "empty pattern"},
	}
	for _, tt := range tests {
		got, p2, msg := parsePattern(tt.in)
		if !reflect.DeepEqual(got, tt.want) || p2 != tt.p2 || msg != tt.msg {
			t.Errorf("parsePattern(%q)\n got %+v %v %q\nwant %+v %v %q", tt.in, got, p2, msg, tt.want, tt.p2, tt.msg)
		}
	}
}

func TestEventCode(t *testing.T) {
	tests := []struct {
		in, code, code2 string
		null            bool
		msg             string
	}{
		{"190", "190", "", false, ""},
		{"036:036", "036", "036", false, ""},
		{":173", "", "173", false, ""},
		{"---", "", "", true, ""},
		{"- - -", "", "", true, ""},
		{"075A", "075A", "", false, ""},
		{"sdf", "sdf", "", false, ""},
		{"", "", "", false, "empty code []"},
		{"12 3", "", "", false, "code [12 3] has spaces"},
		{"12:", "", "", false, "bad paired code [12:]: want [c1:c2]"},
	}
	for _, tt := range tests {
		c, c2, null, msg := parseEventCode(tt.in)
		if c != tt.code || c2 != tt.code2 || null != tt.null || msg != tt.msg {
			t.Errorf("parseEventCode(%q) = %q %q %v %q", tt.in, c, c2, null, msg)
		}
	}
}

func TestTabariVerbs(t *testing.T) {
	src := `<SYNSETS>
&TIETYPES
+MILITARY
+ECONOMIC_TIES
BOGUS
</SYNSETS>
<TIME>
LAST_WEEK [-7]
TOMORROW [+1]
- * AND TOMORROW [+3]
KAN_WA_MA_KAN [###]
WHEN_PEACE_COMES [+++]
FOREVER [- - -]
SOON [x]
</TIME>
<NOUN>
FORCES_
</NOUN>
DESERT  [---] ;km 09 Feb 2021
- SAID + SHOULD * STRATEGY  [100] ;km
- * INVITATION  [036:036]
BREAK_ [1717]
{ BROKE_ BROKEN_DOWN_ }
- * [
- * NOCODE
BURN DOWN  [222]
~~FINISH 16:10
IGNORED [1]
`
	s, errs := load(t, KindVerbs, src)
	wantErrs := []string{
		`t:5: line in <SYNSETS> is neither &NAME nor +phrase: "BOGUS"`,
		"t:14: bad time shift [x]: want [-7], [+1], [###], [+++] or [---]",
		`t:24: unclosed [ in "["`,
		`t:25: pattern "- * NOCODE" needs one [code] at the end`,
	}
	if !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("errors\n got %q\nwant %q", errs, wantErrs)
	}
	v := s.Verbs
	if len(v.Synsets) != 1 || v.Synsets[0].Name != "tietypes" || len(v.Synsets[0].Phrases) != 2 {
		t.Errorf("synsets %+v", v.Synsets)
	}
	if len(v.Times) != 6 || v.Times[0].Days != -7 || v.Times[2].Days != 3 || v.Times[2].Pattern == nil ||
		!reflect.DeepEqual(v.Times[2].Phrase, v.Times[1].Phrase) || !v.Times[3].Skip || !v.Times[4].Future || !v.Times[5].Null {
		t.Errorf("times %+v", v.Times)
	}
	if len(v.Nouns) != 1 {
		t.Errorf("nouns %+v", v.Nouns)
	}
	if len(v.Verbs) != 3 {
		t.Fatalf("verbs %+v", v.Verbs)
	}
	ab, br, bd := v.Verbs[0], v.Verbs[1], v.Verbs[2]
	if !ab.Null || ab.Code != "" || len(ab.Patterns) != 2 || ab.Patterns[0].Code != "100" ||
		ab.Patterns[1].Code2 != "036" || ab.Patterns[0].Pos != (Pos{"t", 20}) {
		t.Errorf("DESERT %+v", ab)
	}
	if br.Code != "1717" || len(br.Phrases) != 3 || !br.Phrases[0][0].Exact || len(br.Phrases[2]) != 2 {
		t.Errorf("BREAK %+v", br)
	}
	if len(bd.Phrases[0]) != 2 || !bd.Phrases[0][1].Gap {
		t.Errorf("BURN DOWN %+v", bd)
	}
}

func TestPetrarchVerbs(t *testing.T) {
	src := `# comment
&AUXVERB1_
+WAS
+&OTHER_THING

--- EXPLAIN_VERBAL [010]  ---
EXPLAIN
SAY  {SAYS SAID SAYING}  # oy
+CLEAR_UP {+CLEARED_UP}
EXPRESS [0110]
- * REGRET [0125]  # X
-- + HAVE * BATTLES IN + [190]
--- DEFEND  ###
DEFEND
- * + [051]
---  DISGRACE   [110]---  ---
DEBASE
--- DELAY [120]  [031:031]  ---
- STRAY [1]
`
	s, errs := load(t, KindVerbs, src)
	wantErrs := []string{
		`t:18: group header "--- DELAY [120]  [031:031]  ---" has more than one code; the first is used`,
		"t:18: group DELAY has patterns but no verb",
	}
	if !reflect.DeepEqual(errs, wantErrs) {
		t.Errorf("errors\n got %q\nwant %q", errs, wantErrs)
	}
	v := s.Verbs
	if len(v.Synsets) != 1 || v.Synsets[0].Name != "auxverb1" || v.Synsets[0].Phrases[1][0].Text != "&other" {
		t.Errorf("synsets %+v", v.Synsets)
	}
	if got := v.NumPatterns(); got != 3 {
		t.Errorf("NumPatterns = %d, want 3", got)
	}
	byName := map[string]Verb{}
	for _, vb := range v.Verbs {
		byName[phraseString(vb.Phrases[0])] = vb
	}
	if len(byName) != 6 {
		t.Fatalf("verbs %v", byName)
	}
	if e := byName["EXPLAIN"]; e.Code != "010" || e.Group != "EXPLAIN_VERBAL" || len(e.Patterns) != 2 {
		t.Errorf("EXPLAIN %+v", e)
	}
	if e := byName["EXPRESS"]; e.Code != "0110" || len(e.Patterns) != 2 {
		t.Errorf("EXPRESS %+v", e)
	}
	if e := byName["SAY"]; len(e.Phrases) != 4 || e.Code != "010" {
		t.Errorf("SAY %+v", e)
	}
	if e := byName["CLEAR_UP"]; len(e.Phrases) != 2 || len(e.Phrases[0]) != 2 {
		t.Errorf("CLEAR_UP %+v", e)
	}
	if e := byName["DEFEND"]; e.Code != "" || e.Group != "DEFEND" || len(e.Patterns) != 1 {
		t.Errorf("DEFEND %+v", e)
	}
	if e := byName["DEBASE"]; e.Code != "110" || e.Group != "DISGRACE" {
		t.Errorf("DEBASE %+v", e)
	}
	// The group's shared slice must be capped: appending copies.
	e := byName["EXPLAIN"]
	_ = append(e.Patterns, Pattern{Code: "x"})
	if byName["SAY"].Patterns[:cap(byName["SAY"].Patterns)][len(byName["SAY"].Patterns)-1].Code == "x" {
		t.Error("appending to one verb's patterns changed another's")
	}
}

func TestPetrarch2Summary(t *testing.T) {
	src := "--- ADD [---] ---\nADD\n- * (TO LIST) (OF {BANNED PARTIES}) [1722]\n- * (BEFORE COURT) [:173]\n- * SANCTIONS [163]\n"
	s, errs := load(t, KindVerbs2, src)
	want := []string{"t:3: 2 patterns use PETRARCH-2 phrase groups: ( ) groups are read as plain words and { } noun phrases as one-phrase alternatives, so their parse-tree constraints are lost (reported once for the file)"}
	if !reflect.DeepEqual(errs, want) {
		t.Errorf("errors\n got %q\nwant %q", errs, want)
	}
	if n := s.Verbs.NumPatterns(); n != 3 || !s.Verbs.Verbs[0].Null {
		t.Errorf("patterns %d, verb %+v", n, s.Verbs.Verbs[0])
	}
}
