package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/faultline/faultline/syntax"
)

const ewtDir = "../shared/train/ud-english-ewt"

func runTrainParse(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("faultline train parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, trainUsage+"\nFlags of train parse:\n"); fs.PrintDefaults() }
	def := syntax.DefaultTrainOptions()
	trainPath := fs.String("train", filepath.Join(ewtDir, "en_ewt-ud-train.conllu"), "training treebank `FILE` (CoNLL-U)")
	devPath := fs.String("dev", filepath.Join(ewtDir, "en_ewt-ud-dev.conllu"), "development treebank `FILE` (CoNLL-U) that picks the best parser pass; empty for none")
	out := fs.String("out", filepath.Join("syntax", "model", "en_ewt.model"), "write the model to `PATH`")
	seed := fs.Uint64("seed", def.Seed, "random seed (shuffling, augmentation, exploration)")
	iters := fs.Int("iters", def.ParseIters, "parser passes over the training data")
	tagIters := fs.Int("tag-iters", def.TagIters, "tagger passes over the training data")
	lower := fs.Float64("lower", def.LowerFrac, "share of training sentences lower-cased, so lower-case text parses too")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "faultline train parse: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	o := def
	o.Seed, o.ParseIters, o.TagIters, o.LowerFrac, o.Log = *seed, *iters, *tagIters, *lower, stderr
	var err error
	if o.Train, err = readTreebank(*trainPath); err != nil {
		fmt.Fprintf(stderr, "faultline train parse: %v\n", err)
		return 1
	}
	if *devPath != "" {
		if o.Dev, err = readTreebank(*devPath); err != nil {
			fmt.Fprintf(stderr, "faultline train parse: %v\n", err)
			return 1
		}
	}
	start := time.Now()
	m, err := syntax.Train(o)
	if err != nil {
		fmt.Fprintf(stderr, "faultline train parse: %v\n", err)
		return 1
	}
	data := m.Encode()
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "faultline train parse: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "faultline train parse: wrote %s (%.1f MB) in %s\n", *out, float64(len(data))/1e6, time.Since(start).Round(time.Second))
	return 0
}

// readTreebank reads a CoNLL-U file.
func readTreebank(path string) ([]syntax.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return syntax.ReadCoNLLU(f, path)
}
