package docio

import (
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	faultline "github.com/faultline/faultline"
)

// GDELT writes the 61 tab-separated columns of the GDELT 2.0 event export,
// with no header, so that tools that read GDELT can read our events.
//
// Where Faultline has no equivalent the column is filled as GDELT fills a
// blank: NumMentions, NumSources and NumArticles are 1, AvgTone is 0, the
// actor geographies are empty (type 0). Differences to know about:
// GLOBALEVENTID is a 53-bit hash of the event id, stable across runs rather
// than a running number; DATEADDED is the event day at 000000 so output is
// deterministic; geographic country codes are ISO 3166-1 alpha-3, as the
// rest of Faultline, where GDELT uses FIPS 10-4; SOURCEURL is the document's
// url, or its id when it has none; ethnic codes are left empty because the
// dictionaries do not mark them apart from country codes.
type GDELT struct{}

// GDELTColumns are the 61 columns, in GDELT 2.0's order.
var GDELTColumns = gdeltColumns()

func gdeltColumns() []string {
	cols := []string{"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"}
	for _, a := range []string{"Actor1", "Actor2"} {
		for _, f := range []string{"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
			"Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"} {
			cols = append(cols, a+f)
		}
	}
	cols = append(cols, "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
		"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
	for _, g := range []string{"Actor1Geo", "Actor2Geo", "ActionGeo"} {
		for _, f := range []string{"Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"} {
			cols = append(cols, g+"_"+f)
		}
	}
	return append(cols, "DATEADDED", "SOURCEURL")
}

// Header implements Format: GDELT files have none.
func (GDELT) Header() []byte { return nil }

// Append implements Format.
func (GDELT) Append(dst []byte, doc *faultline.Document, e *faultline.Event) []byte {
	dst = strconv.AppendUint(dst, GlobalEventID(e.ID), 10)
	day, ok := parseDay(e.Date)
	if ok {
		dst = append(dst, '\t')
		dst = day.AppendFormat(dst, "20060102")
		dst = append(dst, '\t')
		dst = day.AppendFormat(dst, "200601")
		dst = append(dst, '\t')
		dst = strconv.AppendInt(dst, int64(day.Year()), 10)
		dst = append(dst, '\t')
		frac := float64(day.Year()) + float64(day.YearDay()-1)/365
		dst = strconv.AppendFloat(dst, frac, 'f', 4, 64)
	} else {
		dst = append(dst, "\t\t\t\t"...)
	}
	dst = appendGDELTActor(dst, &e.Source)
	dst = appendGDELTActor(dst, &e.Target)
	dst = append(dst, '\t')
	if e.Sentence == 0 {
		dst = append(dst, '1')
	} else {
		dst = append(dst, '0')
	}
	code := e.CAMEO
	dst = append(dst, '\t')
	dst = appendTSVField(dst, code)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, code[:min(3, len(code))])
	dst = append(dst, '\t')
	root := e.Root
	if root == "" {
		root = code[:min(2, len(code))]
	}
	dst = appendTSVField(dst, root)
	dst = append(dst, '\t')
	if e.QuadClass != 0 {
		dst = strconv.AppendInt(dst, int64(e.QuadClass), 10)
	}
	dst = append(dst, '\t')
	dst = appendFloat(dst, e.Goldstein)
	dst = append(dst, "\t1\t1\t1\t0"...)
	dst = append(dst, "\t0\t\t\t\t\t\t\t"...) // Actor1Geo: not known
	dst = append(dst, "\t0\t\t\t\t\t\t\t"...) // Actor2Geo: not known
	dst = appendGDELTGeo(dst, e.Location)
	dst = append(dst, '\t')
	if ok {
		dst = day.AppendFormat(dst, "20060102")
		dst = append(dst, "000000"...)
	}
	dst = append(dst, '\t')
	if doc != nil {
		if doc.URL != "" {
			dst = appendTSVField(dst, doc.URL)
		} else {
			dst = appendTSVField(dst, doc.ID)
		}
	}
	return append(dst, '\n')
}

// GlobalEventID is the GDELT event id of a Faultline event id: a 53-bit
// FNV-1a hash, so the same input gives the same id and the number survives
// tools that read it as a double.
func GlobalEventID(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64() & (1<<53 - 1)
}

func parseDay(s string) (time.Time, bool) {
	if len(s) != 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s)
	return t, err == nil
}

func appendGDELTActor(dst []byte, a *faultline.ActorRef) []byte {
	p := SplitActorCode(a.Code)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, a.Code)
	dst = append(dst, '\t')
	if a.Code != "" {
		dst = appendTSVField(dst, strings.ToUpper(strings.Join(strings.Fields(a.Text), " ")))
	}
	for _, f := range [...]string{p.Country, p.KnownGroup, p.Ethnic, p.Religion1, p.Religion2, p.Type1, p.Type2, p.Type3} {
		dst = append(dst, '\t')
		dst = append(dst, f...)
	}
	return dst
}

