package syntax

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"time"
)

// TrainOptions says what to train on and how.
type TrainOptions struct {
	Train, Dev []Sentence
	Seed       uint64
	TagIters   int     // tagger passes over the training data
	ParseIters int     // parser passes; the pass best on Dev is kept
	Folds      int     // jack-knife folds for the parser's training tags
	LowerFrac  float64 // share of training sentences lower-cased (augmentation)
	MinWeight  int     // quantised weights below this magnitude are pruned
	Log        io.Writer
}

// DefaultTrainOptions returns the settings the shipped model was trained with.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Seed: 1, TagIters: 8, ParseIters: 12, Folds: 5, LowerFrac: 0.1, MinWeight: 512}
}

// Train trains a tagger and a parser. The same options and data give the
// same model, byte for byte.
func Train(o TrainOptions) (*Model, error) {
	if len(o.Train) == 0 {
		return nil, errors.New("no training sentences")
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	start := time.Now()
	rng := rand.New(rand.NewPCG(o.Seed, 0x5EED))
	m := &Model{}
	tagIndex := map[string]int{}
	labIndex := map[string]int{}
	for _, s := range o.Train {
		for _, w := range s.Words {
			tagIndex[w.UPOS+" "+w.XPOS] = 0
			labIndex[w.Deprel] = 0
		}
	}
	m.tags = sortedKeys(tagIndex)
	slices.Sort(m.tags)
	m.labels = sortedKeys(labIndex)
	slices.Sort(m.labels)
	if len(m.tags) > 255 || len(m.labels) > 63 {
		return nil, fmt.Errorf("%d tags and %d labels: at most 255 and 63", len(m.tags), len(m.labels))
	}
	for i, t := range m.tags {
		tagIndex[t] = i
		u, x, _ := strings.Cut(t, " ")
		m.upos = append(m.upos, u)
		m.xpos = append(m.xpos, x)
		if u == "PUNCT" {
			m.punctTag = i
		}
	}
	for i, l := range m.labels {
		labIndex[l] = i
	}
	var ok1, ok2 bool
	m.rootLab, ok1 = labIndex["root"]
	m.fallLab, ok2 = labIndex["parataxis"]
	if !ok1 || !ok2 {
		return nil, errors.New("training data lacks the root or parataxis relation")
	}
	tagOf := func(w *Word) int { return tagIndex[w.UPOS+" "+w.XPOS] }
	m.morph = learnMorph(o.Train, tagOf, len(m.tags))
	m.tagDict = buildTagDict(o.Train, tagOf)

	// Training copies: forms (some sentences lower-cased) and gold tags.
	type ex struct {
		forms []string
		tags  []int
		heads []int32 // 1..n, projectivised
		labs  []int32
		pred  []int // jack-knifed predicted tags
	}
	exs := make([]ex, len(o.Train))
	for i, s := range o.Train {
		lower := rng.Float64() < o.LowerFrac
		e := ex{heads: make([]int32, len(s.Words)+1), labs: make([]int32, len(s.Words)+1)}
		for j, w := range s.Words {
			f := w.Form
			if lower {
				f = strings.ToLower(f)
			}
			e.forms = append(e.forms, f)
			e.tags = append(e.tags, tagOf(&s.Words[j]))
			e.heads[j+1] = int32(w.Head)
			e.labs[j+1] = int32(labIndex[w.Deprel])
		}
		projectivize(e.heads)
		exs[i] = e
	}
	forms := func(idx []int) ([][]string, [][]int) {
		var f [][]string
		var t [][]int
		for _, i := range idx {
			f = append(f, exs[i].forms)
			t = append(t, exs[i].tags)
		}
		return f, t
	}

	// Jack-knifing: each fold tagged by a tagger trained on the others.
	folds := max(o.Folds, 2)
	for k := range folds {
		var in, out []int
		for i := range exs {
			if i%folds == k {
				out = append(out, i)
			} else {
				in = append(in, i)
			}
		}
		f, t := forms(in)
		tg := m.trainTagger(f, t, o.TagIters, rng, 1)
		mk := &Model{tags: m.tags, upos: m.upos, xpos: m.xpos, tagDict: m.tagDict, tagger: tg}
		w := &work{}
		for _, i := range out {
			mk.tag(w, exs[i].forms)
			exs[i].pred = slices.Clone(w.tags)
		}
		fmt.Fprintf(o.Log, "tagger fold %d/%d done (%s)\n", k+1, folds, time.Since(start).Round(time.Second))
	}
	all := make([]int, len(exs))
	for i := range all {
		all[i] = i
	}
	f, t := forms(all)
	m.tagger = m.trainTagger(f, t, o.TagIters, rng, 1)
	if len(o.Dev) > 0 {
		m.parser = buildTable(2+2*len(m.labels), 1, nil)
		sc := m.Evaluate(o.Dev, false)
		fmt.Fprintf(o.Log, "tagger: dev UPOS=%.4f (%s)\n", sc.UPOSAcc(), time.Since(start).Round(time.Second))
	}

	// The parser, on predicted tags, with the dynamic oracle.
	nLab := len(m.labels)
	nc := 2 + 2*nLab
	p := newTrainer(nc)
	st := &state{}
	sf := &sentFeats{}
	var feats []uint64
	scores := make([]int64, nc)
	costs := make([]int, nc)
	var bestRows []sparseRow
	var bestScale float32
	bestLAS := -1.0
	order := slices.Clone(all)
	for it := range o.ParseIters {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		wrong, total := 0, 0
		for _, i := range order {
			e := &exs[i]
			n := len(e.forms)
			sf.w, sf.tag = append(sf.w[:0], rootWord), append(sf.tag[:0], rootTag)
			for j, form := range e.forms {
				sf.w = append(sf.w, hashString(form, true))
				sf.tag = append(sf.tag, uint64(e.pred[j]))
			}
			st.reset(n)
			for !st.done() {
				feats = parseFeatures(feats, st, sf)
				clear(scores)
				p.score(feats, scores)
				pred := bestLegal(st, scores, nLab, m.rootLab)
				st.costs(costs, nLab, m.rootLab, e.heads, e.labs)
				gold := -1
				for c := range nc {
					if costs[c] < 0 {
						continue
					}
					if gold < 0 || costs[c] < costs[gold] || costs[c] == costs[gold] && scores[c] > scores[gold] {
						gold = c
					}
				}
				p.tick()
				total++
				if costs[pred] > costs[gold] {
					wrong++
					p.update(feats, gold, pred)
				}
				next := gold
				if it > 0 && rng.Float64() < 0.9 {
					next = pred
				}
				st.apply(next, nLab)
			}
		}
		scale, rows := p.averaged(1)
		m.parser = buildTable(nc, scale, rows)
		msg := fmt.Sprintf("parser iteration %d: train errors %.3f", it+1, float64(wrong)/float64(max(total, 1)))
		if len(o.Dev) > 0 {
			sc := m.Evaluate(o.Dev, false)
			msg += fmt.Sprintf(", dev %s", sc)
			if sc.LASAcc() > bestLAS {
				bestLAS, bestRows, bestScale = sc.LASAcc(), rows, scale
			}
		} else {
			bestRows, bestScale = rows, scale
		}
		fmt.Fprintf(o.Log, "%s, %d features (%s)\n", msg, len(rows), time.Since(start).Round(time.Second))
	}
	// Pruning last: weights below MinWeight steps (1/64 of the largest at
	// the default) cost nothing measurable on dev and most of the size.
	m.parser = buildTable(nc, bestScale, bestRows).pruned(max(o.MinWeight, 1))
	m.tagger = m.tagger.pruned(max(o.MinWeight, 1))
	return m, nil
}

// trainTagger trains the tagger's weights on the given sentences.
func (m *Model) trainTagger(forms [][]string, gold [][]int, iters int, rng *rand.Rand, minQ int) *table {
	nt := len(m.tags)
	p := newTrainer(nt)
	order := make([]int, len(forms))
	for i := range order {
		order[i] = i
	}
	var wi []wordInfo
	var runes []rune
	var feats []uint64
	var tags []int
	scores := make([]int64, nt)
	for range iters {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			words := forms[si]
			wi = slices.Grow(wi[:0], len(words))[:len(words)]
			tags = slices.Grow(tags[:0], len(words))[:len(words)]
			for i, f := range words {
				runes = describe(&wi[i], f, runes)
			}
			for i, f := range words {
				if t, ok := m.tagDict[f]; ok {
					tags[i] = int(t)
					continue
				}
				feats = tagFeatures(feats, wi, tags, i)
				clear(scores)
				p.score(feats, scores)
				pred := 0
				for c := 1; c < nt; c++ {
					if scores[c] > scores[pred] {
						pred = c
					}
				}
				p.tick()
				if g := gold[si][i]; pred != g {
					p.update(feats, g, pred)
				}
				tags[i] = pred
			}
		}
	}
	scale, rows := p.averaged(minQ)
	return buildTable(nt, scale, rows)
}

