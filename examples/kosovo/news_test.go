package kosovo_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	faultline "github.com/faultline/faultline"
)

// The generated news: a month of wire copy about northern Kosovo, written
// as an agency files it (dateline, day of the week, attribution), so that
// the scenario goes through the real reader, coder, enrichment and
// placement. The story follows the seed report: quiet talk and patrols,
// then Serb protests against the new ethnic Albanian mayors, then a day of
// clashes in which peacekeepers are injured, then days of violence.

// Days of the story.
const (
	storyStart = "2023-05-01"
	unrestDay  = "2023-05-26" // mayors escorted in; protests and clashes with the police
	clashDay   = "2023-05-29" // protesters clash with KFOR; peacekeepers injured
	violentEnd = "2023-06-02" // last day of continued violence
	historyDay = "2023-05-31" // the background article, when asked for
	storyEnd   = "2023-06-10"
)

// clashInjured is how many peacekeepers the clash report says were injured.
const clashInjured = 30

var (
	northTowns = []string{"Zvečan", "Zubin Potok", "Leposavić", "North Mitrovica"}
	datelines  = map[string]string{
		"Zvečan": "ZVECAN", "Zubin Potok": "ZUBIN POTOK", "Leposavić": "LEPOSAVIC",
		"North Mitrovica": "MITROVICA", "Pristina": "PRISTINA", "Belgrade": "BELGRADE", "Brussels": "BRUSSELS",
	}
)

// story builds the documents of one generated month.
type story struct {
	r    *rand.Rand
	day  time.Time
	n    int
	docs []faultline.Document
}

// file adds one report filed from place on the current day.
func (s *story) file(place, title string, sentences ...string) {
	date := s.day.Format(time.DateOnly)
	s.n++
	head := fmt.Sprintf("%s, Kosovo, %s (Wire) - ", datelines[place], s.day.Format("January 2"))
	if place == "Belgrade" || place == "Brussels" {
		head = fmt.Sprintf("%s, %s (Wire) - ", datelines[place], s.day.Format("January 2"))
	}
	s.docs = append(s.docs, faultline.Document{
		ID: fmt.Sprintf("wire-%s-%d", date, s.n), Date: date, Title: title,
		Text: head + strings.Join(sentences, " ") + "\n",
	})
}

func (s *story) town() string { return northTowns[s.r.IntN(len(northTowns))] }

// weekday is "Monday" .. "Sunday" for the current day, as wire copy dates
// events ("on Monday").
func (s *story) weekday() string { return s.day.Weekday().String() }

// quietDay files the talk of an ordinary day: meetings, statements,
// patrols, now and then a peaceful protest.
func (s *story) quietDay() {
	wd := s.weekday()
	switch s.r.IntN(3) {
	case 0:
		s.file("Pristina", "Kurti meets EU envoy",
			fmt.Sprintf("Kosovo Prime Minister Albin Kurti met European Union envoy Miroslav Lajcak in Pristina on %s to discuss relations with Serbia.", wd),
			"Both sides called the talks constructive.")
	case 1:
		s.file("Brussels", "EU urges Kosovo and Serbia to implement deal",
			fmt.Sprintf("The European Union urged Kosovo and Serbia on %s to carry out the agreement reached in February.", wd))
	case 2:
		s.file("Belgrade", "Vucic says Serbia wants peace",
			fmt.Sprintf("Serbian President Aleksandar Vucic said on %s that Serbia wants peace in Kosovo.", wd))
	}
	t := s.town()
	s.file(t, "KFOR patrols in the north",
		fmt.Sprintf("NATO-led peacekeepers patrolled the main road near %s on %s, a KFOR spokesman said.", t, wd),
		"The situation was calm, he said.")
	if s.r.IntN(4) == 0 {
		s.file("North Mitrovica", "Serbs protest against local elections",
			fmt.Sprintf("Several hundred ethnic Serbs protested peacefully in North Mitrovica on %s against the local elections.", wd))
	}
}

// unrest files the days after the new mayors were escorted in: protests
// and clashes with the Kosovo police, none with the peacekeepers.
func (s *story) unrest() {
	wd := s.weekday()
	s.file("Zvečan", "Serbs clash with police over mayors",
		fmt.Sprintf("Serb protesters clashed with Kosovo police outside the municipal building in Zvečan on %s.", wd),
		fmt.Sprintf("Police fired tear gas at hundreds of Serbs who tried to block the town hall in Leposavić on %s.", wd),
		"Five police officers were slightly injured, a police spokesman said.")
	s.file("North Mitrovica", "Serbs rally in the north",
		fmt.Sprintf("Thousands of ethnic Serbs protested in North Mitrovica on %s against the new ethnic Albanian mayors.", wd))
}

