package sqlite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"strconv"
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/internal/completion"
)

// workerName names this store's claims: host, process id and a random
// part, so that two stores in one process (or a later process given the
// same id) are told apart, and a claim of a dead process on this host can
// be recognised.
func workerName() string {
	host, _ := os.Hostname()
	var b [6]byte
	rand.Read(b[:])
	return fmt.Sprintf("%s/%d/%s", strings.ReplaceAll(host, "/", "_"), os.Getpid(), hex.EncodeToString(b[:]))
}

// alive says whether the worker that wrote name may still be running: a
// worker of another host is taken for alive (its lease decides), one of
// this host is alive while its process is.
func alive(name string) bool {
	parts := strings.Split(name, "/")
	if len(parts) != 3 {
		return true
	}
	host, _ := os.Hostname()
	pid, err := strconv.Atoi(parts[1])
	if err != nil || parts[0] != strings.ReplaceAll(host, "/", "_") {
		return true
	}
	return processAlive(pid)
}

// Claim takes up to n waiting documents, oldest first, for this store: in
// one IMMEDIATE transaction (SQLite's single writer) it writes the store's
// worker name and the end of its lease on them, so that no other process
// or store on the file takes them until Complete, until the lease runs out,
// or until the claiming process is gone.
func (s *Store) Claim(ctx context.Context, n int) ([]faultline.Document, error) {
	tx, done, err := s.beginWrite(ctx)
	if err != nil {
		return nil, errorf("claim", err)
	}
	defer done()
	defer tx.Rollback()
	now := s.Now().UnixMilli()
	// Release the claims of dead workers of this host at once, rather than
	// after their lease: a killed ingest run again picks up where it was.
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT claimed_by FROM documents
		WHERE coded = 0 AND claimed_by IS NOT NULL AND claimed_by != ? AND claimed_until >= ?`, s.worker, now)
	if err != nil {
		return nil, errorf("claim", err)
	}
	var dead []string
	for rows.Next() {
		var w string
		if err := rows.Scan(&w); err != nil {
			rows.Close()
			return nil, errorf("claim", err)
		}
		if !alive(w) {
			dead = append(dead, w)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, errorf("claim", err)
	}
	if len(dead) > 0 {
		if _, err := tx.ExecContext(ctx, `UPDATE documents SET claimed_by = NULL, claimed_until = NULL
			WHERE coded = 0 AND claimed_by IN (SELECT value FROM json_each(?))`, jsonArray(dead)); err != nil {
			return nil, errorf("release claims of dead workers", err)
		}
	}
	rows, err = tx.QueryContext(ctx, `UPDATE documents SET claimed_by = ?1, claimed_until = ?2
		WHERE seq IN (SELECT seq FROM documents WHERE coded = 0
			AND (claimed_by IS NULL OR claimed_until < ?3) ORDER BY seq LIMIT ?4)
		RETURNING seq, id, text, date, title, url, source`, s.worker, now+s.Lease.Milliseconds(), now, n)
	if err != nil {
		return nil, errorf("claim", err)
	}
	docs, err := completion.Claimed(rows)
	rows.Close()
	if err != nil {
		return nil, errorf("claim", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, errorf("commit claim", err)
	}
	return docs, nil
}
