package faultline_test

import (
	"testing"

	faultline "github.com/faultline/faultline"
)

func TestIncidentRule(t *testing.T) {
	zvecan := &faultline.Location{Lat: 42.9075, Lon: 20.8403}
	mitrovica := &faultline.Location{Lat: 42.8914, Lon: 20.8660}
	pristina := &faultline.Location{Lat: 42.6727, Lon: 21.1669}
	base := faultline.Event{Date: "2023-05-29", Root: "14", CAMEO: "145", Modality: faultline.Asserted,
		Source: faultline.ActorRef{Code: "SRBCVL"}, Target: faultline.ActorRef{Code: "KSVCOP"}, Location: zvecan}
	with := func(f func(e *faultline.Event)) faultline.Event { e := base; f(&e); return e }
	rule := faultline.DefaultIncidentRule()
	for _, tc := range []struct {
		name string
		b    faultline.Event
		rule faultline.IncidentRule
		want bool
	}{
		{"same", base, rule, true},
		{"next day, 3 km, other code of same root and countries", with(func(e *faultline.Event) {
			e.Date, e.Location, e.CAMEO, e.Source.Code = "2023-05-30", mitrovica, "141", "SRBOPP"
		}), rule, true},
		{"day before", with(func(e *faultline.Event) { e.Date = "2023-05-28" }), rule, true},
		{"two days later", with(func(e *faultline.Event) { e.Date = "2023-05-31" }), rule, false},
		{"two days later, rule of 2 days", with(func(e *faultline.Event) { e.Date = "2023-05-31" }), faultline.IncidentRule{Days: 2, Km: 25}, true},
		{"35 km away", with(func(e *faultline.Event) { e.Location = pristina }), rule, false},
		{"35 km away, rule of 50 km", with(func(e *faultline.Event) { e.Location = pristina }), faultline.IncidentRule{Days: 1, Km: 50}, true},
		{"no place", with(func(e *faultline.Event) { e.Location = nil }), rule, true},
		{"no place, place required", with(func(e *faultline.Event) { e.Location = nil }), faultline.IncidentRule{Days: 1, Km: 25, RequirePlace: true}, false},
		{"other root", with(func(e *faultline.Event) { e.Root = "19" }), rule, false},
		{"other target country", with(func(e *faultline.Event) { e.Target.Code = "SRBCOP" }), rule, false},
		{"unknown source", with(func(e *faultline.Event) { e.Source.Code = "" }), rule, false},
		{"agent of no country", with(func(e *faultline.Event) { e.Source.Code = "---CVL" }), rule, false},
		{"historical", with(func(e *faultline.Event) { e.Modality = faultline.Historical }), rule, false},
		{"hypothetical", with(func(e *faultline.Event) { e.Modality = faultline.Hypothetical }), rule, false},
		{"future vs asserted", with(func(e *faultline.Event) { e.Modality = faultline.Future }), rule, false},
		{"undated", with(func(e *faultline.Event) { e.Date = "" }), rule, false},
		{"disabled", base, faultline.IncidentRule{Days: 1, Km: 25, Disabled: true}, false},
	} {
		a := base
		if got := tc.rule.Match(a, tc.b); got != tc.want {
			t.Errorf("%s: Match = %v, want %v", tc.name, got, tc.want)
		}
		if got := tc.rule.Match(tc.b, a); got != tc.want {
			t.Errorf("%s (reversed): Match = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestPrefixEnd(t *testing.T) {
	for _, tc := range []struct{ p, in, out string }{
		{"SRB", "SRBGOV", "SRC"}, {"SRB", "SRB", "SRA"}, {"14", "145", "15"},
	} {
		end := faultline.PrefixEnd(tc.p)
		if !(tc.in >= tc.p && tc.in < end) {
			t.Errorf("%q not in [%q, %q)", tc.in, tc.p, end)
		}
		if tc.out >= tc.p && tc.out < end {
			t.Errorf("%q in [%q, %q)", tc.out, tc.p, end)
		}
	}
}
