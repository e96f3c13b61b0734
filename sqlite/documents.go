package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/internal/nearcopy"
)

// AddDocuments stores a batch of documents in one transaction. A document
// whose id or content hash is already stored (or earlier in the batch) is
// a duplicate; one whose MinHash signature is close enough to a stored
// document's is stored as a near-copy of it. Lookups are made once per batch,
// not once per document: statements are what costs most here.
func (s *Store) AddDocuments(ctx context.Context, docs []faultline.NewDocument) ([]faultline.AddResult, error) {
	if err := faultline.CheckNUL(docs); err != nil {
		return nil, fmt.Errorf("add documents: %w", err)
	}
	tx, done, err := s.beginWrite(ctx)
	if err != nil {
		return nil, errorf("begin", err)
	}
	defer done()
	defer tx.Rollback()
	var idList, hashList []string
	bands := make([][]int64, len(docs))
	for i, d := range docs {
		idList, hashList = append(idList, d.ID), append(hashList, d.Hash)
		bands[i] = faultline.SignatureBands(d.Signature)
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, hash FROM documents WHERE id IN (SELECT value FROM json_each(?))
		UNION ALL SELECT id, hash FROM documents WHERE hash IN (SELECT value FROM json_each(?))`, jsonArray(idList), jsonArray(hashList))
	if err != nil {
		return nil, errorf("look up documents", err)
	}
	ids, hashes, err := nearcopy.Known(rows)
	rows.Close()
	if err != nil {
		return nil, errorf("look up documents", err)
	}
	cands, err := bandCandidates(ctx, tx, nearcopy.Keys(docs, bands, ids, hashes))
	if err != nil {
		return nil, errorf("find near-copies", err)
	}
	insert, err := tx.PrepareContext(ctx, `INSERT INTO documents (id, url, source, title, date, text, hash, signature, near_of, similarity, ingested_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`)
	if err != nil {
		return nil, errorf("prepare", err)
	}
	stmts := stmtCache{tx: tx, m: map[string]*sql.Stmt{}}
	now := s.Now().UTC().Format(time.RFC3339)
	out := make([]faultline.AddResult, len(docs))
	var firstSeq int64
	var bandArgs []any
	for i, d := range docs {
		switch {
		case ids[d.ID]:
			out[i] = faultline.DupID
			continue
		case hashes[d.Hash]:
			out[i] = faultline.DupHash
			continue
		}
		ids[d.ID], hashes[d.Hash] = true, true
		nearOf, sim := cands.Nearest(d.Signature, bands[i])
		var near sql.NullString
		var simv sql.NullFloat64
		out[i] = faultline.Added
		if nearOf != "" {
			near, simv = sql.NullString{String: nearOf, Valid: true}, sql.NullFloat64{Float64: sim, Valid: true}
			out[i] = faultline.NearCopy
		}
		var seq int64
		if err := insert.QueryRowContext(ctx, d.ID, d.URL, d.Source, d.Title, d.Date, d.Text, d.Hash,
			nearcopy.EncodeSig(d.Signature), near, simv, now).Scan(&seq); err != nil {
			return nil, errorf("store document "+d.ID, err)
		}
		if firstSeq == 0 {
			firstSeq = seq
		}
		if len(bands[i]) == 0 {
			continue
		}
		cands.Add(bands[i], nearcopy.Candidate{ID: d.ID, Sig: d.Signature, NearOf: nearOf})
		// Band keys are written many documents to a statement: the
		// batch's own near-copies are found in cands meanwhile.
		for _, b := range bands[i] {
			bandArgs = append(bandArgs, b, seq)
		}
		if len(bandArgs) >= 2*bandRows {
			if err := writeBands(ctx, &stmts, bandArgs); err != nil {
				return nil, errorf("store band keys", err)
			}
			bandArgs = bandArgs[:0]
		}
	}
	if err := writeBands(ctx, &stmts, bandArgs); err != nil {
		return nil, errorf("store band keys", err)
	}
	if firstSeq != 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents_fts (rowid, title, text)
			SELECT seq, title, text FROM documents WHERE seq >= ?`, firstSeq); err != nil {
			return nil, errorf("index documents", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, errorf("commit documents", err)
	}
	return out, nil
}

// jsonArray encodes values for json_each.
func jsonArray[T any](v []T) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// bandCandidates reads the stored documents that have any of keys.
func bandCandidates(ctx context.Context, tx *sql.Tx, keys []int64) (nearcopy.Candidates, error) {
	c := nearcopy.Candidates{}
	if len(keys) == 0 {
		return c, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT b.band, d.id, d.signature, coalesce(d.near_of, '') FROM document_bands b
		JOIN documents d ON d.seq = b.doc WHERE b.band IN (SELECT value FROM json_each(?))`, jsonArray(keys))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if err := c.Scan(rows); err != nil {
		return nil, err
	}
	return c, nil
}

// stmtCache prepares each statement of a transaction once.
type stmtCache struct {
	tx *sql.Tx
	m  map[string]*sql.Stmt
}

func (c *stmtCache) get(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := c.m[q]; ok {
		return st, nil
	}
	st, err := c.tx.PrepareContext(ctx, q)
	if err == nil {
		c.m[q] = st
	}
	return st, err
}

// bandRows is the most band keys one statement writes.
const bandRows = 400

// writeBands writes (band, doc) pairs, flattened in args.
func writeBands(ctx context.Context, stmts *stmtCache, args []any) error {
	if len(args) == 0 {
		return nil
	}
	st, err := stmts.get(ctx, bandSQL(len(args)/2))
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// bandSQL stores n band keys.
func bandSQL(n int) string {
	return `INSERT OR IGNORE INTO document_bands (band, doc) VALUES (?, ?)` + strings.Repeat(", (?, ?)", n-1)
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
