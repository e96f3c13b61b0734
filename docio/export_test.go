package docio

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
)

// sampleStored are the sample events as the store gives them back, with
// their mentions and documents.
func sampleStored() []faultline.StoredEvent {
	_, events := sampleEvents()
	out := make([]faultline.StoredEvent, len(events))
	for i, e := range events {
		out[i] = faultline.StoredEvent{Event: e, Mentions: i + 1, Documents: []string{e.DocID}}
	}
	out[2].Documents = append(out[2].Documents, "tass-7")
	return out
}

func export(t *testing.T, name string, events []faultline.StoredEvent) []byte {
	t.Helper()
	var buf bytes.Buffer
	ex, err := NewExporter(name, &buf)
	if err != nil {
		t.Fatal(err)
	}
	for i := range events {
		if err := ex.Write(&events[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := ex.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestExportGolden(t *testing.T) {
	for _, name := range ExportFormats {
		t.Run(name, func(t *testing.T) {
			got := export(t, name, sampleStored())
			golden := filepath.Join("testdata", "stored."+name)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (go test -update rewrites it):\n%s", golden, got)
			}
		})
	}
}

// TestExportParses reads the CSV and GeoJSON back: every event is one
// row, every located event one feature at [lon, lat], strings intact.
func TestExportParses(t *testing.T) {
	events := sampleStored()
	rows, err := csv.NewReader(bytes.NewReader(export(t, "csv", events))).ReadAll()
	if err != nil {
		t.Fatalf("csv does not parse: %v", err)
	}
	if len(rows) != len(events)+1 || strings.Join(rows[0], ",") != strings.Join(CSVColumns, ",") {
		t.Fatalf("csv: %d rows, header %v", len(rows), rows[0])
	}
	col := map[string]int{}
	for i, c := range CSVColumns {
		col[c] = i
	}
	for i, e := range events {
		r := rows[i+1]
		if len(r) != len(CSVColumns) || r[col["id"]] != e.ID || r[col["source_text"]] != e.Source.Text ||
			r[col["documents"]] != strings.Join(e.Documents, " ") {
			t.Errorf("csv row %d = %q", i, r)
		}
		if (e.Location == nil) != (r[col["lat"]] == "") {
			t.Errorf("csv row %d: lat %q for location %v", i, r[col["lat"]], e.Location)
		}
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties faultline.StoredEvent `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(export(t, "geojson", events), &fc); err != nil {
		t.Fatalf("geojson does not parse: %v", err)
	}
	var located []faultline.StoredEvent
	for _, e := range events {
		if e.Location != nil {
			located = append(located, e)
		}
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != len(located) {
		t.Fatalf("geojson: %s with %d features, want %d", fc.Type, len(fc.Features), len(located))
	}
	for i, f := range fc.Features {
		e := located[i]
		if f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 ||
			f.Geometry.Coordinates[0] != e.Location.Lon || f.Geometry.Coordinates[1] != e.Location.Lat ||
			f.Properties.ID != e.ID || f.Properties.Source.Text != e.Source.Text {
			t.Errorf("feature %d = %+v", i, f)
		}
	}
}

// TestExportEmpty: a file with no events is still a well-formed file.
func TestExportEmpty(t *testing.T) {
	tests := map[string]string{
		"csv":     strings.Join(CSVColumns, ",") + "\n",
		"geojson": `{"type":"FeatureCollection","features":[` + "\n]}\n",
		"jsonl":   "",
		"gdelt":   "",
	}
	for name, want := range tests {
		if got := string(export(t, name, nil)); got != want {
			t.Errorf("%s of no events = %q, want %q", name, got, want)
		}
	}
}

func TestNewExporterUnknown(t *testing.T) {
	if _, err := NewExporter("xml", &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Errorf("NewExporter(xml) error = %v", err)
	}
}

func BenchmarkExportCSV(b *testing.B) {
	events := sampleStored()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		ex := NewCSVWriter(&buf)
		for i := range events {
			ex.Write(&events[i])
		}
		ex.Close()
	}
}

func BenchmarkExportGeoJSON(b *testing.B) {
	events := sampleStored()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		ex := NewGeoJSONWriter(&buf)
		for i := range events {
			ex.Write(&events[i])
		}
		ex.Close()
	}
}
