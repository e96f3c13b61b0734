package enrich

import (
	"strings"
	"testing"
	"time"

	faultline "github.com/faultline/faultline"
)

func TestResolveWeekday(t *testing.T) {
	// 2023-05-30 is a Tuesday.
	day, _ := parseDay("2023-05-30")
	for _, c := range []struct {
		wd      time.Weekday
		dir     int
		forward bool
		want    string
	}{
		{time.Tuesday, 0, false, "2023-05-30"}, // the same day: "on Tuesday" in Tuesday's news
		{time.Monday, 0, false, "2023-05-29"},
		{time.Wednesday, 0, false, "2023-05-24"},
		{time.Sunday, 0, false, "2023-05-28"},
		{time.Tuesday, -1, false, "2023-05-23"}, // "last Tuesday"
		{time.Monday, -1, false, "2023-05-29"},
		{time.Tuesday, 1, false, "2023-06-06"},  // "next Tuesday"
		{time.Wednesday, 0, true, "2023-05-31"}, // "will meet on Wednesday"
		{time.Tuesday, 0, true, "2023-05-30"},
	} {
		got, ok := resolve(dateCue{kind: cueWeekday, wd: c.wd, dir: c.dir}, day, true, c.forward)
		if !ok || formatDay(got) != c.want {
			t.Errorf("%v dir %d forward %v: %s, want %s", c.wd, c.dir, c.forward, formatDay(got), c.want)
		}
	}
}

func TestEventDates(t *testing.T) {
	for _, c := range []struct {
		s, date, want string
		mod           faultline.Modality
	}{
		{"During a briefing on Tuesday, Stoltenberg [declared] the deployment.", "2023-05-30", "2023-05-30", faultline.Asserted},
		{"During a briefing on Tuesday, Stoltenberg [declared] the deployment.", "2023-06-01", "2023-05-30", faultline.Asserted},
		{"Police [arrested] 25 protesters yesterday.", "2023-05-30", "2023-05-29", faultline.Asserted},
		{"Police [arrested] 25 protesters last week.", "2023-05-30", "2023-05-23", faultline.Asserted},
		{"Police [arrested] 25 protesters last month.", "2023-03-31", "2023-02-28", faultline.Asserted},
		{"Police [arrested] 25 protesters last month.", "2023-01-15", "2022-12-15", faultline.Asserted},
		{"Police [arrested] 25 protesters three days ago.", "2023-05-30", "2023-05-27", faultline.Asserted},
		{"Police [arrested] 25 protesters on May 26.", "2023-05-30", "2023-05-26", faultline.Asserted},
		{"Police [arrested] 25 protesters on Dec. 28.", "2024-01-02", "2023-12-28", faultline.Asserted},
		{"Police [arrested] 25 protesters on 26 May 2023.", "2023-05-30", "2023-05-26", faultline.Asserted},
		{"Police [arrested] 25 protesters on May 26, 2021.", "2023-05-30", "2021-05-26", faultline.Historical},
		{"Police [arrested] 25 protesters on the 26th of May.", "2023-05-30", "2023-05-26", faultline.Asserted},
		{"Police [arrested] 25 protesters in March.", "2023-05-30", "2023-03-01", faultline.Asserted},
		{"Police [arrested] 25 protesters in 1999.", "2023-05-30", "1999-01-01", faultline.Historical},
		{"Police [arrested] 25 protesters in the 1990s.", "2023-05-30", "1990-01-01", faultline.Historical},
		{"Police [arrested] 25 protesters on 2023-05-26.", "2023-05-30", "2023-05-26", faultline.Asserted},
		{"In 1999, NATO [bombed] Serbia.", "2023-05-30", "1999-01-01", faultline.Historical},
		{"In 1999 NATO [bombed] Serbian positions.", "2023-05-30", "1999-01-01", faultline.Historical},
		{"Since the conflict in 1999, Kosovo has [endured] unrest.", "2023-05-30", "1999-01-01", faultline.Historical},
		{"After the war ended in 1999, NATO [sent] troops on Tuesday.", "2023-05-30", "2023-05-30", faultline.Asserted},
		{"NATO [sent] troops, which it had withdrawn in 1999.", "2023-05-30", "2023-05-30", faultline.Asserted},
		{"Ministers will [meet] on Friday.", "2023-05-30", "2023-06-02", faultline.Future},
		{"Ministers will [meet] tomorrow.", "2023-05-30", "2023-05-31", faultline.Future},
		{"Ministers [met] in May.", "2023-05-30", "2023-05-01", faultline.Asserted},
		{"2000 protesters [marched] in Pristina.", "2023-05-30", "2023-05-30", faultline.Asserted},
		{"Security Council Resolution 1999 was [adopted].", "2023-05-30", "2023-05-30", faultline.Asserted},
		{"Serbs may [protest] on Monday.", "2023-05-30", "2023-05-29", faultline.Hypothetical},
		// A month inside the subject's noun phrase dates the noun, not the verb.
		{"Local elections in April were [boycotted] by Serb voters.", "2025-09-02", "2025-09-02", faultline.Asserted},
		{"Protests in March [turned] violent on Tuesday.", "2023-05-30", "2023-05-30", faultline.Asserted},
		{"In April, Serb voters [boycotted] the elections.", "2025-09-02", "2025-04-01", faultline.Asserted},
		{"Elections will [take] place in April.", "2025-09-02", "2026-04-01", faultline.Future},
		// Spans of years are history, dated to their first year.
		{"Some 8,000 men were [killed] in the 1992-95 conflict.", "2023-05-30", "1992-01-01", faultline.Historical},
		{"Some 8,000 men were [killed] in the 1992–95 conflict.", "2023-05-30", "1992-01-01", faultline.Historical},
		{"Rebels [held] the valley in the 2003-2005 insurgency.", "2023-05-30", "2003-01-01", faultline.Historical},
		{"Rebels [held] the valley between 2003 and 2005.", "2023-05-30", "2003-01-01", faultline.Historical},
		{"Between 2003 and 2005, rebels [held] the valley.", "2023-05-30", "2003-01-01", faultline.Historical},
		{"Rebels [held] the valley from 2003 to 2005.", "2023-05-30", "2003-01-01", faultline.Historical},
		{"The 2010/11 [offensive] displaced thousands.", "2023-05-30", "2010-01-01", faultline.Historical},
		{"Rebels [seized] the town in the war of 2004.", "2023-05-30", "2004-01-01", faultline.Historical},
		{"Troops [shelled] border villages throughout the 1980s.", "2023-05-30", "1980-01-01", faultline.Historical},
		// A year before a nominal event, even after a possessive and with
		// people named after a preposition.
		{"The alliance's 2011 air [strikes] against Libyan forces ended the siege.", "2023-05-30", "2011-01-01", faultline.Historical},
		{"Peace returned after the army's 2004 [offensive] against Tamil rebels.", "2023-05-30", "2004-01-01", faultline.Historical},
		// Counts stay counts.
		{"2000 Serbs [protested] in Zvecan against the mayors.", "2023-05-30", "2023-05-30", faultline.Asserted},
		{"Police [detained] 1998 protesters in the capital.", "2023-05-30", "2023-05-30", faultline.Asserted},
		{"Police [dispersed] the 2000 protesters outside parliament.", "2023-05-30", "2023-05-30", faultline.Asserted},
		// Without a document date only a full date gives one.
		{"Police [arrested] 25 protesters on Tuesday.", "", "", faultline.Asserted},
		{"Police [arrested] 25 protesters on May 26, 2021.", "", "2021-05-26", faultline.Asserted},
		{"Police [arrested] 25 protesters in 1999.", "", "1999-01-01", faultline.Asserted},
	} {
		got := enrichOne(t, c.s, c.date, "")
		if got.Date != c.want || got.Modality != c.mod {
			t.Errorf("%q on %q: %q %s, want %q %s", c.s, c.date, got.Date, got.Modality, c.want, c.mod)
		}
	}
}

