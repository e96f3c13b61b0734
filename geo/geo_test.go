package geo_test

import (
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/geo"
	"github.com/faultline/faultline/text"
)

func gaz(t testing.TB) *geo.Gazetteer {
	t.Helper()
	g, err := geo.Default()
	if err != nil {
		t.Fatalf("load gazetteer: %v", err)
	}
	return g
}

// tokens splits a sentence with package text; when its tokenizer gives
// nothing (it is being written alongside), a plain split stands in.
func tokens(s string) []text.Token {
	if ts := text.Tokens(s, faultline.Span{Start: 0, End: len(s)}); len(ts) > 0 {
		return ts
	}
	var out []text.Token
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || (r2 == '\'' || r2 == '’') && j+n2 < len(s) && s[j+n2] == 's') {
					break
				}
				j += n2
			}
			raw := s[i:j]
			out = append(out, text.Token{Start: i, End: j, Raw: raw, Norm: strings.ToLower(raw), Cap: unicode.IsUpper(r),
				Possessive: strings.HasSuffix(raw, "'s") || strings.HasSuffix(raw, "’s")})
			i = j
		default:
			out = append(out, text.Token{Start: i, End: i + n, Raw: s[i : i+n], Norm: s[i : i+n], Punct: true})
			i += n
		}
	}
	return out
}

// locate finds the mention whose text is name in sentence and resolves it.
func locate(t *testing.T, g *geo.Gazetteer, sentence, name string, ctx geo.Context) (faultline.Location, geo.Mention, bool) {
	t.Helper()
	ms := g.Find(tokens(sentence))
	ctx.Document = append(ctx.Document, ms...)
	for _, m := range ms {
		if sentence[m.Start:m.End] == name || m.Name == name {
			loc, ok := g.Resolve(m, ctx)
			return loc, m, ok
		}
	}
	var got []string
	for _, m := range ms {
		got = append(got, sentence[m.Start:m.End])
	}
	t.Errorf("%q: no mention %q; found %q", sentence, name, got)
	return faultline.Location{}, geo.Mention{}, false
}

func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	h := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

