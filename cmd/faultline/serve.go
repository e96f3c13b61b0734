package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/examples/demo"
	"github.com/faultline/faultline/geo"
	"github.com/faultline/faultline/httpapi"
	"github.com/faultline/faultline/ingest"
	"github.com/faultline/faultline/pipeline"
	"github.com/faultline/faultline/playbook"
	"github.com/faultline/faultline/rules"
	"github.com/faultline/faultline/rules/pgstate"
	"github.com/faultline/faultline/rules/sqlstate"
	"github.com/faultline/faultline/series"
	"github.com/faultline/faultline/web"
)

// Both state backends keep acknowledgements: Watch.Persist finds them by a
// type assertion, so a backend losing its AckStore methods would silently
// forget acknowledgements on restart without this check.
var (
	_ httpapi.AckStore = (*sqlstate.DB)(nil)
	_ httpapi.AckStore = (*pgstate.DB)(nil)
)

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("serve", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var sf storeFlags
	sf.register(fset, false)
	addr := fset.String("addr", "127.0.0.1:8080", "listen `address` (this machine only by default; :8080 for every interface)")
	token := fset.String("token", "", "bearer `token` that writes need; it shows in the process list, so prefer --token-file or $FAULTLINE_TOKEN (none: writes refused)")
	tokenFile := fset.String("token-file", "", "read the bearer token from the first line of `FILE`")
	closedReads := fset.Bool("closed-reads", false, "reads need the token too")
	rulesFile := fset.String("rules", "", "escalation rules `FILE` for the alert board")
	playbookFile := fset.String("playbook", "", "response playbook `FILE`: escalation ladder and units")
	every := fset.Duration("eval-every", time.Minute, "how often the rules are evaluated")
	maxBody := fset.Int64("max-body", 8<<20, "largest request body in `bytes` (larger: 413)")
	asOf := fset.String("as-of", "", "replay the alert board to `DATE` (YYYY-MM-DD) and serve it read-only: nothing is written to the store, acknowledgements are refused")
	recoverEvery := fset.Duration("recover-every", time.Minute, "how often documents stored but left uncoded are looked for and coded")
	demoMode := fset.Bool("demo", false, "serve the built-in demo: a month of a crisis in a temporary store, with its rules")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "Usage: faultline serve [--db PATH | --postgres URL] [--addr 127.0.0.1:8080] [--token-file FILE | --token T] [--closed-reads] [--rules FILE [--playbook FILE]] [--as-of DATE] [--demo]")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "faultline serve: %v\n", err)
		return 1
	}
	var asOfDay time.Time
	if *asOf != "" {
		t, err := time.Parse(time.DateOnly, *asOf)
		if err != nil {
			fmt.Fprintf(stderr, "faultline serve: --as-of %q: want YYYY-MM-DD\n", *asOf)
			return 2
		}
		asOfDay = t
	}
	usageErr := func(msg string) int {
		fmt.Fprintf(stderr, "faultline serve: %s\n", msg)
		return 2
	}
	// Flags that would be ignored are refused rather than dropped.
	switch {
	case *playbookFile != "" && *rulesFile == "":
		return usageErr("--playbook needs --rules: the playbook answers the alerts of a rules file")
	case *demoMode && (flagSet(fset, "db") || flagSet(fset, "postgres")):
		return usageErr("--demo serves a temporary store of its own; it cannot be given with --db or --postgres")
	case *tokenFile != "" && *token != "":
		return usageErr("give the token once: --token or --token-file")
	case *closedReads && *token == "" && *tokenFile == "" && os.Getenv("FAULTLINE_TOKEN") == "" && !*demoMode:
		return usageErr("--closed-reads needs a token (--token-file, $FAULTLINE_TOKEN or --token): without one nothing could be read")
	}
	if *tokenFile != "" {
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return fail(fmt.Errorf("token file: %w", err))
		}
		first, _, _ := strings.Cut(string(b), "\n")
		if *token = strings.TrimSpace(first); *token == "" {
			return fail(fmt.Errorf("token file %s: the first line is empty", *tokenFile))
		}
	} else if *token == "" {
		*token = os.Getenv("FAULTLINE_TOKEN")
	}
	began := time.Now()
	c, names, err := newServeCoder(stderr)
	if err != nil {
		return fail(err)
	}
	coderReady := time.Since(began)
	var rulesData, pbData []byte
	if *rulesFile != "" {
		if rulesData, err = os.ReadFile(*rulesFile); err != nil {
			return fail(err)
		}
	}
	if *playbookFile != "" {
		if pbData, err = os.ReadFile(*playbookFile); err != nil {
			return fail(err)
		}
	}
	if *demoMode {
		dir, err := os.MkdirTemp("", "faultline-demo-")
		if err != nil {
			return fail(err)
		}
		defer os.RemoveAll(dir)
		sf.db, sf.postgres = filepath.Join(dir, "demo.db"), ""
		if rulesData == nil {
			rulesData, *rulesFile = demo.Rules(), "examples/kosovo/rules.yml"
			pbData, *playbookFile = demo.Playbook(), "examples/kosovo/playbook.yml"
		}
		if *token == "" {
			// A token of its own each run: a demo must not open writes to
			// whoever knows the word "demo".
			*token = randomToken()
		}
	}
	st, where, err := sf.open(ctx)
	if err != nil {
		return fail(err)
	}
	defer st.Close()
	if *demoMode {
		t0 := time.Now()
		stats, err := demo.Load(ctx, st, c)
		if err != nil {
			return fail(fmt.Errorf("load demo: %w", err))
		}
		fmt.Fprintf(stderr, "demo: %s (dictionaries and gazetteer %s, storing and coding %s)\n", ingest.Summary(stats),
			coderReady.Round(time.Millisecond), time.Since(t0).Round(time.Millisecond))
	}
	var watch *httpapi.Watch
	if rulesData != nil {
		f, err := rules.Parse(*rulesFile, rulesData)
		if err != nil {
			return fail(err)
		}
		var pb *playbook.Playbook
		if pbData != nil {
			if pb, err = playbook.Parse(*playbookFile, pbData); err != nil {
				return fail(err)
			}
		}
		// Alert state, unit status, the audit log and acknowledgements
		// live beside the store, as for 'faultline watch', so that an
		// acknowledgement survives a restart (both state backends
		// are httpapi.AckStores, checked below).
		state, err := sf.openState(ctx)
		if err != nil {
			return fail(err)
		}
		defer state.Close()
		var reg playbook.Registry = state
		switch {
		case pb == nil:
		case asOfDay.IsZero():
			if err := state.Seed(ctx, pb.Units); err != nil {
				return fail(err)
			}
		default:
			// A replay does not seed the registry (a write); a store
			// whose registry is empty gets one in memory.
			if us, err := state.Units(ctx); err != nil {
				return fail(err)
			} else if len(us) == 0 {
				reg = nil
			}
		}
		if watch, err = httpapi.NewWatch(ctx, f, pb, reg, series.FromStore(st)); err != nil {
			return fail(err)
		}
		if !asOfDay.IsZero() {
			// A replay reads the store and writes nothing: the saved
			// alert state is not loaded (the board starts empty at the
			// first replayed day) and never saved.
			t0 := time.Now()
			if err := watch.ReplayReadOnly(ctx, asOfDay.AddDate(0, 0, -watch.Lookback), asOfDay); err != nil {
				return fail(err)
			}
			fmt.Fprintf(stderr, "replay: the alert board is as it stood on %s, read-only (replayed in %s)\n", asOfDay.Format(time.DateOnly), time.Since(t0).Round(time.Millisecond))
		} else if err := watch.Persist(ctx, state); err != nil {
			return fail(err)
		}
		switch {
		case !asOfDay.IsZero():
			// replayed above
		case *demoMode:
			// The demo month is in the past: replay it day by day and show
			// the board as it stood at the height of the crisis.
			from, to := demo.Span()
			t0 := time.Now()
			peak, err := watch.ReplayToPeak(ctx, from, to)
			if err != nil {
				return fail(err)
			}
			watch.Now = func() time.Time { return peak }
			fmt.Fprintf(stderr, "demo: the alert board is as it stood on %s (replayed in %s)\n", peak.Format(time.DateOnly), time.Since(t0).Round(time.Millisecond))
		default:
			if err := watch.Eval(ctx, time.Now()); err != nil {
				return fail(err)
			}
		}
		fmt.Fprintf(stderr, "alerts: %s\n", watch)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	cfg := httpapi.Config{Store: st, Coder: c, Token: *token, ClosedReads: *closedReads, MaxBodyBytes: *maxBody, Log: log,
		Names: names, Page: web.Handler(httpNotFound{})}
	if watch != nil {
		cfg.Alerts = watch
	}
	srv, err := httpapi.New(cfg)
	if err != nil {
		return fail(err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(err)
	}
	url := "http://" + displayAddr(ln.Addr())
	fmt.Fprintf(stdout, "faultline: serving %s on %s\n", where, url+"/")
	if *demoMode {
		fmt.Fprintf(stdout, "faultline: demo write token: %s\n", *token)
	}
	if *token == "" {
		fmt.Fprintln(stderr, "faultline serve: no token (--token-file, $FAULTLINE_TOKEN or --token): writes are off; posting documents and acknowledging alerts answer 401")
	}
	if watch != nil && !*demoMode && asOfDay.IsZero() {
		go evalLoop(ctx, watch, *every, log)
	}
	go func() {
		// The page's first view reads an in-memory index of the events:
		// built now, not on the first request.
		if took, err := srv.WarmIndex(ctx); err == nil {
			log.Info("overview index built", "took", took.Round(time.Millisecond))
		}
	}()
	// Documents stored but left uncoded (a POST that failed after storing
	// them, a killed server, 'ingest --queue-only') are coded now and then
	// in the background, beginning at once; not when serving a read-only
	// past (--as-of).
	if asOfDay.IsZero() {
		if counts, err := st.Counts(ctx); err == nil && counts.Queued > 0 {
			fmt.Fprintf(stderr, "faultline serve: %d documents stored but not coded; coding them in the background\n", counts.Queued)
		}
		go srv.RecoverEvery(ctx, *recoverEvery)
	}
	if err := httpapi.Serve(ctx, ln, srv, httpapi.ServeOptions{}); err != nil {
		return fail(err)
	}
	fmt.Fprintln(stderr, "faultline serve: stopped")
	return 0
}

// httpNotFound answers with the API's 404 envelope.
type httpNotFound struct{}

func (httpNotFound) ServeHTTP(w http.ResponseWriter, r *http.Request) { httpapi.NotFound(w, r) }

// evalLoop evaluates the rules every interval until ctx ends.
func evalLoop(ctx context.Context, w *httpapi.Watch, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			if err := w.Eval(ctx, now); err != nil && ctx.Err() == nil {
				log.Error("evaluate rules", "err", err)
			}
		}
	}
}

