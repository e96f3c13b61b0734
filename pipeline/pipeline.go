// Package pipeline turns one document into finished events in one call:
// the coder finds the events, enrich adds modality, quantities and dates
// from the words of each event's clause,
// placement says where each event happened, and the CAMEO tables fill the
// derived fields (root, quad class, Goldstein, PLOVER). Commands, ingest
// workers and the HTTP server all call it, so an event looks the same
// whichever way it came in.
package pipeline

import (
	"fmt"
	"strconv"
	"sync"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/cameo"
	"github.com/faultline/faultline/coder"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/enrich"
	"github.com/faultline/faultline/geo"
	"github.com/faultline/faultline/judge"
	"github.com/faultline/faultline/text"
)

// Options change what the pipeline does beyond coding.
type Options struct {
	// Gazetteer places events; nil means geo.Default(), the embedded one.
	Gazetteer *geo.Gazetteer
	// NoPlaces leaves every Location nil and loads no gazetteer.
	NoPlaces bool
	// Judge decides on the coder's events (drops what is no political
	// event, orders each sentence's events, sets Confidence); nil means
	// judge.Default(), the embedded trained model.
	Judge Judge
	// NoJudge keeps every event the coder finds, in its order, with
	// Confidence 0.
	NoJudge bool
	// MinConfidence drops events whose Confidence is below it (0: none).
	MinConfidence float64
	// Parse takes the sources and targets of events from a dependency
	// parse of each sentence with a candidate event (coder.SetParser with
	// the embedded syntax model) instead of word order.
	Parse bool
}

// Judge is what the pipeline asks of a trained event model (package
// judge): given one document's events, grouped by sentence, and the tokens
// of each sentence, it returns the events to keep.
type Judge interface {
	Judge(doc *faultline.Document, events []faultline.Event, tokens func(sentence int) []text.Token) []faultline.Event
}

// Pipeline codes documents into finished events. It is safe for concurrent
// use by many goroutines: it holds only read-only state, and each Code call
// keeps its own.
type Pipeline struct {
	coder *coder.Coder
	gaz   *geo.Gazetteer // nil when places are off
	judge Judge          // nil when the judge is off
	min   float64        // Options.MinConfidence
}

// New compiles the dictionary set and loads the gazetteer (unless
// opts.NoPlaces or opts.Gazetteer says otherwise).
func New(set *dict.Set, opts Options) (*Pipeline, error) {
	c, err := coder.New(set)
	if err != nil {
		return nil, fmt.Errorf("compile dictionaries: %w", err)
	}
	if opts.Parse {
		c.SetParser(coder.ModelParser())
	}
	p := &Pipeline{coder: c, min: opts.MinConfidence}
	if !opts.NoJudge {
		p.judge = opts.Judge
		if p.judge == nil {
			m, err := judge.Default()
			if err != nil {
				return nil, fmt.Errorf("load event model: %w", err)
			}
			if m != nil {
				p.judge = m
			}
		}
	}
	if !opts.NoPlaces {
		p.gaz = opts.Gazetteer
		if p.gaz == nil {
			g, err := geo.Default()
			if err != nil {
				return nil, fmt.Errorf("load gazetteer: %w", err)
			}
			p.gaz = g
		}
	}
	return p, nil
}

// Coder returns the coder the pipeline runs, for callers that need the
// coder alone (validation against TABARI reference sets, options).
func (p *Pipeline) Coder() *coder.Coder { return p.coder }

// Gazetteer returns the gazetteer that places events, or nil when places
// are off.
func (p *Pipeline) Gazetteer() *geo.Gazetteer { return p.gaz }

// Code codes one document and finishes its events: document id and date
// when the coder left them empty, stable ids "docid:sentence:n", modality,
// quantities and dates from the text, Location, and the fields derived from
// the CAMEO code.
func (p *Pipeline) Code(doc faultline.Document) coder.Result {
	bp := tokBufs.Get().(*[]text.Token)
	res, sents, buf := p.coder.CodeTokens(doc, *bp)
	defer func() {
		clear(buf) // the tokens hold the document's text
		*bp = buf[:0]
		tokBufs.Put(bp)
	}()
	if len(res.Events) == 0 {
		return res
	}
	finish(&doc, res.Events)
	// Each sentence that holds events is tokenised once, by the coder, for
	// enrich and placement alike.
	lc := newLocator(p.gaz, &doc)
	lc.given = sents
	lc.prepare(res.Events)
	evs := res.Events
	// The tolls of each sentence with events come from enrich's analysis
	// of it, for the incidents below.
	var tolls []enrich.Toll
	var tollsOf map[int][2]int // sentence -> tolls[a:b]
	for i := 0; i < len(evs); {
		j := i + 1
		for j < len(evs) && evs[j].Sentence == evs[i].Sentence {
			j++
		}
		n := len(tolls)
		tolls = enrich.SentenceTolls(doc, lc.tokens(evs[i].Sentence), evs[i:j], tolls)
		if len(tolls) > n {
			if tollsOf == nil {
				tollsOf = map[int][2]int{}
			}
			tollsOf[evs[i].Sentence] = [2]int{n, len(tolls)}
		}
		i = j
	}
	if p.judge != nil {
		evs = p.judge.Judge(&doc, evs, lc.tokens)
	}
	if p.min > 0 {
		kept := evs[:0]
		for _, e := range evs {
			if e.Confidence >= p.min {
				kept = append(kept, e)
			}
		}
		evs = kept
	}
	res.Events = evs
	if p.gaz != nil {
		lc.locateAll(evs)
	}
	attribute(&doc, evs)
	incidents(&doc, evs, func(si int) []enrich.Toll {
		if r, ok := tollsOf[si]; ok {
			return tolls[r[0]:r[1]]
		}
		return nil
	})
	for i := range res.Events {
		cameo.Enrich(&res.Events[i])
	}
	return res
}

// tokBufs holds *[]text.Token: buffers for the coder's tokens of the
// sentences with events, which only live while Code runs.
var tokBufs = sync.Pool{New: func() any { return new([]text.Token) }}

// finish fills the document id and date and a stable id where the coder
// left them empty; ids count the events of one sentence from 0.
func finish(doc *faultline.Document, events []faultline.Event) {
	var perSentence map[int]int
	for i := range events {
		e := &events[i]
		if e.DocID == "" {
			e.DocID = doc.ID
		}
		if e.Date == "" {
			e.Date = doc.Date
		}
		if e.ID != "" {
			continue
		}
		if perSentence == nil {
			perSentence = make(map[int]int)
		}
		n := perSentence[e.Sentence]
		perSentence[e.Sentence] = n + 1
		e.ID = doc.ID + ":" + strconv.Itoa(e.Sentence) + ":" + strconv.Itoa(n)
	}
}
