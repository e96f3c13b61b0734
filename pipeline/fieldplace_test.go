package pipeline

import (
	"testing"

	faultline "github.com/faultline/faultline"
)

// TestFieldReportPlaces: in a field report the most specific place named
// for the event wins over the district and province after it; when the
// gazetteer does not know it, the next level it knows, with its
// precision; never an actor's home country when the text says where.
func TestFieldReportPlaces(t *testing.T) {
	p := newPipeline(t, Options{})
	for _, c := range []struct {
		text      string
		name      string // the place wanted ("" when only precision and area count)
		precision string
		lat, lon  float64 // where it is, to 25 km
	}{
		// Democratic Republic of the Congo
		{"On 12 March 2024, ADF fighters attacked civilians at Oicha (Beni, Nord-Kivu). 6 fatalities.", "", "city", 0.70, 29.52},
		// Nigeria
		{"Boko Haram militants attacked Gwoza (Borno) on 12 March 2024, burning shops.", "Gwoza", "city", 11.08, 13.69},
		// South Sudan: Bor of Jonglei, not the Russian town.
		{"On 12 March 2024, cattle raiders attacked herders at Bor (Jonglei). 4 fatalities.", "Bor", "city", 6.21, 31.56},
		// Peru
		{"On 12 March 2024, police clashed with protesters in Juliaca (Puno).", "Juliaca", "city", -15.50, -70.13},
		// Mexico: Juchitán of Oaxaca, not Oaxaca city nor the Juchitán of Guerrero.
		{"On 12 March 2024, gunmen killed a taxi driver in Juchitan, Oaxaca.", "", "city", 16.43, -95.02},
		// Ukraine: a village the gazetteer lacks, then its province.
		{"Russian forces blew up a bridge in Hrakove, Kharkiv on 12 March 2024.", "Kharkiv", "admin1", 49.7, 36.3},
		// India: village unknown, district seat known.
		{"On 12 March 2024, armed men burned houses in Sinamlang village (Kangpokpi, Manipur). 2 fatalities.", "", "city", 25.15, 93.97},
		// Mozambique: village and district unknown, province known.
		{"On 12 March 2024, insurgents attacked Nacololo village (Meluco, Cabo Delgado). 3 fatalities.", "Cabo Delgado", "admin1", -12.47, 39.96},
		// Mali
		{"On 12 March 2024, JNIM fighters ambushed soldiers near Boni (Douentza, Mopti). 5 fatalities.", "", "", 15.0, -2.0},
		// Burkina Faso
		{"On 12 March 2024, militants attacked a convoy at Kaya (Sanmatenga, Centre-Nord). 8 fatalities.", "Kaya", "city", 13.09, -1.08},
		// Somalia
		{"On 12 March 2024, al-Shabaab fighters attacked an army base in Beledweyne (Hiiraan). 3 fatalities.", "", "city", 4.74, 45.20},
		// Colombia
		{"On 12 March 2024, ELN fighters attacked a police station in Tibu (Norte de Santander). 1 fatality.", "", "city", 8.64, -72.74},
		// Central African Republic
		{"On 12 March 2024, armed men attacked traders near Bambari (Ouaka). 2 fatalities.", "", "city", 5.76, 20.67},
		// Niger
		{"On 12 March 2024, gunmen attacked a market in Ouallam (Tillaberi). 4 fatalities.", "", "city", 14.32, 2.09},
		// Kenya
		{"On 12 March 2024, al-Shabaab militants attacked a police patrol near Mandera (Mandera County). 2 fatalities.", "", "city", 3.94, 41.86},
	} {
		res := p.Code(faultline.Document{ID: "fr", Text: c.text, Date: "2024-03-12"})
		var loc *faultline.Location
		for _, e := range res.Events {
			if e.Location != nil && material(&e) {
				loc = e.Location
				break
			}
		}
		if loc == nil {
			t.Errorf("%q: no material event placed (%d events)", c.text, len(res.Events))
			continue
		}
		d := km(loc.Lat, loc.Lon, c.lat, c.lon)
		far := 25.0
		if c.precision == "admin1" || c.precision == "" {
			far = 150 // a province's centre
		}
		if d > far || c.name != "" && loc.Name != c.name || c.precision != "" && loc.Precision != c.precision {
			t.Errorf("%q: placed at %s (%s, %s) %.0f km away; want %s (%s)", c.text, loc.Name, loc.Country, loc.Precision, d, c.name, c.precision)
		}
	}
}

// TestNotAttackersCountry: when the text says where, an event is never
// placed in the attacking side's country.
func TestNotAttackersCountry(t *testing.T) {
	p := newPipeline(t, Options{})
	for _, text := range []string{
		"On 12 March 2024, Russian forces shelled Kupiansk (Kharkiv). 2 fatalities.",
		"Russian troops attacked Ukrainian positions in Vovchansk, Kharkiv on 12 March 2024.",
		"On 12 March 2024, Rwandan troops and M23 rebels attacked army positions near Sake (Masisi, Nord-Kivu).",
	} {
		res := p.Code(faultline.Document{ID: "a", Text: text, Date: "2024-03-12"})
		placed := false
		for _, e := range res.Events {
			if e.Location == nil || !material(&e) {
				continue
			}
			placed = true
			if c := e.Location.Country; c == "RUS" || c == "RWA" {
				t.Errorf("%q: event %s (%s -> %s) placed at %s, %s", text, e.CAMEO, e.Source.Code, e.Target.Code, e.Location.Name, c)
			}
		}
		if !placed {
			t.Errorf("%q: no material event placed (%d events)", text, len(res.Events))
		}
	}
}

// TestNotPlaces: common words and names inside longer names are not
// places, and a dateline's country decides between places of one name.
func TestNotPlaces(t *testing.T) {
	p := newPipeline(t, Options{})
	for _, c := range []struct{ text, notCountry string }{
		{"BEIJING - The Ministry of Commerce condemned the new tariffs on Monday.", "USA"},
		{"Delegates criticised the United States for leaving the Kyoto Protocol.", "JPN"},
		{"Creditors of the Paris Club agreed to reschedule Argentina's debt.", "FRA"},
	} {
		for _, e := range p.Code(faultline.Document{ID: "n", Text: c.text, Date: "2024-03-12"}).Events {
			if e.Location != nil && e.Location.Country == c.notCountry && e.Location.Precision == "city" {
				t.Errorf("%q: event %s placed at %s (%s)", c.text, e.CAMEO, e.Location.Name, e.Location.Country)
			}
		}
	}
	res := p.Code(faultline.Document{ID: "nc", Date: "2024-03-12",
		Text: "NEWCASTLE, England - Police arrested 12 fans after fighting broke out near the stadium."})
	for _, e := range res.Events {
		if e.Location == nil || e.Location.Country != "GBR" {
			t.Errorf("Newcastle, England: event %s placed at %+v, want in the United Kingdom", e.CAMEO, e.Location)
		}
	}
	if len(res.Events) == 0 {
		t.Error("Newcastle, England: no events")
	}
}
