package httpapi

import (
	"bytes"
	"errors"
	"net/http"
	"strconv"

	faultline "github.com/faultline/faultline"
	"github.com/faultline/faultline/cameo"
	"github.com/faultline/faultline/docio"
)

// exportView answers GET /api/v1/export: the events of the page's
// filters (see parseViewFilter) as a file, format csv, geojson or gdelt,
// at most limit (default and most: maxExport), in (date, id) order.
func (s *Server) exportView(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	vf, err := s.parseViewFilter(r.Context(), q)
	if err != nil {
		return err
	}
	format := q.Get("format")
	ef, ok := exportFormats[format]
	if !ok {
		return errorf(KindInvalid, "format is csv, geojson or gdelt")
	}
	limit := maxExport
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxExport {
			return errorf(KindInvalid, "limit is 1.."+strconv.Itoa(maxExport))
		}
		limit = n
	}
	var buf bytes.Buffer
	ex, err := docio.NewExporter(format, &buf)
	if err != nil {
		return err
	}
	f := vf.store
	if vf.country != "" {
		f.Country = vf.country
	}
	n := 0
	err = s.cfg.Store.Events(r.Context(), f, func(e faultline.StoredEvent) error {
		if !vf.anyModality && e.Modality != f.Modality {
			return nil
		}
		if !vf.matchEvent(&e) {
			return nil
		}
		if n == limit {
			return errPageFull
		}
		n++
		return ex.Write(&e)
	})
	if err != nil && !errors.Is(err, errPageFull) {
		return err
	}
	if err := ex.Close(); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", ef.contentType)
	h.Set("Content-Disposition", `attachment; filename="faultline-events.`+ef.ext+`"`)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Event-Count", strconv.Itoa(n))
	_, err = w.Write(buf.Bytes())
	return err
}

// codeName is a CAMEO event code and its name, for the page's filter.
type codeName struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Quad int    `json:"quad_class"`
}

// getCodes answers GET /api/v1/codes: every CAMEO event code of the
// project's table with its name.
func (s *Server) getCodes(w http.ResponseWriter, r *http.Request) error {
	all := cameo.All()
	out := make([]codeName, 0, len(all))
	for _, in := range all {
		out = append(out, codeName{Code: in.Code, Name: s.cfg.Names.Event(in.Code), Quad: in.QuadClass})
	}
	reply(w, http.StatusOK, out, "")
	return nil
}
