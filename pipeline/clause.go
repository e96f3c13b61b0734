package pipeline

import "github.com/faultline/faultline/text"

// Clause splitting for placement. It is shallow on purpose (no parse tree):
// a place belongs to an event when nothing that usually opens a new
// predicate stands between them. The rules, each cheap and robust:
//
//   - ";" ends a clause.
//   - A comma followed by a relative word (who, which, whom, whose, where)
//     opens an embedded clause that ends at the next comma, where the outer
//     clause resumes: "Local Serbs, who sought autonomy in Kosovo, boycotted
//     elections in Zvecan" keeps Kosovo out of the boycott.
//   - A comma followed by a conjunction or subordinator (and, but, while,
//     although, as, after, because ...) opens a new clause, except inside a
//     list of places ("in Zvecan, Leposavic, and Zubin Potok").
//   - "but", "while", "whereas", "although", "though" open a new clause
//     anywhere.
//   - A sentence that opens with a subordinator ("After peacekeepers tried
//     to disperse protesters in X, clashes broke out") closes that clause at
//     its first comma.
//   - A bare "and"/"or" that stands between the verbs of two events of the
//     sentence separates their clauses ("Police arrested ten in Zvecan and
//     protesters burned cars in Leposavic").
//   - "that" after a verb of saying ("said on Monday that Serbia wants
//     peace in Kosovo") opens the reported clause: what is said happened
//     elsewhere than the saying, which takes the dateline.

// sayWords are verbs of saying whose "that" opens a reported clause.
var sayWords = map[string]bool{
	"said": true, "says": true, "say": true, "saying": true, "told": true, "tells": true,
	"announced": true, "announces": true, "warned": true, "warns": true, "stated": true,
	"claimed": true, "claims": true, "added": true, "insisted": true, "insists": true,
	"reported": true, "confirmed": true, "confirms": true, "argued": true, "noted": true,
	"declared": true, "declares": true, "denied": true, "denies": true, "alleged": true,
	"alleges": true, "accused": true, "stressed": true, "repeated": true, "believes": true,
}

// reported reports whether the "that" at toks[i] follows a verb of saying
// within four words of its clause ("told reporters on Friday that").
func reported(toks []text.Token, of []int, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5 && of[k] == of[i-1]; k-- {
		if toks[k].Punct {
			return false
		}
		if sayWords[toks[k].Norm] {
			return true
		}
	}
	return false
}

// relWords open an embedded clause after a comma.
var relWords = map[string]bool{"who": true, "which": true, "whom": true, "whose": true, "where": true}

// conjWords open a new clause after a comma.
var conjWords = map[string]bool{
	"and": true, "but": true, "or": true, "yet": true, "so": true, "while": true, "whereas": true,
	"although": true, "though": true, "because": true, "as": true, "after": true, "before": true,
	"when": true, "since": true, "until": true, "unless": true, "if": true, "whilst": true,
}

// splitWords open a new clause wherever they stand.
var splitWords = map[string]bool{"but": true, "while": true, "whereas": true, "although": true, "though": true, "whilst": true}

// openers are subordinators that, first in a sentence, make a clause that
// ends at the first comma.
var openers = map[string]bool{
	"after": true, "when": true, "while": true, "although": true, "though": true, "as": true,
	"since": true, "before": true, "because": true, "if": true, "once": true, "until": true,
	"whereas": true, "whilst": true, "unless": true,
}

// clauses holds the clause of each token of a sentence. Clause ids are
// small integers; an embedded clause gets its own id and the clause around
// it keeps its id on both sides.
type clauses struct {
	of []int // clause id of each token
	// where maps the id of a clause opened by ", where" to the index of
	// the token just before the comma: the clause's antecedent ("sent to
	// Kosovo, where 30 soldiers were injured").
	where map[int]int
	// rel maps the id of every clause opened by a comma and a relative
	// word (who, which, whom, whose, where) to the index of the token just
	// before the comma: the phrase the clause describes ("Serb villagers,
	// who blocked roads in Zubin Potok").
	rel map[int]int
}

// splitClauses assigns clauses to toks. verbs are the token indexes of the
// verbs of the sentence's events, used to tell a coordinating "and" from a
// list's.
func splitClauses(toks []text.Token, verbs []int) clauses {
	cl := clauses{of: make([]int, len(toks))}
	next := 0
	cur := 0
	outer := -1         // the clause to resume at the next comma, -1 if none
	openerOpen := false // the sentence opened with a subordinator, no comma yet
	if len(toks) > 0 && openers[toks[0].Norm] {
		openerOpen = true
	}
	newClause := func() int { next++; return next }
	for i := range toks {
		t := toks[i]
		switch {
		case t.Punct && t.Raw == ";":
			cur, outer, openerOpen = newClause(), -1, false
			cl.of[i] = cur
			continue
		case t.Punct && t.Raw == ",":
			following := ""
			if i+1 < len(toks) {
				following = toks[i+1].Norm
			}
			switch {
			case relWords[following]:
				if outer < 0 {
					outer = cur
				}
				cl.of[i] = cur
				cur = newClause()
				if i > 0 {
					if cl.rel == nil {
						cl.rel = map[int]int{}
					}
					cl.rel[cur] = i - 1
				}
				if following == "where" && i > 0 {
					if cl.where == nil {
						cl.where = map[int]int{}
					}
					cl.where[cur] = i - 1
				}
				openerOpen = false
				continue
			case outer >= 0:
				// The end of an embedded clause; a conjunction after it
				// still starts a new one.
				cl.of[i] = cur
				cur, outer = outer, -1
				if conjWords[following] {
					cur = newClause()
				}
				continue
			case openerOpen:
				cl.of[i] = cur
				cur, openerOpen = newClause(), false
				continue
			case conjWords[following] && !placeList(toks, i):
				cl.of[i] = cur
				cur = newClause()
				continue
			}
		case !t.Punct && i > 0 && toks[i-1].Raw != "," && splitWords[t.Norm]:
			cur = newClause()
			if outer >= 0 {
				outer = -1
			}
		case !t.Punct && (t.Norm == "and" || t.Norm == "or") && i > 0 && toks[i-1].Raw != "," && between(verbs, i):
			cur = newClause()
		case !t.Punct && t.Norm == "that" && i > 0 && reported(toks, cl.of, i):
			cur = newClause()
			if outer >= 0 {
				outer = -1
			}
		}
		cl.of[i] = cur
	}
	return cl
}

// between reports whether verb tokens stand on both sides of token i.
func between(verbs []int, i int) bool {
	before, after := false, false
	for _, v := range verbs {
		before = before || v < i
		after = after || v > i
	}
	return before && after
}

// placeList reports whether the comma at i sits inside a list of names:
// a capitalised word before it and "and"/"or" plus a capitalised word
// after it ("Zvecan, Leposavic, and Zubin Potok").
func placeList(toks []text.Token, i int) bool {
	if i == 0 || i+2 >= len(toks) {
		return false
	}
	w := toks[i+1].Norm
	return (w == "and" || w == "or") && toks[i-1].Cap && toks[i+2].Cap
}

// tokenAt returns the index of the token that holds byte offset off, or
// of the first token after it; -1 when off is past every token.
func tokenAt(toks []text.Token, off int) int {
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(toks) {
		return -1
	}
	return lo
}
