package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/syntax"
	"github.com/faultline/faultline/text"
)

const parseUsage = `Usage: faultline parse [--lower] [--eval FILE.conllu [--raw]] [FILE|-]

Tags and parses English with the embedded model (UD English EWT). Without
--eval it reads text, splits it into sentences and tokens as the coder does,
and writes CoNLL-U: one line a project token, so you see what the coder sees.

With --eval it parses each sentence of the CoNLL-U file from its gold words
and prints one line, UPOS=0.xxx UAS=0.xxx LAS=0.xxx: fractions of all words
(punctuation included) with the right tag, head, and head and relation
(subtypes included). --raw instead tokenises each sentence's "# text ="
with the project's tokenizer and scores the words aligned to gold words by
character offsets (F1 of precision and recall, as conll18_ud_eval does).
--lower lower-cases the input first.

Flags:
`

// runParse is the parse subcommand.
func runParse(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("faultline parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, parseUsage); fs.PrintDefaults() }
	eval := fs.String("eval", "", "score the parser on the gold trees of `FILE.conllu`")
	raw := fs.Bool("raw", false, "with --eval: parse each sentence's text from the project's tokens (end to end)")
	lower := fs.Bool("lower", false, "lower-case the input before parsing")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	m, err := syntax.Load()
	if err != nil {
		fmt.Fprintf(stderr, "faultline parse: %v\n", err)
		return 1
	}
	if *eval != "" {
		if fs.NArg() > 0 {
			fmt.Fprintln(stderr, "faultline parse: --eval takes no other file")
			return 2
		}
		sents, err := readTreebank(*eval)
		if err != nil {
			fmt.Fprintf(stderr, "faultline parse: %v\n", err)
			return 1
		}
		var sc syntax.Score
		if *raw {
			sc = m.EvaluateRaw(sents, *lower)
		} else {
			sc = m.Evaluate(sents, *lower)
		}
		fmt.Fprintln(stdout, sc)
		return 0
	}
	if *raw {
		fmt.Fprintln(stderr, "faultline parse: --raw needs --eval")
		return 2
	}
	var in io.Reader = stdin
	name := "-"
	switch fs.NArg() {
	case 0:
	case 1:
		if name = fs.Arg(0); name != "-" {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintf(stderr, "faultline parse: %v\n", err)
				return 1
			}
			defer f.Close()
			in = f
		}
	default:
		fmt.Fprintln(stderr, "faultline parse: give one file or -")
		return 2
	}
	data, err := io.ReadAll(in)
	if err != nil {
		fmt.Fprintf(stderr, "faultline parse: %s: %v\n", name, err)
		return 1
	}
	doc := string(data)
	if *lower {
		doc = strings.ToLower(doc)
	}
	w := bufio.NewWriter(stdout)
	var t syntax.Tree
	var toks []text.Token
	for i, s := range text.Sentences(doc) {
		toks = text.AppendTokens(toks[:0], doc, s)
		if len(toks) == 0 {
			continue
		}
		m.ParseTokensInto(&t, toks)
		comments := []string{fmt.Sprintf("sent_id = %d", i+1), "text = " + oneLine(doc, s)}
		if err := syntax.WriteCoNLLU(w, comments, &t); err != nil {
			fmt.Fprintf(stderr, "faultline parse: %v\n", err)
			return 1
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "faultline parse: %v\n", err)
		return 1
	}
	return 0
}

// oneLine returns the sentence's text with line breaks as spaces.
func oneLine(doc string, s faultline.Span) string {
	b := []byte(doc[s.Start:s.End])
	for i, c := range b {
		if c == '\n' || c == '\r' || c == '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}