// buildTagDict finds the frequent forms that (almost) always have one tag.
func buildTagDict(sents []Sentence, tagOf func(*Word) int) map[string]uint8 {
	counts := map[string]map[int]int{}
	for _, s := range sents {
		for i := range s.Words {
			w := &s.Words[i]
			c := counts[w.Form]
			if c == nil {
				c = map[int]int{}
				counts[w.Form] = c
			}
			c[tagOf(w)]++
		}
	}
	out := map[string]uint8{}
	for form, c := range counts {
		total, bestT, bestN := 0, 0, -1
		for t, n := range c {
			total += n
			if n > bestN || n == bestN && t < bestT {
				bestT, bestN = t, n
			}
		}
		if total >= 20 && float64(bestN) >= 0.995*float64(total) {
			out[form] = uint8(bestT)
		}
	}
	return out
}

// Score counts correct tags, heads and labels over words. Words counts
// gold words; System and Aligned are set by EvaluateRaw only.
type Score struct {
	Words, UPOS, Heads, Labels int
	System, Aligned            int
}

// frac is a fraction of the gold words, or with system words the F1 of
// precision and recall.
func (s Score) frac(a int) float64 {
	if s.System > 0 {
		return 2 * float64(a) / float64(s.Words+s.System)
	}
	return float64(a) / float64(max(s.Words, 1))
}

