// Package docio reads news documents (JSON Lines, plain text) and writes
// coded events (JSON Lines, TSV, GDELT 2.0 event export).
//
// Reading never stops at bad input: each bad record is reported as
// "file:line: what is wrong" to the Reader's Warn writer, skipped, and
// counted by reason in Stats.
package docio

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"

	faultline "github.com/faultline/faultline"
)

// DefaultMaxLine is the longest JSONL line (or plain-text file) read: 16 MiB.
const DefaultMaxLine = 16 << 20

// Reasons a record is skipped, the keys of Stats.Skipped.
const (
	ReasonNotJSON    = "not-json"
	ReasonNoText     = "no-text"
	ReasonBadID      = "bad-id"
	ReasonBadUTF8    = "invalid-utf8"
	ReasonTooLong    = "too-long"
	ReasonBinary     = "binary"
	ReasonUnreadable = "unreadable"
	// ReasonUnsupported is a file in a format Faultline does not read
	// (PDF, ZIP/Word): the message says what to do instead.
	ReasonUnsupported = "unsupported"
	// ReasonNotCSV is a CSV row that does not parse (a stray quote).
	ReasonNotCSV = "not-csv"
)

// Stats counts what a Reader has read.
type Stats struct {
	Read    int            // documents returned by Next
	Skipped map[string]int // records skipped, by reason
	// NoID counts documents that came without an id and got "file:line".
	NoID int
	// BadDate counts documents whose date was neither YYYY-MM-DD nor RFC
	// 3339: each was coded, dated from --date (Reader.Date) or its text.
	BadDate int
	// Undated counts documents left without a date: no date of their
	// own, no --date, and no file day asked for.
	Undated int
}

// SkippedTotal is the number of records skipped for any reason.
func (s Stats) SkippedTotal() int {
	n := 0
	for _, v := range s.Skipped {
		n += v
	}
	return n
}

// Reader reads documents from files in turn. "-" stands for Stdin.
//
// A JSONL document without an id gets "NAME:LINE" (NAME the file's base
// name, "stdin" for standard input) so that it is still coded and its events
// have stable ids; it is reported and counted in Stats.NoID, not skipped.
type Reader struct {
	Files []string
	Stdin io.Reader // read for "-"
	// Warn receives one line per skipped record; nil discards them.
	Warn io.Writer
	// MaxLine caps a JSONL line or a plain-text file, in bytes; 0 means
	// DefaultMaxLine. Longer records are skipped without being held in memory.
	MaxLine int
	// Date is given to documents that have none (YYYY-MM-DD); "" for none.
	Date string
	// FileDate gives documents that have no date, when Date does not, the
	// day (UTC) their file was last modified. Standard input has none.
	FileDate bool
	// TextColumn names the text column of CSV files; "" means "text".
	TextColumn string

	stats   Stats
	next    int           // index in Files of the next file to open
	name    string        // current file as named in messages
	closer  io.Closer     // current file, nil for stdin
	br      *bufio.Reader // current input; nil between files
	kind    Kind
	array   *ArrayReader // for KindJSONArray
	csv     *CSVReader   // for KindCSV
	line    int
	buf     []byte // the current line, reused
	lastPos string
	// noIDInFile counts documents without id in the current file.
	noIDInFile int
	// undatedInFile counts documents without a date in the current file;
	// fileDay is the file's modification day when FileDate asks for it.
	undatedInFile int
	fileDay       string
}

// Stats returns the counts so far.
func (r *Reader) Stats() Stats {
	s := r.stats
	s.Skipped = make(map[string]int, len(r.stats.Skipped))
	for k, v := range r.stats.Skipped {
		s.Skipped[k] = v
	}
	return s
}

// Pos returns "file:line" of the document Next returned last.
func (r *Reader) Pos() string { return r.lastPos }

// Next returns the next good document, or io.EOF when every file is read.
// io.EOF is the only error: bad records and unreadable files are reported
// to Warn, counted and skipped inside Next.
func (r *Reader) Next() (faultline.Document, error) {
	for {
		if r.br == nil {
			if r.next >= len(r.Files) {
				return faultline.Document{}, io.EOF
			}
			name := r.Files[r.next]
			r.next++
			if !r.open(name) {
				continue
			}
			if r.kind == KindText || r.kind == KindHTML {
				doc, ok := r.readText()
				r.closeFile()
				if ok {
					return doc, nil
				}
				continue
			}
		}
		var doc faultline.Document
		var ok bool
		var err error
		switch r.kind {
		case KindJSONArray:
			doc, ok, err = r.readArrayElem()
		case KindCSV:
			doc, ok, err = r.readCSVRow()
		default:
			doc, ok, err = r.readJSONLine()
		}
		if err != nil {
			r.closeFile()
			continue
		}
		if ok {
			return doc, nil
		}
	}
}

