package playbook_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/faultline/faultline/playbook"
)

func TestFixtures(t *testing.T) {
	good, _ := filepath.Glob("testdata/*.good.yml")
	good = append(good, "../examples/kosovo/playbook.yml")
	for _, p := range good {
		if _, err := playbook.ParseFile(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	bad, _ := filepath.Glob("testdata/*.bad.yml")
	if len(bad) == 0 {
		t.Fatal("no bad fixtures")
	}
	for _, p := range bad {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want, ok := strings.CutPrefix(strings.SplitN(string(data), "\n", 2)[0], "# error: ")
		if !ok {
			t.Fatalf("%s: first line must be '# error: ...'", p)
		}
		_, err = playbook.Parse(filepath.Base(p), data)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", p, err, want)
		}
	}
}

func TestAcknowledgeChangesUnitsOnlyWithWhoAndWhy(t *testing.T) {
	p, err := playbook.ParseFile("../examples/kosovo/playbook.yml")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var reg playbook.Memory
	if err := reg.Seed(ctx, p.Units); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2023, 5, 30, 9, 0, 0, 0, time.UTC)
	ack := playbook.Ack{Fingerprint: "f1", Rule: "AttacksOnForce", Level: 2, Firing: true, At: at}
	if _, err := playbook.Acknowledge(ctx, &reg, p, ack); err == nil {
		t.Error("acknowledged without who and why")
	}
	ack.By, ack.Why = "duty officer", "clashes in Zvecan, 30 injured"
	notFiring := ack
	notFiring.Firing = false
	if _, err := playbook.Acknowledge(ctx, &reg, p, notFiring); err == nil {
		t.Error("acknowledged an alert that is not firing")
	}
	if log, _ := reg.Audit(ctx); len(log) != 0 {
		t.Fatalf("refused acknowledgements changed units: %v", log)
	}
	changes, err := playbook.Acknowledge(ctx, &reg, p, ack)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 || changes[0].Unit != "orf-1" || changes[0].From != playbook.Ready || changes[0].To != playbook.Deployed {
		t.Fatalf("changes %+v", changes)
	}
	units, _ := reg.Units(ctx)
	for _, u := range units {
		if u.ID == "orf-1" && (u.Status != playbook.Deployed || u.Where != "northern Kosovo") {
			t.Errorf("orf-1 is %+v", u)
		}
		if u.ID == "orf-2" && u.Status != playbook.Garrison {
			t.Errorf("orf-2 changed without its level: %+v", u)
		}
	}
	// A second acknowledgement changes nothing more.
	if again, err := playbook.Acknowledge(ctx, &reg, p, ack); err != nil || len(again) != 0 {
		t.Errorf("second ack: %v %v", again, err)
	}
	log, _ := reg.Audit(ctx)
	if len(log) != 1 || log[0].By != "duty officer" || log[0].Alert != "f1" || !strings.Contains(log[0].Response, "700") {
		t.Errorf("audit %+v", log)
	}
}

func TestApplies(t *testing.T) {
	p := &playbook.Playbook{Match: map[string]string{"theatre": "kosovo"}}
	if !p.Applies(map[string]string{"theatre": "kosovo", "admin1": "x"}) || p.Applies(map[string]string{"theatre": "lebanon"}) {
		t.Error("Applies does not follow Match")
	}
}

func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.yml")
	for _, p := range append(paths, "../examples/kosovo/playbook.yml") {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := playbook.Parse("fuzz.yml", data)
		if err == nil && (p == nil || len(p.Levels) == 0) {
			t.Fatal("accepted a playbook without levels")
		}
	})
}
