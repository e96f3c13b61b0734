package coder

import "hash/maphash"

// wordTable caches what the index gives for the token forms met before:
// most news words recur, and one probe here replaces a map access per
// prefix length. It is an open-addressed table over flat arenas rather than
// a Go map of pointers because the lookup of every token is the coder's
// hottest path, and a map of tens of thousands of strings and pointers
// misses the processor's caches at each step.
type wordTable struct {
	// slots is a power of two in length and at most half full: 0 for an
	// empty slot, else the form's hash tag (high 15 bits) and its index in
	// forms plus one (low 17 bits). Four bytes a slot keep the table small
	// enough to stay in the processor's cache, and forms, kept in the order
	// they were met, put the frequent words together at the front.
	slots []uint32
	forms []wform
	long  []byte // forms longer than a wform holds, back to back
	// cands holds each form's entries (by kind) then its pattern words (in
	// id, sig unused): one run per form, so that a rare word costs a slot,
	// a form and one run of memory.
	cands []cand
	seed  maphash.Seed
	// resets counts the times the table started again: runs of cands
	// read before a reset are gone after it.
	resets uint32
}

// cand is an entry that may start at a token: its id, and its signature
// with its kind (see entrySig).
type cand struct {
	id  int32
	sig uint32
}

// shortForm is the longest form a wform holds in itself.
const shortForm = 12

// wform is what the table holds for one form, 32 bytes: the form itself
// when it is short (most are), so that comparing it reads no other memory.
type wform struct {
	key        [shortForm]byte
	koff       uint32 // a longer form is long[koff : koff+klen]
	klen       uint16
	mask       uint8  // bit k set when some entry is of kind k
	ioff       uint32 // entries cands[ioff : ioff+ncand], then npw pattern words
	ncand, npw uint32
}

// is reports whether the form is norm.
func (t *wordTable) is(f *wform, norm string) bool {
	if int(f.klen) != len(norm) {
		return false
	}
	if len(norm) <= shortForm {
		return string(f.key[:len(norm)]) == norm
	}
	return string(t.long[f.koff:f.koff+uint32(f.klen)]) == norm
}

// maxWords bounds the cache: past it the table starts again empty, so that
// a long run over varied text does not grow it without end. Form indexes
// plus one must fit in the 17 low bits of a slot.
const maxWords = 1 << 16

const (
	slotIdxBits = 17
	slotIdxMask = 1<<slotIdxBits - 1
)

func (t *wordTable) reset(size int) {
	if t.slots == nil {
		t.seed = maphash.MakeSeed()
	}
	if cap(t.slots) >= size {
		t.slots = t.slots[:size]
		clear(t.slots)
	} else {
		t.slots = make([]uint32, size)
	}
	t.forms = t.forms[:0]
	t.long = t.long[:0]
	t.cands = t.cands[:0]
	t.resets++
}

// hash returns the hash of a form that lookup takes.
func (t *wordTable) hash(norm string) uint32 {
	if t.slots == nil {
		t.reset(4096)
	}
	return uint32(maphash.String(t.seed, norm))
}

// warm reads the slot a hash probes first and the form it names, and
// returns a value made of them. It changes nothing: a sentence's forms are
// warmed one after the other before they are looked up, so that the
// processor fetches their memory all at once rather than waiting for each
// in turn.
func (t *wordTable) warm(h uint32) uint32 {
	v := t.slots[h&uint32(len(t.slots)-1)]
	if v != 0 && v&^slotIdxMask == h&^slotIdxMask {
		return t.forms[v&slotIdxMask-1].ioff
	}
	return v
}

// lookup returns what the index gives for a form of hash h, looking it up
// the first time the form is met. The pointer is good until the next
// lookup.
func (t *wordTable) lookup(ix *index, norm string, h uint32) *wform {
	tag := h &^ slotIdxMask
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		v := t.slots[i]
		if v == 0 {
			break
		}
		if v&^slotIdxMask != tag {
			continue
		}
		if f := &t.forms[v&slotIdxMask-1]; t.is(f, norm) {
			return f
		}
	}
	// Forms too long for a uint16 are not kept: they are looked up afresh.
	keep := len(norm) <= 0xffff
	if len(t.forms) >= maxWords || len(t.cands) > 1<<30 {
		t.reset(len(t.slots))
	} else if keep && 2*(len(t.forms)+1) > len(t.slots) {
		t.grow()
	}
	f := wform{klen: uint16(len(norm))}
	if len(norm) <= shortForm {
		copy(f.key[:], norm)
	} else if keep {
		f.koff = uint32(len(t.long))
		t.long = append(t.long, norm...)
	}
	t.fill(ix, norm, &f)
	if keep {
		t.insert(h, uint32(len(t.forms)+1))
	}
	t.forms = append(t.forms, f)
	return &t.forms[len(t.forms)-1]
}

// insert puts a form's index (plus one) in the first empty slot its hash
// probes to.
func (t *wordTable) insert(h, idx uint32) {
	mask := uint32(len(t.slots) - 1)
	i := h & mask
	for t.slots[i] != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = h&^slotIdxMask | idx
}

// grow doubles the slots; the hash of each form is computed again.
func (t *wordTable) grow() {
	t.slots = make([]uint32, 2*len(t.slots))
	for i := range t.forms {
		f := &t.forms[i]
		var h uint32
		if f.klen <= shortForm {
			h = uint32(maphash.String(t.seed, string(f.key[:f.klen])))
		} else {
			h = uint32(maphash.String(t.seed, string(t.long[f.koff:f.koff+uint32(f.klen)])))
		}
		t.insert(h, uint32(i+1))
	}
}

// fill looks a form up in the index: the entries and pattern words of each
// prefix that is a stem, and of the whole form or the form less a regular
// ending for exact words. Entries are grouped by kind so that a search for
// one kind reads a short run of memory.
func (t *wordTable) fill(ix *index, norm string, f *wform) {
	f.ioff = uint32(len(t.cands))
	start := len(t.cands)
	var pwBuf [8]int32
	pw := pwBuf[:0]
	for l := 1; l <= len(norm); l++ {
		if l < 64 {
			if ix.lens&(1<<uint(l)) == 0 {
				continue
			}
		} else if !ix.long {
			continue
		}
		n := ix.nodes[norm[:l]]
		if n == nil {
			continue
		}
		for _, id := range n.stem {
			t.cands = append(t.cands, cand{id, ix.sigs[id]})
		}
		if n.pwStem >= 0 {
			pw = append(pw, n.pwStem)
		}
		if l == len(norm) || isEnding(norm[l:]) {
			for _, id := range n.exact {
				t.cands = append(t.cands, cand{id, ix.sigs[id]})
			}
			if n.pwExact >= 0 {
				pw = append(pw, n.pwExact)
			}
		}
	}
	cs := t.cands[start:]
	// Order by kind (a stable insertion sort: lists are short); the order
	// within a kind does not matter, best breaks ties by entry id.
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && sigKind(cs[j].sig) < sigKind(cs[j-1].sig); j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	for _, c := range cs {
		f.mask |= 1 << sigKind(c.sig)
	}
	f.ncand = uint32(len(cs))
	for _, id := range pw {
		t.cands = append(t.cands, cand{id: id})
	}
	f.npw = uint32(len(pw))
}
