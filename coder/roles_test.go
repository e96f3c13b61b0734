package coder

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"

	faultline "github.com/faultline/faultline"
)

// roleCase is one line of testdata/roles.tsv.
type roleCase struct {
	line     int
	src, tgt string
	words    []string // the event's word, alternatives
	text     string
}

func readRoleCases(t testing.TB, path string) []roleCase {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []roleCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 4 {
			t.Fatalf("%s:%d: want 4 tab-separated fields, got %d", path, n, len(f))
		}
		out = append(out, roleCase{line: n, src: f[0], tgt: f[1], words: strings.Split(f[2], "|"), text: f[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// roleMatch reports a coded actor matching an expected one: "-" is no
// actor, a code matches the codes it begins.
func roleMatch(want string, got faultline.ActorRef) bool {
	if want == "-" {
		return got.Code == "" || got.Code == "---"
	}
	return strings.HasPrefix(got.Code, want)
}

// scoreRoles codes each case and counts right sources and targets: those
// of the event at the case's word that agrees best. With no event there,
// the roles are right only when the case expects no actor at all.
func scoreRoles(c *Coder, cases []roleCase) (src, tgt int, fails []string) {
	for _, rc := range cases {
		res := c.Code(faultline.Document{ID: "r", Date: "2021-06-01", Text: rc.text})
		best, bs, bt := -1, false, false
		for _, e := range res.Events {
			v := strings.ToLower(rc.text[e.Verb.Start:e.Verb.End])
			hit := false
			for _, w := range rc.words {
				hit = hit || strings.Contains(v, w)
			}
			if !hit {
				continue
			}
			s, t := roleMatch(rc.src, e.Source), roleMatch(rc.tgt, e.Target)
			score := 0
			if s {
				score++
			}
			if t {
				score++
			}
			if score > best {
				best, bs, bt = score, s, t
			}
		}
		if best < 0 && rc.src == "-" && rc.tgt == "-" {
			bs, bt = true, true
		}
		if bs {
			src++
		}
		if bt {
			tgt++
		}
		if !bs || !bt {
			fails = append(fails, fmt.Sprintf("line %d: want %s/%s at %q, got %s: %s", rc.line, rc.src, rc.tgt, rc.words[0], brief(res.Events), rc.text))
		}
	}
	return src, tgt, fails
}

// TestRolesHeldOut measures source and target against sentences written
// for it (testdata/roles.tsv), with roles from the parse and, for
// comparison, from word order alone.
func TestRolesHeldOut(t *testing.T) {
	cases := readRoleCases(t, "testdata/roles.tsv")
	c := defaultCoder(t)
	c.SetParser(ModelParser())
	src, tgt, fails := scoreRoles(c, cases)
	c.SetParser(nil)
	osrc, otgt, _ := scoreRoles(c, cases)
	n := len(cases)
	t.Logf("roles: source %d/%d target %d/%d (word order alone: source %d/%d target %d/%d)", src, n, tgt, n, osrc, n, otgt, n)
	if testing.Verbose() {
		for _, f := range fails {
			t.Log(f)
		}
	}
	// Floors a little below the measured figures (see the commit that
	// sets them); they rise as the coder improves.
	if src < rolesFloorSrc || tgt < rolesFloorTgt {
		t.Errorf("roles: source %d, target %d of %d: below the floors %d, %d", src, tgt, n, rolesFloorSrc, rolesFloorTgt)
	}
}

const rolesFloorSrc, rolesFloorTgt = 80, 78 // measured 82, 80 of 85 (word order alone: 76, 75)
