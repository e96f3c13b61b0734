package enrich

import (
	"strings"

	"github.com/faultline/faultline/text"
)

// segKind says what a segment of a sentence is, judged by its first word.
type segKind uint8

const (
	segMain segKind = iota // a main clause, or anything not recognised below
	segCond                // if, unless, whether, should (inverted), in case ...
	segRel                 // who, which, where, including ...: a relative or parenthetical
	segSub                 // because, although, when, after, since ...
	segAdv                 // a preposed adverbial: "On Tuesday," "In 1999,"
	segPart                // a participial adjunct: ", killing at least 12 people"
)

// segment is a run of tokens [start, end) of one sentence between clause
// boundaries. andSplit marks a segment opened by "and"/"or" before a new
// subject: it is a clause of its own for modality and counts, but shares the
// time of the clause it is joined to.
type segment struct {
	start, end int
	kind       segKind
	andSplit   bool
	// cond is true for a condition that scopes over its consequence (if,
	// unless), false for "whether", which only scopes over itself.
	cond bool
	// lends marks a segment whose time cues reach the segment after it: a
	// preposed adverbial ("On Tuesday,"), a "since" clause, or a participle
	// opening the sentence ("Speaking on Tuesday, ...").
	lends bool
}

// boundaryPunct are the marks that end a segment. Quotes do not: a quoted
// phrase sits inside its clause ("urged the alliance to “silence ...”").
var boundaryPunct = map[string]bool{
	",": true, ";": true, ":": true, "(": true, ")": true, "[": true, "]": true, "--": true,
}

// midBreak are the words that open a new segment wherever they stand.
var midBreak = map[string]segKind{
	"if": segCond, "unless": segCond, "whether": segCond,
	"who": segRel, "whom": segRel, "whose": segRel, "which": segRel, "where": segRel,
	"because": segSub, "although": segSub, "though": segSub, "whereas": segSub,
	"while": segSub, "when": segSub, "whenever": segSub,
	"but": segMain, "that": segMain,
}

// startKind are the words that classify a segment when they open it after
// punctuation or at the start of the sentence; in mid-segment most of them
// are prepositions ("broke out after the vote") and do not split.
var startKind = map[string]segKind{
	"should": segCond, "provided": segCond, "assuming": segCond,
	"including": segRel, "among": segRel,
	"after": segSub, "before": segSub, "since": segSub, "until": segSub, "once": segSub, "as": segSub,
	"on": segAdv, "in": segAdv, "during": segAdv, "at": segAdv, "by": segAdv, "last": segAdv,
	"earlier": segAdv, "yesterday": segAdv, "today": segAdv, "this": segAdv, "early": segAdv,
	"late": segAdv, "over": segAdv, "throughout": segAdv, "within": segAdv, "from": segAdv,
	"following": segAdv, "according": segAdv, "despite": segAdv, "amid": segAdv, "for": segAdv,
	"between": segAdv, // "Between 1992 and 1995, ..."
}

// notParticiple are -ing words that do not open a participial adjunct.
var notParticiple = map[string]bool{
	"during": true, "according": true, "including": true, "following": true, "morning": true,
	"evening": true, "nothing": true, "something": true, "anything": true, "everything": true,
	"king": true, "thing": true, "building": true, "meeting": true, "ceiling": true, "spring": true,
	"string": true, "bring": true, "sing": true, "wing": true, "ring": true, "being": true,
}

// newSubject reports whether the word after "and"/"or" opens a new clause
// with its own subject rather than a second verb or noun of the same one.
func newSubject(t *text.Token) bool {
	switch t.Norm {
	case "the", "a", "an", "its", "their", "his", "her", "he", "she", "they", "it", "we", "i",
		"police", "troops", "soldiers", "protesters", "demonstrators", "officials":
		return true
	}
	// A count after "and" is not taken for a new subject: "12 dead and 30
	// wounded", "between 10 and 15", and "clashed and 30 were injured"
	// keeps the injuries with the clash.
	return t.Cap
}

