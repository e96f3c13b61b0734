package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/docio"
)

// Limits bound what one source may cost. Zero fields take the defaults.
type Limits struct {
	MaxDocBytes   int64 // a longer document or JSONL line is skipped (default 10 MiB)
	MaxFetchBytes int64 // an http(s) body or decompressed file larger than this is cut off with an error (default 64 MiB)
}

func (l Limits) withDefaults() Limits {
	if l.MaxDocBytes <= 0 {
		l.MaxDocBytes = 10 << 20
	}
	if l.MaxFetchBytes <= 0 {
		l.MaxFetchBytes = 64 << 20
	}
	return l
}

// Item is one thing read from a source: a document, or a record that was
// skipped, with the reason (a short phrase, counted in the summary) and a
// message naming the file and line.
type Item struct {
	Doc     faultline.Document
	Skip    string // "" for a document
	Message string // why it was skipped; for a document, a note (a bad date)
	// BadDate marks a document whose date was neither YYYY-MM-DD nor RFC
	// 3339: stored and coded without it.
	BadDate bool
}

// errTooBig is the error of a reader cut off at a size cap.
var errTooBig = errors.New("larger than the size limit")

// capReader fails with errTooBig once more than n bytes were read: unlike
// io.LimitReader it tells a truncated stream from a short one.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n < 0 {
		return 0, errTooBig
	}
	if int64(len(p)) > c.n+1 {
		p = p[:c.n+1]
	}
	n, err := c.r.Read(p)
	c.n -= int64(n)
	if c.n < 0 {
		return n, errTooBig
	}
	return n, err
}

// FileOptions say how to turn files into documents.
type FileOptions struct {
	Date string // date of documents that have none (or a bad one), YYYY-MM-DD
	// FileDate dates documents that have none, when Date does not, with
	// their file's modification day (UTC).
	FileDate bool
	Source   string // source of plain-text documents
	Limits   Limits
	// TextColumn names the text column of CSV files; "" means "text".
	TextColumn string

	contentType string // of a fetched body: an HTML page is read as HTML
}

// ReadPath reads a file or, recursively, a directory, calling yield for each
// item. Errors that stop one file are reported as skipped items; the error
// returned is yield's or the context's.
func ReadPath(ctx context.Context, path string, opt FileOptions, yield func(Item) error) error {
	info, err := os.Stat(path)
	if err != nil {
		return yield(Item{Skip: "unreadable", Message: err.Error()})
	}
	if !info.IsDir() {
		return readFile(ctx, path, docIDFromPath(filepath.Base(path)), opt, yield)
	}
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			return yield(Item{Skip: "unreadable", Message: err.Error()})
		}
		if d.IsDir() {
			if p != path && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") || !d.Type().IsRegular() {
			return nil
		}
		rel, _ := filepath.Rel(path, p)
		return readFile(ctx, p, docIDFromPath(filepath.ToSlash(rel)), opt, yield)
	})
}

// docIDFromPath makes a document id from a file name: the name itself,
// extension included, as CONTRACT.md says (the id is the file name), so
// that report.txt and report.md in one folder are two documents; only a
// .gz is dropped (report.txt.gz is report.txt).
func docIDFromPath(p string) string {
	if q := strings.TrimSuffix(p, ".gz"); q != "" {
		return q
	}
	return p
}

func readFile(ctx context.Context, path, id string, opt FileOptions, yield func(Item) error) error {
	f, err := os.Open(path)
	if err != nil {
		return yield(Item{Skip: "unreadable", Message: err.Error()})
	}
	defer f.Close()
	day := opt.Date
	if st, err := f.Stat(); err == nil && day == "" && opt.FileDate {
		day = st.ModTime().UTC().Format(time.DateOnly)
	}
	noted := false // the file's lack of dates is noted once
	return ReadStream(ctx, f, path, id, opt, func(it Item) error {
		if it.Skip == "" && it.Doc.Date == "" {
			it.Doc.Date = day
			if day == "" {
				if !noted && it.Message == "" {
					noted = true
					it.Message = fmt.Sprintf("%s: documents without a date: their events are dated only where the text gives a day (give --date, or --file-date for the file's modification day)", path)
				}
			}
		}
		return yield(it)
	})
}

