package httpapi

import (
	"strings"
	"sync"
	"unicode"

	"github.com/faultline/faultline/cameo"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/geo"
)

// Names turns codes into words for the page: actor codes into the
// dictionaries' names ("KSVCOP" is "Kosovo police"), CAMEO event codes into
// the CAMEO table's names, and country codes and names into ISO alpha-3.
// It also finds the codes a name stands
// for, so that filters accept "KFOR" or "Serb". Build it with NewNames; a
// nil *Names knows codes only. It is safe for concurrent use.
type Names struct {
	actor   map[string]string // full actor code -> head name, title case
	agent   map[string]string // 3-letter agent code -> role name
	phrases []namedCode       // every actor phrase, lower case, with its code
	gaz     *geo.Gazetteer

	mu    sync.Mutex
	codes map[string][]string // memo of CodesFor
}

// namedCode is one dictionary phrase ("kosovo force") and the code it
// gives.
type namedCode struct{ phrase, code string }

// agentRoles names CAMEO's agent (role) codes in a word or two; the
// dictionaries' own first phrase for a role is often a narrow instance
// ("rioter" for civilians).
var agentRoles = map[string]string{
	"GOV": "government", "MIL": "military", "COP": "police", "REB": "rebels", "OPP": "opposition",
	"CVL": "civilians", "JUD": "judiciary", "LEG": "legislature", "BUS": "business", "CRM": "criminals",
	"EDU": "education", "ELI": "elites", "HLH": "health workers", "HRI": "human rights group",
	"IGO": "intergovernmental body", "INS": "insurgents", "LAB": "labour", "MED": "media",
	"NGO": "non-governmental body", "PTY": "party", "REF": "refugees", "REL": "religious",
	"SPY": "intelligence", "UAF": "armed group", "AGR": "farmers", "ENV": "environmentalists",
	"IMG": "migrants", "MOD": "moderates", "RAD": "radicals", "SEP": "separatists", "PKO": "peacekeepers",
	"ATH": "athletes", "DEV": "development", "ELC": "election officials", "SOC": "society",
}

// NewNames indexes the actor and agent dictionaries of set and the
// countries and places of gaz (either may be nil).
func NewNames(set *dict.Set, gaz *geo.Gazetteer) *Names {
	n := &Names{actor: map[string]string{}, agent: map[string]string{}, gaz: gaz, codes: map[string][]string{}}
	if set != nil {
		// A code is named after the entry with the most synonyms: the
		// canonical one ("European Union", not "Europol", for IGOEUREEC).
		most := map[string]int{}
		for _, a := range set.Actors {
			code := defaultCode(a.Codes)
			if code == "" || len(a.Phrases) == 0 {
				continue
			}
			if len(a.Phrases) > most[code] {
				most[code] = len(a.Phrases)
				n.actor[code] = titleCase(phraseWords(a.Phrases[0]))
			}
			for _, p := range a.Phrases {
				n.phrases = append(n.phrases, namedCode{strings.ToLower(phraseWords(p)), code})
			}
		}
		for _, g := range set.Agents {
			if _, ok := n.agent[g.Code]; !ok && len(g.Phrases) > 0 {
				n.agent[g.Code] = strings.ToLower(phraseWords(g.Phrases[0]))
			}
		}
	}
	for k, v := range agentRoles {
		n.agent[k] = v
	}
	if gaz != nil {
		// A country's own code is named as the country table names it
		// (the dictionaries file towns under their country's code too).
		for _, c := range gaz.Countries() {
			if c.CAMEO != "" {
				n.actor[c.CAMEO] = c.Name
			}
		}
	}
	return n
}

// defaultCode is an actor's undated code, else its latest dated one.
func defaultCode(cs []dict.DatedCode) string {
	best, bestTo := "", -1
	for _, c := range cs {
		if c.Code == "---" || c.Code == "" {
			continue
		}
		if c.From == 0 && c.To == 0 {
			return c.Code
		}
		to := c.To
		if to == 0 {
			to = 1 << 30
		}
		if to > bestTo {
			best, bestTo = c.Code, to
		}
	}
	return best
}

func phraseWords(p dict.Phrase) string {
	ws := make([]string, 0, len(p))
	for _, w := range p {
		ws = append(ws, strings.ReplaceAll(w.Text, "_", " "))
	}
	return strings.Join(ws, " ")
}

// titleCase capitalises each word of a dictionary phrase (the files
// write them in capitals). A head name of one short word is an acronym
// ("NATO", "KFOR", "EULEX"; countries are named from the country table),
// and so is a word without a vowel ("UNHCR").
func titleCase(s string) string {
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		if i > 0 && (w == "of" || w == "the" || w == "and" || w == "for" || w == "in") {
			continue
		}
		if !strings.ContainsAny(w, "aeiouy") || len(ws) == 1 && len(w) <= 5 {
			ws[i] = strings.ToUpper(w)
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		ws[i] = string(r)
	}
	return strings.Join(ws, " ")
}

