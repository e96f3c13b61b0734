package enrich

import (
	"strconv"
	"strings"

	"github.com/faultline/faultline/text"
)

// The quantity keys of CONTRACT.md.
const (
	Killed     = "killed"
	Injured    = "injured"
	Arrested   = "arrested"
	Troops     = "troops"
	Displaced  = "displaced"
	Protesters = "protesters"
)

// The notes of faultline.Event.QuantityNotes.
const (
	NoteApprox  = "approximate"
	NoteAtLeast = "at least"
	NoteAtMost  = "at most"
)

// mention is a count in a sentence with what it counts, decided from the
// words around it alone. troop marks soldiers, peacekeepers or police with
// no outcome verb: they count as troops only in a clause that sends or
// deploys them, which depends on the event's clause.
type mention struct {
	tok   int // the numeral's first token
	end   int // the token after the count's noun (or numeral)
	value int
	note  string
	key   string
	troop bool
	// modal marks a count whose own verb is conditional or still to come
	// ("could kill thousands", "thousands may be displaced"): it never
	// feeds an asserted event's figure.
	modal bool
	// and marks the first of coordinated counts with one outcome ("5
	// soldiers and 12 militants were killed"): the next count of the same
	// key adds to it.
	and bool
}

// headClass is what the noun after a numeral names.
type headClass uint8

const (
	headBare      headClass = iota // no noun: "30 were injured", "killed 12"
	headPerson                     // people, civilians, Serbs ...
	headTroop                      // soldiers, peacekeepers, police ...
	headProtester                  // protesters, demonstrators ...
	headDisplaced                  // refugees, evacuees
	headLives                      // "claimed 12 lives"
	headThing                      // days, km, houses: not people
	headDeaths                     // "3 fatalities", "12 deaths": a death toll
)

var headNouns = map[string]headClass{}

func init() {
	add := func(c headClass, words string) {
		for w := range strings.FieldsSeq(words) {
			headNouns[w] = c
		}
	}
	add(headPerson, `people persons person civilians civilian villagers residents men man women woman
		children child kids students student workers worker journalists journalist members
		individuals others passengers pilgrims worshippers migrants detainees prisoners inmates
		suspects suspect militants militant rebels rebel insurgents fighters gunmen attackers youths
		youth officials farmers miners teachers doctors nurses employees supporters activists
		leaders politicians tourists bystanders pedestrians accused criminals terrorists extremists
		hostages victims casualties bodies them
		woman girl boy trader merchant herder herders shepherd shepherds fisherman fishermen farmer
		driver drivers chief councillor councilor mayor judge teacher resident villager official
		lawyer priest imam pastor commander leader activist nurse doctor businessman vendor
		labourer laborer motorist motorcyclist cleric elder trader traders merchants shopkeeper
		shopkeepers guide porter pilgrim worshipper journalist student child civilian person youth`)
	add(headTroop, `troops soldiers soldier peacekeepers peacekeeper servicemen servicemembers
		personnel marines paratroopers reservists police policemen officers gendarmes guards
		commandos forces sailors airmen officer policeman policewoman gendarme guard
		serviceman trooper ranger militiaman constable sergeant captain lieutenant`)
	add(headProtester, `protesters protester protestors demonstrators demonstrator rioters marchers strikers`)
	add(headDisplaced, `refugees evacuees displaced`)
	add(headLives, `lives`)
	add(headDeaths, `fatalities fatality deaths`)
	add(headThing, `days day hours hour years year months month weeks week minutes km kilometres
		kilometers miles metres meters tonnes tons times rounds vehicles cars trucks houses homes
		buildings shops villages rockets missiles shells bombs votes seats points cases percent
		dollars euros feet acres hectares square`)
}

