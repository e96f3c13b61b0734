package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	faultline "github.com/faultline/faultline"
)

// AddDocuments stores a batch of documents in one transaction. A document
// whose id or content hash is already stored (or earlier in the batch) is
// a duplicate; one whose MinHash signature is close enough to a stored
// document's is stored as a near-copy of it.
func (s *Store) AddDocuments(ctx context.Context, docs []faultline.NewDocument) ([]faultline.AddResult, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, errorf("begin", err)
	}
	defer tx.Rollback()
	seen, err := tx.PrepareContext(ctx, `SELECT id = ? FROM documents WHERE id = ? OR hash = ? LIMIT 1`)
	if err != nil {
		return nil, errorf("prepare", err)
	}
	insert, err := tx.PrepareContext(ctx, `INSERT INTO documents (id, url, source, title, date, text, hash, signature, near_of, similarity, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`)
	if err != nil {
		return nil, errorf("prepare", err)
	}
	band, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO document_bands (band, doc) VALUES (?, ?)`)
	if err != nil {
		return nil, errorf("prepare", err)
	}
	now := s.Now().UTC().Format(time.RFC3339)
	out := make([]faultline.AddResult, len(docs))
	for i, d := range docs {
		var sameID bool
		err := seen.QueryRowContext(ctx, d.ID, d.ID, d.Hash).Scan(&sameID)
		if err == nil {
			out[i] = faultline.DupHash
			if sameID {
				out[i] = faultline.DupID
			}
			continue
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, errorf("look up document "+d.ID, err)
		}
		bands := faultline.SignatureBands(d.Signature)
		nearOf, sim, err := nearest(ctx, tx, d.Signature, bands)
		if err != nil {
			return nil, errorf("find near-copies of "+d.ID, err)
		}
		var near sql.NullString
		var simv sql.NullFloat64
		out[i] = faultline.Added
		if nearOf != "" {
			near, simv = sql.NullString{String: nearOf, Valid: true}, sql.NullFloat64{Float64: sim, Valid: true}
			out[i] = faultline.NearCopy
		}
		var seq int64
		if err := insert.QueryRowContext(ctx, d.ID, d.URL, d.Source, d.Title, d.Date, d.Text, d.Hash,
			encodeSig(d.Signature), near, simv, now).Scan(&seq); err != nil {
			return nil, errorf("store document "+d.ID, err)
		}
		for _, b := range bands {
			if _, err := band.ExecContext(ctx, b, seq); err != nil {
				return nil, errorf("store document "+d.ID, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, errorf("commit documents", err)
	}
	return out, nil
}

// nearest finds the stored document most similar to sig among those sharing
// a band key, if it reaches faultline.NearCopySimilarity. A near-copy of a
// near-copy links to the first original.
func nearest(ctx context.Context, tx *sql.Tx, sig []uint32, bands []int64) (string, float64, error) {
	if len(bands) == 0 {
		return "", 0, nil
	}
	args := make([]any, len(bands))
	for i, b := range bands {
		args[i] = b
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT d.id, d.signature, coalesce(d.near_of, '') FROM document_bands b
		JOIN documents d ON d.seq = b.doc WHERE b.band IN (?`+strings.Repeat(", ?", len(bands)-1)+`)`, args...)
	if err != nil {
		return "", 0, err
	}
	defer rows.Close()
	best, bestSim := "", 0.0
	for rows.Next() {
		var id, nearOf string
		var blob []byte
		if err := rows.Scan(&id, &blob, &nearOf); err != nil {
			return "", 0, err
		}
		sim := faultline.Similarity(sig, decodeSig(blob))
		if sim >= faultline.NearCopySimilarity && (sim > bestSim || sim == bestSim && id < best) {
			if nearOf != "" {
				id = nearOf
			}
			best, bestSim = id, sim
		}
	}
	return best, bestSim, rows.Err()
}

func encodeSig(sig []uint32) []byte {
	if len(sig) == 0 {
		return nil
	}
	b := make([]byte, 4*len(sig))
	for i, v := range sig {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

func decodeSig(b []byte) []uint32 {
	sig := make([]uint32, len(b)/4)
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return sig
}

// Document returns the stored document with the given id.
func (s *Store) Document(ctx context.Context, id string) (faultline.StoredDocument, error) {
	var d faultline.StoredDocument
	var near sql.NullString
	var sim sql.NullFloat64
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT id, url, source, title, date, text, hash, near_of, similarity, ingested_at, coded
		FROM documents WHERE id = ?`, id).Scan(&d.ID, &d.URL, &d.Source, &d.Title, &d.Date, &d.Text, &d.Hash, &near, &sim, &at, &d.Coded)
	if errors.Is(err, sql.ErrNoRows) {
		return d, fmt.Errorf("document %q: %w", id, faultline.ErrNotFound)
	}
	if err != nil {
		return d, errorf("read document "+id, err)
	}
	d.NearOf, d.Similarity = near.String, sim.Float64
	d.IngestedAt, _ = time.Parse(time.RFC3339, at)
	return d, nil
}

// Claim returns up to n uncoded documents. SQLite has one writer at a time,
// so claims are not recorded: Complete skips documents that another process
// coded first, which keeps every document coded into the store once.
func (s *Store) Claim(ctx context.Context, n int) ([]faultline.Document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rows, err := s.db.QueryContext(ctx, `SELECT seq, id, text, date, title, url, source FROM documents
		WHERE coded = 0 AND seq > ? ORDER BY seq LIMIT ?`, s.claimed, n)
	if err != nil {
		return nil, errorf("claim", err)
	}
	defer rows.Close()
	var docs []faultline.Document
	for rows.Next() {
		var d faultline.Document
		if err := rows.Scan(&s.claimed, &d.ID, &d.Text, &d.Date, &d.Title, &d.URL, &d.Source); err != nil {
			return nil, errorf("claim", err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, errorf("claim", err)
	}
	if len(docs) == 0 {
		// Start over next time: documents skipped because another process
		// held them may still be waiting.
		s.claimed = 0
	}
	return docs, nil
}
