package docio

import (
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// HTMLText extracts the readable text of an HTML page with the HTML5
// tokenizer of golang.org/x/net/html: the text of the body, without
// scripts, styles, templates, forms' hidden parts or comments, entities
// decoded, each block element (paragraph, heading, list item, table cell,
// line break) its own line, runs of spaces inside a line made one. title
// is the page's <title>. The text is what is stored and coded, so event
// offsets point into it, not into the HTML.
//
// The page's encoding comes from a byte-order mark, a <meta> charset in
// its first 1024 bytes or contentType (an HTTP Content-Type, "" for none),
// else it is guessed as browsers do; the text is UTF-8.
func HTMLText(r io.Reader, contentType string) (title, text string) {
	if cr, err := charset.NewReader(r, contentType); err == nil {
		r = cr
	}
	z := html.NewTokenizer(r)
	var b, line, ttl strings.Builder
	skip := 0 // depth inside elements whose text is not content
	inTitle := false
	flush := func() {
		if s := strings.Join(strings.Fields(line.String()), " "); s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
		line.Reset()
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken: // io.EOF or a read error: the text so far
			flush()
			// Bytes invalid in the page's encoding become U+FFFD, as a
			// browser shows them: the text is always valid UTF-8.
			title = strings.ToValidUTF8(strings.Join(strings.Fields(ttl.String()), " "), "\uFFFD")
			return title, strings.ToValidUTF8(strings.TrimSpace(b.String()), "\uFFFD")
		case html.TextToken:
			switch {
			case inTitle:
				ttl.Write(z.Text())
			case skip == 0:
				line.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Math, atom.Iframe, atom.Object, atom.Select, atom.Textarea:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			case atom.Title:
				if skip == 0 { // an <svg> has titles of its own
					inTitle = tt == html.StartTagToken
				}
				continue
			}
			if block[a] {
				flush() // inline elements (b, a, span) join their text as written
			}
		}
	}
}

// block lists the elements that end a line of text.
var block = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Br: true,
	atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Header: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Table: true, atom.Td: true, atom.Th: true,
	atom.Tr: true, atom.Ul: true, atom.Body: true, atom.Caption: true, atom.Summary: true, atom.Details: true,
}
