package syntax

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sentence is one sentence of a CoNLL-U file: its basic dependency tree
// over syntactic words (multiword-token ranges and empty nodes are kept
// only as the text's surface tokens, not as words).
type Sentence struct {
	ID    string // the "# sent_id =" comment, if any
	Text  string // the "# text =" comment, if any
	Words []Word
	// Tokens are the surface tokens of multiword ranges ("don't" over
	// words do + n't), by the index of their first word; nil when none.
	Tokens []Range
	Line   int // line number of the sentence's first line in its file
}

// Word is one syntactic word: the ten CoNLL-U columns that matter here.
type Word struct {
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int // 1-based head, 0 for the root
	Deprel                         string
	SpaceAfter                     bool // false when MISC has SpaceAfter=No
}

// Range is a multiword token: words First..Last (0-based, inclusive)
// written as Form in the text.
type Range struct {
	First, Last int
	Form        string
	SpaceAfter  bool
}

// ReadCoNLLU reads all sentences of a CoNLL-U stream. name is used in
// error messages ("name:line: what is wrong"). It stops at the first
// malformed line and returns the sentences read before it with the error.
func ReadCoNLLU(r io.Reader, name string) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var out []Sentence
	var cur Sentence
	started := false
	line := 0
	flush := func() error {
		if !started {
			return nil
		}
		started = false
		if len(cur.Words) == 0 {
			return fmt.Errorf("%s:%d: sentence has no words", name, cur.Line)
		}
		for i, w := range cur.Words {
			if w.Head > len(cur.Words) {
				return fmt.Errorf("%s:%d: word %d has head %d beyond the sentence's %d words", name, cur.Line, i+1, w.Head, len(cur.Words))
			}
		}
		out = append(out, cur)
		cur = Sentence{}
		return nil
	}
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" {
			if err := flush(); err != nil {
				return out, err
			}
			continue
		}
		if !started {
			started = true
			cur.Line = line
		}
		if s[0] == '#' {
			if v, ok := strings.CutPrefix(s, "# sent_id ="); ok {
				cur.ID = strings.TrimSpace(v)
			} else if v, ok := strings.CutPrefix(s, "# text ="); ok {
				cur.Text = strings.TrimSpace(v)
			}
			continue
		}
		if err := cur.addLine(s); err != nil {
			return out, fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if err := flush(); err != nil {
		return out, err
	}
	return out, nil
}

// addLine adds one word or multiword-token line to the sentence.
func (s *Sentence) addLine(line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 10 {
		return fmt.Errorf("%d tab-separated columns, want 10", len(f))
	}
	id := f[0]
	if strings.IndexByte(id, '.') >= 0 {
		return nil // empty node of the enhanced graph: not a word of the basic tree
	}
	if a, b, ok := strings.Cut(id, "-"); ok {
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || first < 1 || last < first {
			return fmt.Errorf("bad multiword token range %q", id)
		}
		if first != len(s.Words)+1 {
			return fmt.Errorf("multiword token %q does not start at word %d", id, len(s.Words)+1)
		}
		s.Tokens = append(s.Tokens, Range{First: first - 1, Last: last - 1, Form: f[1], SpaceAfter: spaceAfter(f[9])})
		return nil
	}
	n, err := strconv.Atoi(id)
	if err != nil {
		return fmt.Errorf("bad word id %q", id)
	}
	if n != len(s.Words)+1 {
		return fmt.Errorf("word id %d out of order, want %d", n, len(s.Words)+1)
	}
	head := 0
	if f[6] != "_" {
		head, err = strconv.Atoi(f[6])
		if err != nil || head < 0 {
			return fmt.Errorf("bad head %q", f[6])
		}
		if head == n {
			return fmt.Errorf("word %d is its own head", n)
		}
	}
	if f[1] == "" {
		return fmt.Errorf("word %d has an empty form", n)
	}
	s.Words = append(s.Words, Word{
		Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Feats: f[5],
		Head: head, Deprel: f[7], SpaceAfter: spaceAfter(f[9]),
	})
	return nil
}

func spaceAfter(misc string) bool {
	for part := range strings.SplitSeq(misc, "|") {
		if part == "SpaceAfter=No" {
			return false
		}
	}
	return true
}

// WriteCoNLLU writes one sentence in CoNLL-U: optional comments, then one
// line a node. Heads are written 1-based (0 for the root).
func WriteCoNLLU(w io.Writer, comments []string, t *Tree) error {
	bw := bufio.NewWriter(w)
	for _, c := range comments {
		bw.WriteString("# ")
		bw.WriteString(c)
		bw.WriteByte('\n')
	}
	for i, n := range t.Nodes {
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t_\t_\n",
			i+1, orUnderscore(n.Form), orUnderscore(n.Lemma), orUnderscore(n.UPOS),
			orUnderscore(n.XPOS), orUnderscore(n.Feats), n.Head+1, orUnderscore(n.Deprel))
	}
	bw.WriteByte('\n')
	return bw.Flush()
}

func orUnderscore(s string) string {
	if s == "" {
		return "_"
	}
	return strings.ReplaceAll(s, "\t", " ")
}
