package docio

import "time"

// NormalizeDate reads a document's date: an ISO 8601 calendar date
// ("2025-06-03") or an RFC 3339 time ("2025-06-03T14:20:00+02:00"), and
// returns the day as YYYY-MM-DD (for a time, the day in the time's own
// offset, as the writer saw it). ok is false for anything else ("3 June
// 2025", "2025-06-31", "yesterday"): such a date is bad input, never an
// event date.
func NormalizeDate(s string) (day string, ok bool) {
	if len(s) == len(time.DateOnly) {
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return "", false
		}
		return s, true
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}