// stopAfter end the search for a numeral's head noun.
var stopAfter = map[string]bool{
	"in": true, "on": true, "at": true, "to": true, "from": true, "by": true, "with": true,
	"for": true, "and": true, "or": true, "but": true, "were": true, "was": true, "is": true,
	"are": true, "be": true, "been": true, "have": true, "has": true, "had": true, "will": true,
	"would": true, "who": true, "which": true, "that": true, "of": true, "the": true, "a": true,
	"an": true, "as": true, "than": true, "into": true, "during": true, "after": true,
	"before": true, "since": true, "when": true, "while": true, "if": true, "said": true,
	"saw": true, "later": true, "ago": true, "today": true,
}

// outcomes are the words after a count that say what befell it:
// "30 soldiers were injured", "12 dead", "5,000 fled".
var outcomes = map[string]string{
	"killed": Killed, "dead": Killed, "died": Killed, "slain": Killed, "murdered": Killed,
	"executed": Killed, "massacred": Killed, "perished": Killed, "lynched": Killed,
	"injured": Injured, "wounded": Injured, "hurt": Injured, "maimed": Injured,
	"hospitalised": Injured, "hospitalized": Injured,
	"arrested": Arrested, "detained": Arrested, "jailed": Arrested, "imprisoned": Arrested,
	"apprehended": Arrested, "nabbed": Arrested,
	"displaced": Displaced, "fled": Displaced, "flee": Displaced, "evacuated": Displaced,
	"uprooted": Displaced, "homeless": Displaced,
	"protested": Protesters, "marched": Protesters, "rallied": Protesters, "demonstrated": Protesters,
	"gathered": Protesters, "protest": Protesters, "protesting": Protesters, "marching": Protesters,
}

// auxiliaries may stand between a count and its outcome.
var auxiliaries = map[string]bool{
	"were": true, "was": true, "are": true, "is": true, "have": true, "has": true, "had": true,
	"been": true, "being": true, "be": true, "reportedly": true, "also": true, "all": true,
	"later": true, "seriously": true, "critically": true, "badly": true, "slightly": true,
	"fatally": true, "allegedly": true, "each": true, "reported": true, "believed": true,
	"feared": true, "confirmed": true, "said": true, "to": true, "now": true, "were.": true,
}

// verbsBefore are the verbs that take a count as their object:
// "killing at least 12 people", "police arrested 25 protesters".
var verbsBefore = wordsTo(map[string]string{
	Killed:    "kill kills killed killing massacred slaughtered",
	Injured:   "injure injures injured injuring wound wounds wounded wounding hurt hurting maimed",
	Arrested:  "arrest arrests arrested arresting detain detains detained detaining nab nabbed jail jailed apprehended",
	Displaced: "displace displaces displaced displacing uproot uprooted evacuate evacuated evacuating",
})

// deployVerbs send, deploy or withdraw forces; a troop count in their
// clause counts as troops.
var deployVerbs = wordSet(`send sends sent sending deploy deploys deployed deploying
	dispatch dispatches dispatched dispatching station stations stationed stationing
	mobilise mobilises mobilised mobilising mobilize mobilizes mobilized mobilizing
	withdraw withdraws withdrew withdrawn withdrawing reinforce reinforced reinforcing
	deployment deployments reinforcements redeploy redeployed`)

// wordsTo maps each word of each list to its key.
func wordsTo(lists map[string]string) map[string]string {
	m := map[string]string{}
	for key, words := range lists {
		for w := range strings.FieldsSeq(words) {
			m[w] = key
		}
	}
	return m
}

// wordSet is the set of the words of a list.
func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for w := range strings.FieldsSeq(words) {
		m[w] = true
	}
	return m
}

// crowds are the nouns whose "of N" counts protesters: "a rally of 5,000".
var crowds = map[string]bool{
	"rally": true, "rallies": true, "protest": true, "protests": true, "demonstration": true,
	"demonstrations": true, "march": true, "crowd": true, "crowds": true, "gathering": true,
	"procession": true,
}

