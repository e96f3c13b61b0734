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

var (
	intentStems = []string{"plan", "intend", "vow", "pledg", "promis", "agree", "offer", "decid", "aim", "prepar", "want"}
	threatStems = []string{"threat"}
	negStems    = []string{"refus", "declin", "fail"}
	// expect, set, due ... take "to" for what is coming: "is expected to
	// send", "is set to vote".
	comingWords = map[string]bool{
		"expected": true, "set": true, "scheduled": true, "poised": true, "slated": true,
		"likely": true, "going": true, "ready": true, "willing": true,
	}
	beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "am": true, "be": true}
	// appeals ask someone else to act: "urged officials to take steps".
	appeals = map[string]bool{}
	denials = map[string]bool{"deny": true, "denied": true, "denies": true, "denying": true}
)

func init() {
	for w := range strings.FieldsSeq(`urge urged urges urging ask asked asks asking call called calls
		calling demand demanded demands demanding request requested requests requesting appeal
		appealed appeals appealing pressed pressing encourage encouraged encourages encouraging
		told tell tells telling order ordered orders instructed invited invite invites`) {
		appeals[w] = true
	}
}

func isWeekday(w string) bool {
	_, ok := weekdays[w]
	return ok
}

func hasStem(w string, stems []string) bool {
	for _, s := range stems {
		if strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// findModals appends the modality cues of toks. Tokens that findDates
// took for a date ("May 26") are not modals.
func findModals(dst []modCue, toks []text.Token, isDate []bool) []modCue {
	norm := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return toks[k].Norm
	}
	for i := range toks {
		if toks[i].Punct || isDate[i] {
			continue
		}
		w, next := toks[i].Norm, norm(i+1)
		kind, ok := modFuture, true
		switch {
		case w == "will" || w == "shall":
		case w == "would":
			if next == "have" || next == "not" && norm(i+2) == "have" {
				kind = modHyp
			}
		case w == "could" || w == "may" || w == "might" || w == "must" || w == "should":
			kind = modHyp
		case w == "unlikely" && next == "to":
			kind = modHyp
		case beForms[w] && next == "to" && i+2 < len(toks) && !toks[i+2].Punct:
			// "is to send": be + to + verb.
		case (w == "due" || w == "about") && next == "to" && beForms[norm(i-1)]:
		case comingWords[w] && next == "to":
		case next == "to" && hasStem(w, negStems), w == "unable" && next == "to":
			kind = modNeg
		case denials[w]:
			kind = modNeg
		case next == "to" && hasStem(w, threatStems):
			kind = modThreat
		case next == "to" && hasStem(w, intentStems):
			kind = modIntent
		case appeals[w]:
			kind = modAppeal
		case w == "tomorrow":
			kind = modTime
		case w == "next" && (next == "week" || next == "month" || next == "year" || next == "weekend" || isWeekday(next)):
			kind = modTime
		case w == "coming" && (next == "days" || next == "weeks" || next == "months" || next == "years"):
			kind = modTime
		case w == "later" && next == "this":
			kind = modTime
		default:
			ok = false
		}
		if ok {
			dst = append(dst, modCue{tok: i, kind: kind})
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