// UPOSAcc, UASAcc and LASAcc return the fractions of words right.
func (s Score) UPOSAcc() float64 { return s.frac(s.UPOS) }
func (s Score) UASAcc() float64  { return s.frac(s.Heads) }
func (s Score) LASAcc() float64  { return s.frac(s.Labels) }

// String formats the score as "UPOS=0.xxx UAS=0.xxx LAS=0.xxx".
func (s Score) String() string {
	return fmt.Sprintf("UPOS=%.3f UAS=%.3f LAS=%.3f", s.UPOSAcc(), s.UASAcc(), s.LASAcc())
}

// Evaluate parses each sentence from its gold words (lower-cased first if
// lower) and scores tags, heads and labels (subtypes included) over all
// words, punctuation too.
func (m *Model) Evaluate(sents []Sentence, lower bool) Score {
	// Halves in parallel: the counts add up the same whatever the timing.
	var parts [2]Score
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { parts[p] = m.evaluate(sents[p*len(sents)/2:(p+1)*len(sents)/2], lower) })
	}
	wg.Wait()
	return Score{Words: parts[0].Words + parts[1].Words, UPOS: parts[0].UPOS + parts[1].UPOS,
		Heads: parts[0].Heads + parts[1].Heads, Labels: parts[0].Labels + parts[1].Labels}
}

func (m *Model) evaluate(sents []Sentence, lower bool) Score {
	var sc Score
	var t Tree
	var words []string
	for _, s := range sents {
		words = words[:0]
		for _, w := range s.Words {
			f := w.Form
			if lower {
				f = strings.ToLower(f)
			}
			words = append(words, f)
		}
		m.ParseInto(&t, words)
		for i, w := range s.Words {
			n := &t.Nodes[i]
			sc.Words++
			if n.UPOS == w.UPOS {
				sc.UPOS++
			}
			if n.Head+1 == w.Head {
				sc.Heads++
				if n.Deprel == w.Deprel {
					sc.Labels++
				}
			}
		}
	}
	return sc
}
