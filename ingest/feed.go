package ingest

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	faultline "github.com/faultline/faultline"
)

// feed holds what we read of an RSS 2.0, RSS 1.0 (RDF) or Atom document:
// encoding/xml matches by local name, so one struct serves all three.
type feed struct {
	XMLName xml.Name
	Title   string     `xml:"title"`
	Channel feedChan   `xml:"channel"`
	Items   []rssItem  `xml:"item"`  // RSS 1.0 puts items beside the channel
	Entries []atomItem `xml:"entry"` // Atom
}

type feedChan struct {
	Title string    `xml:"title"`
	Items []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	Description string `xml:"description"`
	Content     string `xml:"encoded"` // content:encoded
	PubDate     string `xml:"pubDate"`
	Date        string `xml:"date"` // dc:date
}

type atomItem struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Links     []atomLink `xml:"link"`
	Summary   string     `xml:"summary"`
	Content   string     `xml:"content"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
}

// readFeed turns each feed item into a document: the title and the text of
// the description or content, without markup. A feed that does not parse is
// one skipped item with the parser's message and position.
func readFeed(ctx context.Context, r io.Reader, name string, lim Limits, yield func(Item) error) error {
	var f feed
	dec := xml.NewDecoder(&capReader{r: r, n: lim.MaxFetchBytes})
	dec.Strict = false
	dec.CharsetReader = charsetReader
	if err := dec.Decode(&f); err != nil {
		msg := fmt.Sprintf("%s: corrupt feed: %v", name, err)
		if errors.Is(err, errTooBig) {
			msg = fmt.Sprintf("%s: feed larger than %d bytes", name, lim.MaxFetchBytes)
		}
		return yield(Item{Skip: "corrupt feed", Message: msg})
	}
	source := strings.TrimSpace(f.Channel.Title)
	if source == "" {
		source = strings.TrimSpace(f.Title)
	}
	var docs []faultline.Document
	for _, it := range append(f.Channel.Items, f.Items...) {
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		id := firstNonEmpty(it.GUID, it.Link)
		date := it.PubDate
		if date == "" {
			date = it.Date
		}
		docs = append(docs, feedDoc(id, it.Title, body, it.Link, date, source))
	}
	for _, e := range f.Entries {
		body := e.Content
		if strings.TrimSpace(body) == "" {
			body = e.Summary
		}
		link := ""
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				link = l.Href
				break
			}
		}
		docs = append(docs, feedDoc(firstNonEmpty(e.ID, link), e.Title, body, link, firstNonEmpty(e.Published, e.Updated), source))
	}
	for i, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.ID == "" {
			// An item with neither guid nor link is named by its content.
			d.ID = "feed:" + ContentHash(d.Text)
		}
		it := Item{Doc: d}
		if why := validText(d.Text); why != "" {
			it = Item{Skip: why, Message: fmt.Sprintf("%s: item %d: %s", name, i+1, why)}
		}
		if err := yield(it); err != nil {
			return err
		}
	}
	return nil
}

func feedDoc(id, title, body, link, date, source string) faultline.Document {
	title = strings.TrimSpace(stripHTML(title))
	text := strings.TrimSpace(stripHTML(body))
	if title != "" && !strings.HasPrefix(text, title) {
		text = strings.TrimSpace(title + ". " + text)
	}
	return faultline.Document{ID: strings.TrimSpace(id), Text: text, Title: title, URL: strings.TrimSpace(link), Date: feedDate(date), Source: source}
}

// feedDate turns the date forms feeds use into YYYY-MM-DD, or "".
func feedDate(s string) string {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC1123Z, time.RFC1123, time.RFC3339, time.RFC3339Nano,
		"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04:05 -0700", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC().Format(time.DateOnly)
		}
	}
	return ""
}

// stripHTML removes tags and decodes entities, keeping block breaks as spaces.
func stripHTML(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// charsetReader decodes a feed's declared encoding into UTF-8. Labels are
// resolved as browsers do (the WHATWG encoding standard), so a feed that
// says ISO-8859-1 is read as windows-1252, which is what such feeds hold:
// curly quotes, dashes and the euro sign in 0x80-0x9F. UTF-16 streams were
// already turned into UTF-8 by ReadStream (they need a byte-order mark to
// be recognised at all), so their label changes nothing.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	switch enc {
	case unicode.UTF8, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM):
		return in, nil
	}
	return enc.NewDecoder().Reader(in), nil
}
