package httpapi

import (
	"bytes"
	"net/http"
	"net/url"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/docio"
)

// exportFormat is how a docio export goes out over HTTP.
type exportFormat struct {
	contentType, ext string
}

// exportFormats are the file formats of GET /api/v1/events besides json;
// the writers are docio's, shared with `faultline events`.
var exportFormats = map[string]exportFormat{
	"csv":     {"text/csv; charset=utf-8", "csv"},
	"geojson": {"application/geo+json", "geojson"},
	"gdelt":   {"text/tab-separated-values; charset=utf-8", "tsv"},
}

// export writes a page of events as a file. The page is built in memory
// (at most maxExport events) so that the next page's cursor can go in the
// X-Next-Cursor and Link headers, which precede the body.
func (s *Server) export(w http.ResponseWriter, r *http.Request, format string, f faultline.EventFilter, cur *cursor, limit int) error {
	ef, ok := exportFormats[format]
	if !ok {
		return errorf(KindInvalid, "format is json, csv, geojson or gdelt")
	}
	var buf bytes.Buffer
	ex, err := docio.NewExporter(format, &buf)
	if err != nil {
		return err
	}
	next, err := s.page(r, f, cur, limit, func(e faultline.StoredEvent) error { return ex.Write(&e) })
	if err != nil {
		return err
	}
	if err := ex.Close(); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", ef.contentType)
	h.Set("Content-Disposition", `attachment; filename="events.`+ef.ext+`"`)
	h.Set("X-Content-Type-Options", "nosniff")
	if next != "" {
		h.Set("X-Next-Cursor", next)
		q := r.URL.Query()
		q.Set("cursor", next)
		h.Set("Link", "<"+(&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()+`>; rel="next"`)
	}
	_, err = w.Write(buf.Bytes())
	return err
}
