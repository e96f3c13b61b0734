package docio

import (
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
)

// TestGDELTActionGeo checks that the ActionGeo columns come from the
// event's Location, and that actor geographies stay empty.
func TestGDELTActionGeo(t *testing.T) {
	tests := []struct {
		name string
		loc  *faultline.Location
		want map[string]string
	}{
		{"unknown", nil, map[string]string{"ActionGeo_Type": "0", "ActionGeo_FullName": "", "ActionGeo_Lat": ""}},
		{"country", &faultline.Location{Name: "Kosovo", Country: "XKX", Lat: 42.58, Lon: 20.89, Precision: "country"},
			map[string]string{"ActionGeo_Type": "1", "ActionGeo_FullName": "Kosovo", "ActionGeo_CountryCode": "XKX",
				"ActionGeo_ADM1Code": "XKX", "ActionGeo_Lat": "42.58", "ActionGeo_Long": "20.89"}},
		{"world city with a named region", &faultline.Location{Name: "Pristina", Country: "XKX", Admin1: "Pristina District",
			Lat: 42.6727, Lon: 21.1669, Precision: "city"},
			map[string]string{"ActionGeo_Type": "4", "ActionGeo_FullName": "Pristina, Pristina District",
				"ActionGeo_ADM1Code": "Pristina District", "ActionGeo_Lat": "42.6727", "ActionGeo_Long": "21.1669"}},
		{"world city with a region code", &faultline.Location{Name: "Zvečan", Country: "XKX", Admin1: "XK.10097358",
			Lat: 42.9075, Lon: 20.8403, Precision: "city"},
			map[string]string{"ActionGeo_Type": "4", "ActionGeo_FullName": "Zvečan", "ActionGeo_ADM1Code": "XK10097358"}},
		{"world region", &faultline.Location{Name: "Helmand", Country: "AFG", Admin1: "Helmand", Lat: 31.1, Lon: 64.1, Precision: "admin1"},
			map[string]string{"ActionGeo_Type": "5", "ActionGeo_FullName": "Helmand", "ActionGeo_ADM1Code": "Helmand"}},
		{"US state", &faultline.Location{Name: "Texas", Country: "USA", Admin1: "Texas", Lat: 31, Lon: -99, Precision: "admin1"},
			map[string]string{"ActionGeo_Type": "2", "ActionGeo_CountryCode": "USA"}},
		{"US city", &faultline.Location{Name: "Paris", Country: "USA", Admin1: "Texas", Lat: 33.66, Lon: -95.55, Precision: "city"},
			map[string]string{"ActionGeo_Type": "3", "ActionGeo_FullName": "Paris, Texas", "ActionGeo_Long": "-95.55"}},
	}
	doc := &faultline.Document{ID: "d", Text: "x", URL: "https://example.org/a"}
	for _, tt := range tests {
		e := faultline.Event{ID: "d:0:0", Date: "2023-05-30", CAMEO: "145", Root: "14", Location: tt.loc}
		cols := strings.Split(strings.TrimSuffix(string(GDELT{}.Append(nil, doc, &e)), "\n"), "\t")
		if len(cols) != len(GDELTColumns) {
			t.Fatalf("%s: %d columns, want %d", tt.name, len(cols), len(GDELTColumns))
		}
		got := map[string]string{}
		for i, c := range GDELTColumns {
			got[c] = cols[i]
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", tt.name, k, got[k], v)
			}
		}
		for _, k := range []string{"Actor1Geo_Type", "Actor2Geo_Type"} {
			if got[k] != "0" {
				t.Errorf("%s: %s = %q, want 0", tt.name, k, got[k])
			}
		}
	}
}
