package faultline

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// ErrNotFound is returned by stores when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// ErrNUL is returned by stores for a document with U+0000 (a NUL
// character) in any of its fields: PostgreSQL cannot keep it in text, and
// both stores refuse it alike so that a file behaves the same on either.
// A filter with U+0000 matches nothing.
var ErrNUL = errors.New("contains U+0000 (a NUL character)")

// HasNUL says whether any field of d contains U+0000.
func (d Document) HasNUL() bool {
	for _, s := range []string{d.ID, d.Text, d.Date, d.Title, d.URL, d.Source} {
		if strings.IndexByte(s, 0) >= 0 {
			return true
		}
	}
	return false
}

// CheckNUL returns an error wrapping ErrNUL naming the first document of
// docs with U+0000 in a field.
func CheckNUL(docs []NewDocument) error {
	for i := range docs {
		if docs[i].HasNUL() {
			return fmt.Errorf("document %q: %w", docs[i].ID, ErrNUL)
		}
	}
	return nil
}

// HasNUL says whether any string of f contains U+0000 (then nothing
// matches it).
func (f EventFilter) HasNUL() bool {
	for _, s := range []string{f.From, f.To, f.Country, f.Actor, f.Source, f.Target, f.Root, f.CAMEO, string(f.Modality), f.Text, f.DocID} {
		if strings.IndexByte(s, 0) >= 0 {
			return true
		}
	}
	return false
}

// NewDocument is a document ready to be stored: the document itself plus what
// ingest computed for deduplication.
type NewDocument struct {
	Document
	// Hash identifies the content (normalised text); two documents with the
	// same Hash are the same document.
	Hash string
	// Signature is a MinHash signature of the text's shingles, used to find
	// near-copies; nil for texts too short to compare.
	Signature []uint32
}

// AddResult says what happened to one document given to AddDocuments.
type AddResult int

// The outcomes of AddDocuments.
const (
	Added    AddResult = iota // stored and queued for coding
	DupID                     // a document with the same id is stored
	DupHash                   // a document with the same content is stored
	NearCopy                  // stored, queued, and linked to its original
)

// DocumentStore keeps documents. AddDocuments stores a batch in one
// transaction: after a crash either the whole batch is stored or none of it.
// Document returns ErrNotFound for unknown ids.
type DocumentStore interface {
	AddDocuments(ctx context.Context, docs []NewDocument) ([]AddResult, error)
	Document(ctx context.Context, id string) (StoredDocument, error)
}

// StoredDocument is a document as kept, with what the store learnt about it.
type StoredDocument struct {
	Document
	Hash       string    `json:"hash"`
	NearOf     string    `json:"near_of,omitempty"` // the original this is a near-copy of
	Similarity float64   `json:"similarity,omitempty"`
	IngestedAt time.Time `json:"ingested_at"`
	Coded      bool      `json:"coded"`
}

// CodedDocument is the coder's output for one claimed document.
type CodedDocument struct {
	DocID  string
	Events []Event
}

// Queue hands stored, uncoded documents to workers. Claim returns up to n
// waiting documents, oldest first; Complete stores their events and marks
// them coded in one transaction, ignoring documents that are coded already
// or that another live worker holds, so each document is coded into the
// store exactly once. Both stores record claims, so concurrent workers
// never code the same document: PostgreSQL with FOR UPDATE SKIP LOCKED and
// the claiming connection, SQLite with a worker name and a lease written in
// an IMMEDIATE transaction. A claim is taken over when its lease runs out
// or its worker is gone (PostgreSQL: its connection; SQLite: its process,
// on this host).
type Queue interface {
	Claim(ctx context.Context, n int) ([]Document, error)
	Complete(ctx context.Context, docs []CodedDocument) (CompleteStats, error)
}

// CompleteStats counts what Complete did.
type CompleteStats struct {
	Documents int // documents marked coded
	Events    int // new events
	Mentions  int // events merged into an existing event as another mention
}

// EventStore answers event queries. Events calls fn for each event matching
// f in (date, id) order and stops at fn's first error, which it returns.
type EventStore interface {
	Events(ctx context.Context, f EventFilter, fn func(StoredEvent) error) error
}

// StoredEvent is an event as kept: the coded event, how many times it was
// mentioned, and the documents that mention it.
type StoredEvent struct {
	Event
	Mentions  int      `json:"mentions"`
	Documents []string `json:"documents"`
}

// BBox is a longitude/latitude rectangle.
type BBox struct {
	MinLon, MinLat, MaxLon, MaxLat float64
}

// EventFilter selects events. Zero fields do not filter.
type EventFilter struct {
	From, To  string   // YYYY-MM-DD, inclusive
	Country   string   // location country, ISO alpha-3
	Actor     string   // source or target code starts with this
	Source    string   // source code starts with this (a dyad is Source and Target)
	Target    string   // target code starts with this
	Root      string   // CAMEO root, two digits
	CAMEO     string   // CAMEO code starts with this
	QuadClass int      // 1..4
	Modality  Modality // exact
	BBox      *BBox    // event located inside
	Text      string   // words that a mentioning document contains (all of them)
	DocID     string   // events mentioned by this document
	// MinConfidence keeps events whose Confidence is at least this (0:
	// all). Events stored before confidences were kept have 0.
	MinConfidence float64
	Limit         int // at most this many; 0 for all
}

// Counts is a census of a store, for tests and status lines.
type Counts struct {
	Documents, NearCopies, Queued, Events, Mentions int
}

