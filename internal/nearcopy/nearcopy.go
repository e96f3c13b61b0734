// Package nearcopy is the near-copy search the stores share: the stored
// documents that share a MinHash band key with new ones, and the most
// similar of them. The stores differ only in how they query the band rows.
package nearcopy

import (
	"encoding/binary"

	faultline "github.com/faultline/faultline"
)

// Candidate is a stored document that shares a band key with a new one.
type Candidate struct {
	ID     string
	NearOf string // the original it is a near-copy of, or ""
	Sig    []uint32
}

// Candidates maps band keys to the documents that have them.
type Candidates map[int64][]Candidate

// Rows is what Scan needs of a query's result: database/sql's *sql.Rows and
// pgx's Rows both have it. The caller closes the rows.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// Scan adds to c each row of (band key, document id, encoded signature,
// near_of or an empty string).
func (c Candidates) Scan(rows Rows) error {
	for rows.Next() {
		var k int64
		var cd Candidate
		var blob []byte
		if err := rows.Scan(&k, &cd.ID, &blob, &cd.NearOf); err != nil {
			return err
		}
		cd.Sig = DecodeSig(blob)
		c[k] = append(c[k], cd)
	}
	return rows.Err()
}

// Add files cd under each of keys, so that later documents of the same
// batch find it.
func (c Candidates) Add(keys []int64, cd Candidate) {
	for _, k := range keys {
		c[k] = append(c[k], cd)
	}
}

// Nearest finds the candidate most similar to sig, if it reaches
// faultline.NearCopySimilarity; a near-copy of a near-copy links to the
// first original. Ties go to the smaller id, so that the answer does not
// depend on row order.
func (c Candidates) Nearest(sig []uint32, keys []int64) (string, float64) {
	best, bestSim := "", 0.0
	for _, k := range keys {
		for _, cd := range c[k] {
			sim := faultline.Similarity(sig, cd.Sig)
			id := cd.ID
			if cd.NearOf != "" {
				id = cd.NearOf
			}
			if sim >= faultline.NearCopySimilarity && (sim > bestSim || sim == bestSim && id < best) {
				best, bestSim = id, sim
			}
		}
	}
	return best, bestSim
}

// EncodeSig is the stored form of a signature: little-endian uint32s, nil
// for none.
func EncodeSig(sig []uint32) []byte {
	if len(sig) == 0 {
		return nil
	}
	b := make([]byte, 4*len(sig))
	for i, v := range sig {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

// DecodeSig reverses EncodeSig.
func DecodeSig(b []byte) []uint32 {
	sig := make([]uint32, len(b)/4)
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return sig
}

// Known reads rows of (id, hash) of stored documents: the ids and hashes a
// batch must not store again. The maps are never nil, so that the caller
// can add the batch's own documents as it stores them.
func Known(rows Rows) (ids, hashes map[string]bool, err error) {
	ids, hashes = map[string]bool{}, map[string]bool{}
	for rows.Next() {
		var id, h string
		if err := rows.Scan(&id, &h); err != nil {
			return nil, nil, err
		}
		ids[id], hashes[h] = true, true
	}
	return ids, hashes, rows.Err()
}

// Keys lists the band keys (bands[i] are docs[i]'s) of the documents that
// are neither stored already (by id) nor exact copies (by hash): only they
// need near-copy candidates.
func Keys(docs []faultline.NewDocument, bands [][]int64, ids, hashes map[string]bool) []int64 {
	var keys []int64
	for i, d := range docs {
		if !ids[d.ID] && !hashes[d.Hash] {
			keys = append(keys, bands[i]...)
		}
	}
	return keys
}
