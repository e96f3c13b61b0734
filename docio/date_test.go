package docio

import (
	"testing"
	"time"
)

// FuzzNormalizeDate: whatever it accepts is a real day, given back as
// YYYY-MM-DD, and accepted again unchanged.
func FuzzNormalizeDate(f *testing.F) {
	for _, s := range []string{"2025-06-03", "2025-06-03T10:00:00Z", "2025-06-31", "3 June 2025", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		day, ok := NormalizeDate(s)
		if !ok {
			if day != "" {
				t.Fatalf("NormalizeDate(%q) refused but gave %q", s, day)
			}
			return
		}
		if _, err := time.Parse(time.DateOnly, day); err != nil {
			t.Fatalf("NormalizeDate(%q) = %q: %v", s, day, err)
		}
		if again, ok := NormalizeDate(day); !ok || again != day {
			t.Fatalf("NormalizeDate(%q) = %q, then %q %v", s, day, again, ok)
		}
	})
}
