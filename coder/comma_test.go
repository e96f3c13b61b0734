package coder

import (
	"strings"
	"testing"

	"github.com/faultline/faultline/text"
)

func TestDropCommaClauses(t *testing.T) {
	narrow := commaLimits{on: true, min: 4, max: 6, emin: 3, emax: 6, bmin: 3, bmax: 8}
	tests := []struct {
		name string
		l    commaLimits
		in   string
		want string
	}{
		{"internal aside", tabariComma,
			"Arnor restored ties with Gondor, almost five years after the crowds, a senior official said.",
			"Arnor restored ties with Gondor , a senior official said ."},
		{"end aside", tabariComma,
			"Arnor restored ties with Gondor almost five years after the crowds, a senior official said.",
			"Arnor restored ties with Gondor almost five years after the crowds ."},
		{"long internal stays", tabariComma,
			"Arnor restored ties with Gondor, one two three four five six seven eight nine ten eleven, officials said.",
			"Arnor restored ties with Gondor , one two three four five six seven eight nine ten eleven ."},
		{"closing comma does not open the end", tabariComma,
			"Elrond, suspicious as ever of Mordor, brushed aside reports that Calimehtar attacked Gandalf",
			"Elrond , brushed aside reports that Calimehtar attacked Gandalf"},
		{"list items stay", tabariComma,
			"Mordor, the awful Fornost, and good Gondor welcomed talks with Osgiliath today.",
			"Mordor , the awful Fornost , and good Gondor welcomed talks with Osgiliath today ."},
		{"beginning", narrow,
			"Arnor is about to restore complete, full diplomatic ties with Gondor and many others too.",
			"full diplomatic ties with Gondor and many others too ."},
		{"off", commaLimits{},
			"Arnor restored ties with Gondor, almost five years after the crowds, a senior official said.",
			"Arnor restored ties with Gondor , almost five years after the crowds , a senior official said ."},
	}
	for _, tt := range tests {
		sp := text.Sentences(tt.in)[0]
		toks := tt.l.dropCommaClauses(text.Tokens(tt.in, sp))
		var got []string
		for _, tk := range toks {
			got = append(got, tk.Raw)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, g, tt.want)
		}
	}
}

func TestSetComma(t *testing.T) {
	c := testCoder(t)
	if err := c.SetOption("COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8"); err != nil {
		t.Fatal(err)
	}
	if want := (commaLimits{on: true, min: 4, max: 6, emin: 3, emax: 6, bmin: 3, bmax: 8}); c.opt.comma != want {
		t.Errorf("limits %+v, want %+v", c.opt.comma, want)
	}
	if err := c.SetOption("COMMA: OFF"); err != nil || c.opt.comma.on {
		t.Errorf("COMMA: OFF: %v, on=%v", err, c.opt.comma.on)
	}
	for _, bad := range []string{"COMMA: MIN = x", "COMMA: WIDE = 3", "COMMA: MIN"} {
		if err := c.SetOption(bad); err == nil {
			t.Errorf("SetOption(%q) accepted", bad)
		}
	}
}

func TestPetrarchCommaConfig(t *testing.T) {
	c := testCoder(t)
	if c.opt.comma.on {
		t.Fatal("comma asides on by default outside TABARI")
	}
	for _, o := range []string{"comma_min=4", "comma_max=6", "comma_emin=3", "comma_emax=6", "comma_bmin=3", "comma_bmax=6"} {
		if err := c.SetOption(o); err != nil {
			t.Fatal(err)
		}
	}
	if want := (commaLimits{on: true, min: 4, max: 6, emin: 3, emax: 6, bmin: 3, bmax: 6}); c.opt.comma != want {
		t.Errorf("limits %+v, want %+v", c.opt.comma, want)
	}
	for _, o := range []string{"comma_max=0", "comma_emax=0", "comma_bmax=0"} {
		c.SetOption(o)
	}
	if c.opt.comma.on {
		t.Error("all maxima 0 left comma asides on")
	}
	if err := c.SetOption("comma_min=x"); err == nil {
		t.Error("comma_min=x accepted")
	}
}