// clash files the day of the clashes with the peacekeepers.
func (s *story) clash() {
	wd := s.weekday()
	s.file("Zvečan", "Peacekeepers injured in clashes in northern Kosovo",
		fmt.Sprintf("Serb protesters clashed with NATO-led KFOR peacekeepers in Zvečan on %s, and %d peacekeepers were injured, NATO said.", wd, clashInjured),
		"Protesters threw rocks, bottles and petrol bombs at the soldiers.",
		fmt.Sprintf("Kosovo police fired tear gas at the crowd in Zvečan on %s.", wd))
}

// incidents are the reports of the days of violence: each names its town,
// and a day's reports name different attackers, targets and towns, as the
// reporting of several days of unrest does.
var incidents = []struct{ town, title, text string }{
	{"Zvečan", "Peacekeepers attacked again", "Serb protesters attacked KFOR peacekeepers in Zvečan again on %s, injuring two soldiers."},
	{"Leposavić", "Police patrol attacked", "Protesters attacked a Kosovo police patrol in Leposavić on %s, injuring one officer."},
	{"North Mitrovica", "Police cars burned", "Unknown attackers set fire to two police vehicles in North Mitrovica on %s."},
	{"Zubin Potok", "Shots fired at police", "Gunmen fired at a Kosovo police patrol near Zubin Potok on %s, police said."},
	{"Zvečan", "Serbs arrested after attack", "Kosovo police arrested four Serbs suspected of attacking the peacekeepers in Zvečan on %s."},
	{"Zubin Potok", "Blast at police station", "An explosive device was thrown at the police station in Zubin Potok on %s."},
	{"Leposavić", "Tear gas in Leposavić", "Police fired tear gas at Serb protesters who blocked the road in Leposavić on %s."},
	{"North Mitrovica", "Journalist beaten", "Masked men beat an ethnic Albanian journalist in North Mitrovica on %s."},
	{"Leposavić", "Stones thrown at KFOR", "Serb protesters threw stones at KFOR vehicles in Leposavić on %s."},
}

// violence files one day (the k-th after the clashes) of continued
// violence in the north: four incident reports.
func (s *story) violence(k int) {
	wd := s.weekday()
	for j := 0; j < 4; j++ {
		in := incidents[(4*k+j)%len(incidents)]
		s.file(in.town, in.title, fmt.Sprintf(in.text, wd))
	}
	if k == 0 {
		s.file("Brussels", "NATO to send more troops",
			fmt.Sprintf("NATO said on %s it would send 700 more troops to Kosovo.", wd),
			"A second battalion will be placed on high alert if the violence continues, NATO said.")
	}
}

// history files the background article: it recalls NATO's 1999 bombing
// campaign and the war, all of it past. Wire copy would also say "About
// 13,000 people were killed in the 1998-99 war", but the coder reads that
// sentence as asserted killing today (see TestBackgroundSentences), which
// fires PeopleKilled; the article leaves it out until the coder reads it.
func (s *story) history() {
	s.file("Pristina", "FACTBOX - NATO in Kosovo",
		"NATO-led peacekeepers have been in Kosovo since 1999.",
		"KFOR was deployed after NATO's 1999 bombing campaign against Serbian forces, which ended the war between Serbian forces and ethnic Albanian guerrillas.",
		"Serbia does not recognise the independence that Kosovo declared in 2008.")
	// The article is an extra: the other reports keep their ids.
	s.n--
	s.docs[len(s.docs)-1].ID = "wire-" + historyDay + "-background"
}

// newsMonth generates the documents from storyStart to storyEnd; with
// history, it adds the background article on historyDay. The same call
// always returns the same documents.
func newsMonth(history bool) []faultline.Document {
	s := &story{r: rand.New(rand.NewPCG(2023, 5))}
	start, _ := time.Parse(time.DateOnly, storyStart)
	end, _ := time.Parse(time.DateOnly, storyEnd)
	clash, _ := time.Parse(time.DateOnly, clashDay)
	for s.day = start; !s.day.After(end); s.day = s.day.AddDate(0, 0, 1) {
		switch d := s.day.Format(time.DateOnly); {
		case d < unrestDay || d > violentEnd:
			s.quietDay()
		case d < clashDay:
			s.unrest()
		case d == clashDay:
			s.clash()
		default:
			s.violence(int(s.day.Sub(clash).Hours()/24) - 1)
		}
		if history && s.day.Format(time.DateOnly) == historyDay {
			s.history()
		}
	}
	return s.docs
}
