package trainer

import (
	"fmt"
	"io"
	"math/rand"
	"sort"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/judge"
	"github.com/faultline/faultline/pipeline"
	"github.com/faultline/faultline/text"
)

// Event is one coded event of a training document, ready to learn from.
type Event struct {
	Feats []uint32
	Penta int // the PentaClass of the coder's root, -1 when none
	Root  int // judge.RootIndex of the coder's root
}

// Sample is a training document after coding: its label and its events in
// the coder's order.
type Sample struct {
	Doc    int // index into the documents
	Label  int // judge class: judge.None or PentaClass+1
	Set    string
	Of     int // see Doc.Of
	Events []Event
}

// recorder is a pipeline.Judge that keeps every event and records its
// features, so training sees the very tokens and events the pipeline
// judges at run time.
type recorder struct {
	events []Event
}

func (r *recorder) Judge(doc *faultline.Document, events []faultline.Event, tokens func(int) []text.Token) []faultline.Event {
	cues := judge.ReadCues(doc.Text)
	for i := 0; i < len(events); {
		j := i + 1
		for j < len(events) && events[j].Sentence == events[i].Sentence {
			j++
		}
		cx := judge.Context{Tokens: tokens(events[i].Sentence), Sentence: events[i].Sentence, Count: j - i, Doc: cues}
		for k := i; k < j; k++ {
			cx.Rank = k - i
			f := judge.Extract(nil, doc.Text, &events[k], &cx)
			r.events = append(r.events, Event{Feats: f, Penta: judge.PentaOf(rootOf(events[k].CAMEO)), Root: judge.RootIndex(rootOf(events[k].CAMEO))})
		}
		i = j
	}
	return events
}

func rootOf(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

// Code runs the pipeline (without a judge) over the documents and returns
// one sample a document. newPipeline builds a pipeline with the given
// judge; progress, if not nil, hears how far it got.
func Code(docs []Doc, newPipeline func(pipeline.Judge) (*pipeline.Pipeline, error), progress io.Writer) ([]Sample, error) {
	rec := &recorder{}
	pl, err := newPipeline(rec)
	if err != nil {
		return nil, err
	}
	out := make([]Sample, len(docs))
	for i, d := range docs {
		rec.events = rec.events[:0]
		pl.Code(d.Document)
		label := judge.None
		switch {
		case d.Penta >= 0:
			label = d.Penta + 1
		case d.Penta == Political:
			label = judge.Political
		}
		out[i] = Sample{Doc: i, Label: label, Set: d.Set, Of: d.Of, Events: append([]Event(nil), rec.events...)}
		if progress != nil && (i+1)%1000 == 0 {
			fmt.Fprintf(progress, "coded %d/%d documents\n", i+1, len(docs))
		}
	}
	return out, nil
}

// Options fix a training run.
type Options struct {
	Seed     int64
	Folds    int
	DropNone float64 // see judge.Model.DropNone
	RecodeAt float64 // see judge.Model.RecodeAt
	// NoneWeight scales the weight of None events so that, in total, they
	// weigh this share of the labelled events' weight.
	NoneWeight float64
	Train      judge.TrainOptions
}

// examples turns samples into training examples. Every event of a
// multicoped sentence takes the sentence's class: the class is what the
// sentence reports, and the model learns which of the candidates carries
// it from the candidates' features.
func examples(samples []Sample, keep func(i int) bool, noneShare float64) []judge.Example {
	var exs []judge.Example
	var labelled, none float64
	for i, s := range samples {
		if !keep(i) {
			continue
		}
		for _, e := range s.Events {
			exs = append(exs, judge.Example{Feats: e.Feats, Label: s.Label, Weight: 1})
			switch s.Label {
			case judge.None:
				none++
			case judge.Political:
			default:
				labelled++
			}
		}
	}
	if none > 0 && noneShare > 0 {
		w := noneShare * labelled / none
		if w > 1 {
			w = 1
		}
		for i := range exs {
			if exs[i].Label == judge.None {
				exs[i].Weight = w
			}
		}
	}
	return exs
}

// folds assigns each sample a fold, by a seeded shuffle; a copy takes its
// original's fold.
func folds(samples []Sample, k int, seed int64) []int {
	perm := rand.New(rand.NewSource(seed)).Perm(len(samples))
	f := make([]int, len(samples))
	for i, p := range perm {
		f[p] = i % k
	}
	for i, s := range samples {
		if s.Of >= 0 {
			f[i] = f[s.Of]
		}
	}
	return f
}

// Held is one held-out event's prediction.
type Held struct {
	Sample, Rank int
	Probs        [judge.Classes]float64
}

// CrossValidate trains on k-1 folds and predicts the held-out fold, k
// times, with quantised weights as shipped; it returns every event's
// held-out prediction and the fold of each sample.
func CrossValidate(samples []Sample, opt Options, progress io.Writer) ([]Held, []int) {
	fold := folds(samples, opt.Folds, opt.Seed)
	var held []Held
	for f := 0; f < opt.Folds; f++ {
		exs := examples(samples, func(i int) bool { return fold[i] != f }, opt.NoneWeight)
		m := judge.Train(exs, opt.Train).Quantise()
		for i, s := range samples {
			if fold[i] != f {
				continue
			}
			for r, e := range s.Events {
				h := Held{Sample: i, Rank: r}
				m.Probs(e.Feats, &h.Probs)
				held = append(held, h)
			}
		}
		if progress != nil {
			fmt.Fprintf(progress, "fold %d/%d: trained on %d events\n", f+1, opt.Folds, len(exs))
		}
	}
	sort.SliceStable(held, func(a, b int) bool {
		if held[a].Sample != held[b].Sample {
			return held[a].Sample < held[b].Sample
		}
		return held[a].Rank < held[b].Rank
	})
	return held, fold
}