// findMentions appends the counts of toks that name one of the quantity
// keys, or troops that a deployment would make one.
func findMentions(dst []mention, toks []text.Token, flags []uint16) []mention {
	for i := 0; i < len(toks); i++ {
		if flags[i]&(fNum|fSingle) == 0 {
			continue
		}
		n, ok := parseNumber(toks, i)
		if !ok {
			if m, ok := single(toks, i); ok {
				dst = append(dst, m)
			}
			continue
		}
		if m, ok := classifyCount(toks, n); ok {
			m.modal = modalCount(toks, n)
			m.end = n.end
			if _, hend := headNoun(toks, n.end); hend > m.end && hend <= len(toks) && !toks[hend-1].Punct {
				m.end = hend // "two officers", "3 fatalities"
			}
			dst = append(dst, m)
		} else if m, ok := single(toks, i); ok && n.end == i+1 && n.lo == 1 {
			dst = append(dst, m) // "killing one officer"
		}
		i = n.end - 1
	}
	return dst
}

// singles are the determiners that count one person: "a student was
// killed", "killing one officer", "another soldier died", "the shepherd
// was killed".
var singles = map[string]bool{"a": true, "an": true, "another": true, "one": true, "the": true}

// single reads a count of one at toks[i]: a determiner, up to three
// modifiers and a person's noun ("a Kosovo police officer"), with an
// outcome after it or a verb of harm or arrest before it. ok is false
// for anything else; a troop or crowd of one counts nothing.
func single(toks []text.Token, i int) (mention, bool) {
	m := mention{tok: i, value: 1}
	w := toks[i].Norm
	if !singles[w] || i+1 >= len(toks) {
		return m, false
	}
	end := -1
	for k := i + 1; k < len(toks) && k <= i+4; k++ {
		t := &toks[k]
		if t.Punct || stopAfter[t.Norm] || outcomes[t.Norm] != "" {
			break
		}
		if c, ok := headNouns[t.Norm]; ok && (c == headPerson || c == headTroop) {
			if w == "the" && (strings.HasSuffix(t.Norm, "s") || t.Norm == "police") {
				return m, false // "the police", "the soldiers": not one
			}
			end = k + 1
			continue
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 || end < len(toks) && toks[end].Norm == "of" {
		return m, false // "a group of", "one of the protesters" is numeral's
	}
	m.end = end
	if k := outcomeAfter(toks, end); k == Killed || k == Injured || k == Arrested {
		m.key = k
		m.modal = modalAfter(toks, end)
		return m, true
	}
	if b := verbBefore(toks, i); b >= 0 {
		if k := harmVerb(toks, b); k != "" {
			m.key = k
			m.modal = modalBefore(toks, b)
			return m, true
		}
	}
	return m, false
}

// harmVerb is the key of the verb at toks[b] that takes a count as its
// object: "killed", "shot dead", "detained".
func harmVerb(toks []text.Token, b int) string {
	w := toks[b].Norm
	if k, ok := verbsBefore[w]; ok && k != Displaced {
		return k
	}
	if w == "dead" && b > 0 && toks[b-1].Norm == "shot" {
		return Killed
	}
	return ""
}

// modalCount reports a count whose verb is conditional or still to come.
func modalCount(toks []text.Token, n number) bool {
	_, from := qualifier(toks, n.start)
	if b := verbBefore(toks, from); b >= 0 && verbsBefore[toks[b].Norm] != "" {
		return modalBefore(toks, b)
	}
	class, hend := headNoun(toks, n.end)
	_ = class
	return modalAfter(toks, hend)
}

// modalWord are the words that make the verb after them conditional or
// future.
var modalWord = map[string]bool{"could": true, "would": true, "may": true, "might": true,
	"will": true, "shall": true, "should": true, "must": true, "can": true, "to": true}

// modalBefore reports a modal right before the verb at toks[b] ("could
// kill", "could have killed", "threatened to kill").
func modalBefore(toks []text.Token, b int) bool {
	for k := b - 1; k >= 0 && k >= b-3; k-- {
		w := toks[k].Norm
		if modalWord[w] {
			return true
		}
		if w != "have" && w != "be" && w != "not" && w != "also" && w != "easily" {
			return false
		}
	}
	return false
}

// modalAfter reports a modal between a count's noun and its outcome
// ("thousands could be killed").
func modalAfter(toks []text.Token, k int) bool {
	for n := 0; k < len(toks) && n < 5; k, n = k+1, n+1 {
		w := toks[k].Norm
		if modalWord[w] && w != "to" {
			return true
		}
		if outcomes[w] != "" || !auxiliaries[w] && w != "be" && w != "have" {
			return false
		}
	}
	return false
}

// classifyCount decides what the numeral n counts.
func classifyCount(toks []text.Token, n number) (mention, bool) {
	m := mention{tok: n.start, value: n.lo}
	if n.kind != numCount {
		return m, false
	}
	note, from := qualifier(toks, n.start)
	switch {
	case n.hi > n.lo:
		note = "range " + strconv.Itoa(n.lo) + "-" + strconv.Itoa(n.hi)
	case note != "":
	case n.end+1 < len(toks) && toks[n.end].Norm == "or" && toks[n.end+1].Norm == "more":
		note = NoteAtLeast
	case n.end+1 < len(toks) && toks[n.end].Norm == "or" && toks[n.end+1].Norm == "so":
		note = NoteApprox
	case n.approx:
		note = NoteApprox
	}
	m.note = note
	class, hend := headNoun(toks, n.end)
	if n.yearLike && class != headPerson && class != headTroop && class != headProtester && class != headDisplaced {
		return m, false // a year: "in 1999", "2008 saw"
	}
	if class == headThing {
		return m, false
	}
	if class == headDeaths && !(n.start > 0 && toks[n.start-1].Norm == "no") {
		m.key = Killed // "3 fatalities.", "12 deaths were reported"
		return m, true
	}
	if tollLabel(toks, from) {
		m.key = Killed // "Fatalities: 4"
		return m, true
	}
	if class == headLives {
		m.key = Killed
		if b := verbBefore(toks, from); b >= 0 && strings.HasPrefix(toks[b].Norm, "sav") {
			return m, false
		}
		return m, true
	}
	if k := outcomeAfter(toks, hend); k != "" {
		if k != Protesters || class != headTroop {
			m.key = k
			return m, true
		}
	}
	if (class == headPerson || class == headTroop) && hend+1 < len(toks) && toks[hend].Norm == "and" {
		if n2, ok := parseNumber(toks, hend+1); ok && n2.kind == numCount {
			if c2, h2 := headNoun(toks, n2.end); c2 == headPerson || c2 == headTroop {
				if k := outcomeAfter(toks, h2); k == Killed || k == Injured || k == Arrested {
					m.key, m.and = k, true
					return m, true
				}
			}
		}
	}
	if b := verbBefore(toks, from); b >= 0 {
		w := toks[b].Norm
		if k, ok := verbsBefore[w]; ok {
			m.key = k
			return m, true
		}
		if k := harmVerb(toks, b); k != "" {
			m.key = k // "shot dead two traders"
			return m, true
		}
		if w == "up" && b > 0 && (strings.HasPrefix(toks[b-1].Norm, "round") || strings.HasPrefix(toks[b-1].Norm, "pick")) {
			m.key = Arrested
			return m, true
		}
		if (class == headTroop || class == headBare) && (deployVerbs[w] || b > 0 && deployVerbs[toks[b-1].Norm] && (w == "in" || w == "out" || w == "back")) {
			m.key = Troops
			return m, true
		}
		if w == "of" && b > 0 && crowds[toks[b-1].Norm] && class != headTroop {
			m.key = Protesters
			return m, true
		}
	}
	if deathToll(toks, from) {
		m.key = Killed
		return m, true
	}
	switch class {
	case headProtester:
		m.key = Protesters
	case headTroop:
		m.troop = true
	case headDisplaced:
		m.key = Displaced
	default:
		return m, false
	}
	return m, true
}

// headNoun finds the noun a count is attached to after it, through "of
// (the)" and up to three modifiers ("700 additional peacekeepers", "30
// Serb soldiers", "dozens of people"). end is where the search stopped.
func headNoun(toks []text.Token, k int) (headClass, int) {
	if k < len(toks) && toks[k].Norm == "of" {
		k++
		if k < len(toks) {
			switch toks[k].Norm {
			case "the", "those", "these", "their", "its":
				k++
			case "them":
				return headPerson, k + 1
			}
		}
	}
	start := k
	for ; k < len(toks) && k < start+4; k++ {
		t := &toks[k]
		if t.Punct {
			break
		}
		if c, ok := headNouns[t.Norm]; ok {
			// "police officers", "army soldiers": the noun phrase ends
			// after the last of them.
			for k+1 < len(toks) && !toks[k+1].Punct {
				if _, more := headNouns[toks[k+1].Norm]; !more || toks[k+1].Norm == "them" {
					break
				}
				k++
			}
			return c, k + 1
		}
		if stopAfter[t.Norm] || outcomes[t.Norm] != "" || t.Norm[0] >= '0' && t.Norm[0] <= '9' {
			break
		}
		// A past verb ends the noun phrase ("a rally of 5,000 blocked");
		// a few -ed words are adjectives of people ("30 armed men").
		if strings.HasSuffix(t.Norm, "ed") && !edAdjectives[t.Norm] {
			break
		}
	}
	if k == start {
		return headBare, k
	}
	// Unknown words: a capitalised or plural last word is taken for people
	// (Serbs, Albanians, maoists); anything else for a thing.
	last := &toks[k-1]
	if last.Cap || strings.HasSuffix(last.Norm, "s") {
		return headPerson, k
	}
	return headThing, k
}

// edAdjectives are -ed words that describe people rather than say what
// they did.
var edAdjectives = map[string]bool{
	"armed": true, "unarmed": true, "masked": true, "suspected": true, "alleged": true,
	"uniformed": true, "hooded": true, "trained": true, "retired": true, "unidentified": true,
	"unnamed": true, "affected": true, "displaced": true, "injured": true,
}

// outcomeAfter reads what befell a count from the words after its noun.
func outcomeAfter(toks []text.Token, k int) string {
	for n := 0; k < len(toks) && n < 5; k, n = k+1, n+1 {
		w := toks[k].Norm
		if key, ok := outcomes[w]; ok {
			return key
		}
		if w == "taken" && k+2 < len(toks) && toks[k+1].Norm == "into" && toks[k+2].Norm == "custody" {
			return Arrested
		}
		if w == "took" && k+2 < len(toks) && toks[k+1].Norm == "to" && toks[k+2].Norm == "the" {
			return Protesters // took to the streets
		}
		if !auxiliaries[w] && !modalWord[w] {
			return ""
		}
	}
	return ""
}

// verbBefore returns the index of the word a count is the object of,
// skipping "another", "an additional", "a further", or -1.
func verbBefore(toks []text.Token, from int) int {
	for b := from - 1; b >= 0 && b >= from-3; b-- {
		switch toks[b].Norm {
		case "another", "additional", "further", "extra", "an", "a", "the", "more":
			continue
		}
		if toks[b].Punct {
			return -1
		}
		return b
	}
	return -1
}

// deathToll reports whether a count is a death toll: "the death toll rose
// to 12", "a toll of at least 40".
func deathToll(toks []text.Token, from int) bool {
	for b := from - 1; b >= 0 && b >= from-8; b-- {
		if toks[b].Punct {
			return false
		}
		if toks[b].Norm == "toll" {
			return true
		}
	}
	return false
}

// tollLabel reports a count written after a label: "Fatalities: 4",
// "Deaths - 12", as field reports end.
func tollLabel(toks []text.Token, from int) bool {
	if from < 2 || !toks[from-1].Punct {
		return false
	}
	switch toks[from-1].Norm {
	case ":", "-", "--", "=":
	default:
		return false
	}
	c, ok := headNouns[toks[from-2].Norm]
	return ok && c == headDeaths || toks[from-2].Norm == "killed" || toks[from-2].Norm == "dead"
}
