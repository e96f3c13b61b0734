package pipeline

import (
	"math"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/geo"
	"github.com/faultline/faultline/text"
)

func gazetteer(t testing.TB) *geo.Gazetteer {
	t.Helper()
	g, err := geo.Default()
	if err != nil {
		t.Fatalf("load gazetteer: %v", err)
	}
	return g
}

// ev describes an event of a test document by the words it came from:
// the verb, and the source and target phrases, each the first occurrence
// at or after the previous one's start in its sentence.
type ev struct {
	sentence       int
	verb           string
	source, target actorAt
	cameo          string // "" for a material event
}

type actorAt struct{ code, text string }

// want is where an event should be: a name (of the gazetteer's spelling),
// a country, a precision, and for cities the coordinates within 25 km.
type want struct {
	name, country, precision string
	lat, lon                 float64
	none                     bool // no location at all
	not                      string
}

// build turns test descriptions into events with byte offsets, the way
// the coder gives them.
func build(t *testing.T, doc string, evs []ev) []faultline.Event {
	t.Helper()
	spans := text.Sentences(doc)
	var out []faultline.Event
	for _, d := range evs {
		if d.sentence >= len(spans) {
			t.Fatalf("sentence %d: the document has %d", d.sentence, len(spans))
		}
		sp := spans[d.sentence]
		find := func(s string) faultline.Span {
			if s == "" {
				return faultline.Span{}
			}
			i := strings.Index(doc[sp.Start:sp.End], s)
			if i < 0 {
				t.Fatalf("%q not in sentence %d: %q", s, d.sentence, doc[sp.Start:sp.End])
			}
			return faultline.Span{Start: sp.Start + i, End: sp.Start + i + len(s)}
		}
		verb, src, tgt := find(d.verb), find(d.source.text), find(d.target.text)
		e := faultline.Event{
			CAMEO:    d.cameo,
			Sentence: d.sentence,
			Verb:     verb,
			Source:   faultline.ActorRef{Code: d.source.code, Text: d.source.text, Start: src.Start, End: src.End},
			Target:   faultline.ActorRef{Code: d.target.code, Text: d.target.text, Start: tgt.Start, End: tgt.End},
		}
		e.Evidence = faultline.Span{Start: verb.Start, End: verb.End}
		for _, s := range []faultline.Span{src, tgt} {
			if s.End > s.Start {
				e.Evidence.Start = min(e.Evidence.Start, s.Start)
				e.Evidence.End = max(e.Evidence.End, s.End)
			}
		}
		out = append(out, e)
	}
	return out
}

// km is the great-circle distance between two points in degrees.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const earth = 6371.0
	rad := func(d float64) float64 { return d * math.Pi / 180 }
	sLat, sLon := math.Sin(rad(lat2-lat1)/2), math.Sin(rad(lon2-lon1)/2)
	h := sLat*sLat + math.Cos(rad(lat1))*math.Cos(rad(lat2))*sLon*sLon
	return 2 * earth * math.Atan2(math.Sqrt(h), math.Sqrt(1-h))
}

