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
	"os"
	"path/filepath"
	"strings"
	"time"

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

// docIDFromPath makes a document id from a file name: without its
// extensions, as CONTRACT.md wants ("kosovo-2023.txt" is "kosovo-2023").
func docIDFromPath(p string) string {
	p = strings.TrimSuffix(p, ".gz")
	if ext := filepath.Ext(p); ext != "" && len(p) > len(ext) {
		p = strings.TrimSuffix(p, ext)
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
// limit), then the content is sniffed: an RSS or Atom feed, JSON Lines, or
// else one plain-text document whose id is id.
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
	kind, sure := sniff(head)
	if !sure {
		// A long comment or doctype before the root element: look further.
		head, _ = br.Peek(br.Size())
		kind, _ = sniff(head)
	}
	switch kind {
	case "feed":
		return readFeed(ctx, src, name, lim, yield)
	case "jsonl":
		return readJSONL(ctx, br, name, lim, yield)
	}
	data, err := io.ReadAll(&capReader{r: src, n: lim.MaxDocBytes})
	if errors.Is(err, errTooBig) {
		return yield(Item{Skip: "too large", Message: fmt.Sprintf("%s: document larger than %d bytes", name, lim.MaxDocBytes)})
	}
	if err != nil {
		return yield(Item{Skip: "unreadable", Message: fmt.Sprintf("%s: %v", name, err)})
	}
	text := string(data)
	if why := validText(text); why != "" {
		return yield(Item{Skip: why, Message: fmt.Sprintf("%s: %s", name, why)})
	}
	return yield(Item{Doc: faultline.Document{ID: id, Text: text, Date: opt.Date, Source: opt.Source}})
}

// sniff guesses a stream's format from its first bytes: "jsonl", "feed"
// (an XML document whose root element is rss, feed or RDF, whatever
// declaration, comments, processing instructions or doctype come first) or
// "text". sure is false when head ended inside the XML prolog.
func sniff(head []byte) (kind string, sure bool) {
	t := bytes.TrimLeft(head, " \t\r\n")
	t = bytes.TrimPrefix(t, []byte("\xef\xbb\xbf"))
	t = bytes.TrimLeft(t, " \t\r\n")
	switch {
	case bytes.HasPrefix(t, []byte("{")):
		return "jsonl", true
	case bytes.HasPrefix(t, []byte("<")):
		root, ok := rootElement(t)
		if !ok {
			return "text", false
		}
		if i := strings.LastIndexByte(root, ':'); i >= 0 {
			root = root[i+1:]
		}
		switch root {
		case "rss", "feed", "RDF", "rdf":
			return "feed", true
		}
	}
	return "text", true
}

// rootElement returns the name of the first element of an XML document,
// skipping the declaration, processing instructions, comments and a
// doctype (with its internal subset). ok is false when b ends first.
func rootElement(b []byte) (name string, ok bool) {
	for {
		b = bytes.TrimLeft(b, " \t\r\n")
		var end int
		switch {
		case len(b) == 0:
			return "", false
		case bytes.HasPrefix(b, []byte("<?")):
			end = bytes.Index(b, []byte("?>")) + 2
		case bytes.HasPrefix(b, []byte("<!--")):
			if i := bytes.Index(b[4:], []byte("-->")); i >= 0 {
				end = 4 + i + 3
			} else {
				end = 1
			}
		case bytes.HasPrefix(b, []byte("<!")):
			end = doctypeEnd(b)
		case b[0] == '<':
			n := bytes.IndexAny(b[1:], " \t\r\n/>")
			if n < 0 {
				return "", false
			}
			return string(b[1 : 1+n]), true
		default:
			return "", true // not XML
		}
		if end <= 1 {
			return "", false
		}
		b = b[end:]
	}
}

// doctypeEnd returns the length of the <!DOCTYPE ...> at the start of b,
// or 0 when b ends before it does.
func doctypeEnd(b []byte) int {
	depth := 0
	var quote byte
	for i := 2; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			return i + 1
		}
	}
	return 0
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
