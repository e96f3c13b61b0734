package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/internal/completion"
)

// Complete stores the events of coded documents and marks them coded, all in
// one transaction. An event that the incident rule matches with a stored
// event becomes one more mention of it; so does an event of a near-copy that
// codes the same claim as an event of its original.
func (s *Store) Complete(ctx context.Context, docs []faultline.CodedDocument) (faultline.CompleteStats, error) {
	var st faultline.CompleteStats
	// Event bodies are encoded before the write lock is taken: ingest's
	// storing and coding both wait for that lock.
	bodies := make([][][]byte, len(docs))
	for i, d := range docs {
		bodies[i] = make([][]byte, len(d.Events))
		for j := range d.Events {
			bodies[i][j], _ = json.Marshal(d.Events[j]) // nil on error: insertEvent reports it
		}
	}
	tx, done, err := s.beginWrite(ctx)
	if err != nil {
		return st, errorf("begin", err)
	}
	defer done()
	defer tx.Rollback()
	w, err := newEventWriter(ctx, tx, s.Rule)
	if err != nil {
		return st, errorf("prepare", err)
	}
	// One statement marks the whole batch coded and tells which documents
	// were still waiting: only those have their events stored.
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.DocID
	}
	// A document claimed by another worker whose lease still holds is that
	// worker's to complete.
	rows, err := tx.QueryContext(ctx, `UPDATE documents SET coded = 1, claimed_by = NULL, claimed_until = NULL
		WHERE coded = 0 AND id IN (SELECT value FROM json_each(?1))
		AND (claimed_by IS NULL OR claimed_by = ?2 OR claimed_until < ?3)
		RETURNING id, coalesce(near_of, '')`, jsonArray(ids), s.worker, s.Now().UnixMilli())
	if err != nil {
		return st, errorf("mark documents coded", err)
	}
	waiting, err := completion.Waiting(rows)
	rows.Close()
	if err != nil {
		return st, errorf("mark documents coded", err)
	}
	for i, d := range docs {
		nearOf, ok := waiting[d.DocID]
		if !ok {
			continue // coded or held by another worker, or unknown
		}
		delete(waiting, d.DocID) // a document listed twice is coded once
		st.Documents++
		for j, ev := range d.Events {
			merged, err := w.add(ctx, ev, bodies[i][j], nearOf)
			if err != nil {
				return st, errorf("store event "+ev.ID, err)
			}
			if merged {
				st.Mentions++
			} else {
				st.Events++
			}
		}
	}
	if err := w.flush(ctx); err != nil {
		return st, errorf("store events", err)
	}
	if err := tx.Commit(); err != nil {
		return st, errorf("commit events", err)
	}
	return st, nil
}

// eventWriter holds the prepared statements of one Complete. Statements
// are most of Complete's cost, so rows that nothing reads back within the
// transaction (mentions, R*Tree boxes) are written many to a statement at
// the end, and places are looked up once per Complete.
type eventWriter struct {
	rule                    faultline.IncidentRule
	candidates, ofDoc, bump *sql.Stmt
	setBody                 *sql.Stmt
	insert, place, placeID  *sql.Stmt
	places                  map[faultline.Location]int64
	mentions, boxes         rowBuffer
}

