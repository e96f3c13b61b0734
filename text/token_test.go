package text

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	faultline "github.com/faultline/faultline"
)

// tok is a compact expectation: raw text, norm, and flags as letters
// (p possessive, x punctuation, c capital).
type tok struct{ raw, norm, flags string }

func flagsOf(t Token) string {
	s := ""
	if t.Possessive {
		s += "p"
	}
	if t.Punct {
		s += "x"
	}
	if t.Cap {
		s += "c"
	}
	return s
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []tok
	}{
		{"simple", "Troops fired.", []tok{{"Troops", "troops", "c"}, {"fired", "fired", ""}, {".", ".", "x"}}},
		{"possessive", "NATO's force and Serbia’s province", []tok{{"NATO's", "nato", "pc"}, {"force", "force", ""}, {"and", "and", ""}, {"Serbia’s", "serbia", "pc"}, {"province", "province", ""}}},
		{"plural possessive", "the protesters' demands", []tok{{"the", "the", ""}, {"protesters'", "protesters", "p"}, {"demands", "demands", ""}}},
		{"hyphen", "stone-throwing Serb-majority", []tok{{"stone-throwing", "stone-throwing", ""}, {"Serb-majority", "serb-majority", "c"}}},
		{"numbers", "50,000 soldiers, 3.5 percent, 4% and 9/11 at 10:30", []tok{{"50,000", "50,000", ""}, {"soldiers", "soldiers", ""}, {",", ",", "x"}, {"3.5", "3.5", ""}, {"percent", "percent", ""}, {",", ",", "x"}, {"4%", "4%", ""}, {"and", "and", ""}, {"9/11", "9/11", ""}, {"at", "at", ""}, {"10:30", "10:30", ""}}},
		{"list of numbers", "5,6 and 1999,2000 not 1,000,000", []tok{{"5", "5", ""}, {",", ",", "x"}, {"6", "6", ""}, {"and", "and", ""}, {"1999", "1999", ""}, {",", ",", "x"}, {"2000", "2000", ""}, {"not", "not", ""}, {"1,000,000", "1,000,000", ""}}},
		{"initialism", "U.S. and U.N. troops, e.g. here", []tok{{"U.S.", "u.s.", "c"}, {"and", "and", ""}, {"U.N.", "u.n.", "c"}, {"troops", "troops", ""}, {",", ",", "x"}, {"e.g.", "e.g.", ""}, {"here", "here", ""}}},
		{"abbrev and initial", "Gen. J. Smith left.", []tok{{"Gen.", "gen.", "c"}, {"J.", "j.", "c"}, {"Smith", "smith", "c"}, {"left", "left", ""}, {".", ".", "x"}}},
		{"plan B end", "Plan B.", []tok{{"Plan", "plan", "c"}, {"B", "b", "c"}, {".", ".", "x"}}},
		{"no. number", "No. 1 said no.", []tok{{"No.", "no.", "c"}, {"1", "1", ""}, {"said", "said", ""}, {"no", "no", ""}, {".", ".", "x"}}},
		{"n't", "They didn't go", []tok{{"They", "they", "c"}, {"did", "did", ""}, {"n't", "not", ""}, {"go", "go", ""}}},
		{"can't won't", "can't won’t Don't", []tok{{"ca", "can", ""}, {"n't", "not", ""}, {"wo", "will", ""}, {"n’t", "not", ""}, {"Do", "do", "c"}, {"n't", "not", ""}}},
		{"clitics", "they'll we're I've I'm it's let's he'd", []tok{{"they", "they", ""}, {"'ll", "will", ""}, {"we", "we", ""}, {"'re", "are", ""}, {"I", "i", "c"}, {"'ve", "have", ""}, {"I", "i", "c"}, {"'m", "am", ""}, {"it", "it", ""}, {"'s", "is", ""}, {"let", "let", ""}, {"'s", "us", ""}, {"he", "he", ""}, {"'d", "'d", ""}}},
		{"names with apostrophe", "O'Brien's men in Côte d'Ivoire", []tok{{"O'Brien's", "o'brien", "pc"}, {"men", "men", ""}, {"in", "in", ""}, {"Côte", "cote", "c"}, {"d'Ivoire", "d'ivoire", ""}}},
		{"quotes", "“attacks” and \"unacceptable\" and 'so'", []tok{{"“", `"`, "x"}, {"attacks", "attacks", ""}, {"”", `"`, "x"}, {"and", "and", ""}, {`"`, `"`, "x"}, {"unacceptable", "unacceptable", ""}, {`"`, `"`, "x"}, {"and", "and", ""}, {"'", "'", "x"}, {"so", "so", ""}, {"'", "'", "x"}}},
		{"guillemets", "«Nein»", []tok{{"«", `"`, "x"}, {"Nein", "nein", "c"}, {"»", `"`, "x"}}},
		{"dashes", "BAGHDAD -- Iraqi ... troops — left", []tok{{"BAGHDAD", "baghdad", "c"}, {"--", "--", "x"}, {"Iraqi", "iraqi", "c"}, {"...", "...", "x"}, {"troops", "troops", ""}, {"—", "--", "x"}, {"left", "left", ""}}},
		{"diacritics", "Priština and Zvečan", []tok{{"Priština", "pristina", "c"}, {"and", "and", ""}, {"Zvečan", "zvecan", "c"}}},
		{"domain", "SPACE.com reported", []tok{{"SPACE.com", "space.com", "c"}, {"reported", "reported", ""}}},
		{"run together", "ended.Then", []tok{{"ended", "ended", ""}, {".", ".", "x"}, {"Then", "then", "c"}}},
		{"brackets and money", "(KFOR) $50", []tok{{"(", "(", "x"}, {"KFOR", "kfor", "c"}, {")", ")", "x"}, {"$", "$", "x"}, {"50", "50", ""}}},
		{"AT&T", "AT&T and R&D", []tok{{"AT&T", "at&t", "c"}, {"and", "and", ""}, {"R&D", "r&d", "c"}}},
		{"trailing hyphen", "pro- and anti-war", []tok{{"pro", "pro", ""}, {"-", "-", "x"}, {"and", "and", ""}, {"anti-war", "anti-war", ""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Tokens(tc.doc, faultline.Span{Start: 0, End: len(tc.doc)})
			var gs []tok
			for _, g := range got {
				gs = append(gs, tok{g.Raw, g.Norm, flagsOf(g)})
			}
			if len(gs) != len(tc.want) {
				t.Fatalf("Tokens(%q)\n got %q\nwant %q", tc.doc, gs, tc.want)
			}
			for i := range gs {
				if gs[i] != tc.want[i] {
					t.Errorf("token %d of %q = %q, want %q", i, tc.doc, gs[i], tc.want[i])
				}
			}
			checkTokens(t, tc.doc, faultline.Span{Start: 0, End: len(tc.doc)}, got)
		})
	}
}

