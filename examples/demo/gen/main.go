//go:build ignore

// Command gen writes documents.jsonl: a month of short wire reports about a
// fictional crisis in northern Kosovo (September 2025), escalating from a
// municipal dispute to protests, attacks on peacekeepers and a death, then
// easing with talks. The events are invented; places and institutions are
// real so that the dictionaries and the gazetteer know them. No person is
// named. The output depends on the seed only: reruns write the same bytes.
//
//	cd examples/demo && go run gen/main.go > documents.jsonl
package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"time"
)

type doc struct {
	ID     string `json:"id"`
	Date   string `json:"date"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Text   string `json:"text"`
}

// phase is a stretch of days with its kinds of reports.
type phase struct {
	from, to  int // day of month, inclusive
	perDay    [2]int
	templates []string
}

var towns = []string{"Zvecan", "Leposavic", "Zubin Potok", "North Mitrovica"}
var outlets = []string{"Balkan Wire", "Adriatic Press Service", "Northern Monitor", "Danube News Agency"}

// Templates: {town} a northern town, {n} a small count, {big} a crowd,
// {inj} injured, {weekday} the day's name, {DATELINE} the dateline.
var phases = []phase{
	{1, 7, [2]int{2, 3}, []string{
		"{DATELINE} - The Kosovo government sent special police units to the municipal building in {town} on {weekday}. Serbian officials criticised the deployment as a provocation.",
		"{DATELINE} - The European Union urged Kosovo and Serbia to show restraint after a dispute over the mayor's office in {town}. The EU said both sides should return to dialogue.",
		"{DATELINE} - About {big} Kosovo Serb residents protested peacefully outside the municipal building in {town} on {weekday}, demanding the withdrawal of Kosovo police.",
		"{DATELINE} - The Serbian government accused Kosovo of violating the rights of Serbs in {town}. Kosovo's foreign ministry rejected the accusation.",
		"{DATELINE} - KFOR peacekeepers increased patrols around {town} on {weekday}. NATO said the force was monitoring the situation closely.",
	}},
	{8, 14, [2]int{3, 4}, []string{
		"{DATELINE} - Kosovo Serb protesters blocked the main road to {town} with trucks on {weekday}. Kosovo police said traffic to the border crossing had stopped.",
		"{DATELINE} - Kosovo police arrested {n} men in {town} on {weekday} after protesters threw stones at police vehicles.",
		"{DATELINE} - Serbia put its army on high alert near the border with Kosovo on {weekday}. The Serbian defence ministry said troops were moved closer to the boundary line.",
		"{DATELINE} - NATO urged Serbia and Kosovo to de-escalate immediately. The alliance called on both governments to avoid unilateral steps in the north.",
		"{DATELINE} - Hundreds of Kosovo Serbs demonstrated in {town} on {weekday}. Protesters demanded that Kosovo police leave the town.",
		"{DATELINE} - Kosovo's prime minister accused Serbia of organising the protests in {town}. Belgrade denied any involvement.",
	}},
	{15, 20, [2]int{7, 9}, []string{
		"{DATELINE} - Kosovo Serb protesters attacked KFOR peacekeepers in {town} on {weekday}, injuring {inj} soldiers. Protesters threw stones and petrol bombs at the troops.",
		"{DATELINE} - Protesters clashed with KFOR troops outside the municipal building in {town}. NATO said {inj} peacekeepers were injured, some of them seriously.",
		"{DATELINE} - Kosovo police fired tear gas at protesters in {town} on {weekday}. Police said {n} officers were injured by stones.",
		"{DATELINE} - NATO condemned the attacks on KFOR peacekeepers in {town} as unacceptable. The alliance said it would deploy 700 more troops to Kosovo.",
		"{DATELINE} - Russia accused NATO of supporting Kosovo against Serbs in the north. The Russian foreign ministry criticised the deployment of more troops.",
		"{DATELINE} - Gunmen attacked a Kosovo police patrol near {town} on {weekday}, killing one officer. Kosovo police said the attackers fled towards the border.",
		"{DATELINE} - Kosovo police arrested {n} suspects in {town} after the attack on KFOR troops. Police seized weapons and explosives.",
		"{DATELINE} - A hand grenade was thrown at a Kosovo police station in {town} overnight. Serb gunmen fired on the building and wounded {n} police officers.",
		"{DATELINE} - Serbian troops moved armoured vehicles to the boundary with Kosovo on {weekday}. Serbia threatened to send the army into the north if Serbs were attacked.",
		"{DATELINE} - Thousands of Serbs demonstrated against KFOR in {town} on {weekday}. Protesters blocked the roads around the KFOR base.",
		"{DATELINE} - KFOR troops fought with armed men near {town} on {weekday}. NATO said its soldiers returned fire.",
		"{DATELINE} - The Kosovo government closed the border crossings with Serbia on {weekday}. Serbia condemned the closure.",
	}},
	{21, 30, [2]int{2, 3}, []string{
		"{DATELINE} - The European Union envoy met Kosovo and Serbian negotiators in Brussels on {weekday}. Both sides agreed to resume talks on the north.",
		"{DATELINE} - Serbia withdrew troops from the border with Kosovo on {weekday}. The Serbian defence ministry said the army had returned to normal readiness.",
		"{DATELINE} - KFOR peacekeepers removed the road blocks in {town} on {weekday}. Protesters left the area peacefully.",
		"{DATELINE} - NATO praised Kosovo and Serbia for agreeing to new talks. The alliance said calm had returned to {town}.",
		"{DATELINE} - Kosovo Serb protesters threw stones at Kosovo police in {town} late on {weekday}, injuring {n} officers. The incident was the first in several days.",
		"{DATELINE} - The Kosovo government agreed to reduce the police presence in {town}. The EU welcomed the decision.",
	}},
}

// background are sentences of context a report adds after its lead; they
// also keep reports of one template apart, as real reports are.
var background = []string{
	"The north of Kosovo is home to about 50,000 Serbs who reject the authority of the government in Pristina.",
	"Local elections in April were boycotted by most Serb voters, and turnout was under 4 percent.",
	"The KFOR mission has about 4,500 soldiers in the country.",
	"Shops in the town centre stayed closed and schools cancelled classes for the day.",
	"Residents said they feared further unrest in the coming days.",
	"Traffic at the Jarinje crossing was slow throughout the day, drivers said.",
	"Local journalists reported a heavy police presence on the main bridge over the Ibar river.",
	"Serbia does not recognise the independence that Kosovo declared in 2008.",
	"Diplomats in Pristina described the situation as the most serious in years.",
	"Witnesses said helicopters flew over the area during the afternoon.",
	"A local priest called on residents to stay calm and to keep their children at home.",
	"Many families in the area depend on salaries paid by Belgrade.",
	"The municipal buildings have been a focus of anger since the new mayors took office.",
	"Petrol stations near the boundary line ran short of fuel by the evening.",
}

func main() {
	r := rand.New(rand.NewPCG(2025, 9))
	start := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC)
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	n := 0
	for _, ph := range phases {
		for day := ph.from; day <= ph.to; day++ {
			t := start.AddDate(0, 0, day-1)
			count := ph.perDay[0] + r.IntN(ph.perDay[1]-ph.perDay[0]+1)
			used := map[int]bool{}
			for k := 0; k < count; k++ {
				i := r.IntN(len(ph.templates))
				for used[i] {
					i = (i + 1) % len(ph.templates)
				}
				used[i] = true
				town := towns[r.IntN(len(towns))]
				dateline := strings.ToUpper(town)
				if strings.Contains(ph.templates[i], "Brussels") {
					dateline = "BRUSSELS"
				}
				text := strings.NewReplacer(
					"{DATELINE}", fmt.Sprintf("%s, %s %d", dateline, t.Format("Jan"), t.Day()),
					"{town}", town,
					"{n}", fmt.Sprint(2+r.IntN(6)),
					"{big}", fmt.Sprint(100*(2+r.IntN(8))),
					"{inj}", fmt.Sprint(8+r.IntN(20)),
					"{weekday}", t.Weekday().String(),
				).Replace(ph.templates[i])
				b1 := r.IntN(len(background))
				b2 := (b1 + 1 + r.IntN(len(background)-1)) % len(background)
				text += " " + background[b1] + " " + background[b2]
				n++
				title, _, _ := strings.Cut(strings.SplitN(text, " - ", 2)[1], ".")
				if len(title) > 80 {
					title = title[:strings.LastIndexByte(title[:80], ' ')] + "..."
				}
				enc.Encode(doc{
					ID:     fmt.Sprintf("demo-%s-%02d", t.Format("0102"), k+1),
					Date:   t.Format(time.DateOnly),
					Title:  title,
					Source: outlets[r.IntN(len(outlets))],
					Text:   text,
				})
			}
		}
	}
	fmt.Fprintf(os.Stderr, "gen: %d documents\n", n)
}
