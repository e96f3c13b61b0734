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
	keys  []byte   // the forms, back to back
	ids   []int32  // each form's entries (by kind) then its pattern words
	kinds []kind   // the kind of each entry in ids (pattern words: unused)
	sigs  []uint32 // the signature of each entry in ids (pattern words: unused)
	seed  maphash.Seed
}

// wform is what the table holds for one form.
type wform struct {
	koff, klen uint32 // the form is keys[koff : koff+klen]
	ioff       uint32 // entries ids[ioff : ioff+ncand], then npw pattern words
	ncand, npw uint32
	mask       uint8 // bit k set when some entry is of kind k
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
	t.keys = t.keys[:0]
	t.ids = t.ids[:0]
	t.kinds = t.kinds[:0]
	t.sigs = t.sigs[:0]
}

// lookup returns what the index gives for a form, looking it up the first
// time the form is met. The pointer is good until the next lookup.
func (t *wordTable) lookup(ix *index, norm string) *wform {
	if t.slots == nil {
		t.reset(4096)
	}
	h := uint32(maphash.String(t.seed, norm))
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
		f := &t.forms[v&slotIdxMask-1]
		if int(f.klen) == len(norm) && string(t.keys[f.koff:f.koff+f.klen]) == norm {
			return f
		}
	}
	if len(t.forms) >= maxWords || len(t.ids) > 1<<30 {
		t.reset(len(t.slots))
	} else if 2*(len(t.forms)+1) > len(t.slots) {
		t.grow()
	}
	t.insert(h, uint32(len(t.forms)+1))
	t.forms = append(t.forms, wform{koff: uint32(len(t.keys)), klen: uint32(len(norm))})
	f := &t.forms[len(t.forms)-1]
	t.keys = append(t.keys, norm...)
	t.fill(ix, norm, f)
	return f
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
		h := uint32(maphash.String(t.seed, string(t.keys[f.koff:f.koff+f.klen])))
		t.insert(h, uint32(i+1))
	}
}

// fill looks a form up in the index: the entries and pattern words of each
// prefix that is a stem, and of the whole form or the form less a regular
// ending for exact words. Entries are grouped by kind so that a search for
// one kind reads a short run of bytes.
func (t *wordTable) fill(ix *index, norm string, sl *wform) {
	sl.ioff = uint32(len(t.ids))
	start := len(t.ids)
	var pw []int32
	var pwBuf [8]int32
	pw = pwBuf[:0]
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
		t.ids = append(t.ids, n.stem...)
		if n.pwStem >= 0 {
			pw = append(pw, n.pwStem)
		}
		if l == len(norm) || isEnding(norm[l:]) {
			t.ids = append(t.ids, n.exact...)
			if n.pwExact >= 0 {
				pw = append(pw, n.pwExact)
			}
		}
	}
	cand := t.ids[start:]
	// Order by kind (a stable insertion sort: lists are short); the order
	// within a kind does not matter, best breaks ties by entry id.
	for i := 1; i < len(cand); i++ {
		for j := i; j > 0 && ix.entries[cand[j]].kind < ix.entries[cand[j-1]].kind; j-- {
			cand[j], cand[j-1] = cand[j-1], cand[j]
		}
	}
	for _, id := range cand {
		k := ix.entries[id].kind
		t.kinds = append(t.kinds, k)
		t.sigs = append(t.sigs, ix.sigs[id])
		sl.mask |= 1 << k
	}
	sl.ncand = uint32(len(cand))
	t.ids = append(t.ids, pw...)
	// kinds stays aligned with ids: pattern words get a filler.
	for range pw {
		t.kinds = append(t.kinds, nKinds)
		t.sigs = append(t.sigs, 0)
	}
	sl.npw = uint32(len(pw))
}
