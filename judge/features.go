package judge

import (
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// Features are hashed: each feature is a short string (a kind prefix and a
// value) folded by FNV-1a into one of 1<<Bits buckets. Hashing keeps the
// model a flat table with no vocabulary to ship, and lets new words in
// unseen text cost nothing.

// Bits is the number of bits of a feature bucket: 1<<Bits buckets.
const Bits = 17

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// hasher builds the hash of a feature from its parts without allocating.
type hasher uint32

func start(kind string) hasher {
	h := hasher(fnvOffset)
	return h.add(kind)
}

func (h hasher) add(s string) hasher {
	for i := 0; i < len(s); i++ {
		h ^= hasher(s[i])
		h *= fnvPrime
	}
	return h
}

func (h hasher) sep() hasher {
	h ^= 0x1f
	h *= fnvPrime
	return h
}

func (h hasher) bucket() uint32 { return uint32(h) & (1<<Bits - 1) }

// Context is what the judge knows of one event's surroundings.
type Context struct {
	// Tokens of the event's sentence (text.Tokens of it).
	Tokens []text.Token
	// Sentence is the 0-based index of the sentence in the document.
	Sentence int
	// Rank is the event's place among the coder's events of its sentence,
	// Count their number.
	Rank, Count int
	// Doc holds the document-level cues (Cues of the whole text).
	Doc Cues
}

// Extract appends the feature buckets of event e in its context to dst.
// The document text is needed to read the verb and actors by offset.
func Extract(dst []uint32, doc string, e *faultline.Event, cx *Context) []uint32 {
	dst = append(dst, start("bias").bucket())
	toks := cx.Tokens
	verb := -1
	quoted := false
	prev := "<s>"
	for i := range toks {
		t := &toks[i]
		if t.Punct {
			if t.Norm == "\"" || t.Raw == "“" || t.Raw == "”" || t.Raw == "\"" {
				quoted = true
			}
			continue
		}
		w := wordClass(t.Norm)
		dst = append(dst, start("w").add(w).bucket())
		dst = append(dst, start("b").add(prev).sep().add(w).bucket())
		prev = w
		if verb < 0 && t.Start >= e.Verb.Start && t.Start < e.Verb.End {
			verb = i
		}
	}
	dst = append(dst, start("b").add(prev).sep().add("</s>").bucket())
	if quoted {
		dst = append(dst, start("quoted").bucket())
	}
	code, root := e.CAMEO, ""
	if len(code) >= 2 {
		root = code[:2]
	}
	dst = append(dst, start("c").add(code).bucket(), start("r").add(root).bucket())
	penta := PentaOf(root)
	dst = append(dst, start("p").add(pentaName[penta+1]).bucket())
	dst = append(dst, start("m").add(string(e.Modality)).bucket())
	if verb >= 0 {
		v := toks[verb].Norm
		lem := Lemma(v)
		dst = append(dst, start("v").add(lem).bucket(), start("vc").add(lem).sep().add(code).bucket(),
			start("vr").add(lem).sep().add(root).bucket())
		dst = window(dst, toks, verb, -1, "l1")
		dst = window(dst, toks, verb, +1, "r1")
		dst = window(dst, toks, verb, +2, "r2")
		dst = window(dst, toks, verb, -2, "l2")
	} else {
		dst = append(dst, start("noverb").bucket())
	}
	dst = actor(dst, "s", e.Source.Code, root)
	dst = actor(dst, "t", e.Target.Code, root)
	if e.Attribution.Code != "" || e.Attribution.Text != "" {
		dst = append(dst, start("attr").bucket())
	}
	pos := cx.Sentence
	if pos > 3 {
		pos = 3
	}
	dst = append(dst, start("pos").add(small[pos]).bucket())
	rank := cx.Rank
	if rank > 2 {
		rank = 2
	}
	dst = append(dst, start("rank").add(small[rank]).bucket())
	n := cx.Count
	if n > 3 {
		n = 3
	}
	dst = append(dst, start("count").add(small[n]).bucket())
	dst = cx.Doc.features(dst, root)
	return dst
}

var small = [...]string{"0", "1", "2", "3"}

var pentaName = [...]string{"none", "0", "1", "2", "3", "4"}

// window adds the word at offset off from the verb.
func window(dst []uint32, toks []text.Token, verb, off int, kind string) []uint32 {
	j := verb + off
	w := "<s>"
	if j >= len(toks) {
		w = "</s>"
	} else if j >= 0 {
		w = wordClass(toks[j].Norm)
		if toks[j].Punct {
			w = toks[j].Norm
		}
	}
	return append(dst, start(kind).add(w).bucket())
}

// actor adds the parts of an actor code: its 3-letter pieces (country or
// organisation, then roles: GOV, MIL, REB, BUS, SPO ...), each alone and
// with the event's root, so a business or sports actor can outweigh the
// verb's violent sense.
func actor(dst []uint32, side, code, root string) []uint32 {
	if code == "" {
		return append(dst, start(side).add("none").bucket())
	}
	for i := 0; i+3 <= len(code); i += 3 {
		part := code[i : i+3]
		if i > 0 || !isCountryLike(part) {
			dst = append(dst, start(side+"r").add(part).bucket(), start(side+"rr").add(part).sep().add(root).bucket())
		} else {
			dst = append(dst, start(side+"c").bucket())
		}
	}
	if len(code) == 3 {
		dst = append(dst, start(side+"bare").bucket())
	}
	return dst
}

// isCountryLike: the first piece of an actor code is a country (ISO
// alpha-3) unless it is one of CAMEO's non-state prefixes.
func isCountryLike(p string) bool {
	switch p {
	case "IGO", "NGO", "MNC", "BUS", "REB", "INS", "CVL", "GOV", "MIL", "COP", "OPP", "SPY", "JUD", "LEG", "MED", "EDU", "HLH", "REF", "CRM", "UAF", "ELI", "LAB", "AGR", "DEV", "ENV", "HRI", "IMG", "MOD", "RAD", "SPO", "SET", "RES", "PTY", "NGM":
		return false
	}
	return true
}

// wordClass maps a normalised word to its feature value: numbers fold to
// one class so "12" and "300" look alike.
func wordClass(w string) string {
	if w == "" {
		return w
	}
	if c := w[0]; c >= '0' && c <= '9' {
		return "<num>"
	}
	return w
}

// Lemma strips the commonest English inflections from a lower-case word:
// a crude stem good enough to pool "attacked", "attacks" and "attacking".
func Lemma(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ied"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ed"):
		return w[:n-2]
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return w[:n-1]
	}
	return w
}

// PentaOf is the PentaClass of a CAMEO root: 0 statement (01, 02), 1
// verbal cooperation (03-05), 2 material cooperation (06-08), 3 verbal
// conflict (09-13, 16), 4 material conflict (14, 15, 17-20); -1 for
// anything else.
func PentaOf(root string) int {
	if len(root) < 2 || root[0] < '0' || root[0] > '2' || root[1] < '0' || root[1] > '9' {
		return -1
	}
	r := int(root[0]-'0')*10 + int(root[1]-'0')
	switch {
	case r >= 1 && r <= 2:
		return 0
	case r >= 3 && r <= 5:
		return 1
	case r >= 6 && r <= 8:
		return 2
	case r >= 9 && r <= 13, r == 16:
		return 3
	case r == 14, r == 15, r >= 17 && r <= 20:
		return 4
	}
	return -1
}