// ReadStream reads one stream named name: gzip is undone (within the size
// limit), UTF-16 with a byte-order mark turned into UTF-8, then the format
// is sniffed (docio.Sniff): an RSS or Atom feed, JSON Lines, a JSON array
// of documents, CSV (by the .csv extension) or else one document whose id
// is id: an HTML page's text, or plain text. PDF, ZIP and binary files are
// skipped with a message saying why.
func ReadStream(ctx context.Context, r io.Reader, name, id string, opt FileOptions, yield func(Item) error) error {
	lim := opt.Limits.withDefaults()
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(2)
	var src io.Reader = br
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return yield(Item{Skip: "corrupt gzip", Message: fmt.Sprintf("%s: %v", name, err)})
		}
		defer zr.Close()
		// The cap makes a gzip bomb an error, not an exhausted machine.
		br = bufio.NewReaderSize(&capReader{r: zr, n: lim.MaxFetchBytes}, 64<<10)
		src = br
	}
	head, _ = br.Peek(2)
	if len(head) == 2 && (head[0] == 0xff && head[1] == 0xfe || head[0] == 0xfe && head[1] == 0xff) {
		// UTF-16 with a byte-order mark (Windows tools write it): read as
		// UTF-8 from here on, for every format.
		dec := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(dec.Reader(br), 64<<10)
		src = br
	}
	head, _ = br.Peek(512)
	sniffName := strings.TrimSuffix(name, ".gz")
	kind, sure := docio.Sniff(sniffName, head)
	if !sure {
		// A long comment or doctype before the root element: look further.
		head, _ = br.Peek(br.Size())
		kind, _ = docio.Sniff(sniffName, head)
	}
	if opt.contentType != "" && kind == docio.KindText {
		if mt, _, _ := mime.ParseMediaType(opt.contentType); mt == "text/html" || mt == "application/xhtml+xml" {
			kind = docio.KindHTML
		}
	}
	switch kind {
	case docio.KindFeed:
		if r, ok := headerCharset(src, head, opt.contentType); ok {
			src = r
		}
		return readFeed(ctx, src, name, lim, yield)
	case docio.KindJSONL:
		return readJSONL(ctx, br, name, lim, yield)
	case docio.KindJSONArray:
		return readJSONArray(ctx, br, name, lim, yield)
	case docio.KindCSV:
		return readCSV(ctx, br, name, opt, yield)
	case docio.KindPDF, docio.KindZIP:
		return yield(Item{Skip: "unsupported format", Message: fmt.Sprintf("%s: %s", name, kind.Unsupported())})
	case docio.KindBinary:
		return yield(Item{Skip: "binary", Message: fmt.Sprintf("%s: %s", name, kind.Unsupported())})
	}
	data, err := io.ReadAll(&capReader{r: src, n: lim.MaxDocBytes})
	if errors.Is(err, errTooBig) {
		return yield(Item{Skip: "too large", Message: fmt.Sprintf("%s: document larger than %d bytes", name, lim.MaxDocBytes)})
	}
	if err != nil {
		return yield(Item{Skip: "unreadable", Message: fmt.Sprintf("%s: %v", name, err)})
	}
	if kind == docio.KindHTML {
		// The stored text is the page's text: event offsets point into it.
		title, text := docio.HTMLText(bytes.NewReader(data), opt.contentType)
		if why := validText(text); why != "" {
			return yield(Item{Skip: why, Message: fmt.Sprintf("%s: HTML page: %s", name, why)})
		}
		return yield(Item{Doc: faultline.Document{ID: id, Title: title, Text: text, Date: opt.Date, Source: opt.Source}})
	}
	text := string(data)
	if why := validText(text); why != "" {
		return yield(Item{Skip: why, Message: fmt.Sprintf("%s: %s", name, why)})
	}
	return yield(Item{Doc: faultline.Document{ID: id, Text: text, Date: opt.Date, Source: opt.Source}})
}

// readJSONL reads one document a line. Bad lines are skipped with a message
// naming the line; a line over the size limit is skipped without being held
// in memory.
func readJSONL(ctx context.Context, br *bufio.Reader, name string, lim Limits, yield func(Item) error) error {
	var buf []byte
	for line := 1; ; line++ {
		if line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				buf = append(buf, chunk...)
				if int64(len(buf)) > lim.MaxDocBytes {
					tooLong, buf = true, buf[:0]
				}
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			msg := fmt.Sprintf("%s:%d: %v", name, line, err)
			if errors.Is(err, errTooBig) {
				msg = fmt.Sprintf("%s:%d: decompressed data larger than %d bytes, rest ignored", name, line, lim.MaxFetchBytes)
			}
			return yield(Item{Skip: "unreadable", Message: msg})
		}
		switch {
		case tooLong:
			if yerr := yield(Item{Skip: "too large", Message: fmt.Sprintf("%s:%d: line longer than %d bytes", name, line, lim.MaxDocBytes)}); yerr != nil {
				return yerr
			}
		case len(bytes.TrimSpace(buf)) > 0:
			if yerr := yield(parseJSONLine(buf, name, line)); yerr != nil {
				return yerr
			}
		}
		if err == io.EOF {
			return nil
		}
	}
}

