// Package ingest reads documents from files, directories, JSON Lines, RSS and
// Atom feeds and http(s) URLs, identifies them (id, content hash, MinHash
// signature for near-copies), stores them through a faultline.Store and
// codes the store's queue.
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SignatureSize is the number of MinHash values in a document signature.
const SignatureSize = 32

// shingleWords is how many consecutive words make one shingle.
const shingleWords = 3

// MinSignatureWords is the fewest words a text needs for a signature; a
// shorter text is only ever an exact duplicate, never a near-copy. Short
// templated texts (bulletins, "police arrested 3 protesters in X" wires)
// differ only in the words that make them different events, and with few
// shingles two of them reach the near-copy similarity by the change of
// one or two words.
const MinSignatureWords = 25

// ContentHash identifies a text by its content: the SHA-256 of its words,
// so that a copy that differs only in spacing or line breaks is the same.
func ContentHash(text string) string {
	// The words joined by single spaces, hashed in one call: writing each
	// word to the hash on its own cost more than the hashing.
	buf := make([]byte, 0, len(text))
	for w := range strings.FieldsSeq(text) {
		if len(buf) > 0 {
			buf = append(buf, ' ')
		}
		buf = append(buf, w...)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:16])
}

// Signature is the MinHash signature of the text's shingles (runs of three
// normalised words). It is nil for texts of fewer than MinSignatureWords
// words.
func Signature(text string) []uint32 {
	words := wordHashes(text)
	if len(words) < MinSignatureWords {
		return nil
	}
	var sig [SignatureSize]uint32
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for i := 0; i+shingleWords <= len(words); i++ {
		h := mix(words[i] ^ mix(words[i+1]^mix(words[i+2])))
		for k := range sig {
			// Position k is its own hash function: multiply-shift with an
			// odd multiplier and an offset drawn from k.
			v := uint32((h*multipliers[k] + multipliers[SignatureSize-1-k]) >> 32)
			if v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig[:]
}

// multipliers are odd 64-bit constants, one per signature position.
var multipliers = func() (m [SignatureSize]uint64) {
	for k := range m {
		m[k] = mix(uint64(k+1)*0x9E3779B97F4A7C15) | 1
	}
	return m
}()

// mix is the SplitMix64 finaliser: it spreads every input bit over the word.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// wordHashes hashes the lower-cased words (runs of letters and digits) of text.
func wordHashes(text string) []uint64 {
	var out []uint64
	const offset, prime = 14695981039346656037, 1099511628211
	h, in := uint64(offset), false
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			h = (h ^ uint64(unicode.ToLower(r))) * prime
			in = true
		} else if in {
			out = append(out, h)
			h, in = offset, false
		}
	}
	if in {
		out = append(out, h)
	}
	return out
}

// validText says why a text cannot be a document, or "" when it can.
func validText(s string) string {
	if !utf8.ValidString(s) {
		return "invalid UTF-8"
	}
	if strings.TrimSpace(s) == "" {
		return "no text"
	}
	return ""
}
