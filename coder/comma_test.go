package coder

import (
	"strings"
	"testing"

	"github.com/faultline/faultline/text"
)

func TestDropCommaClauses(t *testing.T) {
	narrow := commaLimits{on: true, min: 3, max: 5, emin: 2, emax: 4, bmin: 2, bmax: 7}
	tests := []struct {
		name string
		l    commaLimits
		in   string
		want string
	}{
		{"internal aside", tabariComma,
			"Rohan reopened talks with Dale, nearly three decades after the riots, a junior minister said.",
			"Rohan reopened talks with Dale , a junior minister said ."},
		{"end aside", tabariComma,
			"Rohan reopened talks with Dale nearly three decades after the riots, a junior minister said.",
			"Rohan reopened talks with Dale nearly three decades after the riots ."},
		{"long internal stays", tabariComma,
			"Rohan reopened talks with Dale, one two three four five six seven eight nine ten eleven, officials said.",
			"Rohan reopened talks with Dale , one two three four five six seven eight nine ten eleven ."},
		{"closing comma does not open the end", tabariComma,
			"Halbarad, wary as always of Harad, dismissed claims that Imrahil struck Beregond",
			"Halbarad , dismissed claims that Imrahil struck Beregond"},
		{"list items stay", tabariComma,
			"Harad, the distant Umbar, and proud Rohan welcomed talks with Dale today.",
			"Harad , the distant Umbar , and proud Rohan welcomed talks with Dale today ."},
		{"beginning", narrow,
			"Rohan is ready to reopen its old, busy consulate in Dale with many staff there too.",
			"busy consulate in Dale with many staff there too ."},
		{"beginning too long stays", narrow,
			"Rohan is ready to reopen its old and famous, busy consulate in Dale with many staff there too.",
			"Rohan is ready to reopen its old and famous , busy consulate in Dale with many staff there too ."},
		{"off", commaLimits{},
			"Rohan reopened talks with Dale, nearly three decades after the riots, a junior minister said.",
			"Rohan reopened talks with Dale , nearly three decades after the riots , a junior minister said ."},
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
	if err := c.SetOption("COMMA: MIN = 3 MAX = 5 EMIN = 2 EMAX = 4 BMIN = 2 BMAX = 7"); err != nil {
		t.Fatal(err)
	}
	if want := (commaLimits{on: true, min: 3, max: 5, emin: 2, emax: 4, bmin: 2, bmax: 7}); c.opt.comma != want {
		t.Errorf("limits %+v, want %+v", c.opt.comma, want)
	}
	// A limit left out keeps its value.
	if err := c.SetOption("COMMA: emax=9"); err != nil {
		t.Fatal(err)
	}
	if want := (commaLimits{on: true, min: 3, max: 5, emin: 2, emax: 9, bmin: 2, bmax: 7}); c.opt.comma != want {
		t.Errorf("after EMAX alone: limits %+v, want %+v", c.opt.comma, want)
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
	for _, o := range []string{"comma_min=3", "comma_max=5", "comma_emin=2", "comma_emax=4", "comma_bmin=2", "comma_bmax=7"} {
		if err := c.SetOption(o); err != nil {
			t.Fatal(err)
		}
	}
	if want := (commaLimits{on: true, min: 3, max: 5, emin: 2, emax: 4, bmin: 2, bmax: 7}); c.opt.comma != want {
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
