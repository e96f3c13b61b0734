package validate

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

const tabariSample = `######
# header comment
######

950101  ONE
Arnor restored ties with Gondor.
/*\n---
\n[prose with {} braces]
\n{ ARN / GON / 064 } 950102
\n{GON/ARN/033}  (RECEIVE) */

950101 OPT
Settings record text.
/*\n{ OPTION: SET: TIME SHIFT = TRUE }
\n{ OPTION: SET: MINIMUM WORDS = 4  */

19950101 TWO
First line/* inline
comment { --- } */ and more
text.

950101  SKIP
Text.
/* \n-{ ARN / GON / 064 } */

950101  OPEN
Text of open.
/* \n{ +++ } /*

950101  AFTER
After text.
/* {###} */

990101  FINAL-01
` + finalText + `, so the records after it are not read.

950101  NEVER
Not read.
/* {---} */
`

func TestParseTABARIText(t *testing.T) {
	recs, warns, err := parseTABARIText("v.text", strings.NewReader(tabariSample))
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{
		{ID: "ONE", Date: "1995-01-01", RawDate: "950101", Text: "Arnor restored ties with Gondor.", Line: 5,
			Want: []Expected{{"ARN", "GON", "064", "1995-01-02"}, {"GON", "ARN", "033", ""}}},
		{ID: "OPT", Date: "1995-01-01", RawDate: "950101", Text: "Settings record text.", Line: 12,
			Options: []string{"SET: TIME SHIFT = TRUE", "SET: MINIMUM WORDS = 4"}, SkipCheck: true, SkipWhy: "states no expected coding (a settings record)"},
		{ID: "TWO", Date: "1995-01-01", RawDate: "19950101", Text: "First line and more text.", Line: 17, NoEvents: true},
		{ID: "SKIP", Date: "1995-01-01", RawDate: "950101", Text: "Text.", Line: 22,
			Want: []Expected{{"ARN", "GON", "064", ""}}, SkipCheck: true, SkipWhy: "check deactivated in the suite (-{)"},
		{ID: "OPEN", Date: "1995-01-01", RawDate: "950101", Text: "Text of open.", Line: 26, Complex: true},
		{ID: "AFTER", Date: "1995-01-01", RawDate: "950101", Text: "After text.", Line: 30, Discard: true},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("records\n%+v\nwant\n%+v", recs, want)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "v.text:26: record OPEN: comment not closed") {
		t.Errorf("warnings %q", warns)
	}
}

func TestTABARIDate(t *testing.T) {
	for in, want := range map[string]string{
		"950101": "1995-01-01", "000101": "2000-01-01", "300101": "2030-01-01", "310101": "1931-01-01",
		"20150607": "2015-06-07", "9501201": "1995-01-20", "186010029": "", "951301": "", "9501": "", "95a101": "",
	} {
		if got := tabariDate(in); got != want {
			t.Errorf("tabariDate(%q) = %q, want %q", in, got, want)
		}
	}
}

const petrarchSample = `<Validation>
<!-- a comment <Sentence> -->
<Environment>
    <Verbfile>v.txt</Verbfile>
    <Actorfile>a1.txt, a2.txt</Actorfile>
    <Include>SAMPLE fault</Include>
    <Pause>Halt</Pause>
    <Config option="verbose_log" value="Yes"></Config>
</Environment>
<Sentences>
<Config option="comma_bmin" value="2"></Config>
<Sentence date="19950101" id="D-1" category="SAMPLE" sentence="true">
<EventCoding sourcecode='"NEW ACTOR"' targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="033"></EventCoding>
<Config option="new_actor_length" value="4"></Config>
<Text>
Arnor is
  about to.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date = "19950102" id ="D-2" category="SAMPLE" sentence="false">
<EventCoding noevents = "True"></EventCoding>
<Text>x</Text>
</Sentence>
<Sentence date="2008" id="E-1" category="FAULT" sentence="true">
<EventCoding error="storydiscard"></EventCoding>
<EventCoding error="dateline"></EventCoding>
<Text>y</Text>
</Sentence>
<Sentence date="19950101" id="X-1" category="OTHER" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text>z</Text>
</Sentence>
<Stop></Stop>
<Sentence date="19950101" id="AFTER-STOP" category="SAMPLE" sentence="true"><Text>v</Text></Sentence>
<Halt></Halt>
<Sentence date="19950101" id="NEVER" category="SAMPLE" sentence="true"><Text>w</Text></Sentence>
</Sentences>
</Validation>
`

