package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/faultline/faultline/httpapi"
	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
)

// runAck is `faultline ack`: an operator acknowledges a firing alert, which
// applies its level's unit changes and writes them to the audit log. Without
// an alert it lists alerts, units and the audit log.
func runAck(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ack", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs, false)
	pbPath := fs.String("playbook", "", "playbook `FILE` (required)")
	by := fs.String("by", "", "who acknowledges (`NAME`)")
	why := fs.String("why", "", "why (`TEXT`)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: faultline ack [--db PATH | --postgres URL] --playbook FILE [FINGERPRINT --by NAME --why TEXT]")
		fmt.Fprintln(stderr, "Without FINGERPRINT, lists alerts, units and the audit log as JSON lines.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	// The fingerprint may come before the flags: parse what follows it too.
	var id string
	if fs.NArg() > 0 {
		id = fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return 2
		}
	}
	if *pbPath == "" || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if id != "" && (strings.TrimSpace(*by) == "" || strings.TrimSpace(*why) == "") {
		fmt.Fprintln(stderr, "faultline ack: acknowledging an alert needs --by NAME and --why TEXT (they go to the audit log)")
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "faultline ack: %v\n", err)
		return 1
	}
	pb, err := playbook.ParseFile(*pbPath)
	if err != nil {
		return fail(err)
	}
	if err := sf.mustExist(); err != nil {
		return fail(err)
	}
	state, err := sf.openState(ctx)
	if err != nil {
		return fail(err)
	}
	defer state.Close()
	if err := state.Seed(ctx, pb.Units); err != nil {
		return fail(err)
	}
	snap, err := state.Load(ctx)
	if err != nil {
		return fail(err)
	}
	enc := json.NewEncoder(stdout)
	if id == "" {
		return ackList(ctx, enc, state, snap, pb, stderr)
	}
	var found *rules.Alert
	for i, a := range snap.Alerts {
		if a.Fingerprint == id || strings.HasPrefix(a.Fingerprint, id) && len(id) >= 6 {
			found = &snap.Alerts[i]
			break
		}
	}
	if found == nil {
		return fail(fmt.Errorf("no alert %q is held (run faultline ack --playbook FILE to list them)", id))
	}
	if !pb.Applies(found.Labels) {
		return fail(fmt.Errorf("alert %s (%s) is not in the playbook of %s", found.Fingerprint, found.Rule, pb.Theatre))
	}
	at := time.Now().UTC()
	changes, err := playbook.Acknowledge(ctx, state, pb, playbook.Ack{
		Fingerprint: found.Fingerprint, Rule: found.Rule, Level: found.Level,
		Firing: found.State == rules.Firing, By: *by, Why: *why, At: at,
	})
	if err != nil {
		return fail(err)
	}
	// The page shows who acknowledged an alert, and when, from the same
	// table its own acknowledgements go to.
	if as, ok := any(state).(httpapi.AckStore); ok && found.State == rules.Firing {
		if err := as.SaveAck(ctx, found.Fingerprint, *by, *why, at); err != nil {
			return fail(err)
		}
	}
	if len(changes) == 0 {
		fmt.Fprintln(stderr, "faultline ack: every unit already stands where this level wants it; nothing changed")
	}
	for _, c := range changes {
		enc.Encode(map[string]any{"change": c})
	}
	return 0
}

func ackList(ctx context.Context, enc *json.Encoder, reg playbook.Registry, snap rules.Snapshot, pb *playbook.Playbook, stderr io.Writer) int {
	for _, a := range snap.Alerts {
		enc.Encode(map[string]any{"alert": a, "response": pb.ResponseFor(a.Labels, a.Level)})
	}
	units, err := reg.Units(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "faultline ack: %v\n", err)
		return 1
	}
	for _, u := range units {
		enc.Encode(map[string]any{"unit": u})
	}
	log, err := reg.Audit(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "faultline ack: %v\n", err)
		return 1
	}
	for _, c := range log {
		enc.Encode(map[string]any{"change": c})
	}
	return 0
}