func TestLocate(t *testing.T) {
	g := gazetteer(t)
	serbs := actorAt{"KSVSRB", "Serb protesters"}
	kfor := actorAt{"IGOWSTNATMIL", "KFOR troops"}
	police := actorAt{"KSVCOP", "Police"}
	zvecan := want{name: "Zvecan", country: "XKX", precision: "city", lat: 42.908, lon: 20.840}
	leposavic := want{name: "Leposavic", country: "XKX", precision: "city", lat: 43.104, lon: 20.803}
	tests := []struct {
		name string
		doc  string
		evs  []ev
		want []want
	}{{
		name: "own clause wins over another clause",
		doc:  "Serb protesters clashed with KFOR troops in Zvecan, while Police arrested two men in Leposavic.",
		evs: []ev{
			{verb: "clashed", source: serbs, target: kfor},
			{verb: "arrested", source: police, target: actorAt{"KSVCVL", "two men"}},
		},
		want: []want{zvecan, leposavic},
	}, {
		name: "a where clause refers back to the place before it",
		doc:  "The alliance will send 450 extra troops to Kosovo, where 12 soldiers were hurt in clashes with local Serb villagers.",
		evs: []ev{
			{verb: "send", source: actorAt{"IGOWSTNAT", "alliance"}, target: actorAt{"KSV", "Kosovo"}},
			{verb: "hurt", source: actorAt{"KSVSRB", "local Serb villagers"}, target: actorAt{"IGOWSTNATMIL", "soldiers"}},
		},
		want: []want{
			{name: "Kosovo", country: "XKX", precision: "country", lat: 42.58, lon: 20.89},
			{name: "Kosovo", country: "XKX", precision: "country", lat: 42.58, lon: 20.89},
		},
	}, {
		name: "a where clause with its own place",
		doc:  "NATO will send more troops to Kosovo, where 30 soldiers were injured in Zvecan on Monday.",
		evs: []ev{
			{verb: "injured", target: actorAt{"IGOWSTNATMIL", "soldiers"}},
		},
		want: []want{zvecan},
	}, {
		name: "a relative clause's place is not the main clause's",
		doc:  "Serb villagers, who have long demanded self-rule in Kosovo, blocked roads in Zubin Potok.",
		evs: []ev{
			{verb: "blocked", source: actorAt{"KSVSRB", "Serb villagers"}},
		},
		want: []want{{name: "Zubin Potok", country: "XKX", precision: "city", lat: 42.914, lon: 20.690}},
	}, {
		name: "a clause opened by a subordinator ends at its comma",
		doc:  "After Police dispersed the crowd in Leposavic, Serb protesters attacked KFOR troops.",
		evs: []ev{
			{verb: "dispersed", source: police, target: actorAt{"KSVCVL", "crowd"}},
			{verb: "attacked", source: serbs, target: kfor},
		},
		want: []want{leposavic, {country: "XKX", precision: "country", not: "Leposavic"}},
	}, {
		name: "never another clause's place",
		doc:  "Police arrested ten protesters in Zvecan and KFOR troops fired tear gas at a crowd.",
		evs: []ev{
			{verb: "arrested", source: police, target: actorAt{"KSVCVL", "protesters"}},
			{verb: "fired", source: kfor, target: actorAt{"CVL", "crowd"}},
		},
		want: []want{zvecan, {none: true}},
	}, {
		name: "a place that opens the sentence is its first clause's",
		doc:  "In Zvecan, Serb protesters attacked KFOR troops, and Police arrested two men.",
		evs: []ev{
			{verb: "attacked", source: serbs, target: kfor},
			{verb: "arrested", source: police, target: actorAt{"KSVCVL", "two men"}},
		},
		want: []want{zvecan, {country: "XKX", precision: "country"}},
	}, {
		name: "an actor's name is not the place",
		doc:  "Serbia accused Kosovo of provocations on Tuesday.",
		evs: []ev{
			{verb: "accused", source: actorAt{"SRBGOV", "Serbia"}, target: actorAt{"KSVGOV", "Kosovo"}},
		},
		want: []want{{name: "Kosovo", country: "XKX", precision: "country"}},
	}, {
		name: "an actor located in the sentence",
		doc:  "The envoy pressed leaders in Pristina and Belgrade to agree on practical measures.",
		evs: []ev{
			{verb: "pressed", source: actorAt{"IGOWSTNAT", "envoy"}, target: actorAt{"KSVGOV", "leaders in Pristina"}},
			{verb: "pressed", source: actorAt{"IGOWSTNAT", "envoy"}, target: actorAt{"SRBGOV", "Belgrade"}},
		},
		want: []want{
			{name: "Pristina", country: "XKX", precision: "city", lat: 42.663, lon: 21.166},
			{name: "Belgrade", country: "SRB", precision: "city", lat: 44.804, lon: 20.465},
		},
	}, {
		name: "dateline when the actors fit",
		doc:  "PRISTINA (Reuters) - Serb protesters clashed with KFOR troops on Monday, officials said.",
		evs: []ev{
			{verb: "clashed", source: serbs, target: kfor},
		},
		want: []want{{name: "Pristina", country: "XKX", precision: "city", lat: 42.663, lon: 21.166}},
	}, {
		name: "dateline that does not fit the actors: the target's country",
		doc:  "BELGRADE (Reuters) - Russian troops shelled Ukrainian positions on Monday.",
		evs: []ev{
			{verb: "shelled", source: actorAt{"RUSMIL", "Russian troops"}, target: actorAt{"UKRMIL", "Ukrainian positions"}},
		},
		want: []want{{country: "UKR", precision: "country"}},
	}, {
		name: "the document's main place from another sentence",
		doc:  "Serb protesters clashed with KFOR troops in Zvecan on Monday. Later, Serb protesters threw stones at KFOR troops.",
		evs: []ev{
			{verb: "clashed", source: serbs, target: kfor},
			{sentence: 1, verb: "threw", source: serbs, target: kfor},
		},
		want: []want{zvecan, zvecan},
	}, {
		name: "main place that does not fit the actors",
		doc:  "Serb protesters clashed with KFOR troops in Zvecan on Monday. Russian troops shelled Ukrainian positions.",
		evs: []ev{
			{verb: "clashed", source: serbs, target: kfor},
			{sentence: 1, verb: "shelled", source: actorAt{"RUSMIL", "Russian troops"}, target: actorAt{"UKRMIL", "Ukrainian positions"}},
		},
		want: []want{zvecan, {country: "UKR", precision: "country"}},
	}, {
		name: "dateline over one foreign actor",
		doc:  "ZVECAN, Kosovo, May 29 (Wire) - Protesters threw rocks at the soldiers.",
		evs: []ev{
			{verb: "threw", source: actorAt{"SRBOPP", "Protesters"}, target: actorAt{"IGOWSTNATMIL", "soldiers"}},
		},
		want: []want{zvecan},
	}, {
		name: "a place in a relative clause on the target, without a comma",
		doc:  "PRISTINA, Kosovo (Wire) - Police fired tear gas at Serb protesters who blocked the road in Leposavic.",
		evs: []ev{
			{verb: "fired", source: police, target: serbs},
			{verb: "blocked", source: police, target: actorAt{"KSV", "Leposavic"}},
		},
		want: []want{leposavic, leposavic},
	}, {
		name: "a place in a relative clause on an actor, after a comma",
		doc:  "Police detained Serb villagers, who had blocked a road near Zubin Potok.",
		evs: []ev{
			{verb: "detained", source: police, target: actorAt{"KSVSRB", "Serb villagers"}},
		},
		want: []want{{name: "Zubin Potok", country: "XKX", precision: "city", lat: 42.914, lon: 20.690}},
	}, {
		name: "a relative clause on something else is another clause",
		doc:  "Police detained two men at a checkpoint, which protesters had blocked in Zubin Potok.",
		evs: []ev{
			{verb: "detained", source: police, target: actorAt{"", "two men"}},
		},
		want: []want{{name: "Kosovo", country: "XKX", precision: "country", not: "Zubin Potok"}},
	}, {
		name: "a statement made abroad by a capital",
		doc:  "PRISTINA, Kosovo (Wire) - Moscow condemned the arrests on Monday.",
		evs: []ev{
			{verb: "condemned", source: actorAt{"RUSGOV", "Moscow"}, cameo: "122"},
		},
		want: []want{{name: "Russia", country: "RUS", precision: "country"}},
	}, {
		name: "a capital's statement made at home stays at the dateline",
		doc:  "BELGRADE (Wire) - Serbia condemned the arrests on Monday.",
		evs: []ev{
			{verb: "condemned", source: actorAt{"SRBGOV", "Serbia"}, cameo: "122"},
		},
		want: []want{{name: "Belgrade", country: "SRB", precision: "city", lat: 44.804, lon: 20.465}},
	}, {
		name: "a material event by a capital is not a statement abroad",
		doc:  "PRISTINA, Kosovo (Wire) - Serbia deployed troops on Monday.",
		evs: []ev{
			{verb: "deployed", source: actorAt{"SRBGOV", "Serbia"}, cameo: "152"},
		},
		want: []want{{name: "Pristina", country: "XKX", precision: "city", lat: 42.663, lon: 21.166}},
	}, {
		name: "a dateline abroad outvoted by the document's places",
		doc:  "NEW YORK (Reuters) - Sudanese troops clashed with rebels in Khartoum on Monday. Later, Sudanese troops burned houses.",
		evs: []ev{
			{verb: "clashed", source: actorAt{"SDNMIL", "Sudanese troops"}, target: actorAt{"SDNREB", "rebels"}},
			{sentence: 1, verb: "burned", source: actorAt{"SDNMIL", "Sudanese troops"}},
		},
		want: []want{
			{name: "Khartoum", country: "SDN", precision: "city", lat: 15.55, lon: 32.53},
			{name: "Khartoum", country: "SDN", precision: "city", lat: 15.55, lon: 32.53},
		},
	}, {
		name: "a statement's reported clause is another clause",
		doc:  "BELGRADE (Wire) - The Serbian defence minister told reporters on Friday that the army would stay out of Kosovo.",
		evs: []ev{
			{verb: "told", source: actorAt{"SRBGOV", "Serbian defence minister"}, cameo: "010"},
		},
		want: []want{{name: "Belgrade", country: "SRB", precision: "city", lat: 44.804, lon: 20.465}},
	}, {
		name: "a province",
		doc:  "Gunmen attacked a police checkpoint in Helmand province, officials said.",
		evs: []ev{
			{verb: "attacked", source: actorAt{"AFGREB", "Gunmen"}, target: actorAt{"AFGCOP", "police checkpoint"}},
		},
		want: []want{{name: "Helmand", country: "AFG", precision: "admin1"}},
	}, {
		name: "Tripoli in Lebanon by the actors",
		doc:  "Lebanese troops clashed with gunmen in Tripoli on Sunday.",
		evs: []ev{
			{verb: "clashed", source: actorAt{"LBNMIL", "Lebanese troops"}, target: actorAt{"LBNREB", "gunmen"}},
		},
		want: []want{{name: "Tripoli", country: "LBN", precision: "city", lat: 34.437, lon: 35.850}},
	}, {
		name: "Tripoli in Libya by the actors",
		doc:  "Libyan forces clashed with militias in Tripoli on Sunday.",
		evs: []ev{
			{verb: "clashed", source: actorAt{"LBYMIL", "Libyan forces"}, target: actorAt{"LBYREB", "militias"}},
		},
		want: []want{{name: "Tripoli", country: "LBY", precision: "city", lat: 32.887, lon: 13.191}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := faultline.Document{ID: "t", Text: tt.doc}
			events := build(t, tt.doc, tt.evs)
			locateEvents(g, &doc, events)
			for i, w := range tt.want {
				l := events[i].Location
				if w.none {
					if l != nil {
						t.Errorf("event %d (%s): location %+v, want none", i, tt.evs[i].verb, *l)
					}
					continue
				}
				if l == nil {
					t.Errorf("event %d (%s): no location, want %+v", i, tt.evs[i].verb, w)
					continue
				}
				// Cities are checked by their coordinates: GeoNames may
				// spell them otherwise (Leposaviq).
				bad := w.name != "" && w.lat == 0 && l.Name != w.name || l.Country != w.country || l.Precision != w.precision ||
					w.not != "" && l.Name == w.not
				if w.lat != 0 && km(l.Lat, l.Lon, w.lat, w.lon) > 25 {
					bad = true
				}
				if bad {
					t.Errorf("event %d (%s): location %+v, want %+v", i, tt.evs[i].verb, *l, w)
				}
			}
		})
	}
}