func (r *Reader) maxLine() int {
	if r.MaxLine > 0 {
		return r.MaxLine
	}
	return DefaultMaxLine
}

func (r *Reader) skip(reason, pos, format string, args ...any) {
	if r.stats.Skipped == nil {
		r.stats.Skipped = make(map[string]int)
	}
	r.stats.Skipped[reason]++
	if r.Warn != nil {
		fmt.Fprintf(r.Warn, "%s: %s\n", pos, fmt.Sprintf(format, args...))
	}
}

// open starts reading name, sniffing its kind (see Sniff): JSON Lines, a
// JSON array, CSV, HTML or plain text are read; PDF, ZIP, binary files and
// feeds are skipped with a message saying why.
func (r *Reader) open(name string) bool {
	var in io.Reader
	r.name = name
	r.closer = nil
	r.fileDay, r.undatedInFile = "", 0
	if name == "-" {
		r.name = "stdin"
		if r.Stdin == nil {
			r.skip(ReasonUnreadable, r.name, "no standard input")
			return false
		}
		in = r.Stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			r.skip(ReasonUnreadable, name, "cannot open: %v", unwrapPath(err))
			return false
		}
		st, err := f.Stat()
		if err == nil && st.IsDir() {
			f.Close()
			r.skip(ReasonUnreadable, name, "is a directory")
			return false
		}
		in, r.closer = f, f
		if err == nil && r.FileDate {
			r.fileDay = st.ModTime().UTC().Format(time.DateOnly)
		}
	}
	if r.br == nil {
		r.br = bufio.NewReaderSize(in, 64<<10)
	}
	r.br.Reset(in)
	r.line = 0
	r.noIDInFile = 0
	// Sniff what the first read brought, up to 8 KiB, rather than wait for
	// 8 KiB: a pipe from a feed may deliver one short document at a time.
	_, err := r.br.Peek(1)
	if bom, _ := r.br.Peek(2); len(bom) == 2 && (bom[0] == 0xff && bom[1] == 0xfe || bom[0] == 0xfe && bom[1] == 0xff) {
		// UTF-16 with a byte-order mark (Windows tools write it): read as
		// UTF-8, for every format.
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		r.br = bufio.NewReaderSize(dec.Reader(r.br), 64<<10)
		_, err = r.br.Peek(1)
	}
	head, _ := r.br.Peek(min(8<<10, r.br.Buffered()))
	if err != nil && err != io.EOF {
		r.skip(ReasonUnreadable, r.name, "cannot read: %v", unwrapPath(err))
		r.closeFile()
		return false
	}
	// A NUL in JSON Lines spoils one line, which readJSONLine skips, as
	// ingest does; in a text file it means the file is not text.
	kind, sure := Sniff(name, head)
	if !sure {
		// A long comment or doctype before the root element.
		head, _ = r.br.Peek(r.br.Size())
		kind, _ = Sniff(name, head)
	}
	r.kind = kind
	switch kind {
	case KindBinary:
		r.skip(ReasonBinary, r.name+":1", "binary file (NUL byte in the first 8 KiB); skipped")
	case KindPDF, KindZIP:
		r.skip(ReasonUnsupported, r.name, "%s; skipped", kind.Unsupported())
	case KindFeed:
		r.skip(ReasonUnsupported, r.name, "an RSS or Atom feed; read it with 'faultline ingest'; skipped")
	case KindJSONArray:
		r.array = NewArrayReader(r.br)
		return true
	case KindCSV:
		c, err := NewCSVReader(r.br, r.TextColumn)
		if err != nil {
			r.skip(ReasonNoText, r.name+":1", "%v; skipped", err)
			break
		}
		r.csv = c
		return true
	default:
		return true
	}
	r.closeFile()
	return false
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (r *Reader) closeFile() {
	if r.closer != nil {
		r.closer.Close()
		r.closer = nil
	}
	r.br = nil
	r.array, r.csv = nil, nil
}

