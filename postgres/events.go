package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"sort"
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/internal/completion"
	"github.com/jackc/pgx/v5"
)

// Complete stores the events of coded documents and marks them coded in one
// transaction. Only documents still waiting, or claimed by this store's
// worker connection, are completed: a worker whose claim was taken over
// stores nothing. Incidents are merged under advisory locks, one per
// (root, source country, target country), so that concurrent workers do
// not both create the same incident.
func (s *Store) Complete(ctx context.Context, docs []faultline.CodedDocument) (faultline.CompleteStats, error) {
	var st faultline.CompleteStats
	s.mu.Lock()
	defer s.mu.Unlock()
	conn, err := s.workerConn(ctx)
	if err != nil {
		return st, errorf("complete", err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return st, errorf("begin", err)
	}
	defer tx.Rollback(context.Background())
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.DocID
	}
	rows, err := tx.Query(ctx, `UPDATE documents SET state = 2
		WHERE id = ANY($1) AND (state = 0 OR (state = 1 AND claimed_pid = pg_backend_pid()))
		RETURNING id, coalesce(near_of, '')`, ids)
	if err != nil {
		return st, errorf("mark documents coded", err)
	}
	waiting, err := completion.Waiting(rows)
	rows.Close()
	if err != nil {
		return st, errorf("mark documents coded", err)
	}
	if err := s.lockIncidents(ctx, tx, docs, waiting); err != nil {
		return st, errorf("lock incidents", err)
	}
	for _, d := range docs {
		nearOf, ok := waiting[d.DocID]
		if !ok {
			continue
		}
		delete(waiting, d.DocID)
		st.Documents++
		for _, ev := range d.Events {
			merged, err := s.addEvent(ctx, tx, ev, nearOf)
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
	if err := tx.Commit(ctx); err != nil {
		return st, errorf("commit events", err)
	}
	return st, nil
}

// lockIncidents takes, in key order (so that two workers cannot deadlock),
// the advisory locks of every incident key the batch's events may merge into.
func (s *Store) lockIncidents(ctx context.Context, tx pgx.Tx, docs []faultline.CodedDocument, waiting map[string]string) error {
	set := map[int64]bool{}
	for _, d := range docs {
		if _, ok := waiting[d.DocID]; !ok {
			continue
		}
		for _, ev := range d.Events {
			if s.Rule.Mergeable(ev) || waiting[d.DocID] != "" {
				h := fnv.New64a()
				h.Write([]byte(ev.Root + "|" + faultline.ActorCountry(ev.Source.Code) + "|" + faultline.ActorCountry(ev.Target.Code)))
				set[int64(h.Sum64())] = true
			}
		}
	}
	keys := make([]int64, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	for _, k := range keys {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, k); err != nil {
			return err
		}
	}
	return nil
}

// addEvent stores one coded event, as a new event or a mention of a stored one.
func (s *Store) addEvent(ctx context.Context, tx pgx.Tx, ev faultline.Event, nearOf string) (bool, error) {
	seq, stored, err := s.match(ctx, tx, ev, nearOf)
	if err != nil {
		return false, err
	}
	merged := seq != 0
	if merged {
		if _, err := tx.Exec(ctx, `UPDATE events SET mentions = mentions + 1 WHERE seq = $1`, seq); err != nil {
			return false, err
		}
		// Another report of the incident: the largest figure stands, and
		// the record of every figure grows.
		if len(ev.Quantities) > 0 && faultline.MergeFigures(&stored, &ev) {
			body, err := json.Marshal(stored)
			if err != nil {
				return false, err
			}
			if _, err := tx.Exec(ctx, `UPDATE events SET body = $1 WHERE seq = $2`, string(body), seq); err != nil {
				return false, err
			}
		}
	} else if seq, err = insertEvent(ctx, tx, ev); err != nil {
		return false, err
	}
	_, err = tx.Exec(ctx, `INSERT INTO mentions (id, event, doc_id, sentence, start, stop) VALUES ($1, $2, $3, $4, $5, $6)`,
		ev.ID, seq, ev.DocID, ev.Sentence, ev.Evidence.Start, ev.Evidence.End)
	return merged, err
}

func (s *Store) match(ctx context.Context, tx pgx.Tx, ev faultline.Event, nearOf string) (int64, faultline.Event, error) {
	if nearOf != "" {
		seq, c, err := first(ctx, tx, `SELECT seq, body FROM events WHERE doc_id = $1 ORDER BY seq`, []any{nearOf},
			func(c faultline.Event) bool { return faultline.SameClaim(ev, c) })
		if seq != 0 || err != nil {
			return seq, c, err
		}
	}
	args, ok := completion.Window(ev, s.Rule)
	if !ok {
		return 0, faultline.Event{}, nil
	}
	return first(ctx, tx, `SELECT seq, body FROM events WHERE root = $1 AND source_country = $2 AND target_country = $3
		AND date BETWEEN $4 AND $5 AND modality = $6 ORDER BY seq`, args,
		func(c faultline.Event) bool { return s.Rule.Match(ev, c) })
}

// first returns the seq of the first event the query gives that ok
// accepts, and the event.
func first(ctx context.Context, tx pgx.Tx, q string, args []any, ok func(faultline.Event) bool) (int64, faultline.Event, error) {
	rows, err := tx.Query(ctx, q, args...)
	if err != nil {
		return 0, faultline.Event{}, err
	}
	defer rows.Close()
	return completion.FirstEvent(rows, ok)
}

func insertEvent(ctx context.Context, tx pgx.Tx, ev faultline.Event) (int64, error) {
	body, err := json.Marshal(ev)
	if err != nil {
		return 0, err
	}
	var place *int64
	var lat, lon *float64
	country := ""
	if l := ev.Location; l != nil {
		country, lat, lon = l.Country, &l.Lat, &l.Lon
		var id int64
		err := tx.QueryRow(ctx, `WITH i AS (INSERT INTO places (name, country, admin1, lat, lon, precision)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id)
			SELECT id FROM i UNION ALL SELECT id FROM places WHERE name = $1 AND country = $2 AND admin1 = $3
			AND lat = $4 AND lon = $5 AND precision = $6 LIMIT 1`,
			l.Name, l.Country, l.Admin1, l.Lat, l.Lon, l.Precision).Scan(&id)
		if err != nil {
			return 0, err
		}
		place = &id
	}
	var seq int64
	err = tx.QueryRow(ctx, `INSERT INTO events (id, doc_id, date, source, target, source_country, target_country, cameo, root,
		quad_class, modality, country, place, lat, lon, body, confidence) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
		RETURNING seq`, ev.ID, ev.DocID, ev.Date, ev.Source.Code, ev.Target.Code,
		faultline.ActorCountry(ev.Source.Code), faultline.ActorCountry(ev.Target.Code), ev.CAMEO, ev.Root,
		ev.QuadClass, string(ev.Modality), country, place, lat, lon, string(body), ev.Confidence).Scan(&seq)
	return seq, err
}

// Events calls fn for each event that f selects, in (date, id) order.
func (s *Store) Events(ctx context.Context, f faultline.EventFilter, fn func(faultline.StoredEvent) error) error {
	if f.HasNUL() {
		return nil // no stored string holds U+0000 (and PostgreSQL cannot take it as a parameter)
	}
	where, args := filterSQL(f)
	q := `SELECT e.body, e.mentions, (SELECT string_agg(DISTINCT m.doc_id, chr(31) ORDER BY m.doc_id)
		FROM mentions m WHERE m.event = e.seq) FROM events e`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY e.date, e.id"
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := s.pool.Query(ctx, q, args...)
	if err != nil {
		return errorf("query events", err)
	}
	defer rows.Close()
	for rows.Next() {
		var body string
		var docs *string
		var se faultline.StoredEvent
		if err := rows.Scan(&body, &se.Mentions, &docs); err != nil {
			return errorf("query events", err)
		}
		if err := json.Unmarshal([]byte(body), &se.Event); err != nil {
			return fmt.Errorf("query events: stored event is not valid JSON: %w", err)
		}
		if docs != nil {
			se.Documents = strings.Split(*docs, "\x1f")
		}
		if err := fn(se); err != nil {
			return err
		}
	}
	return errorf("query events", rows.Err())
}

// filterSQL turns a filter into WHERE conditions over events e.
func filterSQL(f faultline.EventFilter) ([]string, []any) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	prefix := func(col, p string) string {
		return "(" + col + " >= " + arg(p) + " AND " + col + " < " + arg(faultline.PrefixEnd(p)) + ")"
	}
	if f.From != "" {
		where = append(where, "e.date >= "+arg(f.From))
	}
	if f.To != "" {
		where = append(where, "e.date <= "+arg(f.To))
	}
	if f.Country != "" {
		where = append(where, "e.country = "+arg(f.Country))
	}
	if f.Actor != "" {
		where = append(where, "("+prefix("e.source", f.Actor)+" OR "+prefix("e.target", f.Actor)+")")
	}
	if f.Source != "" {
		where = append(where, prefix("e.source", f.Source))
	}
	if f.Target != "" {
		where = append(where, prefix("e.target", f.Target))
	}
	if f.Root != "" {
		where = append(where, "e.root = "+arg(f.Root))
	}
	if f.CAMEO != "" {
		where = append(where, prefix("e.cameo", f.CAMEO))
	}
	if f.QuadClass != 0 {
		where = append(where, "e.quad_class = "+arg(f.QuadClass))
	}
	if f.Modality != "" {
		where = append(where, "e.modality = "+arg(string(f.Modality)))
	}
	if f.MinConfidence > 0 {
		where = append(where, "e.confidence >= "+arg(f.MinConfidence))
	}
	if b := f.BBox; b != nil {
		where = append(where, fmt.Sprintf("e.lat IS NOT NULL AND point(e.lon, e.lat) <@ box(point(%s, %s), point(%s, %s))",
			arg(b.MinLon), arg(b.MinLat), arg(b.MaxLon), arg(b.MaxLat)))
	}
	if f.DocID != "" {
		where = append(where, "e.seq IN (SELECT event FROM mentions WHERE doc_id = "+arg(f.DocID)+")")
	}
	if f.Text != "" {
		where = append(where, `e.seq IN (SELECT m.event FROM mentions m JOIN documents d ON d.id = m.doc_id
			WHERE d.tsv @@ plainto_tsquery('simple', `+arg(f.Text)+`))`)
	}
	return where, args
}
