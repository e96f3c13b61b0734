package docio

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	faultline "github.com/faultline/faultline"
)

// ArrayReader reads the elements of a JSON array of documents one at a
// time, so that a large file costs one element's memory, and tells the
// line each element starts on.
type ArrayReader struct {
	dec     *json.Decoder
	lines   *lineCounter
	started bool
	done    bool
}

// NewArrayReader reads the array r holds.
func NewArrayReader(r io.Reader) *ArrayReader {
	lc := &lineCounter{r: r}
	return &ArrayReader{dec: json.NewDecoder(lc), lines: lc}
}

// Next returns the next element as raw JSON and the line it starts on, or
// io.EOF after the last. Any other error ends the array: JSON has no way to
// find the next element after a syntax error. The error names the line.
func (a *ArrayReader) Next() (raw []byte, line int, err error) {
	if a.done {
		return nil, 0, io.EOF
	}
	if !a.started {
		a.started = true
		tok, err := a.dec.Token()
		if err != nil || tok != json.Delim('[') {
			a.done = true
			return nil, a.lines.lineAt(a.dec.InputOffset()), fmt.Errorf("not a JSON array")
		}
	}
	if !a.dec.More() {
		a.done = true
		if _, err := a.dec.Token(); err != nil { // the closing ]
			return nil, a.lines.lineAt(a.dec.InputOffset()), fmt.Errorf("unterminated JSON array: %v", err)
		}
		return nil, 0, io.EOF
	}
	var m json.RawMessage
	if err := a.dec.Decode(&m); err != nil {
		a.done = true
		at := a.dec.InputOffset()
		var se *json.SyntaxError
		if errors.As(err, &se) && se.Offset > 0 {
			at = se.Offset - 1 // the stream offset of the offending byte
		}
		return nil, a.lines.lineAt(at), fmt.Errorf("not JSON: %v; rest of the array skipped", err)
	}
	// InputOffset is now just past the element, which m holds exactly.
	return m, a.lines.lineAt(a.dec.InputOffset() - int64(len(m))), nil
}

// lineCounter remembers where the lines of what passes through it start.
type lineCounter struct {
	r  io.Reader
	n  int64
	nl []int64 // offsets of the newlines read
}

func (c *lineCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\n' {
			c.nl = append(c.nl, c.n+int64(i))
		}
	}
	c.n += int64(n)
	return n, err
}

// lineAt is the 1-based line of byte offset off.
func (c *lineCounter) lineAt(off int64) int {
	return 1 + sort.Search(len(c.nl), func(i int) bool { return c.nl[i] >= off })
}

// CSVReader reads documents from a CSV file with a header row: the column
// named TextColumn (case does not matter; default "text") is the text,
// and columns named id, date, title, url and source fill those fields.
type CSVReader struct {
	r       *csv.Reader
	col     map[string]int
	textCol string
}

// ErrBadRow is a CSV row that does not parse; the next may.
var ErrBadRow = errors.New("bad CSV row")

// ErrNoTextColumn is returned by NewCSVReader when the header lacks the
// text column.
var ErrNoTextColumn = errors.New("no text column")

// NewCSVReader reads the header of r. textColumn "" means "text".
func NewCSVReader(r io.Reader, textColumn string) (*CSVReader, error) {
	if textColumn == "" {
		textColumn = "text"
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // a short row is reported per row, not fatal
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		if err == io.EOF {
			return nil, fmt.Errorf("empty CSV file: want a header row")
		}
		return nil, fmt.Errorf("CSV header: %w", err)
	}
	c := &CSVReader{r: cr, col: map[string]int{}, textCol: textColumn}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := c.col[h]; !dup {
			c.col[h] = i
		}
	}
	if _, ok := c.col[strings.ToLower(textColumn)]; !ok {
		return nil, fmt.Errorf("%w %q in the header (%s); name it with --text-column", ErrNoTextColumn, textColumn, strings.Join(head, ", "))
	}
	return c, nil
}

// Next returns the next row's document (without id when the file has no id
// column) and the line it starts on, or io.EOF. A row that does not parse
// is an error naming its line; reading may go on after it.
func (c *CSVReader) Next() (faultline.Document, int, error) {
	rec, err := c.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return faultline.Document{}, pe.StartLine, fmt.Errorf("%w: %v", ErrBadRow, pe.Err)
		}
		return faultline.Document{}, 0, err
	}
	line, _ := c.r.FieldPos(0)
	get := func(name string) string {
		if i, ok := c.col[name]; ok && i < len(rec) {
			return rec[i]
		}
		return ""
	}
	d := faultline.Document{ID: strings.TrimSpace(get("id")), Text: get(strings.ToLower(c.textCol)), Date: strings.TrimSpace(get("date")),
		Title: get("title"), URL: strings.TrimSpace(get("url")), Source: get("source")}
	return d, line, nil
}