// readLine reads one line into r.buf without its line ending. A line over
// the cap is discarded as it streams past, so a 50 MB line costs no more
// memory than a short one; tooLong reports it.
func (r *Reader) readLine() (line []byte, tooLong bool, err error) {
	r.buf = r.buf[:0]
	max := r.maxLine()
	for {
		chunk, e := r.br.ReadSlice('\n')
		if !tooLong {
			if len(r.buf)+len(chunk) > max+2 { // +2: the line ending is not content
				tooLong = true
				r.buf = r.buf[:0]
			} else {
				r.buf = append(r.buf, chunk...)
			}
		}
		if e == bufio.ErrBufferFull {
			continue
		}
		if e != nil && (e != io.EOF || (len(r.buf) == 0 && !tooLong && len(chunk) == 0)) {
			return nil, false, e
		}
		break
	}
	line = bytes.TrimRight(r.buf, "\r\n")
	if len(line) > max {
		tooLong = true
	}
	return line, tooLong, nil
}

// jsonDoc is a JSONL document as written; ID is raw so that numeric ids
// are accepted.
type jsonDoc struct {
	ID     json.RawMessage `json:"id"`
	Text   *string         `json:"text"`
	Date   string          `json:"date"`
	Title  string          `json:"title"`
	URL    string          `json:"url"`
	Source string          `json:"source"`
}

// readJSONLine reads lines until it has a good document (ok) or the file
// ends (err, io.EOF included).
func (r *Reader) readJSONLine() (faultline.Document, bool, error) {
	for {
		line, tooLong, err := r.readLine()
		if err != nil {
			if err != io.EOF {
				r.skip(ReasonUnreadable, fmt.Sprintf("%s:%d", r.name, r.line+1), "read error: %v", err)
			}
			return faultline.Document{}, false, err
		}
		r.line++
		pos := r.name + ":" + strconv.Itoa(r.line)
		if tooLong {
			r.skip(ReasonTooLong, pos, "line longer than %d bytes; skipped", r.maxLine())
			continue
		}
		if r.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if i := bytes.IndexByte(line, 0); i >= 0 {
			r.skip(ReasonBinary, pos, "NUL byte at byte %d of the line; skipped", i+1)
			continue
		}
		doc, reason, msg := r.parseDoc(line, pos)
		if reason != "" {
			r.skip(reason, pos, "%s", msg)
			continue
		}
		r.stats.Read++
		r.lastPos = pos
		return doc, true, nil
	}
}

// parseDoc decodes one JSONL line; on failure it returns the skip reason
// and a message.
func (r *Reader) parseDoc(line []byte, pos string) (faultline.Document, string, string) {
	jd, err := decodeJSONDoc(line)
	switch {
	case errors.Is(err, ErrInvalidUTF8):
		return faultline.Document{}, ReasonBadUTF8, err.Error() + "; skipped"
	case err != nil:
		return faultline.Document{}, ReasonNotJSON, err.Error()
	}
	if jd.Text == nil {
		return faultline.Document{}, ReasonNoText, `no "text" field; skipped`
	}
	if strings.TrimSpace(*jd.Text) == "" {
		return faultline.Document{}, ReasonNoText, `empty "text"; skipped`
	}
	doc := faultline.Document{Text: *jd.Text, Date: jd.Date, Title: jd.Title, URL: jd.URL, Source: jd.Source}
	id, ok := parseID(jd.ID)
	if !ok {
		return faultline.Document{}, ReasonBadID, `"id" is neither a string nor a number; skipped`
	}
	if id == "" {
		id = r.noID(pos)
	}
	doc.ID = id
	r.date(&doc, pos)
	return doc, "", ""
}

// date checks and normalises doc's date, else gives it Reader.Date or the
// file's day; a bad date and the first undated document of a file are
// reported at pos.
func (r *Reader) date(doc *faultline.Document, pos string) {
	if doc.Date != "" {
		day, ok := NormalizeDate(doc.Date)
		if !ok {
			r.stats.BadDate++
			if r.Warn != nil {
				fmt.Fprintf(r.Warn, "%s: date %q is neither YYYY-MM-DD nor RFC 3339; ignored (events dated from --date or the text)\n", pos, doc.Date)
			}
		}
		doc.Date = day
	}
	if doc.Date != "" {
		return
	}
	doc.Date = r.Date
	if doc.Date == "" {
		doc.Date = r.fileDay
	}
	if doc.Date != "" {
		return
	}
	r.stats.Undated++
	r.undatedInFile++
	if r.Warn != nil && r.undatedInFile == 1 {
		fmt.Fprintf(r.Warn, "%s: no date (nor for any later undated document of this file): events dated only where the text gives a day; give --date, or --file-date for the file's modification day\n", pos)
	}
}