func TestSplitClauses(t *testing.T) {
	tests := []struct {
		sentence string
		verbs    []string
		same     [][2]string // words in one clause
		apart    [][2]string // words in different clauses
	}{
		{"Troops clashed with protesters in Zvecan; police arrested two men in Leposavic.", nil,
			[][2]string{{"clashed", "Zvecan"}}, [][2]string{{"Zvecan", "arrested"}}},
		{"Serb villagers, who demanded self-rule in Kosovo, blocked roads in Zubin.", nil,
			[][2]string{{"villagers", "blocked"}, {"blocked", "Zubin"}}, [][2]string{{"Kosovo", "blocked"}}},
		{"NATO sent troops to Kosovo, where soldiers were injured.", nil,
			nil, [][2]string{{"sent", "injured"}}},
		{"In Zvecan, protesters attacked a patrol.", nil,
			[][2]string{{"Zvecan", "attacked"}}, nil},
		{"After police dispersed a crowd in Zvecan, protesters attacked a patrol.", nil,
			nil, [][2]string{{"Zvecan", "attacked"}}},
		{"Police arrested men in Zvecan and protesters burned cars.", []string{"arrested", "burned"},
			nil, [][2]string{{"Zvecan", "burned"}}},
		{"Police arrested men in Zvecan and Leposavic.", []string{"arrested"},
			[][2]string{{"arrested", "Leposavic"}}, nil},
		{"Police detained men in Zvecan, Leposavic, and Zubin Potok.", nil,
			[][2]string{{"detained", "Potok"}}, nil},
		{"Police arrested two men, and protesters burned cars in Zvecan.", nil,
			nil, [][2]string{{"arrested", "Zvecan"}}},
		{"Serbia condemned the arrests but Kosovo defended them in Pristina.", nil,
			nil, [][2]string{{"condemned", "Pristina"}}},
		{"The minister told reporters on Friday that troops stayed in Zvecan.", nil,
			[][2]string{{"troops", "Zvecan"}}, [][2]string{{"told", "Zvecan"}}},
		{"Police arrested that man in Zvecan.", nil,
			[][2]string{{"arrested", "Zvecan"}}, nil},
		{"Officials said the road that protesters blocked in Zvecan was open.", nil,
			[][2]string{{"blocked", "Zvecan"}}, nil},
	}
	for _, tt := range tests {
		toks := text.Tokens(tt.sentence, faultline.Span{Start: 0, End: len(tt.sentence)})
		at := func(w string) int {
			for i, tk := range toks {
				if tk.Raw == w {
					return i
				}
			}
			t.Fatalf("%q: no token %q", tt.sentence, w)
			return -1
		}
		var verbs []int
		for _, v := range tt.verbs {
			verbs = append(verbs, at(v))
		}
		cl := splitClauses(toks, verbs)
		for _, p := range tt.same {
			if cl.of[at(p[0])] != cl.of[at(p[1])] {
				t.Errorf("%q: %q and %q in different clauses %v", tt.sentence, p[0], p[1], cl.of)
			}
		}
		for _, p := range tt.apart {
			if cl.of[at(p[0])] == cl.of[at(p[1])] {
				t.Errorf("%q: %q and %q in one clause %v", tt.sentence, p[0], p[1], cl.of)
			}
		}
	}
}
