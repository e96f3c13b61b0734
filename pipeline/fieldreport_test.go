package pipeline

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	faultline "github.com/faultline/faultline"
)

// fieldReport is one line of testdata/fieldreports.jsonl: a short report in
// the style of ACLED event notes, written for this project, with the
// fatalities it states and where it happened (from knowledge of the place,
// not from the gazetteer).
type fieldReport struct {
	faultline.Document
	WantKilled int     `json:"want_killed"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
}

// DocKilled is the fatalities total a document's events assert: the
// largest asserted count of each incident, summed over incidents. An
// event without an incident id is an incident of its own.
func docKilled(evs []faultline.Event) int {
	best := map[string]int{}
	for _, e := range evs {
		if e.Modality != faultline.Asserted {
			continue
		}
		k := e.Incident
		if k == "" {
			k = e.ID
		}
		if n := e.Quantities["killed"]; n > best[k] {
			best[k] = n
		} else if _, ok := best[k]; !ok {
			best[k] = 0
		}
	}
	sum := 0
	for _, n := range best {
		sum += n
	}
	return sum
}

// TestFieldReports measures, on reports written for the purpose and never
// used to tune the coder, the share of documents whose fatalities total is
// right and the share whose first placed event lies within 25 km of the
// true spot. -v lists the misses.
func TestFieldReports(t *testing.T) {
	f, err := os.Open("testdata/fieldreports.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := newPipeline(t, Options{})
	sc := bufio.NewScanner(f)
	n, killedOK, placedOK := 0, 0, 0
	for line := 1; sc.Scan(); line++ {
		var r fieldReport
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("testdata/fieldreports.jsonl:%d: %v", line, err)
		}
		n++
		evs := p.Code(r.Document).Events
		if got := docKilled(evs); got == r.WantKilled {
			killedOK++
		} else {
			t.Logf("%s: killed %d, want %d", r.ID, got, r.WantKilled)
		}
		var loc *faultline.Location
		for _, e := range evs {
			if e.Location != nil {
				loc = e.Location
				break
			}
		}
		switch {
		case loc == nil:
			t.Logf("%s: not placed", r.ID)
		case km(loc.Lat, loc.Lon, r.Lat, r.Lon) <= 25:
			placedOK++
		default:
			t.Logf("%s: placed at %s (%s, %s) %.0f km away", r.ID, loc.Name, loc.Country, loc.Precision, km(loc.Lat, loc.Lon, r.Lat, r.Lon))
		}
	}
	if n < 40 {
		t.Fatalf("%d field reports, want 40 or more", n)
	}
	t.Logf("field reports: fatalities right %d/%d (%.2f), placed within 25 km %d/%d (%.2f)",
		killedOK, n, float64(killedOK)/float64(n), placedOK, n, float64(placedOK)/float64(n))
	// Floors below what was measured when the incidents work landed
	// (43/46 and 37/46; before it 23/46 and 32/46): never lower them to
	// make a change pass.
	if float64(killedOK)/float64(n) < 0.90 || float64(placedOK)/float64(n) < 0.78 {
		t.Errorf("fatalities right %d/%d, placed %d/%d: below the floors 0.90 and 0.78", killedOK, n, placedOK, n)
	}
}
