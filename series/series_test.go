package series_test

import (
	"context"
	"errors"
	"testing"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/series"
)

func ev(id, date string, m faultline.Modality, cameo string, g float64, q map[string]int) faultline.Event {
	return faultline.Event{
		ID: id, Date: date, Modality: m, CAMEO: cameo, Root: cameo[:2], QuadClass: 4, Goldstein: g,
		Source: faultline.ActorRef{Code: "SRBCVL"}, Target: faultline.ActorRef{Code: "IGOWSTNAT"},
		Quantities: q,
		Location:   &faultline.Location{Name: "Zvecan", Country: "XKX", Admin1: "Mitrovica", Lat: 42.9, Lon: 20.84},
	}
}

func TestOnlyAssertedEventsFeedSeries(t *testing.T) {
	s := series.New()
	for _, e := range []faultline.Event{
		ev("a", "2023-05-29", faultline.Asserted, "145", -7, map[string]int{"injured": 30}),
		ev("b", "2023-05-29", faultline.Asserted, "145", -7, map[string]int{"injured": 5, "killed": 1, "other": 9}),
		ev("b", "2023-05-29", faultline.Asserted, "145", -7, nil), // duplicate id
		ev("c", "2023-05-29", faultline.Negated, "145", -7, nil),
		ev("d", "2023-05-29", faultline.Historical, "190", -10, map[string]int{"killed": 1000}),
		ev("e", "2023-05-29", faultline.Future, "145", -7, nil),
		ev("f", "2023-05-29", faultline.Hypothetical, "145", -7, nil),
		ev("g", "", faultline.Asserted, "145", -7, nil),
		ev("h", "2023-05-30", faultline.Asserted, "042", 1.9, nil),
	} {
		s.Add(e)
	}
	if s.Len() != 3 || s.Skipped != 6 {
		t.Fatalf("kept %d skipped %d, want 3 and 6", s.Len(), s.Skipped)
	}
	d, _ := series.ParseDay("2023-05-29")
	var cells []series.Cell
	s.Scan(d, d, func(_ series.Day, c *series.Cell) { cells = append(cells, *c) })
	if len(cells) != 1 {
		t.Fatalf("got %d cells on %s, want 1", len(cells), d)
	}
	c := cells[0]
	inj, kil := series.QuantityIndex("injured"), series.QuantityIndex("killed")
	if c.Count != 2 || c.Goldstein != -14 || c.Intensity != 14 || c.Qty[inj] != 35 || c.Qty[kil] != 1 {
		t.Errorf("cell = %+v", c)
	}
	if s.Name(c.Country) != "XKX" || s.Label(series.Root, int32(c.Root)) != "14" || s.Label(series.QuadClass, int32(c.Quad)) != "4" {
		t.Errorf("labels: %q %q", s.Name(c.Country), s.Label(series.Root, int32(c.Root)))
	}
	if s.First.String() != "2023-05-29" || s.Last.String() != "2023-05-30" {
		t.Errorf("range %s..%s", s.First, s.Last)
	}
}

func TestMemorySourceRange(t *testing.T) {
	var m series.Memory
	m.Add(ev("c", "2023-05-31", faultline.Asserted, "145", -7, nil),
		ev("a", "2023-05-29", faultline.Asserted, "145", -7, nil),
		ev("b", "2023-05-30", faultline.Asserted, "145", -7, nil))
	var got []string
	err := m.Events(context.Background(), "2023-05-30", "2023-05-31", func(e faultline.Event) error {
		got = append(got, e.ID)
		return nil
	})
	if err != nil || len(got) != 2 || got[0] != "b" || got[1] != "c" {
		t.Fatalf("got %v, %v", got, err)
	}
	stop := errors.New("stop")
	if err := m.Events(context.Background(), "", "", func(faultline.Event) error { return stop }); err != stop {
		t.Errorf("error from fn: got %v", err)
	}
}

func TestDayRoundTrip(t *testing.T) {
	for _, s := range []string{"1969-12-31", "1970-01-01", "2023-05-29", "2024-02-29"} {
		d, err := series.ParseDay(s)
		if err != nil || d.String() != s {
			t.Errorf("%s -> %v -> %s (%v)", s, int(d), d, err)
		}
	}
	if _, err := series.ParseDay("29/05/2023"); err == nil {
		t.Error("bad date accepted")
	}
}

// TestIncidentCountedOnce: the events of one incident carry its figures
// each; a series counts the largest once, in whichever cells they fall.
func TestIncidentCountedOnce(t *testing.T) {
	s := series.New()
	inc := func(e faultline.Event, doc, incident string) faultline.Event {
		e.DocID, e.Incident = doc, incident
		return e
	}
	for _, e := range []faultline.Event{
		// One attack coded as an assault (190) and a beating (182), 18 injured.
		inc(ev("d1:0:0", "2023-05-29", faultline.Asserted, "190", -10, map[string]int{"injured": 18}), "d1", "d1:i0"),
		inc(ev("d1:0:1", "2023-05-29", faultline.Asserted, "182", -9, map[string]int{"injured": 18}), "d1", "d1:i0"),
		// Its toll, restated larger in a later sentence.
		inc(ev("d1:2:0", "2023-05-29", faultline.Asserted, "145", -7, map[string]int{"injured": 20, "killed": 1}), "d1", "d1:i0"),
		// A separate incident of the same document, and one of another
		// document with the same incident label: both counted.
		inc(ev("d1:3:0", "2023-05-29", faultline.Asserted, "190", -10, map[string]int{"injured": 5}), "d1", "d1:i1"),
		inc(ev("d2:0:0", "2023-05-29", faultline.Asserted, "190", -10, map[string]int{"injured": 3}), "d2", "d1:i0"),
		// No incident: counted on its own.
		ev("x", "2023-05-29", faultline.Asserted, "190", -10, map[string]int{"injured": 2}),
	} {
		s.Add(e)
	}
	d, _ := series.ParseDay("2023-05-29")
	inj, kil := series.QuantityIndex("injured"), series.QuantityIndex("killed")
	var injured, killed float64
	s.Scan(d, d, func(_ series.Day, c *series.Cell) { injured += c.Qty[inj]; killed += c.Qty[kil] })
	if injured != 20+5+3+2 || killed != 1 {
		t.Errorf("injured %v killed %v, want 30 and 1", injured, killed)
	}
}
