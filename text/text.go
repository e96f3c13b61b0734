// Package text splits news into sentences and tokens that keep their byte
// offsets into the original document, and normalises words for matching.
//
// Sentences and Tokens are written for speed (no regular expressions, one
// pass over the bytes) because the coder runs them over every document.
package text

// Token is one word or punctuation mark of a sentence.
type Token struct {
	Start, End int    // byte offsets into the document text
	Raw        string // as written
	// Norm is lower-cased with diacritics folded (Priština -> pristina) and
	// a possessive 's or ’s removed (NATO's -> nato); what dictionaries match.
	// Split contractions carry the full word: n't -> not, 'll -> will,
	// and the "ca" of can't -> can, the "wo" of won't -> will.
	Norm       string
	Possessive bool // the word carried 's / ’s / s'
	Punct      bool // punctuation: , ; : " “ ” ( ) . ! ? and the like
	Cap        bool // the first letter was upper-case as written
}
