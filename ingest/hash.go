// Package ingest reads documents from files, directories, JSON Lines, RSS and
// Atom feeds and http(s) URLs, identifies them (id, content hash, MinHash
// signature for near-copies), stores them through a faultline.Store and
// codes the store's queue.
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SignatureSize is the number of MinHash values in a document signature.
const SignatureSize = 32

// shingleWords is how many consecutive words make one shingle.
const shingleWords = 3

// ContentHash identifies a text by its content: the SHA-256 of its words,
// so that a copy that differs only in spacing or line breaks is the same.
func ContentHash(text string) string {
	h := sha256.New()
	first := true
	for w := range strings.FieldsSeq(text) {
		if !first {
			h.Write([]byte{' '})
		}
		first = false
		h.Write([]byte(w))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Signature is the MinHash signature of the text's shingles (runs of three
// normalised words). It is nil when the text has too few words to compare.
func Signature(text string) []uint32 {
	words := normWords(text)
	if len(words) < shingleWords+2 {
		return nil
	}
	sig := make([]uint32, SignatureSize)
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for i := 0; i+shingleWords <= len(words); i++ {
		f := fnv.New64a()
		for j := i; j < i+shingleWords; j++ {
			f.Write([]byte(words[j]))
			f.Write([]byte{0})
		}
		h := f.Sum64()
		for k := range sig {
			// Each position is a different hash function: the shingle hash
			// mixed with a per-position constant.
			v := uint32(mix(h^(uint64(k+1)*0x9E3779B97F4A7C15)) >> 32)
			if v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig
}

// mix is the SplitMix64 finaliser: it spreads every input bit over the word.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// normWords splits text into lower-cased words of letters and digits.
func normWords(text string) []string {
	var words []string
	start := -1
	for i, r := range text {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r)
		if ok && start < 0 {
			start = i
		}
		if !ok && start >= 0 {
			words = append(words, strings.ToLower(text[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, strings.ToLower(text[start:]))
	}
	return words
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
