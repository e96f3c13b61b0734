// Package dict reads the dictionary formats of the event-data field (TABARI
// and PETRARCH verb patterns, actors, agents, discards, options, projects)
// into plain data. It does no matching: package coder compiles these values.
//
// Every parser reports each bad line as a *LineError ("file:line: what is
// wrong"), skips it and goes on, so one typo never loses a dictionary.
package dict

import "fmt"

// Pos is where an entry was read, for error messages and the dictionary check.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d", p.File, p.Line) }

// LineError is one bad line of a dictionary file.
type LineError struct {
	Pos
	Msg string
}

func (e *LineError) Error() string { return e.Pos.String() + ": " + e.Msg }

// Word is one word of a dictionary phrase, lower-cased with diacritics folded
// (text.Fold), possessive and punctuation rules as in package text.
type Word struct {
	Text string
	// Exact is true when the dictionary wrote an underscore right after the
	// word (FORCES_, or ARMED in ARMED_FORCES): it then matches only that
	// word. Otherwise the word is a stem, as TABARI writes them: ARGENTIN
	// matches Argentina.
	Exact bool
	// Gap is true when the word may be preceded by other words not in the
	// phrase (a space in a TABARI pattern); false when it must follow the
	// previous element directly (an underscore). Always false on the first.
	Gap bool
}

// Phrase is a sequence of words.
type Phrase []Word

// DatedCode is an actor code valid between two dates, YYYYMMDD as integers;
// 0 means open-ended on that side. [RUSGOV >20120507] is From 20120507;
// [ARMELI 630101-900804] is From 19630101, To 19900804 (two-digit years are
// 19xx when above 30, else 20xx, as TABARI reads them).
type DatedCode struct {
	Code     string
	From, To int
}

// Actor is one entry of an actor file: a name with its synonyms and codes.
// Codes holds every code block; an undated one is the default. Codes are
// upper-cased; "---" is TABARI's "no actor" (ALBRIGHT [USAGOV 991201-010114]
// [---]: outside those dates the name codes as nothing).
type Actor struct {
	Phrases []Phrase // the head name first, then the + synonyms
	Codes   []DatedCode
	Pos     Pos
}

// Agent is one entry of an agents file: a role word that combines with an
// actor ("Russian police" -> RUS + COP).
type Agent struct {
	Phrases []Phrase // the head phrase, its {plural} forms, and !SET! expansions
	Code    string   // without the tilde: "GOV", "NGO"
	// Prefix is true for [NGO~]: the agent code goes before the actor's.
	Prefix bool
	// NoPlural is true when the entry wrote empty braces ({}): PETRARCH
	// then generates no regular plural for it.
	NoPlural bool
	Pos      Pos
}

// Discard is a phrase whose presence drops the sentence, or with Story set
// (a leading +) the whole story.
type Discard struct {
	Phrase Phrase
	Story  bool
	Pos    Pos
}

// ElemKind says what one element of a verb pattern matches.
type ElemKind uint8

// Elements of a verb pattern (peers/README.md).
const (
	ElemWord     ElemKind = iota // a literal word or stem
	ElemSynset                   // &NAME: any phrase of the synset
	ElemVerb                     // *: the verb itself
	ElemSource                   // $: the source actor
	ElemTarget                   // +: the target actor
	ElemSkip                     // ^: skip the rest of a noun phrase
	ElemCompound                 // %: a compound actor, source and target both
	ElemAlt                      // {A | B}: one of several phrases
)

// Elem is one element of a verb pattern.
type Elem struct {
	Kind ElemKind
	Word Word     // ElemWord
	Name string   // ElemSynset: the synset name without &, lower-cased
	Alts []Phrase // ElemAlt; a phrase may itself hold &synset words (Text "&name")
	// Gap as in Word: other words may come before this element.
	Gap bool
}

// Pattern is one pattern line under a verb ("- $ * + IN_ CLASHES [190]").
// Elems holds the whole pattern in order, the ElemVerb included.
type Pattern struct {
	Elems []Elem
	Code  string // "190"; "" with Null
	// Code2 is the second code of a paired code [c1:c2]: the event the
	// target commits against the source (CAMEO 175:145).
	Code2 string
	Null  bool // [---]: matching this pattern means no event
	Pos   Pos
}

// Verb is one verb entry: its forms, its default code, its patterns.
type Verb struct {
	// Phrases holds the verb's head form first, then the forms in { } and
	// generated regular forms are the coder's business. A multi-word verb
	// (+WAGE_WAR) is one phrase of several words.
	Phrases []Phrase
	Code    string // the verb's own code, "" when it has none ([---] gives Null)
	Code2   string // second code of a paired code [013:012]
	Null    bool
	// Patterns are the patterns under the verb. In a PETRARCH group every
	// verb of the group holds the group's whole list (one shared, capped
	// slice: appending copies it, so treat it as read-only).
	Patterns []Pattern
	// Group is the PETRARCH "--- NAME [code] ---" block the verb is in; a
	// verb line without its own code takes the group's.
	Group string
	Pos   Pos
}

// Synset is a named set of phrases (&CURRENCY).
type Synset struct {
	Name    string // lower-cased, without &
	Phrases []Phrase
	Pos     Pos
}

// TimeShift is a TABARI <TIME> entry: a phrase that moves the event date by
// Days, or marks the event as not codable (Skip: [###]) or future (Future: [+++]).
type TimeShift struct {
	Phrase Phrase
	// Pattern is set for a "- * AND TOMORROW [+3]" line under a phrase
	// (Phrase then repeats that phrase): the shift applies when the whole
	// pattern matches. Nil for a plain phrase line.
	Pattern []Elem
	Days    int
	Skip    bool
	Future  bool
	Null    bool // [- - -]
	Pos     Pos
}

// Verbs is a parsed verb-pattern file (TABARI .verbs or PETRARCH-1 patterns).
type Verbs struct {
	Verbs      []Verb
	Synsets    []Synset
	Times      []TimeShift
	Nouns      []Phrase // TABARI <NOUN>: words that make a following verb a noun
	Adjectives []Phrase // TABARI <ADJECTIVE>
}

// Options is a TABARI options file: settings as read, in order.
type Options struct {
	Labels   map[string]string // LABEL: 010=YIELD
	Commands []string          // every other non-comment line, verbatim ("SET: TIME SHIFT = FALSE")
}

// Set is everything loaded for one coding run, in load order.
type Set struct {
	Actors   []Actor
	Agents   []Agent
	Discards []Discard
	Verbs    Verbs
	Options  Options
	// PETRARCH's issue file (Phoenix.IssueCoding.txt) is recognised and
	// skipped: issues are not events and the coder does not use them.
	Errors []error // every *LineError met while loading, in order
}

// NumPatterns counts the pattern lines read: a PETRARCH group's patterns,
// shared by all its verbs, count once.
func (v *Verbs) NumPatterns() int {
	n := 0
	seen := map[*Pattern]bool{}
	for i := range v.Verbs {
		ps := v.Verbs[i].Patterns
		if len(ps) == 0 || seen[&ps[0]] {
			continue
		}
		seen[&ps[0]] = true
		n += len(ps)
	}
	return n
}
