package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedPath returns path under the shared data directory beside the
// repository, skipping the test when it is absent (failing under $CI, where
// the data must be present).
func sharedPath(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join("..", "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("shared data %s not available under $CI: %v", p, err)
		}
		t.Skipf("shared data %s not available: %v", p, err)
	}
	return p
}

// sentenceTexts returns the text of each sentence of doc.
func sentenceTexts(doc string) []string {
	var out []string
	for _, s := range Sentences(doc) {
		out = append(out, doc[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"empty", "", nil},
		{"only space", " \n\t ", nil},
		{"one", "Troops arrived.", []string{"Troops arrived."}},
		{"no stop", "  Troops arrived  ", []string{"Troops arrived"}},
		{"two", "Troops arrived. Protesters fled.", []string{"Troops arrived.", "Protesters fled."}},
		{"question exclaim", "Who fired? Nobody knows! Police said so.", []string{"Who fired?", "Nobody knows!", "Police said so."}},
		{"U.S. mid", "U.S. troops and U.N. monitors arrived in the U.S. zone on Monday.", []string{"U.S. troops and U.N. monitors arrived in the U.S. zone on Monday."}},
		{"U.S. title follows", "He met U.S. President Bush. They talked.", []string{"He met U.S. President Bush.", "They talked."}},
		{"U.S. end", "The envoy flew back to the U.S. The talks failed.", []string{"The envoy flew back to the U.S.", "The talks failed."}},
		{"titles", "Gen. Ray Odierno met Lt. Col. Smith and Sen. Jones, Rep. Lee, Dr. Kim, Mr. and Mrs. Park.", []string{"Gen. Ray Odierno met Lt. Col. Smith and Sen. Jones, Rep. Lee, Dr. Kim, Mr. and Mrs. Park."}},
		{"months", "The vote on Jan. 5 and the strike on Sept. 12 were delayed. Feb. 3 came.", []string{"The vote on Jan. 5 and the strike on Sept. 12 were delayed.", "Feb. 3 came."}},
		{"company", "Apple Inc. Chief Executive Steve Jobs spoke. Microsoft Corp. said it agreed. Shares of Acme Co. The stock rose.", []string{"Apple Inc. Chief Executive Steve Jobs spoke.", "Microsoft Corp. said it agreed.", "Shares of Acme Co.", "The stock rose."}},
		{"number abbrev", "He was ranked No. 1 in the world. The answer was No. Then he left.", []string{"He was ranked No. 1 in the world.", "The answer was No.", "Then he left."}},
		{"vs eg ie", "Iraq vs. Iran, e.g. Basra, i.e. the south. Done.", []string{"Iraq vs. Iran, e.g. Basra, i.e. the south.", "Done."}},
		{"initials", "J. Smith and George W. Bush met. Plan B. The end.", []string{"J. Smith and George W. Bush met.", "Plan B.", "The end."}},
		{"St.", "Talks in St. Petersburg ended. Riots followed.", []string{"Talks in St. Petersburg ended.", "Riots followed."}},
		{"decimal", "Growth was 3.5 percent, down from 4.2. Prices rose 0.5%.", []string{"Growth was 3.5 percent, down from 4.2.", "Prices rose 0.5%."}},
		{"ellipsis", "He said he was ... not sure. Then... Nothing. Wait… More came.", []string{"He said he was ... not sure.", "Then...", "Nothing.", "Wait…", "More came."}},
		{"straight quote", `He called it "unacceptable." Police left.`, []string{`He called it "unacceptable."`, "Police left."}},
		{"curly quote", "He deemed it “unacceptable.” Stoltenberg urged calm.", []string{"He deemed it “unacceptable.”", "Stoltenberg urged calm."}},
		{"quote then lower", `"We will fight!" he said. "Go."`, []string{`"We will fight!" he said.`, `"Go."`}},
		{"paren", "They left (see above.) Then they returned.", []string{"They left (see above.)", "Then they returned."}},
		{"next opens with quote", "Police fired. “We had no choice,” an officer said.", []string{"Police fired.", "“We had no choice,” an officer said."}},
		{"dateline", "BAGHDAD, April 9 (Xinhua) -- U.S. forces entered the city. Crowds cheered.", []string{"BAGHDAD, April 9 (Xinhua) -- U.S. forces entered the city.", "Crowds cheered."}},
		{"dateline wrapped", "BAGHDAD, April 9 (Xinhua) --\nU.S. forces entered the city.", []string{"BAGHDAD, April 9 (Xinhua) --\nU.S. forces entered the city."}},
		{"headline", "NATO to send 700 more peacekeepers to Kosovo\nThe NATO alliance will send troops.", []string{"NATO to send 700 more peacekeepers to Kosovo", "The NATO alliance will send troops."}},
		{"headline digit", "Clashes in Zvecan\n30 soldiers were injured.", []string{"Clashes in Zvecan", "30 soldiers were injured."}},
		{"wrapped lower", "Rohan is ready to reopen its consulate in Dale nearly \nthree decades after rioters burned its archive, a junior minister \ntold reporters on Monday. ", []string{"Rohan is ready to reopen its consulate in Dale nearly \nthree decades after rioters burned its archive, a junior minister \ntold reporters on Monday."}},
		{"wrapped before name", "Eriador's second Foreign Minister Halbarad flew to \nDol Amroth on Friday.", []string{"Eriador's second Foreign Minister Halbarad flew to \nDol Amroth on Friday."}},
		{"wrapped number line", "Rohan agreed on Monday to ship the city of Dale roughly\n12,500 barrels of oil, a Rohirric \ntrade envoy announced.", []string{"Rohan agreed on Monday to ship the city of Dale roughly\n12,500 barrels of oil, a Rohirric \ntrade envoy announced."}},
		{"wrapped continuation line", "A Harad tribal elder told a radio station on Sunday a clinic for \nUmbar ought to be built in villages not held by pirate\nCorsair bands.", []string{"A Harad tribal elder told a radio station on Sunday a clinic for \nUmbar ought to be built in villages not held by pirate\nCorsair bands."}},
		{"wrapped capitals", "ROHAN IS READY TO REOPEN ITS CONSULATE IN DALE NEARLY\nTHREE DECADES AFTER RIOTERS BURNED ITS ARCHIVE, A JUNIOR MINISTER\nTOLD REPORTERS ON MONDAY.", []string{"ROHAN IS READY TO REOPEN ITS CONSULATE IN DALE NEARLY\nTHREE DECADES AFTER RIOTERS BURNED ITS ARCHIVE, A JUNIOR MINISTER\nTOLD REPORTERS ON MONDAY."}},
		{"short capitals headline", "NATO SENDS TROOPS\nThe alliance acted.", []string{"NATO SENDS TROOPS", "The alliance acted."}},
		{"long title case headline", "The Game is Over: Third Regional Bank Sets Closing Date for Its Rural Branches\nA third bank said so.", []string{"The Game is Over: Third Regional Bank Sets Closing Date for Its Rural Branches", "A third bank said so."}},
		{"paragraph number", "2.\n-- Gollum marched on Saturday. 3. Police came.", []string{"2.\n-- Gollum marched on Saturday.", "3. Police came."}},
		{"state abbreviation", "Ky. Company Wins Grant (AP). CEDAR KEY, Fla. - Relief crews came. They moved to Fla. The end.", []string{"Ky. Company Wins Grant (AP).", "CEDAR KEY, Fla. - Relief crews came.", "They moved to Fla.", "The end."}},
		{"blank line", "Fighting resumed\n\nit was heavy", []string{"Fighting resumed", "it was heavy"}},
		{"crlf", "Line one.\r\nLine two.\r\n", []string{"Line one.", "Line two."}},
		{"lower case doc", "the police arrested him. about 60 members met in lucknow. the u.s. envoy left. gen. singh spoke.", []string{"the police arrested him.", "about 60 members met in lucknow.", "the u.s. envoy left.", "gen. singh spoke."}},
		{"lower doc u.s. end", "talks were held in the u.s. the envoy left.", []string{"talks were held in the u.s.", "the envoy left."}},
		{"mixed doc lower after stop", "Prices rose approx. five percent. Sales fell.", []string{"Prices rose approx. five percent.", "Sales fell."}},
		{"year starts sentence", "Kosovo has endured disturbance. 2008 saw independence.", []string{"Kosovo has endured disturbance.", "2008 saw independence."}},
		{"source and url", "The Game is Over (SPORTS.net). SPORTS.net - OTTAWA, Canada -- A club said so.", []string{"The Game is Over (SPORTS.net).", "SPORTS.net - OTTAWA, Canada -- A club said so."}},
		{"no space after stop", "It ended.Then it began.", []string{"It ended.Then it began."}},
		{"non-ASCII start", "Talks ended. Ólafur spoke. Émile left.", []string{"Talks ended.", "Ólafur spoke.", "Émile left."}},
		{"nbsp", "Talks ended.\u00a0Riots began.\u00a0", []string{"Talks ended.", "Riots began."}},
		{"Jr. then starter", "Martin Luther King Jr. He spoke.", []string{"Martin Luther King Jr.", "He spoke."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sentenceTexts(tc.doc)
			if strings.Join(got, "\x00") != strings.Join(tc.want, "\x00") || len(got) != len(tc.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tc.doc, got, tc.want)
			}
		})
	}
}

