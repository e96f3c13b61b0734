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
		{"The NATO alliance will send 700 additional peacekeepers to Kosovo, where 30 soldiers were injured in confrontations.",
			"send", "The NATO alliance will send 700 additional peacekeepers to Kosovo ,", "", false},
		{"The NATO alliance will send 700 additional peacekeepers to Kosovo, where 30 soldiers were injured in confrontations.",
			"injured", "where 30 soldiers were injured in confrontations .", "", false},
		{"If the situation escalates further, a second battalion will be placed on high alert.",
			"placed", "a second battalion will be placed on high alert .", "", true},
		{"If the situation escalates further, a second battalion will be placed on high alert.",
			"escalates", "If the situation escalates further ,", "", true},
		{"A battalion will be placed on high alert if the situation escalates.",
			"placed", "A battalion will be placed on high alert", "", true},
		{"NATO is deciding whether to send troops.", "deciding", "NATO is deciding", "", false},
		{"NATO is deciding whether to send troops.", "send", "whether to send troops .", "", true},
		{"During a press briefing on Tuesday, Stoltenberg declared the deployment.",
			"declared", "Stoltenberg declared the deployment .", "During a press briefing on Tuesday , Stoltenberg declared the deployment .", false},
		{"A bomb exploded in a market, killing at least 12 people.",
			"exploded", "A bomb exploded in a market , killing at least 12 people .", "", false},
		{"A bomb exploded in a market, killing at least 12 people.",
			"killing", "A bomb exploded in a market , killing at least 12 people .", "", false},
		{"Local Serbs, who have long sought autonomy, boycotted elections.",
			"boycotted", "boycotted elections .", "", false},
		{"Moscow has asserted that NATO is responsible.", "asserted", "Moscow has asserted", "", false},
		{"NATO bombed Serbia in 1999 and the Serbs attacked peacekeepers.",
			"attacked", "and the Serbs attacked peacekeepers .", "NATO bombed Serbia in 1999 and the Serbs attacked peacekeepers .", false},
		{"Since the conflict in 1999, Kosovo has endured unrest.",
			"endured", "Kosovo has endured unrest .", "Since the conflict in 1999 , Kosovo has endured unrest .", false},
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
