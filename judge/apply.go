package judge

import (
	"sort"
	"strconv"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

// ClassCode is the code an event takes when the model moves it to another
// PentaClass and no candidate of the sentence has that class: the most
// general code of the class's commonest root.
var ClassCode = [5]string{"010", "040", "060", "110", "190"}

// Scored is one candidate event's prediction.
type Scored struct {
	Probs [Classes]float64
	Penta int // the class of the event's code, -1 when none
}

// Own is the probability of the event's own class (0 when its code has
// none).
func (s *Scored) Own() float64 {
	if s.Penta < 0 {
		return 0
	}
	return s.Probs[s.Penta+1]
}

// Top is the likeliest PentaClass and its probability.
func (s *Scored) Top() (int, float64) {
	c, p := 0, s.Probs[1]
	for k := 2; k < Classes; k++ {
		if s.Probs[k] > p {
			c, p = k-1, s.Probs[k]
		}
	}
	return c, p
}

// Decision is what the judge does with one sentence's candidates: Keep
// lists the kept candidates by index, likeliest first; Recode is the class
// the first takes (-1: it keeps its code); Raw holds each kept event's
// probability of its class after the decision.
type Decision struct {
	Keep   []int
	Recode int
	Raw    []float64
}

// Decide applies the model's thresholds to one sentence's predictions.
func Decide(sc []Scored, drop, recodeAt float64) Decision {
	d := Decision{Recode: -1}
	for i := range sc {
		if sc[i].Probs[None] < drop {
			d.Keep = append(d.Keep, i)
		}
	}
	sort.SliceStable(d.Keep, func(a, b int) bool { return sc[d.Keep[a]].Own() > sc[d.Keep[b]].Own() })
	for _, i := range d.Keep {
		d.Raw = append(d.Raw, sc[i].Own())
	}
	if len(d.Keep) == 0 {
		return d
	}
	first := &sc[d.Keep[0]]
	// Only a statement (root 01, 02) is recoded, and never to material
	// conflict: out of the training sentences' domain (police reports,
	// disasters, leads from many outlets) recoding a specific dictionary
	// code lost more than it won, and the model must not invent violence
	// the dictionaries did not see.
	if c, p := first.Top(); first.Penta == 0 && c != 0 && c != 4 && p >= recodeAt {
		d.Recode = c
		d.Raw[0] = p
	}
	return d
}

// Judge decides on the coder's events of one document, in place, and
// returns what is kept: events the model finds to be no political event
// (None at least DropNone) are dropped; the events of a sentence are put in
// order of how likely their class is, the likeliest first, and renumbered
// ("docid:sentence:n"); the first takes the model's class when the model
// is sure of it (RecodeAt) and its code says another; every kept event
// gets its calibrated Confidence. events must be grouped by sentence, as
// the coder gives them; tokens returns the tokens of a sentence.
func (m *Model) Judge(doc *faultline.Document, events []faultline.Event, tokens func(si int) []text.Token) []faultline.Event {
	if len(events) == 0 {
		return events
	}
	cues := ReadCues(doc.Text)
	feats := make([]uint32, 0, 256)
	var offs []int // where each event's features start in feats
	var sc []Scored
	var group []faultline.Event
	out := events[:0]
	for i := 0; i < len(events); {
		j := i + 1
		for j < len(events) && events[j].Sentence == events[i].Sentence {
			j++
		}
		cx := Context{Tokens: tokens(events[i].Sentence), Sentence: events[i].Sentence, Count: j - i, Doc: cues}
		sc = sc[:0]
		feats, offs = feats[:0], offs[:0]
		for k := i; k < j; k++ {
			cx.Rank = k - i
			offs = append(offs, len(feats))
			feats = Extract(feats, doc.Text, &events[k], &cx)
			s := Scored{Penta: PentaOf(root(events[k].CAMEO))}
			m.Probs(feats[offs[k-i]:], &s.Probs)
			sc = append(sc, s)
		}
		d := Decide(sc, float64(m.DropNone), float64(m.RecodeAt))
		group = append(group[:0], events[i:j]...)
		for n, k := range d.Keep {
			e := group[k]
			if n == 0 && d.Recode >= 0 {
				e.CAMEO = ClassCode[d.Recode]
				if m.Roots != nil {
					end := len(feats)
					if k+1 < len(offs) {
						end = offs[k+1]
					}
					e.CAMEO = m.Roots.Best(feats[offs[k]:end], d.Recode)
				}
				e.Root = e.CAMEO[:2]
			}
			e.Confidence = round3(m.Calibrate(d.Raw[n]))
			e.ID = doc.ID + ":" + strconv.Itoa(e.Sentence) + ":" + strconv.Itoa(n)
			out = append(out, e)
		}
		i = j
	}
	return out
}

func root(code string) string {
	if len(code) < 2 {
		return ""
	}
	return code[:2]
}

// round3 keeps three decimals: the calibration is not finer than that, and
// short numbers keep the output readable.
func round3(x float64) float64 {
	return float64(int64(x*1000+0.5)) / 1000
}
