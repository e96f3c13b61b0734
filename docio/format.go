package docio

import (
	"bytes"
	"path/filepath"
	"strings"
)

// Kind is the format of an input file, as Sniff tells it.
type Kind string

// The kinds of input. PDF, ZIP (Word, OpenDocument, archives) and other
// binary files are recognised only to be refused with a clear message.
const (
	KindJSONL     Kind = "jsonl"      // one JSON document a line
	KindJSONArray Kind = "json-array" // a JSON array of documents
	KindCSV       Kind = "csv"        // a header row and one document a row (by the .csv extension)
	KindFeed      Kind = "feed"       // an RSS or Atom feed
	KindHTML      Kind = "html"       // a web page: its text is the document
	KindText      Kind = "text"       // plain UTF-8 text: one document
	KindPDF       Kind = "pdf"
	KindZIP       Kind = "zip"
	KindBinary    Kind = "binary" // a NUL byte early on
)

// Unsupported says why a kind cannot be read, or "" when it can.
func (k Kind) Unsupported() string {
	switch k {
	case KindPDF:
		return "PDF is not supported: convert it to text first (for example pdftotext FILE.pdf)"
	case KindZIP:
		return "ZIP files (and .docx, .odt, .xlsx, which are ZIP) are not supported: save or convert the document as text first"
	case KindBinary:
		return "binary file (NUL byte in the first 8 KiB)"
	}
	return ""
}

// Sniff tells the format of a file from its name (only .csv is decided by
// name) and its first bytes (up to 64 KiB is enough; a UTF-8 byte-order
// mark is ignored). sure is false when head ended inside an XML or HTML
// prolog (comments, doctype) before the root element: the caller may look
// further. A file that is none of the others is text.
func Sniff(name string, head []byte) (kind Kind, sure bool) {
	t := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	t = bytes.TrimLeft(t, " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return KindPDF, true
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return KindZIP, true
	case strings.EqualFold(filepath.Ext(name), ".csv"):
		return KindCSV, true
	case bytes.HasPrefix(t, []byte("{")):
		return KindJSONL, true
	case bytes.HasPrefix(t, []byte("[")):
		return KindJSONArray, true
	case bytes.IndexByte(head[:min(len(head), 8<<10)], 0) >= 0:
		return KindBinary, true
	case bytes.HasPrefix(t, []byte("<")):
		root, ok := rootElement(t)
		if !ok {
			return KindText, false
		}
		if i := strings.LastIndexByte(root, ':'); i >= 0 {
			root = root[i+1:]
		}
		switch strings.ToLower(root) {
		case "rss", "feed", "rdf":
			return KindFeed, true
		case "html", "head", "body":
			return KindHTML, true
		}
		if ext := strings.ToLower(filepath.Ext(name)); ext == ".html" || ext == ".htm" {
			return KindHTML, true
		}
	}
	return KindText, true
}

// rootElement returns the name of the first element of an XML or HTML
// document, skipping the declaration, processing instructions, comments
// and a doctype (with its internal subset). ok is false when b ends first.
// <!DOCTYPE html> names its root: "html".
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
		case len(b) >= 14 && bytes.EqualFold(b[:14], []byte("<!DOCTYPE html")) && (len(b) == 14 || strings.IndexByte(" \t\r\n>", b[14]) >= 0):
			return "html", true
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
