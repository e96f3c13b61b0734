package enrich

import (
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// modKind is what a modality cue says about the verbs after it.
type modKind uint8

const (
	modFuture modKind = iota // will send, is to send, is expected to send, would (reported)
	modHyp                   // could, may, might, should, must, would have
	modNeg                   // refused to, failed to, denied (sending): the action did not happen
	modIntent                // plans to, vowed to, agreed to: future unless the event is the intent
	modThreat                // threatened to: hypothetical unless the event is the threat
	modAppeal                // urged X to, called on X to: the asked-for action is hypothetical
	modTime                  // tomorrow, next week, in the coming days: future anywhere in the clause
)

// modCue is one cue of a sentence.
type modCue struct {
	tok  int
	kind modKind
}

// rank orders modalities: a stronger one wins when cues disagree. Negation
// of the coded action beats everything; a condition beats a tense; what
// has not happened yet beats history; asserted is what is left.
func rank(m faultline.Modality) int {
	switch m {
	case faultline.Negated:
		return 4
	case faultline.Hypothetical:
		return 3
	case faultline.Future:
		return 2
	case faultline.Historical:
		return 1
	}
	return 0
}

// modRule is what a modality word does, and what must follow it.
type modRule struct {
	kind   modKind
	needTo bool // only before "to": "plans to", "refused to"
}

// modWords are the modality cue words; a few need the words around them
// and are handled in findModals (would have, be to, due to, next week).
var modWords = buildModWords()

func buildModWords() map[string]modRule {
	m := map[string]modRule{}
	set := func(kind modKind, needTo bool, words string) {
		for w := range strings.FieldsSeq(words) {
			m[w] = modRule{kind, needTo}
		}
	}
	set(modFuture, false, "will shall would")
	set(modHyp, false, "could may might must should")
	set(modHyp, true, "unlikely")
	// "is to send", "is due to vote", "is expected to send".
	set(modFuture, true, `is are was were am be due about expected set scheduled poised slated likely
		going ready willing`)
	set(modNeg, true, `refuse refused refuses refusing decline declined declines declining fail failed
		fails failing failure unable`)
	set(modNeg, false, "deny denied denies denying")
	set(modThreat, true, "threaten threatened threatens threatening")
	set(modIntent, true, `plan plans planned planning intend intends intended intending vow vows vowed
		vowing pledge pledges pledged pledging promise promises promised promising agree agrees agreed
		agreeing offer offers offered offering decide decides decided deciding aim aims aimed aiming
		prepare prepares prepared preparing want wants wanted`)
	// Appeals ask someone else to act: "urged officials to take steps".
	set(modAppeal, false, `urge urged urges urging ask asked asks asking call called calls calling
		demand demanded demands demanding request requested requests requesting appeal appealed
		appeals appealing pressed pressing encourage encouraged encourages encouraging told tell
		tells telling order ordered orders instructed invited invite invites`)
	set(modTime, false, "tomorrow next coming later")
	return m
}

var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "am": true, "be": true}

func isWeekday(w string) bool {
	_, ok := weekdays[w]
	return ok
}

// findModals appends the modality cues of toks. Tokens that findDates
// took for a date ("May 26") are not modals.
func findModals(dst []modCue, toks []text.Token, isDate []bool, flags []uint16) []modCue {
	norm := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return toks[k].Norm
	}
	for i := range toks {
		if flags[i]&fModal == 0 {
			continue
		}
		w, next := toks[i].Norm, norm(i+1)
		r := modWords[w]
		if r.needTo && next != "to" {
			continue
		}
		ok := true
		switch w {
		case "would":
			if next == "have" || next == "not" && norm(i+2) == "have" {
				r.kind = modHyp // would have sent: it did not happen
			}
		case "may":
			ok = !isDate[i]
		case "is", "are", "was", "were", "am", "be":
			ok = i+2 < len(toks) && !toks[i+2].Punct // be + to + verb
		case "due", "about":
			ok = beForms[norm(i-1)]
		case "next":
			ok = next == "week" || next == "month" || next == "year" || next == "weekend" || isWeekday(next)
		case "coming":
			ok = next == "days" || next == "weeks" || next == "months" || next == "years"
		case "later":
			ok = next == "this"
		}
		if ok {
			dst = append(dst, modCue{tok: i, kind: r.kind})
		}
	}
	return dst
}

// modality decides an event's modality from its clause. toks are the
// sentence's tokens; vFirst and vLast the first and last token of its
// verb; root its CAMEO root ("13"). A lexical cue that is the event's own
// verb ("threatened", "refused") is the event itself and changes nothing:
// CAMEO codes threats (13), refusals (12), denials (016) and expressions of
// intent (03) as events of their own, so those stay asserted.
func modality(cues []modCue, cl clause, toks []text.Token, vFirst, vLast int, root, code string) faultline.Modality {
	best := faultline.Asserted
	raise := func(m faultline.Modality) {
		if rank(m) > rank(best) {
			best = m
		}
	}
	if cl.hyp {
		raise(faultline.Hypothetical)
	}
	infinitive := vFirst > 0 && toks[vFirst-1].Norm == "to"
	for _, c := range cues {
		if c.kind == modTime {
			if c.tok >= cl.ctx && c.tok < cl.end {
				raise(faultline.Future)
			}
			continue
		}
		if c.tok < cl.start || c.tok >= vLast || c.tok == vFirst {
			continue
		}
		switch c.kind {
		case modFuture:
			raise(faultline.Future)
		case modHyp:
			raise(faultline.Hypothetical)
		case modNeg:
			// Only the action right after the cue is negated: "refused to
			// meet", "denied sending"; a refusal coded as such is asserted.
			if vFirst-c.tok <= 3 && root != "12" && !strings.HasPrefix(code, "016") && !strings.HasPrefix(code, "011") {
				raise(faultline.Negated)
			}
		case modIntent:
			if root != "03" {
				raise(faultline.Future)
			}
		case modThreat:
			if root != "13" {
				raise(faultline.Hypothetical)
			}
		case modAppeal:
			if infinitive && root != "02" && root != "10" {
				raise(faultline.Hypothetical)
			}
		}
	}
	return best
}