// displayAddr is a listen address a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || tcp.IP.IsUnspecified() {
		if ok {
			return fmt.Sprintf("localhost:%d", tcp.Port)
		}
	}
	return a.String()
}

// newServeCoder is the coder of posted and demo documents: the pipeline
// (dictionaries, enrichment, places, CAMEO fields), with a recovered panic
// counted as a document without events.
func newServeCoder(stderr io.Writer) (ingest.Coder, *httpapi.Names, error) {
	set, err := dict.Default()
	if err != nil {
		return nil, nil, fmt.Errorf("built-in dictionaries: %w", err)
	}
	p, err := pipeline.New(set, pipeline.Options{})
	if err != nil {
		return nil, nil, err
	}
	gaz, err := geo.Default()
	if err != nil {
		return nil, nil, err
	}
	names := httpapi.NewNames(set, gaz)
	return wrapCoder(ingest.CoderFunc(func(doc faultline.Document) (evs []faultline.Event) {
		defer func() {
			if r := recover(); r != nil {
				fmt.Fprintf(stderr, "coder failed on document %q: %v; stored without events\n", doc.ID, r)
				evs = nil
			}
		}()
		return p.Code(doc).Events
	})), names, nil
}

// flagSet says whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// randomToken is a fresh bearer token: 16 random bytes in hex.
func randomToken() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return hex.EncodeToString(b)
}
