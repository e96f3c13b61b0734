package docio

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"

	faultline "github.com/faultline/faultline"
)

// Format encodes events as bytes, one event a line. Append must be safe for
// concurrent use, so that coding workers can encode in parallel and a single
// writer only copies bytes in input order.
type Format interface {
	// Header is written once before any event; nil when the format has none.
	Header() []byte
	// Append appends e, which came from doc, and its line ending to dst.
	Append(dst []byte, doc *faultline.Document, e *faultline.Event) []byte
}

// Formats lists the names NewFormat accepts.
var Formats = []string{"jsonl", "tsv", "gdelt"}

// NewFormat returns the format called name: "jsonl", "tsv" or "gdelt".
func NewFormat(name string) (Format, error) {
	switch name {
	case "jsonl", "json", "":
		return JSONL{}, nil
	case "tsv":
		return TSV{}, nil
	case "gdelt":
		return GDELT{}, nil
	}
	return nil, fmt.Errorf("unknown format %q (want jsonl, tsv or gdelt)", name)
}

// Writer writes events in one Format to an io.Writer, buffered. The header
// goes out before the first write. Call Flush at the end.
type Writer struct {
	w       *bufio.Writer
	f       Format
	scratch []byte
	started bool
}

// NewWriter returns a Writer of f to w.
func NewWriter(w io.Writer, f Format) *Writer {
	return &Writer{w: bufio.NewWriterSize(w, 256<<10), f: f}
}

func (w *Writer) start() error {
	if w.started {
		return nil
	}
	w.started = true
	if h := w.f.Header(); h != nil {
		_, err := w.w.Write(h)
		return err
	}
	return nil
}

// WriteEvents writes the events of one document.
func (w *Writer) WriteEvents(doc *faultline.Document, events []faultline.Event) error {
	if err := w.start(); err != nil {
		return err
	}
	w.scratch = w.scratch[:0]
	for i := range events {
		w.scratch = w.f.Append(w.scratch, doc, &events[i])
	}
	_, err := w.w.Write(w.scratch)
	return err
}

// WriteEncoded writes bytes that Format.Append produced elsewhere.
func (w *Writer) WriteEncoded(b []byte) error {
	if err := w.start(); err != nil {
		return err
	}
	_, err := w.w.Write(b)
	return err
}

// Flush writes the header if nothing was written yet, then buffered data.
func (w *Writer) Flush() error {
	if err := w.start(); err != nil {
		return err
	}
	return w.w.Flush()
}

// appendFloat appends f in its shortest form; JSON has no NaN or Inf, so
// those become 0.
func appendFloat(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, '0')
	}
	return strconv.AppendFloat(dst, f, 'f', -1, 64)
}

// sortedKeys returns the keys of m in order, for deterministic output.
func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
