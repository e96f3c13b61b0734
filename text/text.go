// Package text splits news into sentences and tokens that keep their byte
// offsets into the original document, and normalises words for matching.
package text

import faultline "github.com/faultline/faultline"

// Token is one word or punctuation mark of a sentence.
type Token struct {
	Start, End int    // byte offsets into the document text
	Raw        string // as written
	// Norm is lower-cased with diacritics folded (Priština -> pristina) and
	// a possessive 's or ’s removed (NATO's -> nato); what dictionaries match.
	Norm       string
	Possessive bool // the word carried 's / ’s / s'
	Punct      bool // punctuation: , ; : " “ ” ( ) . ! ? and the like
	Cap        bool // the first letter was upper-case as written
}

// Sentences returns the sentences of doc as byte spans, in order.
// PLACEHOLDER: the text package's author replaces this.
func Sentences(doc string) []faultline.Span {
	return []faultline.Span{{Start: 0, End: len(doc)}}
}

// Tokens returns the tokens of doc[s.Start:s.End] with offsets into doc.
// PLACEHOLDER: the text package's author replaces this.
func Tokens(doc string, s faultline.Span) []Token { return nil }

// Fold lower-cases s and removes diacritics, for matching.
// PLACEHOLDER: the text package's author replaces this.
func Fold(s string) string { return s }
