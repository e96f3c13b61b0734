package enrich

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// seedDoc reads the Kosovo report from ../shared in place.
func seedDoc(tb testing.TB) faultline.Document {
	tb.Helper()
	path := filepath.Join("..", "..", "shared", "seed", "kosovo-2023.jsonl")
	f, err := os.Open(path)
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("seed report not available under $CI (%v): the test reads ../shared/seed in place", err)
		}
		tb.Skipf("seed report not available (%v): the test reads ../shared/seed in place", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	if !sc.Scan() {
		tb.Fatalf("%s: empty", path)
	}
	var doc faultline.Document
	if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
		tb.Fatalf("%s:1: %v", path, err)
	}
	return doc
}

// handEvent builds the event a coder would give for verb inside phrase,
// as an asserted event dated on the document date.
func handEvent(tb testing.TB, doc faultline.Document, phrase, verb, cameo string) faultline.Event {
	tb.Helper()
	p := strings.Index(doc.Text, phrase)
	v := strings.Index(phrase, verb)
	if p < 0 || v < 0 {
		tb.Fatalf("phrase %q / verb %q not in the seed report", phrase, verb)
	}
	start := p + v
	e := faultline.Event{DocID: doc.ID, Date: doc.Date, CAMEO: cameo, Modality: faultline.Asserted,
		Verb: faultline.Span{Start: start, End: start + len(verb)}}
	for i, s := range text.Sentences(doc.Text) {
		if s.Start <= start && start < s.End {
			e.Sentence, e.Evidence = i, s
		}
	}
	if len(cameo) >= 2 {
		e.Root = cameo[:2]
	}
	return e
}

// TestSeedReport checks the seed report's key facts on events built by hand
// from verbs in its text, independently of what the coder gives.
func TestSeedReport(t *testing.T) {
	doc := seedDoc(t)
	send := handEvent(t, doc, "will send 700 additional peacekeepers", "send", "074")
	injured := handEvent(t, doc, "30 soldiers were injured", "injured", "145")
	alert := handEvent(t, doc, "battalion will be placed", "placed", "154")
	escalates := handEvent(t, doc, "If the situation escalates", "escalates", "190")
	bombing := handEvent(t, doc, "months-long bombardment campaign", "bombardment", "195")
	declared := handEvent(t, doc, "declared the deployment", "declared", "010")
	urged := handEvent(t, doc, "Stoltenberg urged officials", "urged", "025")
	dozens := handEvent(t, doc, "dozens of people were injured", "injured", "145")
	decl2008 := handEvent(t, doc, "2008 saw the unilateral declaration", "declaration", "010")
	boycott := handEvent(t, doc, "boycotted elections", "boycotted", "140")
	evs := []faultline.Event{send, injured, alert, escalates, bombing, declared, urged, dozens, decl2008, boycott}
	Document(doc, evs)
	send, injured, alert, escalates, bombing, declared, urged, dozens, decl2008, boycott =
		evs[0], evs[1], evs[2], evs[3], evs[4], evs[5], evs[6], evs[7], evs[8], evs[9]

	if send.Modality != faultline.Future || send.Quantities[Troops] != 700 || len(send.Quantities) != 1 {
		t.Errorf("will send 700: %s %v, want future with troops=700 only", send.Modality, send.Quantities)
	}
	if injured.Modality != faultline.Asserted || injured.Quantities[Injured] != 30 || len(injured.Quantities) != 1 {
		t.Errorf("30 soldiers were injured: %s %v, want asserted with injured=30 only", injured.Modality, injured.Quantities)
	}
	if alert.Modality != faultline.Hypothetical || escalates.Modality != faultline.Hypothetical {
		t.Errorf("high alert if it escalates: %s / %s, want hypothetical", alert.Modality, escalates.Modality)
	}
	if bombing.Modality != faultline.Historical || bombing.Date != "1999-01-01" {
		t.Errorf("1999 bombardment: %s %s, want historical 1999-01-01", bombing.Modality, bombing.Date)
	}
	if decl2008.Modality != faultline.Historical || decl2008.Date != "2008-01-01" {
		t.Errorf("2008 declaration: %s %s, want historical 2008-01-01", decl2008.Modality, decl2008.Date)
	}
	// The report is dated Tuesday 2023-05-30: by the weekday rule, "on
	// Tuesday" is that same day (the most recent Tuesday on or before it).
	if declared.Date != "2023-05-30" || declared.Modality != faultline.Asserted {
		t.Errorf("declared on Tuesday: %s %s, want asserted 2023-05-30", declared.Date, declared.Modality)
	}
	if urged.Modality != faultline.Asserted || urged.Date != doc.Date || len(urged.Quantities) != 0 {
		t.Errorf("urged: %s %s %v, want asserted on the document date, no counts", urged.Modality, urged.Date, urged.Quantities)
	}
	if dozens.Quantities[Injured] != 24 || dozens.QuantityNotes[Injured] != NoteApprox {
		t.Errorf("dozens injured: %v %v, want 24 approximate", dozens.Quantities, dozens.QuantityNotes)
	}
	if boycott.Modality != faultline.Asserted || len(boycott.Quantities) != 0 {
		t.Errorf("boycott: %s %v, want asserted without counts (4%% is a turnout)", boycott.Modality, boycott.Quantities)
	}
}

// TestSentenceMatchesDocument checks that enriching with the coder's own
// tokens gives what Document gives.
func TestSentenceMatchesDocument(t *testing.T) {
	doc := seedDoc(t)
	for _, x := range []struct{ phrase, verb string }{
		{"will send 700 additional peacekeepers", "send"},
		{"battalion will be placed", "placed"},
		{"months-long bombardment campaign", "bombardment"},
		{"declared the deployment", "declared"},
	} {
		a := []faultline.Event{handEvent(t, doc, x.phrase, x.verb, "010")}
		b := []faultline.Event{a[0]}
		Document(doc, a)
		spans := text.Sentences(doc.Text)
		Sentence(doc, text.Tokens(doc.Text, spans[b[0].Sentence]), b)
		if a[0].Modality != b[0].Modality || a[0].Date != b[0].Date || len(a[0].Quantities) != len(b[0].Quantities) {
			t.Errorf("%q: Document %s %s %v, Sentence %s %s %v", x.phrase,
				a[0].Modality, a[0].Date, a[0].Quantities, b[0].Modality, b[0].Date, b[0].Quantities)
		}
	}
}

func FuzzDocument(f *testing.F) {
	f.Add("If the situation escalates, NATO will send 700 troops on Tuesday.", "2023-05-30", 40, 4)
	f.Add("Dozens of people were injured in 1999, killing at least 12.", "", 20, 8)
	f.Fuzz(func(t *testing.T, s, date string, start, n int) {
		if start < 0 || n <= 0 || start+n > len(s) {
			return
		}
		evs := []faultline.Event{{Verb: faultline.Span{Start: start, End: start + n}, Sentence: -1, Modality: faultline.Asserted}}
		Document(faultline.Document{Text: s, Date: date}, evs)
		switch evs[0].Modality {
		case faultline.Asserted, faultline.Negated, faultline.Future, faultline.Hypothetical, faultline.Historical:
		default:
			t.Fatalf("modality %q", evs[0].Modality)
		}
		for k, v := range evs[0].Quantities {
			if v < 0 {
				t.Fatalf("%s = %d", k, v)
			}
		}
	})
}