// appendGDELTGeo writes the eight columns of a GDELT geography from a
// Location. FullName is "place, region" as GDELT writes it when the region
// has a name; ADM1Code is the country code for a country (as in GDELT),
// else the region: its GeoNames code as CC+code (XK.10097358 ->
// XK10097358, GDELT's country-then-region shape) or, for a region the
// gazetteer names, that name.
func appendGDELTGeo(dst []byte, l *faultline.Location) []byte {
	if l == nil {
		return append(dst, "\t0\t\t\t\t\t\t\t"...)
	}
	dst = append(dst, '\t')
	dst = strconv.AppendInt(dst, int64(gdeltGeoType(l)), 10)
	dst = append(dst, '\t')
	dst = appendTSVField(dst, l.Name)
	regionCode := isRegionCode(l.Admin1)
	if (l.Precision == "city" || l.Precision == "point") && l.Admin1 != "" && !regionCode && l.Admin1 != l.Name {
		dst = append(dst, ", "...)
		dst = appendTSVField(dst, l.Admin1)
	}
	dst = append(dst, '\t')
	dst = appendTSVField(dst, l.Country)
	dst = append(dst, '\t')
	switch {
	case l.Precision == "country":
		dst = appendTSVField(dst, l.Country)
	case regionCode:
		dst = appendTSVField(dst, strings.Replace(l.Admin1, ".", "", 1)) // XK.10097358 -> XK10097358
	default:
		dst = appendTSVField(dst, l.Admin1)
	}
	dst = append(dst, '\t') // ADM2Code: not kept
	dst = append(dst, '\t')
	dst = appendFloat(dst, l.Lat)
	dst = append(dst, '\t')
	dst = appendFloat(dst, l.Lon)
	return append(dst, '\t') // FeatureID: not kept
}

// isRegionCode tells a region code (XK.10097358, XK07) from a region name
// (Pristina District): a code has a dot or a digit and no space.
func isRegionCode(s string) bool {
	return s != "" && !strings.Contains(s, " ") && strings.ContainsAny(s, ".0123456789")
}

// gdeltGeoType maps a precision to GDELT's geo type: 1 country, 2 US state,
// 3 US city, 4 world city, 5 world state (admin1).
func gdeltGeoType(l *faultline.Location) int {
	us := l.Country == "USA"
	switch l.Precision {
	case "country":
		return 1
	case "admin1":
		if us {
			return 2
		}
		return 5
	case "city", "point":
		if us {
			return 3
		}
		return 4
	}
	return 0
}

// ActorParts is a CAMEO actor code split the way GDELT's actor columns
// want it.
type ActorParts struct {
	Country, KnownGroup, Ethnic, Religion1, Religion2, Type1, Type2, Type3 string
}

// SplitActorCode splits a CAMEO actor code into its three-letter parts:
// the first part is the country (or region) unless it is a role, group or
// religion code; known organisations (NAT, UNO, EEC ...), religions and
// roles (GOV, MIL, COP, IGO ...) are recognised from short lists, and the
// first unrecognised part after a role fills the country when none was
// given (IGOWSTNAT: type IGO, region WST, group NAT).
func SplitActorCode(code string) ActorParts {
	var p ActorParts
	for i := 0; i+3 <= len(code); i += 3 {
		c := code[i : i+3]
		if c == "---" { // the dictionaries' "no country" placeholder
			continue
		}
		switch {
		case actorTypes[c]:
			switch {
			case p.Type1 == "":
				p.Type1 = c
			case p.Type2 == "":
				p.Type2 = c
			case p.Type3 == "":
				p.Type3 = c
			}
		case religions[c]:
			if p.Religion1 == "" {
				p.Religion1 = c
			} else if p.Religion2 == "" {
				p.Religion2 = c
			}
		case knownGroups[c] && (i > 0 || p.Country != ""):
			if p.KnownGroup == "" {
				p.KnownGroup = c
			}
		case p.Country == "" && p.KnownGroup == "":
			p.Country = c
		case knownGroups[c] && p.KnownGroup == "":
			p.KnownGroup = c
		}
	}
	return p
}

func set(codes string) map[string]bool {
	m := make(map[string]bool)
	for _, c := range strings.Fields(codes) {
		m[c] = true
	}
	return m
}

// The role codes of the CAMEO actor codebook.
var actorTypes = set(`COP GOV INS JUD MIL OPP PTY REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI
	ENV HLH HRI LAB LEG MED REF MOD RAD IGO IMG INT NGM NGO MNC SET UIS`)

// Religion codes (first and second level) of the CAMEO actor codebook.
var religions = set(`ADR ALE ATH BAH BUD CHR CON CPT CTH DOX HIN ITR JAN JEW JHW LDS MOS NRM
	PAG PRO SFI SHI SHN SIK SUN TAO ZRO`)

// Known international groups and organisations of the CAMEO actor codebook.
var knownGroups = set(`NAT UNO EEC ARL AFB ASN OAS OSC COE CIS GCC OPC WTO IMF WBK ICC ICJ
	IAE CRC IRC AMN HRW MSF HCH UNI WFP WHO FAO ILO IOM ITP ALQ HMS HEZ TAL PLO PKK FTH FAR
	LRA IRA ETA BTH`)
