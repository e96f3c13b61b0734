package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/faultline/faultline/dict"
	"github.com/faultline/faultline/judge"
	"github.com/faultline/faultline/judge/trainer"
	"github.com/faultline/faultline/pipeline"
)

const trainUsage = `Usage:
  faultline train events [--shared DIR] [--seed N] [--folds K] [--cv] [--out PATH]
  faultline train parse [--train FILE] [--dev FILE] [--out PATH] [--seed N] [--iters N]

train events codes the training corpora (multicoped PentaClass sentences and
their lower-cased copies, BBC News stories not about politics, SATP incident
summaries, Faultline's own sentences) with the
built-in dictionaries, measures the event model by K-fold cross-validation
(printing the held-out figures and the reliability table), then trains on
everything and writes the model file (default judge/data/events.model, the
one the build embeds). --cv measures only and writes nothing. The same
seed gives a byte-identical file.

train parse trains the part-of-speech tagger and dependency parser of
package syntax from UD English EWT in CoNLL-U (default syntax/model/en_ewt.model,
the one the build embeds); progress (dev UPOS, UAS, LAS after each parser
pass) goes to stderr. The same data and seed give a byte-identical file.
`

func runTrain(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, trainUsage)
		return 2
	}
	switch args[0] {
	case "events":
		return runTrainEvents(args[1:], stdout, stderr)
	case "parse":
		return runTrainParse(args[1:], stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, trainUsage)
		return 0
	}
	fmt.Fprintf(stderr, "faultline train: unknown model %q\n", args[0])
	fmt.Fprint(stderr, trainUsage)
	return 2
}

func runTrainEvents(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("faultline train events", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, trainUsage)
		fs.PrintDefaults()
	}
	shared := fs.String("shared", "../shared", "the shared data `DIR` (train/, gold/multicoped/)")
	seed := fs.Int64("seed", 1, "random `seed` of the folds and of training")
	k := fs.Int("folds", 10, "number of cross-validation `folds`")
	cvOnly := fs.Bool("cv", false, "measure by cross-validation only; write no model")
	out := fs.String("out", filepath.Join("judge", "data", "events.model"), "model file `PATH` to write")
	drop := fs.Float64("drop", 0.99, "drop an event whose probability of being no political event is at least `P`")
	recode := fs.Float64("recode", 0.95, "give a sentence's first statement the model's class when that class has at least probability `P` (above 1: never)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *k < 2 {
		fmt.Fprintf(stderr, "faultline train events: --folds %d: need at least 2\n", *k)
		return 2
	}
	start := time.Now()
	docs, err := trainer.ReadAll(*shared)
	if err != nil {
		fmt.Fprintf(stderr, "faultline train events: %v\n", err)
		return 1
	}
	set, err := dict.Default()
	if err != nil {
		fmt.Fprintf(stderr, "faultline train events: built-in dictionaries: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "coding %d training documents\n", len(docs))
	samples, err := trainer.Code(docs, func(j pipeline.Judge) (*pipeline.Pipeline, error) {
		return pipeline.New(set, pipeline.Options{NoPlaces: true, Judge: j})
	}, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "faultline train events: %v\n", err)
		return 1
	}
	opt := trainer.Options{Seed: *seed, Folds: *k, DropNone: *drop, RecodeAt: *recode, NoneWeight: 1,
		Train: judge.TrainOptions{Seed: *seed}}
	held, fold := trainer.CrossValidate(samples, opt, stderr)
	rep := trainer.Evaluate(samples, held, fold, opt)
	rep.Print(stdout)
	if *cvOnly {
		fmt.Fprintf(stderr, "faultline train events: measured in %.1fs\n", time.Since(start).Seconds())
		return 0
	}
	info := fmt.Sprintf("Faultline event model (package judge), trained by `faultline train events --seed %d --folds %d --drop %g --recode %g`.\n"+
		"Training data: ConfliBERT's CAMEO PentaClass sentences (multicoped, eventdata/ConfliBERT, GPL-3.0 repository); "+
		"BBC News stories not about politics (eventdata/ConfliBERT data/BBC_News, from the public BBC News classification set, research use); "+
		"South Asia Terrorism Portal incident summaries (eventdata/ConfliBERT data/satp_relevant, from javierosorio/SATP); "+
		"sentences written for Faultline.\n", *seed, *k, *drop, *recode)
	m := trainer.Fit(samples, held, opt, info)
	f, err := os.Create(*out)
	if err == nil {
		err = m.Marshal(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "faultline train events: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "faultline train events: wrote %s in %.1fs\n", *out, time.Since(start).Seconds())
	return 0
}
