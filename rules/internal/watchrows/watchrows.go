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

// AtColumn is how a backend keeps a time column: it gives, for one row,
// where to scan the column and how to read the time back from it.
type AtColumn func() (dest any, read func() (time.Time, error))

// NativeTime is a time column the driver scans into a time.Time
// (PostgreSQL's TIMESTAMPTZ); times come back in UTC.
func NativeTime() (any, func() (time.Time, error)) {
	var t time.Time
	return &t, func() (time.Time, error) { return t.UTC(), nil }
}

// TextTime is a time column kept as RFC 3339 text (SQLite).
func TextTime() (any, func() (time.Time, error)) {
	var s string
	return &s, func() (time.Time, error) {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return t, fmt.Errorf("time %q: %w", s, err)
		}
		return t, nil
	}
}

// AuditArgs are the values of a watch_audit row for c, its time given as
// at (the backend's form of c.At): at, unit, from_status, to_status,
// location, by_whom, why, alert, rule, level, response.
func AuditArgs(c playbook.Change, at any) []any {
	return []any{at, c.Unit, string(c.From), string(c.To), c.Where, c.By, c.Why, c.Alert, c.Rule, c.Level, c.Response}
}

// Audit decodes rows of the columns AuditArgs lists, reading the time
// column as at says.
func Audit(rows Rows, at AtColumn) ([]playbook.Change, error) {
	var out []playbook.Change
	for rows.Next() {
		var c playbook.Change
		var from, to string
		dest, read := at()
		if err := rows.Scan(dest, &c.Unit, &from, &to, &c.Where, &c.By, &c.Why, &c.Alert, &c.Rule, &c.Level, &c.Response); err != nil {
			return nil, fmt.Errorf("read audit log: %w", err)
		}
		c.From, c.To = playbook.Status(from), playbook.Status(to)
		var err error
		if c.At, err = read(); err != nil {
			return nil, fmt.Errorf("read audit log: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return out, nil
}

// Acks decodes rows of (fingerprint, by_whom, why, at), the watch_acks
// columns, reading the time column as at says, and calls fn with each.
func Acks(rows Rows, at AtColumn, fn func(fp, by, why string, at time.Time)) error {
	for rows.Next() {
		var fp, by, why string
		dest, read := at()
		if err := rows.Scan(&fp, &by, &why, dest); err != nil {
			return fmt.Errorf("load acknowledgements: %w", err)
		}
		t, err := read()
		if err != nil {
			return fmt.Errorf("load acknowledgements: %s: %w", fp, err)
		}
		fn(fp, by, why, t)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load acknowledgements: %w", err)
	}
	return nil
}
