// Package faultline holds the domain types shared by every stage of the
// pipeline: documents in, coded events out. It imports nothing outside the
// standard library; each stage (text, dict, coder, store, rules, serve) lives
// in its own package and speaks in these types.
package faultline

// Document is one news item as read from JSONL, a text file or a feed.
// Only ID and Text are always present.
type Document struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Date   string `json:"date,omitempty"` // YYYY-MM-DD
	Title  string `json:"title,omitempty"`
	URL    string `json:"url,omitempty"`
	Source string `json:"source,omitempty"`
}

// Modality says how sure the text is that an event happened, and when.
type Modality string

// The modalities of CONTRACT.md. Only Asserted events feed escalation series.
const (
	Asserted     Modality = "asserted"
	Negated      Modality = "negated"
	Future       Modality = "future"
	Hypothetical Modality = "hypothetical"
	Historical   Modality = "historical"
)

// ActorRef is an actor as coded in one event: its CAMEO actor code and the
// words of the document it came from. Start and End are byte offsets into the
// document text; both are 0 when the actor was not named (a default actor).
type ActorRef struct {
	Code  string `json:"code"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Span is a byte range [Start, End) of a document's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Plover is the PLOVER event type and mode that a CAMEO code maps to.
type Plover struct {
	Type string `json:"type"`
	Mode string `json:"mode"`
}

// Location is where an event happened. Country is ISO 3166-1 alpha-3;
// Precision is "point", "city", "admin1" or "country".
type Location struct {
	Name      string  `json:"name"`
	Country   string  `json:"country"`
	Admin1    string  `json:"admin1"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Precision string  `json:"precision"`
}

// Attribution names who said the event happened, when the text reports it
// as someone's claim ("Moscow said NATO attacked ...").
type Attribution struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// Event is one coded event, the record fixed by CONTRACT.md. Fields may be
// added; none may be renamed or dropped.
type Event struct {
	ID         string         `json:"id"`
	DocID      string         `json:"doc_id"`
	Sentence   int            `json:"sentence"`
	Date       string         `json:"date"`
	Source     ActorRef       `json:"source"`
	Target     ActorRef       `json:"target"`
	CAMEO      string         `json:"cameo"`
	Root       string         `json:"root"`
	QuadClass  int            `json:"quad_class"`
	Goldstein  float64        `json:"goldstein"`
	Plover     Plover         `json:"plover"`
	Modality   Modality       `json:"modality"`
	Quantities map[string]int `json:"quantities"`
	// QuantityNotes qualifies a count of Quantities under the same key when
	// the text did not give it exactly: "approximate" (about 50, dozens),
	// "at least" (more than 100), "at most" (up to 40) or "range LO-HI"
	// (10 to 15; the count is LO). A key without a note is exact.
	QuantityNotes map[string]string `json:"quantity_notes,omitempty"`
	Location      *Location         `json:"location"`
	Attribution   Attribution       `json:"attribution"`
	Evidence      Span              `json:"evidence"`
	// Verb is where the verb that triggered the event stands; the web page
	// highlights it inside Evidence.
	Verb Span `json:"verb"`
	// Incident groups the events of one document that describe one
	// incident ("docid:i"): the attack and the injuries it caused, the
	// sentence that reports its toll. Counts belong to the incident and
	// are counted once for it, whichever of its events carry them.
	Incident string `json:"incident,omitempty"`
	// Confidence is the trained event model's probability, from 0 to 1,
	// that the event's class is right (package judge; calibrated on
	// held-out folds). 0 when the model did not run.
	Confidence float64 `json:"confidence"`
	// Figures say how each count of Quantities was reached: every
	// statement of it, in this document (its own clause, a later sentence,
	// a toll line) and, once stored, in every document merged into the
	// event. The count is the largest figure stated (MergeFigures).
	Figures []Figure `json:"figures,omitempty"`
}

// Figure is one statement of a count: which words of which sentence of
// which document said how many.
type Figure struct {
	Key      string `json:"key"` // a Quantities key: killed, injured ...
	Value    int    `json:"value"`
	DocID    string `json:"doc_id"`
	Sentence int    `json:"sentence"`
	// Span is where the count stands in the document's text (byte offsets).
	Span Span `json:"span"`
}

// MergeFigures folds the counts of src, another report of the same
// incident, into dst: each count becomes the largest stated, with its
// note, and src's figures join dst's record. It reports whether dst
// changed. Reports of one incident are never added up.
func MergeFigures(dst *Event, src *Event) bool {
	changed := false
	for k, v := range src.Quantities {
		if old, ok := dst.Quantities[k]; ok && old >= v {
			continue
		}
		if dst.Quantities == nil {
			dst.Quantities = map[string]int{}
		}
		dst.Quantities[k] = v
		if n, ok := src.QuantityNotes[k]; ok {
			if dst.QuantityNotes == nil {
				dst.QuantityNotes = map[string]string{}
			}
			dst.QuantityNotes[k] = n
		} else {
			delete(dst.QuantityNotes, k)
		}
		changed = true
	}
	for _, f := range src.Figures {
		known := false
		for _, g := range dst.Figures {
			known = known || g == f
		}
		if !known {
			dst.Figures = append(dst.Figures, f)
			changed = true
		}
	}
	return changed
}
