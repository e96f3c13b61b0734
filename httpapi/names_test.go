package httpapi

import (
	"testing"

	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/geo"
)

func testNames(t *testing.T) *Names {
	t.Helper()
	set, err := dict.Default()
	if err != nil {
		t.Fatal(err)
	}
	gaz, err := geo.Default()
	if err != nil {
		t.Fatal(err)
	}
	return NewNames(set, gaz)
}

func TestNamesActor(t *testing.T) {
	n := testNames(t)
	tests := []struct{ code, want string }{
		{"SRB", "Serbia"},
		{"KSV", "Kosovo"},
		{"KSVCOP", "Kosovo police"},
		{"SRBOPP", "Serbia opposition"},
		{"KSVGOV", "Kosovo government"},
		{"IGOEUREEC", "European Union"},
		{"IGOEUREECGOV", "European Union government"},
		{"IGOWSTNAT", "NATO"},
		{"---UAF", "armed group (no country)"},
		{"---XYZ", ""},
		{"", ""},
		{"QQQ", ""},
	}
	for _, tt := range tests {
		if got := n.Actor(tt.code); got != tt.want {
			t.Errorf("Actor(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestNamesEvent(t *testing.T) {
	n := testNames(t)
	tests := []struct{ code, want string }{
		{"019", "express accord"},
		{"051", "praise or endorse"},
		{"14", "protest"},
		{"0999", ""}, // not a code: no name
	}
	for _, tt := range tests {
		if got := n.Event(tt.code); got != tt.want {
			t.Errorf("Event(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestNamesCountryAndCodesFor(t *testing.T) {
	n := testNames(t)
	for _, q := range []string{"XKX", "xk", "KSV", "Kosovo", "kosovo"} {
		if got, ok := n.Country(q); !ok || got != "XKX" {
			t.Errorf("Country(%q) = %q, %v; want XKX", q, got, ok)
		}
	}
	if got, ok := n.Country("Atlantis"); ok {
		t.Errorf("Country(Atlantis) = %q, want no match", got)
	}
	has := func(cs []string, c string) bool {
		for _, x := range cs {
			if x == c {
				return true
			}
		}
		return false
	}
	if cs := n.CodesFor("Serb"); !has(cs, "SRB") {
		t.Errorf("CodesFor(Serb) = %v, want SRB among them", cs)
	}
	if cs := n.CodesFor("kfor"); len(cs) == 0 || !has(cs, n.CodesFor("Kosovo Force")[0]) {
		t.Errorf("CodesFor(kfor) = %v, want the Kosovo Force's code", cs)
	}
}
