package enrich

import (
	"fmt"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/text"
)

func TestTolls(t *testing.T) {
	for _, c := range []struct {
		s    string
		want string
	}{
		{"3 fatalities.", "killed=3"},
		{"1 fatality.", "killed=1"},
		{"Fatalities: 4", "killed=4"},
		{"Fatalities - 12", "killed=12"},
		{"No casualties were reported.", ""},
		{"Fatalities unknown.", ""},
		{"No fatalities.", ""},
		{"Four soldiers died in the attack.", "killed=4"},
		{"Two traders were killed and five wounded.", "killed=2 injured=5"},
		{"2 policemen killed, 6 injured.", "killed=2 injured=6"},
		{"A woman was killed in the shelling.", "killed=1"},
		{"Police detained 14 suspects after the raid.", "arrested=14"},
		{"More than 300 families fled to the district centre.", "displaced=300"},
		{"Aid agencies fear the fighting could kill thousands.", ""},
		{"In 2019, 40 people were killed in a similar attack.", ""},
		{"The army said 5 soldiers and 12 militants were killed.", "killed=17"},
		{"The town has 40,000 residents.", ""},
	} {
		doc := faultline.Document{ID: "t", Text: c.s, Date: "2024-03-01"}
		toks := text.AppendTokens(nil, c.s, faultline.Span{End: len(c.s)})
		got := ""
		for _, tl := range Tolls(nil, doc, toks) {
			if got != "" {
				got += " "
			}
			got += fmt.Sprintf("%s=%d", tl.Key, tl.Value)
		}
		if got != c.want {
			t.Errorf("%q: tolls %q, want %q", c.s, got, c.want)
		}
	}
}
