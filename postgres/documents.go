package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/internal/completion"
	"github.com/faultline/faultline/internal/nearcopy"
	"github.com/jackc/pgx/v5"
)

// AddDocuments stores a batch of documents in one transaction. A document
// whose id or content hash is already stored (or earlier in the batch, or
// stored by a concurrent ingest) is a duplicate; one whose MinHash signature
// is close enough to a stored document's is stored as a near-copy of it.
func (s *Store) AddDocuments(ctx context.Context, docs []faultline.NewDocument) ([]faultline.AddResult, error) {
	if err := faultline.CheckNUL(docs); err != nil {
		return nil, fmt.Errorf("add documents: %w", err)
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, errorf("begin", err)
	}
	defer tx.Rollback(context.Background())
	idList, hashList := make([]string, len(docs)), make([]string, len(docs))
	bands := make([][]int64, len(docs))
	for i, d := range docs {
		idList[i], hashList[i] = d.ID, d.Hash
		bands[i] = faultline.SignatureBands(d.Signature)
	}
	rows, err := tx.Query(ctx, `SELECT id, hash FROM documents WHERE id = ANY($1) OR hash = ANY($2)`, idList, hashList)
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
	out := make([]faultline.AddResult, len(docs))
	var batch pgx.Batch
	var sent []int
	now := s.Now()
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
		out[i] = faultline.Added
		var near *string
		var simv *float64
		if nearOf != "" {
			near, simv = &nearOf, &sim
			out[i] = faultline.NearCopy
		}
		if len(bands[i]) > 0 {
			cands.Add(bands[i], nearcopy.Candidate{ID: d.ID, Sig: d.Signature, NearOf: nearOf})
		}
		// ON CONFLICT covers an ingest running beside this one.
		batch.Queue(`WITH d AS (
				INSERT INTO documents (id, url, source, title, date, text, hash, signature, near_of, similarity, ingested_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING seq),
			b AS (INSERT INTO document_bands (band, doc) SELECT unnest($12::bigint[]), seq FROM d ON CONFLICT DO NOTHING)
			SELECT seq FROM d`,
			d.ID, d.URL, d.Source, d.Title, d.Date, d.Text, d.Hash, nearcopy.EncodeSig(d.Signature), near, simv, now, bands[i])
		sent = append(sent, i)
	}
	if len(sent) > 0 {
		br := tx.SendBatch(ctx, &batch)
		for _, i := range sent {
			var seq int64
			err := br.QueryRow().Scan(&seq)
			if errors.Is(err, pgx.ErrNoRows) {
				out[i] = faultline.DupHash // stored meanwhile by another ingest
				continue
			}
			if err != nil {
				br.Close()
				return nil, errorf("store document "+docs[i].ID, err)
			}
		}
		if err := br.Close(); err != nil {
			return nil, errorf("store documents", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, errorf("commit documents", err)
	}
	return out, nil
}

// bandCandidates reads the stored documents that have any of keys.
func bandCandidates(ctx context.Context, tx pgx.Tx, keys []int64) (nearcopy.Candidates, error) {
	c := nearcopy.Candidates{}
	if len(keys) == 0 {
		return c, nil
	}
	rows, err := tx.Query(ctx, `SELECT b.band, d.id, d.signature, coalesce(d.near_of, '') FROM document_bands b
		JOIN documents d ON d.seq = b.doc WHERE b.band = ANY($1)`, keys)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if err := c.Scan(rows); err != nil {
		return nil, err
	}
	return c, nil
}

// Document returns the stored document with the given id.
func (s *Store) Document(ctx context.Context, id string) (faultline.StoredDocument, error) {
	var d faultline.StoredDocument
	if strings.IndexByte(id, 0) >= 0 {
		return d, fmt.Errorf("document %q: %w", id, faultline.ErrNotFound) // PostgreSQL text cannot hold it: no document has it
	}
	var near *string
	var sim *float64
	var state int16
	err := s.pool.QueryRow(ctx, `SELECT id, url, source, title, date, text, hash, near_of, similarity, ingested_at, state
		FROM documents WHERE id = $1`, id).Scan(&d.ID, &d.URL, &d.Source, &d.Title, &d.Date, &d.Text, &d.Hash, &near, &sim, &d.IngestedAt, &state)
	if errors.Is(err, pgx.ErrNoRows) {
		return d, fmt.Errorf("document %q: %w", id, faultline.ErrNotFound)
	}
	if err != nil {
		return d, errorf("read document "+id, err)
	}
	if near != nil {
		d.NearOf = *near
	}
	if sim != nil {
		d.Similarity = *sim
	}
	d.Coded = state == 2
	return d, nil
}

// Claim takes up to n waiting documents for this store's worker connection.
// SKIP LOCKED lets any number of workers claim at once without waiting for
// or taking each other's rows. A claim is taken over when its worker's
// connection is gone (the process died) or its lease ran out. A claim made
// after this transaction began is never taken over for a missing pid: the
// transaction's cached view of pg_stat_activity may predate that worker's
// connection, and under load a live worker's fresh claim was taken over.
// now() is the transaction's start, so an older claim's worker is in the view.
func (s *Store) Claim(ctx context.Context, n int) ([]faultline.Document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	conn, err := s.workerConn(ctx)
	if err != nil {
		return nil, errorf("claim", err)
	}
	rows, err := conn.Query(ctx, `UPDATE documents SET state = 1, claimed_pid = pg_backend_pid(), claimed_at = now()
		WHERE seq IN (
			SELECT seq FROM documents d
			WHERE state = 0 OR (state = 1 AND (claimed_at < now() - make_interval(secs => $2)
				OR (d.claimed_at < now() AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = d.claimed_pid))))
			ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED)
		RETURNING seq, id, text, date, title, url, source`, n, s.Lease.Seconds())
	if err != nil {
		return nil, errorf("claim", err)
	}
	defer rows.Close()
	docs, err := completion.Claimed(rows)
	if err != nil {
		return nil, errorf("claim", err)
	}
	return docs, nil
}