// noID names a document that came without an id "NAME:LINE", counts it
// and notes it once a file.
func (r *Reader) noID(pos string) string {
	id := filepath.Base(r.name) + ":" + strconv.Itoa(r.line)
	r.stats.NoID++
	r.noIDInFile++
	// One note a file: a feed without ids would otherwise flood stderr.
	if r.Warn != nil && r.noIDInFile == 1 {
		fmt.Fprintf(r.Warn, "%s: no \"id\"; using %q (and file:line for any later document of this file without one)\n", pos, id)
	}
	return id
}

func parseID(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", true
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false
		}
		return strings.TrimSpace(s), true
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return string(raw), true
	}
	return "", false
}

func shortJSONError(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	return err.Error()
}

func badUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// readText reads a whole plain-text or HTML file as one document whose id
// is the file's name, extension included: report.txt and report.md in one
// folder are two documents.
func (r *Reader) readText() (faultline.Document, bool) {
	pos := r.name + ":1"
	var b bytes.Buffer
	max := int64(r.maxLine())
	n, err := io.Copy(&b, io.LimitReader(r.br, max+1))
	if err != nil {
		r.skip(ReasonUnreadable, pos, "read error: %v", unwrapPath(err))
		return faultline.Document{}, false
	}
	if n > max {
		r.skip(ReasonTooLong, pos, "text file longer than %d bytes; skipped", max)
		return faultline.Document{}, false
	}
	data := b.Bytes()
	if r.kind == KindHTML {
		// The page says its encoding; the extracted text is UTF-8.
		title, text := HTMLText(bytes.NewReader(data), "")
		if strings.TrimSpace(text) == "" {
			r.skip(ReasonNoText, pos, "HTML page without text; skipped")
			return faultline.Document{}, false
		}
		doc := faultline.Document{ID: filepath.Base(r.name), Title: title, Text: text}
		r.date(&doc, pos)
		r.stats.Read++
		r.lastPos = pos
		return doc, true
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:badUTF8At(data)], []byte("\n"))
		r.skip(ReasonBadUTF8, r.name+":"+strconv.Itoa(line), "invalid UTF-8; file skipped")
		return faultline.Document{}, false
	}
	if len(bytes.TrimSpace(data)) == 0 {
		r.skip(ReasonNoText, pos, "empty file; skipped")
		return faultline.Document{}, false
	}
	r.stats.Read++
	r.lastPos = pos
	doc := faultline.Document{ID: filepath.Base(r.name), Text: string(data)}
	r.date(&doc, pos)
	return doc, true
}

// readArrayElem reads elements of a JSON array until it has a good
// document (ok) or the array ends (err, io.EOF included).
func (r *Reader) readArrayElem() (faultline.Document, bool, error) {
	for {
		raw, line, err := r.array.Next()
		if err == io.EOF {
			return faultline.Document{}, false, err
		}
		r.line = line
		pos := r.name + ":" + strconv.Itoa(line)
		if err != nil {
			r.skip(ReasonNotJSON, pos, "%v", err)
			return faultline.Document{}, false, err
		}
		if len(raw) > r.maxLine() {
			r.skip(ReasonTooLong, pos, "array element longer than %d bytes; skipped", r.maxLine())
			continue
		}
		doc, reason, msg := r.parseDoc(raw, pos)
		if reason != "" {
			r.skip(reason, pos, "%s", msg)
			continue
		}
		r.stats.Read++
		r.lastPos = pos
		return doc, true, nil
	}
}

// readCSVRow reads rows until it has a good document (ok) or the file
// ends (err, io.EOF included).
func (r *Reader) readCSVRow() (faultline.Document, bool, error) {
	for {
		doc, line, err := r.csv.Next()
		if err == io.EOF {
			return faultline.Document{}, false, err
		}
		r.line = line
		pos := r.name + ":" + strconv.Itoa(line)
		switch {
		case errors.Is(err, ErrBadRow):
			r.skip(ReasonNotCSV, pos, "%v; skipped", err)
			continue
		case err != nil:
			r.skip(ReasonUnreadable, pos, "read error: %v", err)
			return faultline.Document{}, false, err
		}
		switch {
		case !utf8.ValidString(doc.Text + doc.ID + doc.Title + doc.Source + doc.URL + doc.Date):
			r.skip(ReasonBadUTF8, pos, "invalid UTF-8 in the row; skipped")
			continue
		case strings.TrimSpace(doc.Text) == "":
			r.skip(ReasonNoText, pos, "empty text column; skipped")
			continue
		}
		if doc.ID == "" {
			doc.ID = r.noID(pos)
		}
		r.date(&doc, pos)
		r.stats.Read++
		r.lastPos = pos
		return doc, true, nil
	}
}