// Store is everything a backend provides.
type Store interface {
	DocumentStore
	Queue
	EventStore
	Counts(ctx context.Context) (Counts, error)
	Close() error
}

// IncidentRule decides when two coded events are one incident reported
// twice, so that the store keeps one event with two mentions. Two events are
// one incident when all hold:
//   - both are dated, at most Days days apart (1: the same or the next day);
//   - they have the same CAMEO root;
//   - their source actors are of the same country, and so are their targets
//     (ActorCountry: the first three letters of the actor code); an event
//     whose source or target is unknown is never merged, since two unknown
//     actors are not known to be the same;
//   - they have the same modality, and it is not historical or hypothetical
//     (those are kept but never merged);
//   - when both are located, they are at most Km kilometres apart; an event
//     without a location matches on the other conditions unless RequirePlace.
//
// Disabled turns merging off.
type IncidentRule struct {
	Days         int
	Km           float64
	RequirePlace bool
	Disabled     bool
}

// DefaultIncidentRule is the rule the CLI uses unless told otherwise.
func DefaultIncidentRule() IncidentRule { return IncidentRule{Days: 1, Km: 25} }

// Mergeable says whether e may be merged with another event at all.
func (r IncidentRule) Mergeable(e Event) bool {
	return !r.Disabled && e.Date != "" && e.Root != "" &&
		ActorCountry(e.Source.Code) != "" && ActorCountry(e.Target.Code) != "" &&
		e.Modality != Historical && e.Modality != Hypothetical
}

// Match says whether a and b are one incident.
func (r IncidentRule) Match(a, b Event) bool {
	if !r.Mergeable(a) || !r.Mergeable(b) || a.Root != b.Root || a.Modality != b.Modality {
		return false
	}
	if ActorCountry(a.Source.Code) != ActorCountry(b.Source.Code) ||
		ActorCountry(a.Target.Code) != ActorCountry(b.Target.Code) {
		return false
	}
	da, ea := time.Parse(time.DateOnly, a.Date)
	db, eb := time.Parse(time.DateOnly, b.Date)
	if ea != nil || eb != nil {
		return false
	}
	if d := da.Sub(db); d > time.Duration(r.Days)*24*time.Hour || -d > time.Duration(r.Days)*24*time.Hour {
		return false
	}
	if a.Location == nil || b.Location == nil {
		return !r.RequirePlace
	}
	return Kilometres(a.Location.Lat, a.Location.Lon, b.Location.Lat, b.Location.Lon) <= r.Km
}

// SameClaim says whether a and b code the same thing (code and actors),
// whatever their dates: used to link a near-copy's events to its original's.
func SameClaim(a, b Event) bool {
	return a.CAMEO == b.CAMEO && a.Source.Code == b.Source.Code &&
		a.Target.Code == b.Target.Code && a.Modality == b.Modality
}

// ActorCountry is the country (or international-body) part of a CAMEO actor
// code: its first three letters, or "" when the code does not name one (an
// unknown actor, or an agent of no known country: "---LAB").
func ActorCountry(code string) string {
	if len(code) < 3 || code[:3] == "---" {
		return ""
	}
	return code[:3]
}

// Kilometres is the great-circle distance between two points.
func Kilometres(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// IngestStats is the closing summary of an ingest run.
type IngestStats struct {
	Read       int            // documents read
	New        int            // stored for the first time
	Duplicates int            // same id or same content as a stored document
	NearCopies int            // stored, and linked to an original (also counted in New)
	Skipped    map[string]int // not stored, by reason
	Coded      int            // documents coded
	Events     int            // new events
	Mentions   int            // mentions merged into existing events
	BadDates   int            // stored without the date they gave (neither YYYY-MM-DD nor RFC 3339)
	Undated    int            // stored without any date
}

// NearCopySimilarity is the estimated Jaccard similarity of shingle sets
// (from MinHash signatures) at or above which a new document is taken for a
// near-copy of a stored one. At 0.5, templated texts of 45 words that share
// a boilerplate sentence were flagged by the hundred (1,686 of 2,000); at
// 0.6 a third as many, while AG News keeps 34 near-copies, all re-edited
// wire stories, of 52 (those between 0.5 and 0.6 were mostly updates with
// other figures: "Oil hits $51", "Oil sets a record above $50").
const NearCopySimilarity = 0.6

// SignatureBands splits the first half of a MinHash signature into LSH
// bands of two values each and hashes each band with its index, so that two
// documents sharing any band key are candidates for near-copies (eight bands
// of a 32-value signature miss fewer than 1 in 200 pairs of Jaccard 0.7).
// Stores index these keys; the whole signature confirms a candidate.
func SignatureBands(sig []uint32) []int64 {
	keys := make([]int64, 0, len(sig)/4)
	for b := 0; b+1 < len(sig)/2; b += 2 {
		x := uint64(sig[b])<<32 | uint64(sig[b+1])
		x ^= uint64(b+1) * 0x9E3779B97F4A7C15
		x ^= x >> 31
		x *= 0xBF58476D1CE4E5B9
		x ^= x >> 29
		keys = append(keys, int64(x))
	}
	return keys
}

// Similarity estimates the Jaccard similarity of two documents from their
// MinHash signatures: the share of positions where they agree.
func Similarity(a, b []uint32) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// PrefixEnd is the smallest string greater than every string starting with
// p, so that "col >= p AND col < PrefixEnd(p)" is a prefix match that an
// index can serve.
func PrefixEnd(p string) string {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xff {
			b[i]++
			return string(b[:i+1])
		}
	}
	return "\U0010FFFF\U0010FFFF"
}