// parseJSONLine decodes one line with docio's decoder, so that ingest and
// 'faultline code' read the same documents (an id may be a number), and
// the common flat object takes docio's fast path, not encoding/json.
func parseJSONLine(b []byte, name string, line int) Item {
	d, err := docio.DecodeDocument(b)
	switch {
	case errors.Is(err, docio.ErrInvalidUTF8):
		return Item{Skip: "invalid UTF-8", Message: fmt.Sprintf("%s:%d: %v", name, line, err)}
	case err != nil:
		return Item{Skip: "not JSON", Message: fmt.Sprintf("%s:%d: not a JSON document: %v", name, line, err)}
	}
	if d.ID == "" {
		return Item{Skip: "no id", Message: fmt.Sprintf("%s:%d: no \"id\"", name, line)}
	}
	if why := validText(d.Text); why != "" {
		return Item{Skip: why, Message: fmt.Sprintf("%s:%d: %s", name, line, why)}
	}
	if d.Date != "" {
		day, ok := docio.NormalizeDate(d.Date)
		if !ok {
			msg := fmt.Sprintf("%s:%d: date %q is neither YYYY-MM-DD nor RFC 3339; ignored", name, line, d.Date)
			d.Date = ""
			return Item{Doc: d, Message: msg, BadDate: true}
		}
		d.Date = day
	}
	return Item{Doc: d}
}

// readJSONArray reads a JSON array of documents, each element as a JSON
// Lines line would be. A syntax error ends the array (JSON cannot resume
// after one) as one skipped item naming its line.
func readJSONArray(ctx context.Context, br *bufio.Reader, name string, lim Limits, yield func(Item) error) error {
	a := docio.NewArrayReader(br)
	for n := 1; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		raw, line, err := a.Next()
		switch {
		case err == io.EOF:
			return nil
		case errors.Is(err, errTooBig):
			return yield(Item{Skip: "unreadable", Message: fmt.Sprintf("%s:%d: decompressed data larger than %d bytes, rest ignored", name, line, lim.MaxFetchBytes)})
		case err != nil:
			return yield(Item{Skip: "not JSON", Message: fmt.Sprintf("%s:%d: %v", name, line, err)})
		case int64(len(raw)) > lim.MaxDocBytes:
			err = yield(Item{Skip: "too large", Message: fmt.Sprintf("%s:%d: array element longer than %d bytes", name, line, lim.MaxDocBytes)})
		default:
			err = yield(parseJSONLine(raw, name, line))
		}
		if err != nil {
			return err
		}
	}
}

// readCSV reads one document a row by the text column (FileOptions.
// TextColumn); a row without id gets "NAME:LINE".
func readCSV(ctx context.Context, br *bufio.Reader, name string, opt FileOptions, yield func(Item) error) error {
	c, err := docio.NewCSVReader(br, opt.TextColumn)
	if err != nil {
		return yield(Item{Skip: "no text", Message: fmt.Sprintf("%s:1: %v", name, err)})
	}
	for n := 1; ; n++ {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		d, line, err := c.Next()
		var it Item
		switch {
		case err == io.EOF:
			return nil
		case errors.Is(err, docio.ErrBadRow):
			it = Item{Skip: "not CSV", Message: fmt.Sprintf("%s:%d: %v", name, line, err)}
		case err != nil:
			return yield(Item{Skip: "unreadable", Message: fmt.Sprintf("%s:%d: %v", name, line, err)})
		default:
			if d.ID == "" {
				d.ID = fmt.Sprintf("%s:%d", filepath.Base(name), line)
			}
			if d.Source == "" {
				d.Source = opt.Source
			}
			it = Item{Doc: d}
			if d.Date != "" {
				if day, ok := docio.NormalizeDate(d.Date); ok {
					it.Doc.Date = day
				} else {
					it.Doc.Date, it.BadDate = "", true
					it.Message = fmt.Sprintf("%s:%d: date %q is neither YYYY-MM-DD nor RFC 3339; ignored", name, line, d.Date)
				}
			}
			if it.Doc.Date == "" {
				it.Doc.Date = opt.Date
			}
			if why := validText(d.Text + d.ID + d.Title + d.URL + d.Source); why == "invalid UTF-8" {
				it = Item{Skip: why, Message: fmt.Sprintf("%s:%d: %s", name, line, why)}
			} else if why := validText(d.Text); why != "" {
				it = Item{Skip: why, Message: fmt.Sprintf("%s:%d: %s", name, line, why)}
			}
		}
		if err := yield(it); err != nil {
			return err
		}
	}
}

// headerCharset decodes a fetched feed whose XML declaration names no
// encoding in the charset its Content-Type gives (the XML parser would
// read it as UTF-8). ok is false when there is nothing to do.
func headerCharset(src io.Reader, head []byte, contentType string) (io.Reader, bool) {
	if contentType == "" {
		return nil, false
	}
	_, params, err := mime.ParseMediaType(contentType)
	cs := strings.ToLower(params["charset"])
	if err != nil || cs == "" || cs == "utf-8" || cs == "utf8" {
		return nil, false
	}
	if decl, _, ok := bytes.Cut(bytes.TrimLeft(head, " \t\r\n\ufeff"), []byte("?>")); ok && bytes.HasPrefix(decl, []byte("<?xml")) && bytes.Contains(decl, []byte("encoding")) {
		return nil, false // the document says its encoding
	}
	enc, err := htmlindex.Get(cs)
	if err != nil || enc == unicode.UTF8 {
		return nil, false
	}
	return enc.NewDecoder().Reader(src), true
}