func TestResolve(t *testing.T) {
	g := gaz(t)
	// Coordinates are the places' own, as an atlas gives them; each
	// answer must fall within maxKm of them.
	tests := []struct {
		sentence, name string
		actors         []string
		country        string
		precision      string
		lat, lon       float64
		maxKm          float64
	}{
		{"Serb protesters clashed with KFOR troops in Zvečan on Monday.", "Zvečan", nil, "XKX", "city", 42.91, 20.84, 25},
		{"Serb protesters clashed with KFOR troops in Zvecan on Monday.", "Zvecan", nil, "XKX", "city", 42.91, 20.84, 25},
		{"Serb protesters clashed with KFOR troops in Zveçan on Monday.", "Zveçan", nil, "XKX", "city", 42.91, 20.84, 25},
		{"Police used tear gas outside the municipal building in Zubin Potok.", "Zubin Potok", nil, "XKX", "city", 42.91, 20.69, 25},
		{"Hundreds gathered in Leposavić after the election.", "Leposavić", nil, "XKX", "city", 43.10, 20.80, 25},
		{"Protests spread to North Mitrovica on Friday.", "North Mitrovica", nil, "XKX", "city", 42.89, 20.87, 25},
		{"Protests spread to Mitrovicë e Veriut on Friday.", "Mitrovicë e Veriut", nil, "XKX", "city", 42.89, 20.87, 25},
		{"Protests spread to Severna Mitrovica on Friday.", "Severna Mitrovica", nil, "XKX", "city", 42.89, 20.87, 25},
		{"Officials in Pristina condemned the attack.", "Pristina", nil, "XKX", "city", 42.67, 21.17, 25},
		{"Officials in Prishtina condemned the attack.", "Prishtina", nil, "XKX", "city", 42.67, 21.17, 25},
		{"Serbs rallied in Gračanica, near Pristina, on Sunday.", "Gračanica", nil, "XKX", "city", 42.60, 21.19, 25},
		{"The government in Belgrade rejected the demand.", "Belgrade", nil, "SRB", "city", 44.80, 20.47, 25},
		{"Fighting broke out in Tripoli, Lebanon, overnight.", "Tripoli", nil, "LBN", "city", 34.43, 35.84, 25},
		{"Fighting broke out in Tripoli, Libya, overnight.", "Tripoli", nil, "LBY", "city", 32.89, 13.19, 25},
		{"Fighting broke out in Tripoli in Lebanon overnight.", "Tripoli", nil, "LBN", "city", 34.43, 35.84, 25},
		{"Lebanese troops deployed in Tripoli after the clashes.", "Tripoli", []string{"LBNMIL"}, "LBN", "city", 34.43, 35.84, 25},
		{"Militias fought near Tripoli after the clashes.", "Tripoli", []string{"LBYREB"}, "LBY", "city", 32.89, 13.19, 25},
		{"Thousands marched in Paris against the reform.", "Paris", nil, "FRA", "city", 48.86, 2.35, 25},
		{"American diplomats met their counterparts in Paris.", "Paris", []string{"USAGOV"}, "FRA", "city", 48.86, 2.35, 25},
		{"A tornado struck Paris, Texas, on Tuesday.", "Paris", nil, "USA", "city", 33.66, -95.56, 25},
		{"NATO will send troops to Kosovo.", "Kosovo", nil, "XKX", "country", 42.58, 20.89, 60},
		{"Tensions rose in northern Kosovo.", "Kosovo", nil, "XKX", "country", 42.58, 20.89, 60},
		{"Tensions rose in northern Mitrovica.", "northern Mitrovica", nil, "XKX", "city", 42.89, 20.87, 25},
		// Regions are put at the mean of their places: the test allows
		// for the size of a province.
		{"Taliban fighters attacked a checkpoint in Helmand province.", "Helmand province", nil, "AFG", "admin1", 31.58, 64.36, 120},
		{"A roadside bomb exploded in Kandahar province on Sunday.", "Kandahar province", nil, "AFG", "admin1", 31.61, 65.71, 150},
		{"Shelling continued in the Donetsk region.", "Donetsk region", nil, "UKR", "admin1", 48.0, 37.8, 150},
		{"Rebels shelled the outskirts of Aleppo.", "Aleppo", nil, "SYR", "city", 36.20, 37.16, 25},
		{"Protesters gathered near Kabul airport.", "Kabul airport", nil, "AFG", "city", 34.53, 69.17, 25},
	}
	for _, tt := range tests {
		loc, _, ok := locate(t, g, tt.sentence, tt.name, geo.Context{Actors: tt.actors})
		if !ok {
			t.Errorf("%q: %q not resolved", tt.sentence, tt.name)
			continue
		}
		if loc.Country != tt.country || loc.Precision != tt.precision {
			t.Errorf("%q: %q -> %s %s (%s), want %s %s", tt.sentence, tt.name, loc.Country, loc.Precision, loc.Name, tt.country, tt.precision)
		}
		if d := km(loc.Lat, loc.Lon, tt.lat, tt.lon); d > tt.maxKm {
			t.Errorf("%q: %q at %.3f,%.3f (%s), %.0f km from %.2f,%.2f", tt.sentence, tt.name, loc.Lat, loc.Lon, loc.Name, d, tt.lat, tt.lon)
		}
	}
}

func TestResolveByDocument(t *testing.T) {
	g := gaz(t)
	// Gračanica is also a larger town in Bosnia; the document's other
	// places decide.
	doc := []string{
		"Kosovo police were deployed on Sunday.",
		"Serb residents of Gračanica said they would boycott the vote.",
	}
	var all []geo.Mention
	for _, s := range doc {
		all = append(all, g.Find(tokens(s))...)
	}
	loc, _, ok := locate(t, g, doc[1], "Gračanica", geo.Context{Document: all})
	if !ok || loc.Country != "XKX" {
		t.Errorf("Gračanica with Kosovo in the document -> %+v", loc)
	}
	// The dateline decides too.
	loc, _, ok = locate(t, g, "Clashes broke out in Tripoli overnight.", "Tripoli", geo.Context{Dateline: "BEIRUT"})
	if !ok || loc.Country != "LBN" {
		t.Errorf("Tripoli under a Beirut dateline -> %+v", loc)
	}
}

