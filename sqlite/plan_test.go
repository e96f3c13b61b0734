package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
)

// TestPageQueryPlans checks with EXPLAIN QUERY PLAN that the API's common
// event pages are read in index order: a page then costs its own rows, not
// a sort of every event that matches.
func TestPageQueryPlans(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		name  string
		f     faultline.EventFilter
		index string
	}{
		{"default page", faultline.EventFilter{Limit: 101}, "events_date_id"},
		{"date range", faultline.EventFilter{From: "2025-09-10", To: "2025-09-20", Limit: 101}, "events_date_id"},
		{"country", faultline.EventFilter{Country: "XKX", Limit: 101}, "events_country_date_id"},
		{"root", faultline.EventFilter{Root: "18", Limit: 101}, "events_root_date_id"},
		{"quad class", faultline.EventFilter{QuadClass: 4, Limit: 51}, "events_quad_date_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, args := eventsQuery(tt.f)
			rows, err := s.db.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, args...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var plan []string
			for rows.Next() {
				var id, parent, notused int
				var detail string
				if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, detail)
			}
			all := strings.Join(plan, "\n")
			if strings.Contains(all, "TEMP B-TREE") || !strings.Contains(all, tt.index) {
				t.Errorf("plan of %s does not read %s in order:\n%s", q, tt.index, all)
			}
		})
	}
}