func TestFormatDay(t *testing.T) {
	for _, s := range []string{"2023-05-30", "0999-01-01", "1999-12-31"} {
		d, ok := parseDay(s)
		if !ok || formatDay(d) != s {
			t.Errorf("%s: round trip gives %q", s, formatDay(d))
		}
	}
	if _, ok := parseDay("2023-5-30"); ok {
		t.Error("parseDay accepted 2023-5-30")
	}
}

func TestYearRange(t *testing.T) {
	for _, c := range []struct {
		w    string
		want int
		ok   bool
	}{
		{"1998-99", 1998, true},
		{"1992-1995", 1992, true},
		{"1998/99", 1998, true},
		{"1999-00", 1999, true},
		{"1999-05", 1999, true}, // 1999 to 2005
		{"1995-1992", 0, false},
		{"1995-2200", 0, false},
		{"1234-56", 0, false},
		{"2023-05-26", 0, false},
		{"12-1999", 0, false},
	} {
		got, ok := yearRange(c.w)
		if ok != c.ok || ok && got != c.want {
			t.Errorf("yearRange(%q) = %d, %v; want %d, %v", c.w, got, ok, c.want, c.ok)
		}
	}
}

// TestClauseSharesDate: every event of one clause takes the day its cue
// gives, whichever verb the cue stands nearer or belongs to.
func TestClauseSharesDate(t *testing.T) {
	for _, c := range []struct {
		s          string
		v1, v2     string
		cameo1, c2 string
		want       string
	}{
		{"Local elections in April were boycotted by Serbs who attacked police on Monday.", "boycotted", "attacked", "", "", "2023-05-29"},
		{"On Monday, Serb protesters blocked the road and attacked KFOR troops.", "blocked", "attacked", "", "", "2023-05-29"},
		{"Protesters on Monday blocked the road and attacked police.", "blocked", "attacked", "", "", "2023-05-29"},
	} {
		doc := faultline.Document{ID: "t", Text: c.s, Date: "2023-05-30"}
		ev := func(v, cameo string) faultline.Event {
			a := strings.Index(c.s, v)
			return faultline.Event{DocID: "t", Date: doc.Date, CAMEO: cameo, Modality: faultline.Asserted,
				Verb: faultline.Span{Start: a, End: a + len(v)}}
		}
		evs := []faultline.Event{ev(c.v1, c.cameo1), ev(c.v2, c.c2)}
		if k := strings.Index(c.s, "Protesters"); k == 0 {
			evs[0].Source = faultline.ActorRef{Code: "SRBCVL", Text: "Protesters", Start: 0, End: 10}
		}
		Document(doc, evs)
		if c.v1 == "boycotted" {
			// Different clauses: the relative clause's day is its own.
			if evs[1].Date != c.want || evs[0].Date != "2023-05-30" {
				t.Errorf("%q: dates %s, %s", c.s, evs[0].Date, evs[1].Date)
			}
			continue
		}
		if evs[0].Date != c.want || evs[1].Date != c.want {
			t.Errorf("%q: dates %s, %s; want both %s", c.s, evs[0].Date, evs[1].Date, c.want)
		}
	}
}
