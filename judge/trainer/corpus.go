// Package trainer builds the judge's training examples from the corpora
// Faultline may learn from, trains the event model, measures it by k-fold
// cross-validation and writes the model file. `faultline train events`
// runs it.
package trainer

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	faultline "github.com/faultline/faultline"
)

// Doc is one training document with its label: a PentaClass (0..4) for a
// sentence of multicoped, Unlabelled for a text whose events are all None
// (a BBC story about sport, business, entertainment or technology, or a
// sentence we wrote that reports no political event).
type Doc struct {
	faultline.Document
	Penta int // 0..4, or NotPolitical
	Set   string
	// Of is the index of the document this one is a copy of (-1 when
	// none): a copy is held out in the same fold as its original.
	Of int
}

// NotPolitical marks a document that reports no political event;
// Political one that reports political events of unknown classes.
const (
	NotPolitical = -1
	Political    = -2
)

// Paths of the training corpora, relative to the shared data directory.
const (
	MulticopedPath = "gold/multicoped/cameo_class_train.tsv"
	BBCPattern     = "train/conflibert/bbc_news_%s.tsv"
	SATPPattern    = "train/conflibert/satp_relevant_%s.tsv"
)

// ReadSATP reads a South Asia Terrorism Portal split (summary, then four
// 0/1 columns): every summary reports political violence, so its events
// are Political (some class, not None).
func ReadSATP(path, split string) ([]Doc, error) {
	var docs []Doc
	err := eachLine(path, func(n int, line string) error {
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return fmt.Errorf("%s:%d: %d columns, want 5", path, n+1, len(f))
		}
		docs = append(docs, Doc{Document: faultline.Document{ID: "satp-" + split + "-" + strconv.Itoa(n), Text: f[0]}, Penta: Political, Set: "satp", Of: -1})
		return nil
	})
	return docs, err
}

// ReadMulticoped reads the PentaClass sentences ("text<TAB>class"), with
// ids mc-N as the scorer gives them (N the 0-based line).
func ReadMulticoped(path string) ([]Doc, error) {
	var docs []Doc
	err := eachLine(path, func(n int, line string) error {
		i := strings.LastIndexByte(line, '\t')
		if i < 0 {
			return fmt.Errorf("%s:%d: no tab before the class", path, n+1)
		}
		c, err := strconv.Atoi(strings.TrimSpace(line[i+1:]))
		if err != nil || c < 0 || c > 4 {
			return fmt.Errorf("%s:%d: class %q is not 0..4", path, n+1, line[i+1:])
		}
		docs = append(docs, Doc{Document: faultline.Document{ID: "mc-" + strconv.Itoa(n), Text: line[:i]}, Penta: c, Set: "multicoped", Of: -1})
		return nil
	})
	return docs, err
}

// ReadBBC reads a BBC News split ("text<TAB>label", 1 politics) and keeps
// the stories that are not about politics: their events are None. Stories
// about politics are left out: some of their sentences report events and
// some do not, and the file does not say which.
func ReadBBC(path, split string) ([]Doc, error) {
	var docs []Doc
	err := eachLine(path, func(n int, line string) error {
		i := strings.LastIndexByte(line, '\t')
		if i < 0 {
			return fmt.Errorf("%s:%d: no tab before the label", path, n+1)
		}
		switch strings.TrimSpace(line[i+1:]) {
		case "0":
			docs = append(docs, Doc{Document: faultline.Document{ID: "bbc-" + split + "-" + strconv.Itoa(n), Text: line[:i]}, Penta: NotPolitical, Set: "bbc", Of: -1})
		case "1":
		default:
			return fmt.Errorf("%s:%d: label %q is not 0 or 1", path, n+1, line[i+1:])
		}
		return nil
	})
	return docs, err
}

func eachLine(path string, f func(n int, line string) error) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 0; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			continue
		}
		if err := f(n, line); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// ReadAll reads every corpus under the shared directory: multicoped, the
// BBC and SATP train splits (dev and test are kept for tuning and
// measuring: a figure on them is then held out) and our own
// sentences.
func ReadAll(shared string) ([]Doc, error) {
	mc, err := ReadMulticoped(filepath.Join(shared, MulticopedPath))
	if err != nil {
		return nil, err
	}
	docs := mc
	// The same sentences lower-cased: lower-cased news (the BBC stories
	// here, some wires) must not look like "no event" for its case alone.
	for i, d := range mc {
		d.Of = i
		d.ID = "lc-" + d.ID
		d.Text = strings.ToLower(d.Text)
		d.Set = "multicoped-lower"
		docs = append(docs, d)
	}
	for _, split := range []string{"train"} {
		b, err := ReadBBC(filepath.Join(shared, fmt.Sprintf(BBCPattern, split)), split)
		if err != nil {
			return nil, err
		}
		docs = append(docs, b...)
	}
	for _, split := range []string{"train"} {
		s, err := ReadSATP(filepath.Join(shared, fmt.Sprintf(SATPPattern, split)), split)
		if err != nil {
			return nil, err
		}
		docs = append(docs, s...)
	}
	docs = append(docs, OwnSentences()...)
	return docs, nil
}
