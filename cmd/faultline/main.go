// Command faultline codes news into political events, keeps them, watches
// them for escalation and serves them. Each subcommand lives in its own file.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"syscall"
)

const usage = `faultline turns news into coded political events.

Usage:
  faultline code [--dict PATH]... [--no-default-dict] [--format jsonl|tsv|gdelt] [--date YYYY-MM-DD] [--file-date] FILE...|-
  faultline validate FILE
  faultline dict check [--dict PATH]... [--no-default-dict]
  faultline ingest [--db PATH | --postgres URL] [--queue-only] FILE|DIR|URL...
  faultline work [--db PATH | --postgres URL] [--follow]
  faultline events [--db PATH | --postgres URL] [filters] [--format jsonl|csv|geojson|gdelt]
  faultline serve [--db PATH | --postgres URL] [--addr 127.0.0.1:8080] [--token-file FILE] [--rules FILE [--playbook FILE]] [--demo]
  faultline rules check|test FILE...
  faultline playbook check FILE...
  faultline watch [--db PATH | --postgres URL] --rules FILE [--playbook FILE] [--from DATE --to DATE | --every DURATION]
  faultline train events [--seed N] [--folds K] [--cv] [--out PATH]
  faultline ack [--db PATH | --postgres URL] --playbook FILE [FINGERPRINT --by NAME --why TEXT]
  faultline parse [--lower] [--eval FILE.conllu [--raw]] [FILE|-]
  faultline train parse [--train FILE] [--dev FILE] [--out PATH] [--seed N] [--iters N]

Run 'faultline COMMAND -h' for the flags of one command; 'faultline --version'
prints the version.
`

// command is one subcommand: it parses its own flags from args and writes to
// stdout/stderr, returning the process exit status.
type command func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int

func commands() map[string]command {
	return map[string]command{
		"code":     runCode,
		"validate": runValidate,
		"dict":     runDict,
		"ingest":   runIngest,
		"events":   runEvents,
		"serve":    runServe,
		"rules":    runRules,
		"watch":    runWatch,
		"ack":      runAck,
		"work":     runWork,
		"playbook": runPlaybook,
		"parse":    runParse,
		"train":    runTrain,
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	stopProfile := startProfile(os.Getenv("FAULTLINE_CPUPROFILE"))
	status := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stopProfile()
	os.Exit(status)
}

// startProfile writes a CPU profile of the whole run to path when it is set
// (FAULTLINE_CPUPROFILE): how speed work on the real command is measured.
func startProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "faultline: FAULTLINE_CPUPROFILE: %v\n", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintf(os.Stderr, "faultline: FAULTLINE_CPUPROFILE: %v\n", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" || args[0] == "version" {
		fmt.Fprintln(stdout, versionString())
		return 0
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "faultline: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	return cmd(ctx, args[1:], stdin, stdout, stderr)
}

// version is the release, set at build time with
// -ldflags "-X main.version=v1.2.3"; otherwise the module version or
// source revision the Go toolchain recorded is used.
var version = ""

// versionString is what --version prints: the version, the source
// revision when the build recorded one, and the Go version.
func versionString() string {
	v, rev, dirty := version, "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "devel"
	}
	s := "faultline " + v
	if rev != "" {
		s += " (" + rev[:min(12, len(rev))]
		if dirty {
			s += ", modified"
		}
		s += ")"
	}
	return s + " " + runtime.Version()
}
