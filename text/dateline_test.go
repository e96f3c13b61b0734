package text

import "testing"

func TestDateline(t *testing.T) {
	tests := []struct {
		doc, place, span string // span "" means no dateline
	}{
		{"BAGHDAD, April 9 (Xinhua) -- U.S. forces entered the city.", "BAGHDAD", "BAGHDAD, April 9 (Xinhua) --"},
		{"WASHINGTON (Reuters) - The Senate voted.", "WASHINGTON", "WASHINGTON (Reuters) -"},
		{"UNITED NATIONS (AP) -- The council met.", "UNITED NATIONS", "UNITED NATIONS (AP) --"},
		{"ST. LOUIS, Mo. — Police said.", "ST. LOUIS, Mo.", "ST. LOUIS, Mo. —"},
		{"NEW YORK, Aug. 15, 2004 (Reuters) - Stocks fell.", "NEW YORK", "NEW YORK, Aug. 15, 2004 (Reuters) -"},
		{"Pristina, May 30 (Reuters) - Clashes erupted.", "Pristina", "Pristina, May 30 (Reuters) -"},
		{"The Game is Over (SPORTS.net). SPORTS.net - OTTAWA, Canada -- A third club said.", "OTTAWA, Canada", "OTTAWA, Canada --"},
		{"Flood Victims Queue for Bread, Fuel. CEDAR KEY, Fla. - County relief crews arrived.", "CEDAR KEY, Fla.", "CEDAR KEY, Fla. -"},
		{"Man Sought From McGreevey (AP). AP - The man who claims.", "", ""},
		{"NATO will send 700 more troops.", "", ""},
		{"Update: talks resume.", "", ""},
		{"UPDATE: talks resume.", "", ""},
		{"Kosovo clashes - NATO responds", "", ""},
		{"This story is from June 4, 2011\n\n kanpur: the council has asked for a curfew.", "kanpur", "kanpur:"},
		{"", "", ""},
	}
	for _, tc := range tests {
		place, span, ok := Dateline(tc.doc)
		if tc.span == "" {
			if ok {
				t.Errorf("Dateline(%q) = %q %q, want none", tc.doc, place, tc.doc[span.Start:span.End])
			}
			continue
		}
		if !ok || place != tc.place || tc.doc[span.Start:span.End] != tc.span {
			got := ""
			if ok {
				got = tc.doc[span.Start:span.End]
			}
			t.Errorf("Dateline(%q) = %q %q %v, want %q %q", tc.doc, place, got, ok, tc.place, tc.span)
		}
	}
}

// TestDatelineInFirstSentence checks that Sentences keeps a dateline in the
// sentence it opens.
func TestDatelineInFirstSentence(t *testing.T) {
	doc := "NEW YORK, Aug. 15 (Reuters) - Stocks fell. Bonds rose."
	_, span, ok := Dateline(doc)
	if !ok {
		t.Fatal("no dateline found")
	}
	first := Sentences(doc)[0]
	if span.Start < first.Start || span.End > first.End {
		t.Errorf("dateline %v outside first sentence %v", span, first)
	}
}