// TestSentencesSeed splits the founding report. Each of its 9 lines holds
// one paragraph; every line must start a sentence and no sentence may cross
// a line. The sentences per line were counted by hand. A line holding one
// sentence must come back whole: the third of them ends in a full stop inside
// closing curly quotes, which must stay with its sentence.
func TestSentencesSeed(t *testing.T) {
	b, err := os.ReadFile(sharedPath(t, "seed/kosovo-2023.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	perLine := []int{1, 2, 1, 1, 2, 2, 2, 4, 3}
	lines := strings.Split(strings.TrimRight(doc, "\n"), "\n")
	if len(lines) != len(perLine) {
		t.Fatalf("seed has %d lines, this test expects %d", len(lines), len(perLine))
	}
	spans := Sentences(doc)
	total := 0
	for _, n := range perLine {
		total += n
	}
	if len(spans) != total {
		t.Errorf("got %d sentences, want %d: %q", len(spans), total, sentenceTexts(doc))
	}
	off, k := 0, 0
	for i, l := range lines {
		end := off + len(strings.TrimRight(l, " \t\r"))
		var got []string
		for k < len(spans) && spans[k].Start < end {
			s := spans[k]
			if s.End > end {
				t.Errorf("line %d: sentence crosses a line: %q", i+1, doc[s.Start:s.End])
			}
			got = append(got, doc[s.Start:min(s.End, len(doc))])
			k++
		}
		if len(got) == 0 || spans[k-len(got)].Start != off {
			t.Errorf("line %d does not start a sentence", i+1)
		}
		if len(got) != perLine[i] {
			t.Errorf("line %d: got %d sentences, want %d: %q", i+1, len(got), perLine[i], got)
		}
		if perLine[i] == 1 && len(got) == 1 && got[0] != doc[off:end] {
			t.Errorf("line %d: the one sentence is %q, want the whole line", i+1, got[0])
		}
		off += len(l) + 1
	}
}
