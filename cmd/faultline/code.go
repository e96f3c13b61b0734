package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/docio"
	"github.com/faultline/faultline/pipeline"
)

const codeUsage = `Usage: faultline code [flags] FILE...|-

Codes news documents into events. Each FILE is JSON Lines (one document a
line: {"id","text","date","title","url","source"}), a JSON array of such
documents, CSV with a header row (.csv; --text-column names the text), an
HTML page (its text is the document) or plain text (one document whose id
is the file name, extension included); "-" reads standard input. PDF and
Word/ZIP files are refused: convert them to text first. Events go to
standard output; bad input is reported on standard error, skipped and
counted. A document date must be YYYY-MM-DD or an RFC 3339 time (kept as
its day); any other is reported, counted and ignored. A file whose
documents have no date is noted once: their events are dated only where the
text gives a day, unless --date or --file-date dates them. Exit status: 0 when every record and dictionary line was used, 1 when any
was skipped, 2 on a usage error.

Flags:
`

// dictErrorsShown is how many dictionary errors are printed without -v.
const dictErrorsShown = 5

// codeFlags are the options of 'faultline code'.
type codeFlags struct {
	dicts     []string
	noDefault bool
	noPlaces  bool
	format    string
	date      string
	fileDate  bool
	workers   int
	verbose   bool
	maxLine   int
	progress  bool
	// minConfidence and noJudge: the trained event model's filter, or none.
	minConfidence float64
	noJudge       bool
	parse         bool // roles from the dependency parse
	// textColumn names the text column of CSV files.
	textColumn string
	files      []string
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// parseCodeFlags parses args; ok is false on a usage error or -h, with the
// exit status in status.
func parseCodeFlags(args []string, stderr io.Writer) (cf codeFlags, status int, ok bool) {
	fs := flag.NewFlagSet("faultline code", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, codeUsage)
		fs.PrintDefaults()
	}
	var dicts multiFlag
	fs.Var(&dicts, "dict", "load the dictionary file (or .project) `PATH`; repeatable, loaded in order")
	fs.BoolVar(&cf.noDefault, "no-default-dict", false, "do not load the built-in dictionaries")
	fs.BoolVar(&cf.noPlaces, "no-places", false, "do not place events (no gazetteer; location is null)")
	fs.StringVar(&cf.format, "format", "jsonl", "output `format`: jsonl, tsv or gdelt")
	fs.StringVar(&cf.date, "date", "", "date (`YYYY-MM-DD`) for documents that carry none, or a bad one")
	fs.BoolVar(&cf.fileDate, "file-date", false, "date documents that carry none (and get no --date) with their file's modification day (UTC)")
	fs.StringVar(&cf.textColumn, "text-column", "text", "the `column` of CSV files that holds the text")
	fs.IntVar(&cf.workers, "workers", runtime.GOMAXPROCS(0), "number of coding `goroutines`")
	fs.BoolVar(&cf.verbose, "v", false, "list every dictionary error")
	fs.Float64Var(&cf.minConfidence, "min-confidence", 0, "write only events whose confidence is at least `P` (0..1)")
	fs.BoolVar(&cf.parse, "parse", false, "take sources and targets from a dependency parse of each sentence with a candidate event (slower; see README)")
	fs.BoolVar(&cf.noJudge, "no-judge", false, "keep every event the dictionaries find (no trained event model; confidence 0)")
	fs.IntVar(&cf.maxLine, "max-line", docio.DefaultMaxLine, "skip JSONL lines and text files longer than `BYTES`")
	fs.BoolVar(&cf.progress, "progress", true, "report progress on standard error: redrawn on a terminal, else a line every few seconds")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cf, 0, false
		}
		return cf, 2, false
	}
	cf.dicts = dicts
	cf.files = fs.Args()
	usageErr := func(format string, a ...any) (codeFlags, int, bool) {
		fmt.Fprintf(stderr, "faultline code: "+format+"\n", a...)
		fmt.Fprintln(stderr, "Run 'faultline code -h' for usage.")
		return cf, 2, false
	}
	switch {
	case len(cf.files) == 0:
		return usageErr("no input: give FILE... or - for standard input")
	case cf.minConfidence < 0 || cf.minConfidence > 1 || cf.minConfidence != cf.minConfidence:
		return usageErr("--min-confidence %g: want 0..1", cf.minConfidence)
	case cf.workers < 1:
		return usageErr("--workers %d: must be at least 1", cf.workers)
	case cf.maxLine < 1:
		return usageErr("--max-line %d: must be at least 1", cf.maxLine)
	case cf.noDefault && len(cf.dicts) == 0:
		return usageErr("--no-default-dict without any --dict leaves nothing to code with")
	}
	if cf.date != "" {
		if _, err := time.Parse("2006-01-02", cf.date); err != nil || len(cf.date) != 10 {
			return usageErr("--date %q: want YYYY-MM-DD", cf.date)
		}
	}
	if _, err := docio.NewFormat(cf.format); err != nil {
		return usageErr("--format: %v", err)
	}
	return cf, 0, true
}

