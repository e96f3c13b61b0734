package enrich

import (
	"github.com/faultline/faultline/text"
	"strings"
	"testing"
)

// joinRaw joins the tokens [a, b) of ts by spaces, punctuation included.
func joinRaw(tk []text.Token, a, b int) string {
	var sb strings.Builder
	for i := a; i < b; i++ {
		if i > a {
			sb.WriteByte(' ')
		}
		sb.WriteString(tk[i].Raw)
	}
	return sb.String()
}

func TestClauseOf(t *testing.T) {
	for _, c := range []struct {
		s, verb   string
		want, ctx string // the clause; its time context when it differs
		hyp       bool
	}{
		{"The alliance will send 450 extra troops to Bosnia, where 12 soldiers were hurt in clashes.",
			"send", "The alliance will send 450 extra troops to Bosnia ,", "", false},
		{"The alliance will send 450 extra troops to Bosnia, where 12 soldiers were hurt in clashes.",
			"hurt", "where 12 soldiers were hurt in clashes .", "", false},
		{"If the dispute worsens again, a reserve brigade will be put on standby.",
			"put", "a reserve brigade will be put on standby .", "", true},
		{"If the dispute worsens again, a reserve brigade will be put on standby.",
			"worsens", "If the dispute worsens again ,", "", true},
		{"A brigade will be put on standby if the dispute worsens.",
			"put", "A brigade will be put on standby", "", true},
		{"NATO is deciding whether to send troops.", "deciding", "NATO is deciding", "", false},
		{"NATO is deciding whether to send troops.", "send", "whether to send troops .", "", true},
		{"During a news conference on Friday, the minister announced the withdrawal.",
			"announced", "the minister announced the withdrawal .", "During a news conference on Friday , the minister announced the withdrawal .", false},
		{"A bomb exploded in a market, killing at least 12 people.",
			"exploded", "A bomb exploded in a market , killing at least 12 people .", "", false},
		{"A bomb exploded in a market, killing at least 12 people.",
			"killing", "A bomb exploded in a market , killing at least 12 people .", "", false},
		{"Rural farmers, who have long demanded subsidies, blocked highways.",
			"blocked", "blocked highways .", "", false},
		{"Ankara has claimed that Athens is responsible.", "claimed", "Ankara has claimed", "", false},
		{"Rebels shelled Goma in 2012 and the army attacked villagers.",
			"attacked", "and the army attacked villagers .", "Rebels shelled Goma in 2012 and the army attacked villagers .", false},
		{"Since the coup in 2006, Fiji has seen unrest.",
			"seen", "Fiji has seen unrest .", "Since the coup in 2006 , Fiji has seen unrest .", false},
		{"After the war ended in 1999, NATO sent troops.", "sent", "NATO sent troops .", "", false},
		{"If talks fail, Serbia will recall its envoy and NATO will send troops.",
			"send", "and NATO will send troops .", "Serbia will recall its envoy and NATO will send troops .", true},
		{"When police arrived, protesters threw stones.", "threw", "protesters threw stones .", "", false},
	} {
		tk := toks(c.s)
		segs, seg := segmentize(nil, nil, tk, lexFlags(nil, tk))
		v := -1
		for i := range tk {
			if tk[i].Raw == c.verb {
				v = i
				break
			}
		}
		if v < 0 {
			t.Fatalf("%q: no verb %q", c.s, c.verb)
		}
		cl := clauseOf(segs, seg, v)
		if got := joinRaw(tk, cl.start, cl.end); got != c.want {
			t.Errorf("%q at %q: clause %q, want %q", c.s, c.verb, got, c.want)
		}
		ctx := c.ctx
		if ctx == "" {
			ctx = c.want
		}
		if got := joinRaw(tk, cl.ctx, cl.end); got != ctx {
			t.Errorf("%q at %q: time context %q, want %q", c.s, c.verb, got, ctx)
		}
		if cl.hyp != c.hyp {
			t.Errorf("%q at %q: hypothetical %v, want %v", c.s, c.verb, cl.hyp, c.hyp)
		}
	}
}