func TestFindNegative(t *testing.T) {
	g := gaz(t)
	for _, s := range []string{
		"The president said he would march on.",
		"The President Said He Would March On.",
		"The President said he would March on.",
		"She said the reading of the bill would split the party.",
		"The ministry's spokesperson, Maria Zakharova, criticised the alliance on Friday.",
		"It was a nice day, and we will see what comes.",
		"President Paris Smith said nothing.",
		"us and them",
		"Officials in the capital declined to comment.",
		"Google said Martin would speak at the White House.",
		"",
	} {
		if ms := g.Find(tokens(s)); len(ms) > 0 {
			var got []string
			for _, m := range ms {
				got = append(got, s[m.Start:m.End])
			}
			t.Errorf("%q: found %q, want no place", s, got)
		}
	}
}

func TestFindSpans(t *testing.T) {
	g := gaz(t)
	tests := []struct {
		sentence  string
		want      []string // the mentions' text, in order
		cues      []string
		direction string // of the first mention
	}{
		{"Clashes in Zvecan and Zubin Potok left 30 injured.", []string{"Zvecan", "Zubin Potok"}, []string{"in", "in"}, ""},
		{"KFOR reinforced positions in northern Kosovo.", []string{"Kosovo"}, []string{"in"}, "northern"},
		{"Fighting in Helmand province and near Lashkar Gah.", []string{"Helmand province", "Lashkar Gah"}, []string{"in", "near"}, ""},
		{"in zvecan and leposavic police were attacked", []string{"zvecan", "leposavic"}, []string{"in", "in"}, ""},
		{"It was in response to attacks on NATO’s Kosovo Force (KFOR) troops.", []string{"Kosovo"}, []string{""}, ""},
		{"The UK and the US backed the plan.", []string{"UK", "US"}, []string{"", ""}, ""},
		{"Bosnia and Herzegovina's leaders met.", []string{"Bosnia and Herzegovina's"}, []string{""}, ""},
	}
	for _, tt := range tests {
		ms := g.Find(tokens(tt.sentence))
		var got, cues []string
		for _, m := range ms {
			got = append(got, tt.sentence[m.Start:m.End])
			cues = append(cues, m.Cue)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || strings.Join(cues, "|") != strings.Join(tt.cues, "|") {
			t.Errorf("%q: found %q cues %q, want %q cues %q", tt.sentence, got, cues, tt.want, tt.cues)
			continue
		}
		if len(ms) > 0 && ms[0].Direction != tt.direction {
			t.Errorf("%q: direction %q, want %q", tt.sentence, ms[0].Direction, tt.direction)
		}
	}
}

func TestCountry(t *testing.T) {
	g := gaz(t)
	tests := []struct{ code, iso3, name string }{
		{"KSV", "XKX", "Kosovo"},
		{"XKX", "XKX", "Kosovo"},
		{"xk", "XKX", "Kosovo"},
		{"SRBGOV", "SRB", "Serbia"},
		{"LBN", "LBN", "Lebanon"},
		{"FR", "FRA", "France"},
	}
	for _, tt := range tests {
		c, ok := g.Country(tt.code)
		if !ok || c.ISO3 != tt.iso3 || c.Name != tt.name {
			t.Errorf("Country(%q) = %+v, %v; want %s %s", tt.code, c, ok, tt.iso3, tt.name)
		}
	}
	for _, code := range []string{"", "X", "IGOWSTNAT", "ZZZ"} {
		if c, ok := g.Country(code); ok {
			t.Errorf("Country(%q) = %+v, want none", code, c)
		}
	}
}
