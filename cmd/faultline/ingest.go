package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/ingest"
	"github.com/faultline/faultline/pipeline"
	"github.com/faultline/faultline/sqlite"
)

// storeFlags are the flags that choose a store, shared by ingest, events
// and work.
type storeFlags struct {
	db, postgres string
	rule         faultline.IncidentRule
}

func (sf *storeFlags) register(fs *flag.FlagSet, withRule bool) {
	fs.StringVar(&sf.db, "db", "", "SQLite database `PATH` (default $FAULTLINE_DB, else ./faultline.db)")
	fs.StringVar(&sf.postgres, "postgres", "", "PostgreSQL `URL` (default $FAULTLINE_POSTGRES)")
	sf.rule = faultline.DefaultIncidentRule()
	if withRule {
		fs.IntVar(&sf.rule.Days, "merge-days", sf.rule.Days, "events at most this many `days` apart may be one incident")
		fs.Float64Var(&sf.rule.Km, "merge-km", sf.rule.Km, "events at most this many `km` apart may be one incident")
		fs.BoolVar(&sf.rule.RequirePlace, "merge-require-place", false, "merge only events that both have a location")
		fs.BoolVar(&sf.rule.Disabled, "no-merge", false, "never merge events into incidents")
	}
}

// open opens the store the flags and environment name: --postgres, then
// --db, then $FAULTLINE_POSTGRES, then $FAULTLINE_DB, then ./faultline.db.
func (sf *storeFlags) open(ctx context.Context) (faultline.Store, string, error) {
	pg, db := sf.target()
	if pg != "" {
		s, err := openPostgres(ctx, pg)
		if err != nil {
			return nil, "", err
		}
		setRule(s, sf.rule)
		return s, "postgres", nil
	}
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		return nil, "", err
	}
	s.Rule = sf.rule
	return s, db, nil
}

// openExisting opens the store as open does, but refuses a SQLite file
// that does not exist: the commands that only read a store (events, watch,
// ack, work) would otherwise create an empty one for a mistyped path and
// answer nothing.
func (sf *storeFlags) openExisting(ctx context.Context) (faultline.Store, string, error) {
	if err := sf.mustExist(); err != nil {
		return nil, "", err
	}
	return sf.open(ctx)
}

// mustExist says what is wrong when the flags name a SQLite file that is
// not there.
func (sf *storeFlags) mustExist() error {
	pg, db := sf.target()
	if pg != "" || db == ":memory:" || strings.HasPrefix(db, "file:") {
		return nil
	}
	if _, err := os.Stat(db); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no store at %s (give --db PATH or --postgres URL of an existing store, or create one with 'faultline ingest')", db)
	}
	return nil
}

// target is the PostgreSQL URL, or else the SQLite path, that the flags
// and environment name.
func (sf *storeFlags) target() (pg, db string) {
	pg, db = sf.postgres, sf.db
	if pg == "" && db == "" {
		pg = os.Getenv("FAULTLINE_POSTGRES")
		if pg == "" {
			db = os.Getenv("FAULTLINE_DB")
		}
	}
	if pg == "" && db == "" {
		db = "faultline.db"
	}
	return pg, db
}

// newCoder builds the coder that ingest and work use: the same pipeline as
// 'faultline code' (the project's dictionaries, enrichment, places, ids),
// with a recovered panic counted as a document without events.
func newCoder(stderr io.Writer, minConfidence float64) (ingest.Coder, error) {
	set, err := dict.Default()
	if err != nil {
		return nil, fmt.Errorf("built-in dictionaries: %w", err)
	}
	c, err := pipeline.New(set, pipeline.Options{MinConfidence: minConfidence})
	if err != nil {
		return nil, err
	}
	return wrapCoder(ingest.CoderFunc(func(doc faultline.Document) (evs []faultline.Event) {
		defer func() {
			if r := recover(); r != nil {
				fmt.Fprintf(stderr, "coder failed on document %q: %v; stored without events\n", doc.ID, r)
				evs = nil
			}
		}()
		return c.Code(doc).Events
	})), nil
}

// wrapCoder lets the tests of 'faultline work' count the coder's calls in
// worker processes; it changes nothing otherwise.
var wrapCoder = func(c ingest.Coder) ingest.Coder { return c }

// progressEvery is how often a long run writes a progress line when
// standard error is not a terminal (a variable for the tests).
var progressEvery = 5 * time.Second

// startProgress reports progress on stderr: redrawn four times a second
// on a terminal, else a line every progressEvery, so that a run logged to
// a file is not silent for minutes.
func startProgress(stderr io.Writer, prefix string, total int64) *ingest.Progress {
	if isTerminal(stderr) {
		return ingest.StartProgress(stderr, total, 250*time.Millisecond)
	}
	return ingest.StartProgressLines(stderr, prefix, total, progressEvery)
}

