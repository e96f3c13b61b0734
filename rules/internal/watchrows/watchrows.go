// Package watchrows reads and writes the rows that the watch-state backends
// (rules/sqlstate, rules/pgstate) share: their tables hold the same columns
// and the same JSON, and only the drivers and SQL dialects differ, so the
// decoding is written once here.
package watchrows

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
)

// Rows is what the readers need of a query's result: database/sql's
// *sql.Rows and pgx's Rows both have it. The caller closes the rows.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// EvaluatedAt parses the stored time of the last evaluation (watch_meta's
// evaluated_at).
func EvaluatedAt(at string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, at)
	if err != nil {
		return t, fmt.Errorf("load alert state: evaluated_at %q: %w", at, err)
	}
	return t, nil
}

// FormatAt is the stored form of an evaluation time: UTC, to the nanosecond.
func FormatAt(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// Alerts decodes rows of one column, an alert's JSON body.
func Alerts(rows Rows) ([]rules.Alert, error) {
	var out []rules.Alert
	for rows.Next() {
		var body string
		var a rules.Alert
		if err := rows.Scan(&body); err != nil {
			return out, fmt.Errorf("load alert state: %w", err)
		}
		if err := json.Unmarshal([]byte(body), &a); err != nil {
			return out, fmt.Errorf("load alert state: stored alert is not valid: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return out, fmt.Errorf("load alert state: %w", err)
	}
	return out, nil
}

// AlertArgs are the values of a watch_alerts row for a: fingerprint, rule,
// state and JSON body.
func AlertArgs(a rules.Alert) ([]any, error) {
	body, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	return []any{a.Fingerprint, a.Rule, a.State.String(), string(body)}, nil
}

// Units decodes rows of (id, name, strength, status, location).
func Units(rows Rows) ([]playbook.Unit, error) {
	var out []playbook.Unit
	for rows.Next() {
		var u playbook.Unit
		var st string
		if err := rows.Scan(&u.ID, &u.Name, &u.Strength, &st, &u.Where); err != nil {
			return nil, fmt.Errorf("list units: %w", err)
		}
		u.Status = playbook.Status(st)
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	return out, nil
}