func TestParsePETRARCH(t *testing.T) {
	s, dicts, err := parsePETRARCH("u.xml", strings.NewReader(petrarchSample))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(dicts, []string{"v.txt", "a1.txt", "a2.txt"}) {
		t.Errorf("dicts %q", dicts)
	}
	if !reflect.DeepEqual(s.Options, []string{"verbose_log=Yes"}) {
		t.Errorf("options %q", s.Options)
	}
	want := []Record{
		{ID: "D-1", Date: "1995-01-01", RawDate: "19950101", Text: "Arnor is about to.", Line: 12,
			Want:      []Expected{{`"NEW ACTOR"`, "GON", "064", ""}, {"GON", "ARN", "033", ""}},
			Options:   []string{"comma_bmin=2"},
			Overrides: []string{"new_actor_length=4"}},
		{ID: "D-2", Date: "1995-01-02", RawDate: "19950102", Text: "x", Line: 22, NoEvents: true,
			SkipCheck: true, SkipWhy: `sentence="false": not implemented in PETRARCH`},
		{ID: "E-1", RawDate: "2008", Text: "y", Line: 26, Discard: true, Error: "dateline"},
		{ID: "X-1", Date: "1995-01-01", RawDate: "19950101", Text: "z", Line: 31, NoEvents: true,
			SkipCheck: true, SkipWhy: `category "OTHER" not in <Include>`},
		{ID: "AFTER-STOP", Date: "1995-01-01", RawDate: "19950101", Text: "v", Line: 36,
			SkipCheck: true, SkipWhy: "states no expected coding"}, // <Stop> is not the tag <Pause> names
	}
	if !reflect.DeepEqual(s.Records, want) {
		t.Errorf("records\n%+v\nwant\n%+v", s.Records, want)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "u.xml:26: sentence E-1: bad date") {
		t.Errorf("warnings %q", s.Warnings)
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]string{
		"<?xml version=\"1.0\"?>\n<Validation>": "petrarch",
		"\n<Validation>":                        "petrarch",
		"Title line\n<actorsfile> x":            "project",
		"#####\n950101 ID\ntext":                "tabari",
		"":                                      "tabari",
	} {
		if got := sniff([]byte(in)); got != want {
			t.Errorf("sniff(%q) = %s, want %s", in, got, want)
		}
	}
}

func FuzzTABARIText(f *testing.F) {
	f.Add(tabariSample)
	f.Add("950101 A\ntext /* {---} */\n")
	f.Add("950101 A\n/* { OPTION: X\n\n950102 B\n/*{ A / B / C } 9501*/")
	f.Add("950101 A\n/*-{")
	f.Fuzz(func(t *testing.T, in string) {
		recs, _, err := parseTABARIText("fuzz", strings.NewReader(in))
		if err != nil {
			return
		}
		for _, r := range recs {
			if r.ID == "" || r.Line < 1 {
				t.Fatalf("record without ID or line: %+v", r)
			}
		}
	})
}

func FuzzPETRARCHXML(f *testing.F) {
	f.Add(petrarchSample)
	f.Add(`<Validation><Environment></Environment><Sentences><Sentence id="a" date="x"><EventCoding/></Sentence></Sentences></Validation>`)
	f.Add(`<Validation><Config option="" value=""/><Sentence><Config/></Sentence>`)
	f.Add(`<Validation><Environment><Pause>Sentence</Pause></Environment><Sentence/>`)
	f.Fuzz(func(t *testing.T, in string) {
		s, _, err := parsePETRARCH("fuzz", bytes.NewReader([]byte(in)))
		if err == nil && s == nil {
			t.Fatal("nil suite without error")
		}
	})
}

func BenchmarkParseTABARIText(b *testing.B) {
	big := strings.Repeat(tabariSample[:strings.Index(tabariSample, "990101")], 50)
	b.SetBytes(int64(len(big)))
	for b.Loop() {
		if _, _, err := parseTABARIText("bench", strings.NewReader(big)); err != nil {
			b.Fatal(err)
		}
	}
}
