// Package completion holds the parts of the work queue (Store.Claim and
// Store.Complete) that the stores share: the documents a claim took, which
// documents a batch still waits for, and which stored event a new one
// becomes a mention of. The stores keep their SQL; the logic that reads the
// rows is written once here.
package completion

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	faultline "github.com/faultline/faultline"
)

// Rows is what the readers need of a query's result: database/sql's
// *sql.Rows and pgx's Rows both have it. The caller closes the rows.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// Waiting reads rows of (document id, near_of or an empty string) of the documents a
// batch marked coded, as a map from id to near_of.
func Waiting(rows Rows) (map[string]string, error) {
	waiting := map[string]string{}
	for rows.Next() {
		var id, nearOf string
		if err := rows.Scan(&id, &nearOf); err != nil {
			return nil, err
		}
		waiting[id] = nearOf
	}
	return waiting, rows.Err()
}

// First returns the seq of the first of rows of (seq, JSON event body)
// whose event ok accepts, 0 if none does.
func First(rows Rows, ok func(faultline.Event) bool) (int64, error) {
	seq, _, err := FirstEvent(rows, ok)
	return seq, err
}

// FirstEvent is First that also returns the accepted event as stored.
func FirstEvent(rows Rows, ok func(faultline.Event) bool) (int64, faultline.Event, error) {
	for rows.Next() {
		var seq int64
		var body string
		if err := rows.Scan(&seq, &body); err != nil {
			return 0, faultline.Event{}, err
		}
		var c faultline.Event
		if err := json.Unmarshal([]byte(body), &c); err != nil {
			return 0, faultline.Event{}, fmt.Errorf("event %d: %w", seq, err)
		}
		if ok(c) {
			return seq, c, nil
		}
	}
	return 0, faultline.Event{}, rows.Err()
}

// Window gives the arguments of the query for the stored events ev may
// merge into under rule: root, source country, target country, first and
// last date (rule.Days either side of ev's) and modality, in that order.
// It reports false when ev merges with nothing: the rule does not let it,
// or its date is not a date.
func Window(ev faultline.Event, rule faultline.IncidentRule) ([]any, bool) {
	if !rule.Mergeable(ev) {
		return nil, false
	}
	day, err := time.Parse(time.DateOnly, ev.Date)
	if err != nil {
		return nil, false
	}
	span := time.Duration(rule.Days) * 24 * time.Hour
	return []any{ev.Root, faultline.ActorCountry(ev.Source.Code), faultline.ActorCountry(ev.Target.Code),
		day.Add(-span).Format(time.DateOnly), day.Add(span).Format(time.DateOnly), string(ev.Modality)}, true
}

// Claimed reads rows of (seq, id, text, date, title, url, source) of the
// documents a claim took, in seq order: RETURNING gives rows in no
// promised order.
func Claimed(rows Rows) ([]faultline.Document, error) {
	type row struct {
		seq int64
		doc faultline.Document
	}
	var got []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.seq, &r.doc.ID, &r.doc.Text, &r.doc.Date, &r.doc.Title, &r.doc.URL, &r.doc.Source); err != nil {
			return nil, err
		}
		got = append(got, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	sort.Slice(got, func(i, j int) bool { return got[i].seq < got[j].seq })
	docs := make([]faultline.Document, len(got))
	for i, r := range got {
		docs[i] = r.doc
	}
	return docs, nil
}