// isTerminal says whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func runIngest(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var sf storeFlags
	sf.register(fset, true)
	var opt ingest.Options
	fset.StringVar(&opt.Files.Date, "date", "", "date (`YYYY-MM-DD`) of documents that carry none, or a bad one")
	fset.BoolVar(&opt.Files.FileDate, "file-date", false, "date documents that carry none (and get no --date) with their file's modification day (UTC)")
	fset.StringVar(&opt.Files.Source, "source", "", "source `name` of plain-text documents")
	fset.StringVar(&opt.Files.TextColumn, "text-column", "text", "the `column` of CSV files that holds the text")
	fset.Int64Var(&opt.Files.Limits.MaxDocBytes, "max-doc-bytes", 10<<20, "skip documents and JSONL lines longer than this")
	fset.Int64Var(&opt.Files.Limits.MaxFetchBytes, "max-fetch-bytes", 64<<20, "cap on a download or a decompressed file")
	fset.DurationVar(&opt.Fetch.Timeout, "timeout", 30*time.Second, "timeout of one http(s) fetch")
	fset.IntVar(&opt.Fetch.Retries, "retries", 3, "retries of a failed http(s) fetch, with backoff")
	fset.IntVar(&opt.Fetch.MaxRedirects, "max-redirects", 5, "redirects followed by one fetch")
	fset.BoolVar(&opt.Fetch.AllowPrivate, "allow-private", false, "allow URLs on loopback and private addresses")
	fset.IntVar(&opt.BatchSize, "batch", 1000, "documents per transaction")
	fset.IntVar(&opt.Workers, "workers", 0, "coding goroutines (default: one per core)")
	fset.BoolVar(&opt.QueueOnly, "queue-only", false, "store documents and leave coding to 'faultline work'")
	progress := fset.Bool("progress", true, "report progress on standard error: redrawn on a terminal, else a line every few seconds")
	quiet := fset.Bool("quiet", false, "do not list skipped records")
	minConf := fset.Float64("min-confidence", 0, "store only events whose confidence is at least `P` (0..1)")
	fset.Usage = func() {
		fmt.Fprintln(stderr, "Usage: faultline ingest [--db PATH | --postgres URL] [flags] FILE|DIR|URL|-...")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return 2
	}
	// On the command line 0 means none; in FetchOptions a zero value is
	// the default and a negative one means none.
	if opt.Fetch.MaxRedirects == 0 {
		opt.Fetch.MaxRedirects = -1
	}
	if opt.Fetch.Retries == 0 {
		opt.Fetch.Retries = -1
	}
	if opt.Files.Date != "" {
		if _, err := time.Parse(time.DateOnly, opt.Files.Date); err != nil {
			fmt.Fprintf(stderr, "faultline ingest: --date %q is not YYYY-MM-DD\n", opt.Files.Date)
			return 2
		}
	}
	if opt.Fetch.Retries == 0 {
		opt.Fetch.Retries = -1 // FetchOptions reads 0 as the default
	}
	st, _, err := sf.open(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "faultline ingest: %v\n", err)
		return 1
	}
	defer st.Close()
	var c ingest.Coder = ingest.CoderFunc(func(faultline.Document) []faultline.Event { return nil })
	if !opt.QueueOnly {
		if c, err = newCoder(stderr, *minConf); err != nil {
			fmt.Fprintf(stderr, "faultline ingest: %v\n", err)
			return 1
		}
	}
	opt.Stdin = stdin
	if !*quiet {
		opt.Log = stderr
	}
	if *progress {
		opt.Progress = startProgress(stderr, "faultline ingest", estimateDocs(fset.Args()))
	}
	start := time.Now()
	stats, err := ingest.Run(ctx, st, c, fset.Args(), opt)
	opt.Progress.Stop()
	el := time.Since(start)
	fmt.Fprintf(stderr, "%s in %s (%.0f docs/s)\n", ingest.Summary(stats), el.Round(time.Millisecond), float64(stats.Read)/el.Seconds())
	if err != nil {
		fmt.Fprintf(stderr, "faultline ingest: %v (everything counted above is stored)\n", err)
		return 1
	}
	for _, n := range stats.Skipped {
		if n > 0 {
			return 1
		}
	}
	return 0
}

// estimateDocs counts the documents in local sources for the progress ETA:
// lines of JSON Lines files, one per other file. URLs and stdin count 0.
func estimateDocs(sources []string) int64 {
	var n int64
	count := func(p string) {
		switch strings.ToLower(filepath.Ext(p)) {
		case ".jsonl", ".ndjson", ".json":
			if data, err := os.ReadFile(p); err == nil {
				n += int64(bytes.Count(data, []byte{'\n'}))
			}
		default:
			n++
		}
	}
	for _, src := range sources {
		if src == "-" || strings.Contains(src, "://") {
			continue
		}
		filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Type().IsRegular() {
				count(p)
			}
			return nil
		})
	}
	return n
}