// segmentize splits toks into segments at boundary punctuation, at clause
// openers and at "and"/"or" before a new subject. seg[i] is the segment of
// token i (punctuation takes the segment before it, or 0).
func segmentize(segs []segment, seg []int, toks []text.Token, flags []uint16) ([]segment, []int) {
	segs = segs[:0]
	seg = seg[:0]
	open := func(i int, kind segKind, cond, and bool) {
		if n := len(segs); n > 0 {
			segs[n-1].end = i
		}
		segs = append(segs, segment{start: i, end: len(toks), kind: kind, cond: cond, andSplit: and})
	}
	fresh := true // the next word opens a segment
	for i := range toks {
		t := &toks[i]
		if t.Punct {
			if boundaryPunct[t.Norm] {
				fresh = true
			}
			seg = append(seg, max(len(segs)-1, 0))
			continue
		}
		n := t.Norm
		switch {
		case fresh:
			kind, cond := classify(toks, i)
			first := len(segs) == 0
			open(i, kind, cond, false)
			segs[len(segs)-1].lends = kind == segAdv || kind == segSub && n == "since" || kind == segPart && first
		case flags[i]&fClause == 0:
		default:
			if k, ok := midBreak[n]; ok {
				open(i, k, n == "if" || n == "unless", false)
			} else if (n == "and" || n == "or") && i+1 < len(toks) && !toks[i+1].Punct && newSubject(&toks[i+1]) {
				open(i, segMain, false, true)
			}
		}
		fresh = false
		seg = append(seg, len(segs)-1)
	}
	if len(segs) == 0 {
		segs = append(segs, segment{start: 0, end: len(toks)})
	}
	return segs, seg
}

// classify judges a segment by its first word(s).
func classify(toks []text.Token, i int) (segKind, bool) {
	n := toks[i].Norm
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1].Norm
	}
	switch {
	case n == "if" || n == "unless":
		return segCond, true
	case (n == "even" || n == "only") && next == "if":
		return segCond, true
	case n == "in" && next == "case":
		return segCond, true
	case n == "whether":
		return segCond, false
	}
	if k, ok := midBreak[n]; ok {
		return k, k == segCond
	}
	if k, ok := startKind[n]; ok {
		return k, k == segCond
	}
	if len(n) > 4 && strings.HasSuffix(n, "ing") && !notParticiple[n] {
		return segPart, false
	}
	if n == "leaving" {
		return segPart, false
	}
	return segMain, false
}

// clause is the scope of an event's cues, as token ranges of its sentence.
type clause struct {
	start, end int // the event's own clause: modality cues and counts
	ctx        int // start of the wider time context (preposed adverbials, joined clauses)
	hyp        bool
}

// clauseOf returns the clause around token v.
//
// The clause is v's segment, widened over participial adjuncts that follow
// it (", killing 12") or, when v is in one, over the clause it hangs from.
// Its time context also takes in preposed adverbials ("On Tuesday, ..."),
// a preposed "since" clause and the clause an and-split segment joins.
// hyp is set when the clause is a condition or the consequence of one:
// "If the situation escalates, a battalion will be placed on high alert".
func clauseOf(segs []segment, seg []int, v int) clause {
	s := seg[v]
	lo, hi := s, s
	for lo > 0 && segs[lo].kind == segPart && segs[lo-1].kind != segAdv {
		lo--
	}
	for hi+1 < len(segs) && segs[hi+1].kind == segPart {
		hi++
	}
	ctx := lo
	for ctx > 0 && segs[ctx].andSplit {
		ctx--
	}
	for ctx > 0 && segs[ctx-1].lends {
		ctx--
	}
	c := clause{start: segs[lo].start, end: segs[hi].end, ctx: segs[ctx].start}
	switch {
	case segs[lo].kind == segCond:
		c.hyp = true
	case hi+1 < len(segs) && segs[hi+1].kind == segCond && segs[hi+1].cond:
		c.hyp = true // "troops will be sent if ..."
	default:
		// A preposed condition: the nearest segment before the consequence
		// (and the clauses joined to it by "and"), past adverbials.
		head := lo
		for head > 0 && segs[head].andSplit {
			head--
		}
		p := head - 1
		for p >= 0 && segs[p].kind == segAdv {
			p--
		}
		c.hyp = p >= 0 && segs[p].kind == segCond && segs[p].cond && segs[head].kind == segMain
	}
	return c
}
