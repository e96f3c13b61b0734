package text

// abbrevKind says what a word followed by a period is.
type abbrevKind uint8

const (
	notAbbrev abbrevKind = iota
	// titleAbbrev words come before what they qualify (Gen. Smith, Jan. 5,
	// No. 3) and almost never end a sentence.
	titleAbbrev
	// endAbbrev words often end a sentence too (U.S., Inc., Corp.): the
	// period ends one only when a typical sentence opener follows.
	endAbbrev
	// numberAbbrev ("No.") is a title before a number, a word otherwise.
	numberAbbrev
)

// abbrevs maps lower-case abbreviations without their final period.
var abbrevs = map[string]abbrevKind{}

func init() {
	for _, w := range []string{
		// titles and ranks
		"mr", "mrs", "ms", "messrs", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt",
		"sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "brig", "sen", "rep", "reps", "gov",
		"pres", "rev", "hon", "fr", "st", "ste", "mt", "ft", "supt", "insp", "det", "amb",
		"atty", "gens", "sens", "lieut", "cmdt", "msgr",
		// months
		"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		// others that introduce what follows
		"vs", "v", "e.g", "i.e", "cf", "approx", "fig", "figs", "vol", "vols",
		"pp", "nr", "viz", "ca",
	} {
		abbrevs[w] = titleAbbrev
	}
	for _, w := range []string{
		"inc", "corp", "co", "ltd", "llc", "plc", "bros", "ave", "blvd", "rd", "etc",
		"dept", "univ", "assn", "est", "intl", "govt", "mins", "hrs", "yrs", "km", "mi",
		"jr", "sr", "al", // "Martin Luther King Jr. He ..."
		// US states as datelines write them: "PUNTA GORDA, Fla. - Rescue teams ..."
		"ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind",
		"kan", "kans", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont",
		"neb", "nev", "okla", "ore", "pa", "penn", "tenn", "tex", "va", "vt", "wash",
		"wis", "wyo",
	} {
		abbrevs[w] = endAbbrev
	}

	abbrevs["no"], abbrevs["nos"] = numberAbbrev, numberAbbrev
}

// starters are words that open sentences far more often than they continue
// a name: after "U.S." or "Inc." they signal a new sentence, where "U.S.
// President" or "Apple Inc. Chief" do not.
var starters = map[string]bool{}

func init() {
	for _, w := range []string{
		"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that",
		"these", "those", "there", "his", "her", "its", "their", "our", "my", "in", "on",
		"at", "but", "and", "or", "so", "if", "when", "while", "after", "before", "as",
		"since", "although", "though", "however", "meanwhile", "also", "yet", "for",
		"to", "from", "with", "by", "of", "during", "earlier", "later", "last", "some",
		"many", "most", "one", "two", "no", "not", "what", "who", "why", "how", "where",
		"both", "all", "each", "such", "other", "another", "then", "thus", "still",
		"officials", "analysts", "police", "witnesses", "shares", "sources",
	} {
		starters[w] = true
	}
}

// lookupFold looks w up in m after ASCII lower-casing, without allocating.
func lookupFold[V any](m map[string]V, w string) (V, bool) {
	var buf [24]byte
	var zero V
	if len(w) > len(buf) {
		return zero, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	v, ok := m[string(buf[:len(w)])]
	return v, ok
}