func runCode(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cf, status, ok := parseCodeFlags(args, stderr)
	if !ok {
		return status
	}
	set, status := loadDictionaries(cf, stderr)
	if set == nil {
		return status
	}
	// The pipeline codes, enriches, places, fills the CAMEO fields and
	// gives each event its stable id.
	c, err := pipeline.New(set, pipeline.Options{NoPlaces: cf.noPlaces, NoJudge: cf.noJudge, MinConfidence: cf.minConfidence, Parse: cf.parse})
	if err != nil {
		fmt.Fprintf(stderr, "faultline code: %v\n", err)
		return 1
	}
	format, _ := docio.NewFormat(cf.format) // checked by parseCodeFlags
	r := &docio.Reader{Files: cf.files, Stdin: stdin, Warn: stderr, MaxLine: cf.maxLine, Date: cf.date, FileDate: cf.fileDate, TextColumn: cf.textColumn}
	p := &codeRun{coder: c, format: format, workers: cf.workers, warn: stderr}
	if cf.progress {
		p.progress = startProgress(stderr, "faultline code", 0)
	}
	start := time.Now()
	sum, err := p.run(ctx, r, stdout)
	p.progress.Stop()
	sum.reader = r.Stats()
	sum.dictSkipped = len(set.Errors)
	sum.elapsed = time.Since(start)
	fmt.Fprintln(stderr, sum.String())
	if err != nil {
		fmt.Fprintf(stderr, "faultline code: %v\n", err)
		return 1
	}
	// A skipped dictionary line is skipped input too: the run went on, but
	// its events may lack what the line meant to code.
	if sum.skipped() > 0 || sum.dictSkipped > 0 {
		return 1
	}
	return 0
}

// loadDictionaries loads the built-in set unless told not to, then each
// --dict, and reports the bad lines met. A nil set comes with the exit status.
func loadDictionaries(cf codeFlags, stderr io.Writer) (*dict.Set, int) {
	set := &dict.Set{}
	if !cf.noDefault {
		s, err := dict.Default()
		if err != nil {
			fmt.Fprintf(stderr, "faultline code: built-in dictionaries: %v\n", err)
			return nil, 1
		}
		set = s
	}
	for _, path := range cf.dicts {
		if err := set.LoadFile(path); err != nil {
			fmt.Fprintf(stderr, "faultline code: --dict %s: %v\n", path, err)
			if errors.Is(err, os.ErrNotExist) || errors.Is(err, os.ErrPermission) {
				return nil, 2
			}
			return nil, 1
		}
	}
	if n := len(set.Errors); n > 0 {
		shown := n
		if !cf.verbose && n > dictErrorsShown {
			shown = dictErrorsShown
			fmt.Fprintf(stderr, "faultline code: %d dictionary errors, lines skipped (first %d below; -v lists all)\n", n, shown)
		} else {
			fmt.Fprintf(stderr, "faultline code: %d dictionary errors, lines skipped\n", n)
		}
		for _, e := range set.Errors[:shown] {
			fmt.Fprintf(stderr, "  %v\n", e)
		}
	}
	return set, 0
}

// summary is what the closing line of a run reports.
type summary struct {
	reader    docio.Stats
	coded     int
	discarded int
	failed    int // the coder panicked on the document
	events    int
	// dictSkipped counts the dictionary lines that did not load.
	dictSkipped int
	elapsed     time.Duration
}

func (s summary) skipped() int { return s.reader.SkippedTotal() + s.failed }

// String is the one summary line: "faultline code: 12 documents read,
// 10 coded, 2 skipped (not-json 1, too-long 1), 31 events, 0.42s".
func (s summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "faultline code: %d documents read, %d coded, %d skipped",
		s.reader.Read+s.reader.SkippedTotal(), s.coded, s.skipped())
	if s.skipped() > 0 {
		reasons := make(map[string]int, len(s.reader.Skipped)+1)
		for k, v := range s.reader.Skipped {
			reasons[k] = v
		}
		if s.failed > 0 {
			reasons["coder-failed"] = s.failed
		}
		keys := make([]string, 0, len(reasons))
		for k := range reasons {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString(" (")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %d", k, reasons[k])
		}
		b.WriteString(")")
	}
	if s.discarded > 0 {
		fmt.Fprintf(&b, ", %d discarded by the dictionaries", s.discarded)
	}
	if s.reader.NoID > 0 {
		fmt.Fprintf(&b, ", %d without id (given file:line)", s.reader.NoID)
	}
	if s.dictSkipped > 0 {
		fmt.Fprintf(&b, ", %d dictionary lines skipped", s.dictSkipped)
	}
	if s.reader.BadDate > 0 {
		fmt.Fprintf(&b, ", %d bad dates (ignored)", s.reader.BadDate)
	}
	if s.reader.Undated > 0 {
		fmt.Fprintf(&b, ", %d undated", s.reader.Undated)
	}
	fmt.Fprintf(&b, ", %d events, %.2fs", s.events, s.elapsed.Seconds())
	return b.String()
}
