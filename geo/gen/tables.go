package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// country is a row of countries.tsv.
type country struct {
	iso2, iso3, cameo string
	lat, lon          string
	names             []string
}

// region is a row of admin1.tsv, with the code and centre the generator
// works out from cities500.
type region struct {
	cc, seat, code string
	names          []string
	lat, lon       string
	pop            int64
	line           int
}

// alias is a row of aliases.tsv.
type alias struct {
	cc, lat, lon string
	pop          int64
	names        []string
}

// readTSV calls row for each line of a hand-written table that is neither
// blank nor a # comment, with the fields and the 1-based line number; an
// error from row is reported as file:line: what is wrong.
func readTSV(path string, nfields int, row func(f []string, line int) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) != nfields {
			return fmt.Errorf("%s:%d: %d fields, want %d", path, n, len(f), nfields)
		}
		if err := row(f, n); err != nil {
			return fmt.Errorf("%s:%d: %w", path, n, err)
		}
	}
	return sc.Err()
}

// names splits a | list and rejects empty names.
func names(s string) ([]string, error) {
	out := strings.Split(s, "|")
	for _, n := range out {
		if strings.TrimSpace(n) == "" || n != strings.TrimSpace(n) {
			return nil, fmt.Errorf("empty or padded name in %q", s)
		}
	}
	return out, nil
}

// checkCoord checks that lat and lon are numbers in range.
func checkCoord(lat, lon string) error {
	la, err1 := strconv.ParseFloat(lat, 64)
	lo, err2 := strconv.ParseFloat(lon, 64)
	if err1 != nil || err2 != nil || la < -90 || la > 90 || lo < -180 || lo > 180 {
		return fmt.Errorf("bad coordinates %q %q", lat, lon)
	}
	return nil
}

func readCountries(path string) ([]country, error) {
	var out []country
	seen := map[string]bool{}
	err := readTSV(path, 6, func(f []string, _ int) error {
		c := country{iso2: f[0], iso3: f[1], cameo: f[2], lat: f[3], lon: f[4]}
		if len(c.iso2) != 2 || len(c.iso3) != 3 || len(c.cameo) != 3 {
			return fmt.Errorf("bad codes %q %q %q", c.iso2, c.iso3, c.cameo)
		}
		if seen[c.iso2] || seen[c.iso3] {
			return fmt.Errorf("country %s listed twice", c.iso2)
		}
		seen[c.iso2], seen[c.iso3] = true, true
		if err := checkCoord(c.lat, c.lon); err != nil {
			return err
		}
		var err error
		c.names, err = names(f[5])
		out = append(out, c)
		return err
	})
	return out, err
}

func readRegions(path string) ([]*region, error) {
	var out []*region
	err := readTSV(path, 3, func(f []string, line int) error {
		r := &region{cc: f[0], seat: f[1], line: line}
		if len(r.cc) != 2 || r.seat == "" {
			return fmt.Errorf("bad country %q or seat %q", r.cc, r.seat)
		}
		var err error
		r.names, err = names(f[2])
		out = append(out, r)
		return err
	})
	return out, err
}

func readAliases(path string) ([]alias, error) {
	var out []alias
	err := readTSV(path, 5, func(f []string, _ int) error {
		a := alias{cc: f[0], lat: f[1], lon: f[2]}
		if err := checkCoord(a.lat, a.lon); err != nil {
			return err
		}
		var err error
		if a.pop, err = strconv.ParseInt(f[3], 10, 64); err != nil {
			return fmt.Errorf("bad population %q", f[3])
		}
		a.names, err = names(f[4])
		out = append(out, a)
		return err
	})
	return out, err
}