func newEventWriter(ctx context.Context, tx *sql.Tx, rule faultline.IncidentRule) (*eventWriter, error) {
	w := &eventWriter{
		rule:     rule,
		places:   map[faultline.Location]int64{},
		mentions: rowBuffer{tx: tx, head: `INSERT INTO mentions (id, event, doc_id, sentence, start, stop) VALUES `, cols: 6},
		boxes:    rowBuffer{tx: tx, head: `INSERT INTO events_rtree (seq, min_lon, max_lon, min_lat, max_lat) VALUES `, cols: 5},
	}
	for _, p := range []struct {
		st  **sql.Stmt
		sql string
	}{
		{&w.candidates, `SELECT seq, body FROM events WHERE root = ? AND source_country = ? AND target_country = ?
			AND date BETWEEN ? AND ? AND modality = ? ORDER BY seq`},
		{&w.ofDoc, `SELECT seq, body FROM events WHERE doc_id = ? ORDER BY seq`},
		{&w.bump, `UPDATE events SET mentions = mentions + 1, docs = docs || char(31) || ? WHERE seq = ?`},
		{&w.setBody, `UPDATE events SET body = ? WHERE seq = ?`},
		{&w.insert, `INSERT INTO events (id, doc_id, date, source, target, source_country, target_country, cameo, root,
			quad_class, modality, country, place, body, docs, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&w.place, `INSERT INTO places (name, country, admin1, lat, lon, precision) VALUES (?, ?, ?, ?, ?, ?)`},
		{&w.placeID, `SELECT id FROM places WHERE name = ? AND country = ? AND admin1 = ? AND lat = ? AND lon = ? AND precision = ?`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			return nil, err
		}
		*p.st = st
	}
	return w, nil
}

// add stores one coded event, as a new event or as a mention of a stored one.
// body is ev as JSON, nil if it could not be encoded.
func (w *eventWriter) add(ctx context.Context, ev faultline.Event, body []byte, nearOf string) (merged bool, err error) {
	seq, stored, err := w.match(ctx, ev, nearOf)
	if err != nil {
		return false, err
	}
	merged = seq != 0
	if merged {
		if _, err := w.bump.ExecContext(ctx, ev.DocID, seq); err != nil {
			return false, err
		}
		// Another report of the incident: the largest figure stands, and
		// the record of every figure grows.
		if len(ev.Quantities) > 0 && faultline.MergeFigures(&stored, &ev) {
			body, err := json.Marshal(stored)
			if err != nil {
				return false, err
			}
			if _, err := w.setBody.ExecContext(ctx, string(body), seq); err != nil {
				return false, err
			}
		}
	} else {
		if seq, err = w.insertEvent(ctx, ev, body); err != nil {
			return false, err
		}
	}
	return merged, w.mentions.add(ctx, ev.ID, seq, ev.DocID, ev.Sentence, ev.Evidence.Start, ev.Evidence.End)
}

// flush writes the rows still buffered; Complete calls it before committing.
func (w *eventWriter) flush(ctx context.Context) error {
	if err := w.boxes.flush(ctx); err != nil {
		return fmt.Errorf("store event boxes: %w", err)
	}
	if err := w.mentions.flush(ctx); err != nil {
		return fmt.Errorf("store mentions: %w", err)
	}
	return nil
}

func (w *eventWriter) match(ctx context.Context, ev faultline.Event, nearOf string) (int64, faultline.Event, error) {
	if nearOf != "" {
		seq, c, err := w.first(ctx, w.ofDoc, []any{nearOf}, func(c faultline.Event) bool { return faultline.SameClaim(ev, c) })
		if seq != 0 || err != nil {
			return seq, c, err
		}
	}
	args, ok := completion.Window(ev, w.rule)
	if !ok {
		return 0, faultline.Event{}, nil
	}
	return w.first(ctx, w.candidates, args, func(c faultline.Event) bool { return w.rule.Match(ev, c) })
}

// first returns the seq of the first event the query gives that ok
// accepts, and the event.
func (w *eventWriter) first(ctx context.Context, q *sql.Stmt, args []any, ok func(faultline.Event) bool) (int64, faultline.Event, error) {
	rows, err := q.QueryContext(ctx, args...)
	if err != nil {
		return 0, faultline.Event{}, err
	}
	defer rows.Close()
	return completion.FirstEvent(rows, ok)
}

func (w *eventWriter) insertEvent(ctx context.Context, ev faultline.Event, body []byte) (int64, error) {
	var err error
	if body == nil {
		if body, err = json.Marshal(ev); err != nil {
			return 0, err
		}
	}
	var place sql.NullInt64
	country := ""
	if l := ev.Location; l != nil {
		country = l.Country
		if place.Int64, err = w.placeOf(ctx, *l); err != nil {
			return 0, err
		}
		place.Valid = true
	}
	// Exec and the last rowid cost less than a query with RETURNING.
	res, err := w.insert.ExecContext(ctx, ev.ID, ev.DocID, ev.Date, ev.Source.Code, ev.Target.Code,
		faultline.ActorCountry(ev.Source.Code), faultline.ActorCountry(ev.Target.Code), ev.CAMEO, ev.Root,
		ev.QuadClass, string(ev.Modality), country, place, string(body), ev.DocID, ev.Confidence)
	if err != nil {
		return 0, err
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if l := ev.Location; l != nil {
		if err := w.boxes.add(ctx, seq, l.Lon, l.Lon, l.Lat, l.Lat); err != nil {
			return 0, err
		}
	}
	return seq, nil
}

// placeOf returns the id of a place, storing it when it is new. The ids
// met are remembered for this transaction only: a rolled-back place is gone.
func (w *eventWriter) placeOf(ctx context.Context, l faultline.Location) (int64, error) {
	if id, ok := w.places[l]; ok {
		return id, nil
	}
	var id int64
	err := w.placeID.QueryRowContext(ctx, l.Name, l.Country, l.Admin1, l.Lat, l.Lon, l.Precision).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		var res sql.Result
		if res, err = w.place.ExecContext(ctx, l.Name, l.Country, l.Admin1, l.Lat, l.Lon, l.Precision); err == nil {
			id, err = res.LastInsertId()
		}
	}
	if err != nil {
		return 0, err
	}
	w.places[l] = id
	return id, nil
}

// rowBuffer gathers the rows of one INSERT and writes up to bufferRows of
// them a statement, each statement size prepared once.
type rowBuffer struct {
	tx    *sql.Tx
	head  string // INSERT INTO t (columns) VALUES
	cols  int
	args  []any
	stmts map[int]*sql.Stmt // by number of rows
}

// bufferRows is the most rows one buffered statement writes; 400 rows of
// six columns stay far below SQLite's limit of bound parameters.
const bufferRows = 400

func (b *rowBuffer) add(ctx context.Context, vals ...any) error {
	b.args = append(b.args, vals...)
	if len(b.args) >= bufferRows*b.cols {
		return b.flush(ctx)
	}
	return nil
}

func (b *rowBuffer) flush(ctx context.Context) error {
	n := len(b.args) / b.cols
	if n == 0 {
		return nil
	}
	st, ok := b.stmts[n]
	if !ok {
		row := "(?" + strings.Repeat(", ?", b.cols-1) + ")"
		var err error
		if st, err = b.tx.PrepareContext(ctx, b.head+row+strings.Repeat(", "+row, n-1)); err != nil {
			return err
		}
		if b.stmts == nil {
			b.stmts = map[int]*sql.Stmt{}
		}
		b.stmts[n] = st
	}
	_, err := st.ExecContext(ctx, b.args...)
	b.args = b.args[:0]
	return err
}

// Events calls fn for each event that f selects, in (date, id) order.
func (s *Store) Events(ctx context.Context, f faultline.EventFilter, fn func(faultline.StoredEvent) error) error {
	if f.HasNUL() {
		return nil // no stored string holds U+0000 (the stores refuse it), as on PostgreSQL
	}
	q, args := eventsQuery(f)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return errorf("query events", err)
	}
	defer rows.Close()
	for rows.Next() {
		var body string
		var docs sql.NullString
		var se faultline.StoredEvent
		if err := rows.Scan(&body, &se.Mentions, &docs); err != nil {
			return errorf("query events", err)
		}
		if err := decodeEvent(body, &se.Event); err != nil {
			return fmt.Errorf("query events: stored event is not valid JSON: %w", err)
		}
		if docs.Valid {
			se.Documents = splitDocs(docs.String)
		}
		if err := fn(se); err != nil {
			return err
		}
	}
	return errorf("query events", rows.Err())
}

// eventsQuery is the query of Events: f's events in (date, id) order.
func eventsQuery(f faultline.EventFilter) (string, []any) {
	where, args := filterSQL(f)
	// docs lists the documents unsorted and possibly repeated (one per
	// mention): sorting them here is cheaper than a DISTINCT per event.
	q := `SELECT e.body, e.mentions, e.docs FROM events e`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY e.date, e.id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	return q, args
}

// filterSQL turns a filter into WHERE conditions over events e.
func filterSQL(f faultline.EventFilter) ([]string, []any) {
	var where []string
	var args []any
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	prefix := func(col, p string) {
		add("("+col+" >= ? AND "+col+" < ?)", p, faultline.PrefixEnd(p))
	}
	if f.From != "" {
		add("e.date >= ?", f.From)
	}
	if f.To != "" {
		add("e.date <= ?", f.To)
	}
	if f.Country != "" {
		add("e.country = ?", f.Country)
	}
	if f.Actor != "" {
		add("((e.source >= ? AND e.source < ?) OR (e.target >= ? AND e.target < ?))",
			f.Actor, faultline.PrefixEnd(f.Actor), f.Actor, faultline.PrefixEnd(f.Actor))
	}
	if f.Source != "" {
		prefix("e.source", f.Source)
	}
	if f.Target != "" {
		prefix("e.target", f.Target)
	}
	if f.Root != "" {
		add("e.root = ?", f.Root)
	}
	if f.CAMEO != "" {
		prefix("e.cameo", f.CAMEO)
	}
	if f.QuadClass != 0 {
		add("e.quad_class = ?", f.QuadClass)
	}
	if f.Modality != "" {
		add("e.modality = ?", string(f.Modality))
	}
	if f.MinConfidence > 0 {
		add("e.confidence >= ?", f.MinConfidence)
	}
	if b := f.BBox; b != nil {
		add("e.seq IN (SELECT seq FROM events_rtree WHERE min_lon >= ? AND max_lon <= ? AND min_lat >= ? AND max_lat <= ?)",
			b.MinLon, b.MaxLon, b.MinLat, b.MaxLat)
	}
	if f.DocID != "" {
		add("e.seq IN (SELECT event FROM mentions WHERE doc_id = ?)", f.DocID)
	}
	if f.Text != "" {
		add(`e.seq IN (SELECT m.event FROM mentions m JOIN documents d ON d.id = m.doc_id
			WHERE d.seq IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))`, ftsQuery(f.Text))
	}
	return where, args
}

// ftsQuery makes an FTS5 query that needs every word of s, with FTS5's
// own syntax characters taken literally.
func ftsQuery(s string) string {
	var terms []string
	for _, w := range strings.Fields(s) {
		terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	return strings.Join(terms, " ")
}

// splitDocs turns the documents of an event, joined by char(31), into a
// sorted list without repeats; one document, the common case, needs no
// split.
func splitDocs(s string) []string {
	if strings.IndexByte(s, '\x1f') < 0 {
		return []string{s}
	}
	return sortedUnique(strings.Split(s, "\x1f"))
}

// sortedUnique sorts ss and drops repeats, in place.
func sortedUnique(ss []string) []string {
	if len(ss) < 2 {
		return ss
	}
	slices.Sort(ss)
	return slices.Compact(ss)
}