// TestTokensSpanOffsets checks that offsets index the whole document, not
// the sentence.
func TestTokensSpanOffsets(t *testing.T) {
	doc := "First one. NATO’s troops came."
	spans := Sentences(doc)
	if len(spans) != 2 {
		t.Fatalf("want 2 sentences, got %v", spans)
	}
	toks := Tokens(doc, spans[1])
	if toks[0].Start != spans[1].Start || toks[0].Raw != "NATO’s" || toks[0].Norm != "nato" {
		t.Errorf("first token of second sentence = %+v", toks[0])
	}
	checkTokens(t, doc, spans[1], toks)
}

// checkTokens asserts the invariants every tokenisation must keep.
func checkTokens(t testing.TB, doc string, s faultline.Span, toks []Token) {
	t.Helper()
	prev := max(s.Start, 0)
	hi := min(s.End, len(doc))
	valid := prev < hi && utf8.ValidString(doc[prev:hi])
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > min(s.End, len(doc)) {
			t.Fatalf("token %d %+v out of order or outside span %v (prev end %d)", i, tk, s, prev)
		}
		if doc[tk.Start:tk.End] != tk.Raw {
			t.Fatalf("token %d: doc[%d:%d] = %q, Raw %q", i, tk.Start, tk.End, doc[tk.Start:tk.End], tk.Raw)
		}
		if tk.Norm == "" {
			t.Fatalf("token %d %q has an empty Norm", i, tk.Raw)
		}
		if valid && (!utf8.ValidString(tk.Raw) || strings.TrimSpace(tk.Raw) != tk.Raw) {
			t.Fatalf("token %d %q is not trimmed valid UTF-8", i, tk.Raw)
		}
		for p := prev; p < tk.Start; {
			n := spaceLen(doc, p)
			if n == 0 {
				t.Fatalf("byte %d (%q) skipped between tokens", p, doc[p:tk.Start])
			}
			p += n
		}
		prev = tk.End
	}
}

// readJSONLTexts returns the "text" field of the first n lines of a JSONL file.
func readJSONLTexts(t testing.TB, path string, n int) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for line := 1; sc.Scan() && (n <= 0 || len(out) < n); line++ {
		var d struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		out = append(out, d.Text)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return out
}

// TestTokensProperty checks the offset invariants over real news: the seed
// report and the first 500 AG News items.
func TestTokensProperty(t *testing.T) {
	b, err := os.ReadFile(sharedPath(t, "seed/kosovo-2023.txt"))
	if err != nil {
		t.Fatal(err)
	}
	docs := []string{string(b)}
	docs = append(docs, readJSONLTexts(t, sharedPath(t, "bench/agnews-7600.jsonl"), 500)...)
	words := 0
	for _, doc := range docs {
		spans := Sentences(doc)
		checkSpans(t, doc, spans)
		for _, s := range spans {
			toks := Tokens(doc, s)
			checkTokens(t, doc, s, toks)
			words += len(toks)
		}
	}
	if words < 10000 {
		t.Errorf("only %d tokens in %d documents", words, len(docs))
	}
}

func TestAppendTokensReuse(t *testing.T) {
	doc := "Priština police arrested Zvečan protesters. NATO’s troops came."
	var buf []Token
	for _, s := range Sentences(doc) {
		buf = AppendTokens(buf[:0], doc, s)
		checkTokens(t, doc, s, buf)
	}
	if buf[0].Norm != "nato" {
		t.Errorf("reused buffer: first token %+v", buf[0])
	}
}