// Actor names an actor code: the longest prefix the dictionaries name,
// then each following 3-letter role ("KSVCOP": "Kosovo police"). It
// returns "" for a code it cannot name.
func (n *Names) Actor(code string) string {
	if n == nil || code == "" {
		return ""
	}
	if rest, ok := strings.CutPrefix(code, "---"); ok {
		// An agent of no known country ("---UAF").
		if s := n.roles(rest); s != "" {
			return s + " (no country)"
		}
		return ""
	}
	if s := n.countryRoles(code); s != "" {
		// A country's agent ("KSVGOV") reads better as "Kosovo
		// government" than as a metonym entry ("Pristina").
		return s
	}
	if s, ok := n.actor[code]; ok {
		return s
	}
	head, rest := "", ""
	for i := len(code) - 3; i >= 3; i -= 3 {
		if s, ok := n.actor[code[:i]]; ok {
			head, rest = s, code[i:]
			break
		}
	}
	if head == "" {
		if n.gaz != nil && len(code) >= 3 {
			if c, ok := n.gaz.Country(code[:3]); ok && strings.EqualFold(c.CAMEO, code[:3]) {
				head, rest = c.Name, code[3:]
			}
		}
		if head == "" {
			return ""
		}
	}
	parts := []string{head}
	for len(rest) >= 3 {
		role, ok := n.agent[rest[:3]]
		if !ok {
			return strings.Join(parts, " ")
		}
		parts = append(parts, role)
		rest = rest[3:]
	}
	return strings.Join(parts, " ")
}

// countryRoles names a country code followed by known role codes, or
// returns "".
func (n *Names) countryRoles(code string) string {
	if len(code) < 6 || len(code)%3 != 0 {
		return ""
	}
	head, ok := n.actor[code[:3]]
	if !ok || code[:3] == "IGO" || code[:3] == "NGO" {
		return ""
	}
	parts := []string{head}
	for i := 3; i < len(code); i += 3 {
		role, ok := n.agent[code[i:i+3]]
		if !ok {
			return ""
		}
		parts = append(parts, role)
	}
	return strings.Join(parts, " ")
}

// roles names a run of 3-letter role codes ("UAF", "GOVMIL"), or "".
func (n *Names) roles(code string) string {
	if code == "" || len(code)%3 != 0 {
		return ""
	}
	var parts []string
	for i := 0; i < len(code); i += 3 {
		r, ok := n.agent[code[i:i+3]]
		if !ok {
			return ""
		}
		parts = append(parts, r)
	}
	return strings.Join(parts, " ")
}

// Event names a CAMEO event code from the project's CAMEO table (a
// 4-digit refinement the table lacks takes its parent's name).
func (n *Names) Event(code string) string {
	in, ok := cameo.Lookup(code)
	if !ok && len(code) == 4 {
		in, ok = cameo.Lookup(code[:3])
	}
	if !ok || in.Name == "" {
		return ""
	}
	if strings.ToUpper(in.Name) == in.Name {
		return strings.ToLower(in.Name) // the table writes roots in capitals
	}
	return strings.ToLower(in.Name[:1]) + in.Name[1:]
}

// Country resolves what a user typed for a country (ISO alpha-2 or
// alpha-3, a CAMEO code, or an English name, any case) to ISO alpha-3. ok
// is false when nothing matches.
func (n *Names) Country(s string) (iso3 string, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if n == nil || n.gaz == nil {
		return strings.ToUpper(s), true
	}
	if len(s) <= 3 {
		if c, ok := n.gaz.Country(s); ok {
			return c.ISO3, true
		}
	}
	low := strings.ToLower(s)
	var prefix string
	for _, c := range n.gaz.Countries() {
		name := strings.ToLower(c.Name)
		if name == low {
			return c.ISO3, true
		}
		if prefix == "" && strings.HasPrefix(name, low) {
			prefix = c.ISO3
		}
	}
	if prefix != "" {
		return prefix, true
	}
	return "", false
}

// CountryName is the English name of an ISO alpha-3 code, or "".
func (n *Names) CountryName(iso3 string) string {
	if n == nil || n.gaz == nil || iso3 == "" {
		return ""
	}
	if c, ok := n.gaz.Country(iso3); ok && c.ISO3 == iso3 {
		return c.Name
	}
	return ""
}

// CodesFor lists the actor codes whose dictionary names contain the words
// of q (case-insensitive, whole words: "serb" finds "serbia" and "bosnian
// serb" but "kfor" does not find "kforce"), at most 200.
func (n *Names) CodesFor(q string) []string {
	q = strings.ToLower(strings.TrimSpace(q))
	if n == nil || q == "" {
		return nil
	}
	n.mu.Lock()
	if cs, ok := n.codes[q]; ok {
		n.mu.Unlock()
		return cs
	}
	n.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	for _, p := range n.phrases {
		if seen[p.code] || !containsWordPrefix(p.phrase, q) {
			continue
		}
		seen[p.code] = true
		out = append(out, p.code)
		if len(out) == 200 {
			break
		}
	}
	n.mu.Lock()
	if len(n.codes) > 1000 {
		n.codes = map[string][]string{}
	}
	n.codes[q] = out
	n.mu.Unlock()
	return out
}

// containsWordPrefix says whether q occurs in s starting at a word
// boundary.
func containsWordPrefix(s, q string) bool {
	for i := 0; i+len(q) <= len(s); {
		j := strings.Index(s[i:], q)
		if j < 0 {
			return false
		}
		at := i + j
		if at == 0 || s[at-1] == ' ' || s[at-1] == '-' {
			return true
		}
		i = at + 1
	}
	return false
}
